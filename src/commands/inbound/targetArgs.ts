/** The arguments the receptionist's hand-written commands accept: a view item, an id, or an object
 *  from code (tests, pages, notifications). Their forms run on src/platform/formSteps.ts, their
 *  phone numbers are asked by src/pipeline/input/askPhone.ts. */
import * as z from 'zod/mini';
import { parseArgs } from '../../pipeline/commandArgs';

/** What a hand-written command was started on or given. */
export interface CommandTarget<V> {
  readonly id?: string;
  /** The entity, when it came from a view item (else read by the command). */
  readonly value?: V;
  readonly body?: Record<string, unknown>;
  readonly confirmed: boolean;
}

const objectArgs = z.strictObject({
  id: z.optional(z.string().check(z.minLength(1))),
  body: z.optional(z.record(z.string(), z.unknown())),
  confirmed: z.optional(z.boolean()),
});

/** A view item (its `target`), a bare id, or `{ id?, body?, confirmed? }`. */
export function targetArgs<V>(command: string, raw: unknown): CommandTarget<V> {
  if (raw && typeof raw === 'object' && 'item' in raw && 'kind' in raw) {
    const target = (raw as { target?: { id?: unknown; value?: unknown } }).target;
    return {
      id: typeof target?.id === 'string' ? target.id : undefined,
      value: target?.value as V | undefined,
      confirmed: false,
    };
  }
  if (typeof raw === 'string') return { id: raw, confirmed: false };
  const a = parseArgs(command, objectArgs, raw);
  return { id: a.id, body: a.body, confirmed: a.confirmed === true };
}
