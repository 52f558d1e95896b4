/** The one filter of a view's list by one value of a closed set (mail by classification, the
 *  inbox by channel): the choice given by code ('spam', 'sms', 'all'), else picked from "All" and
 *  the values with the one shown now marked. A value outside the set is refused with a sentence,
 *  and the view is not asked to load. */
import { t } from '../../format';
import { notificationText } from '../../format/sinks';
import type { FailureResult } from '../../pipeline/errors/presenter';
import { warn } from '../../platform/notify';
import { pickItems, pickOne } from '../../platform/quickInput';

const ALL = 'all';

export interface ListFilterSpec<V extends string> {
  readonly values: readonly V[];
  /** The value shown now; undefined for all. */
  readonly current: V | undefined;
  /** "All mail" for undefined, else the value's label. */
  label(value: V | undefined): string;
  readonly title: string;
  readonly placeholder: string;
  /** The sentence for a value outside the set. */
  invalid(given: string): string;
}

/** The value chosen (undefined: all), dismissed, or a refused value. */
export async function chooseListFilter<V extends string>(
  arg: unknown,
  spec: ListFilterSpec<V>,
): Promise<{ outcome: 'chosen'; value: V | undefined } | { outcome: 'dismissed' } | FailureResult> {
  let chosen: string | undefined;
  if (typeof arg === 'string') chosen = arg.trim().toLowerCase();
  else {
    const current = spec.current ?? ALL;
    const picked = await pickOne<string>({
      title: spec.title,
      placeholder: spec.placeholder,
      items: pickItems(
        [ALL, ...spec.values].map((v) => ({
          label: spec.label(v === ALL ? undefined : (v as V)),
          description: v === current ? t('shown now') : undefined,
          value: v,
        })),
      ),
      active: current,
    });
    if (!picked) return { outcome: 'dismissed' };
    chosen = picked;
  }
  if (chosen === ALL) return { outcome: 'chosen', value: undefined };
  if ((spec.values as readonly string[]).includes(chosen)) return { outcome: 'chosen', value: chosen as V };
  const message = spec.invalid(chosen);
  void warn(notificationText(message));
  return { outcome: 'failed', code: 'invalid_input', message, action: 'editRequest' };
}
