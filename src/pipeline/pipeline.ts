/** The one pipeline every action runs through — palette commands, view items, pages, the chat
 *  participant and the language-model tools:
 *    ask for what is missing → validate locally → consent by the one rule → progress
 *    (cancellable) → execute → refresh what changed → present the result, or the error.
 *  Bad input never reaches the network; a flagged operation never runs without a person's yes,
 *  and an agent's request changes nothing without one. */
import { ops } from '../api/catalogue';
import type { KallyClient } from '../api/client';
import { isKallyApiError, KallyApiError } from '../api/errors';
import type { InputOf, Operation, OutputOf } from '../api/operation';
import { prepareRequest } from '../api/requestInput';
import type { Resource } from '../api/resources';
import type { Documents } from '../documents';
import { t } from '../format';
import type { Log } from '../platform/log';
import type { PageKind } from '../presentation/pageKinds';
import type { Settings } from '../platform/settings';
import type { CostSource } from './consent/costs';
import { ConsentGate } from './consent/consentGate';
import type { Stakes } from './consent/stakes';
import type { ActionHandlers, ErrorPresenter, FailureResult } from './errors/presenter';
import { askInput } from './input/askInput';
import { fieldsOf } from './input/fields';
import type { EntityKind, EntitySpec, Presentation, PresentationContext } from '../presentation/entry';
import type { IdempotencyKeys, KeyStorage } from './idempotency';
import {
  asks,
  compact,
  fieldLabels,
  OperationRequests,
  sameQuestion,
  startDraft,
  type DraftInput,
  type PartialInput,
  type Preview,
} from './operationRequest';
import { withOperationProgress } from './progress';
import { presentResult, type Shown } from './results/presentResult';
import { notificationText } from '../format/sinks';
import { info } from '../platform/notify';

export interface PipelineDeps {
  readonly client: KallyClient;
  readonly log: Log;
  readonly settings: () => Settings;
  readonly documents: Documents;
  readonly errors: ErrorPresenter;
  readonly testMode: boolean;
  /** Refreshes the views that show these kinds of data. */
  refresh(resources: readonly Resource[]): Promise<void>;
  /** The credit balance the views already hold, if any. */
  balance(): number | undefined;
  presentationOf(op: Operation): Presentation | undefined;
  entity(kind: EntityKind): EntitySpec<unknown> | undefined;
  isSignedIn(): boolean;
  /** Opens (or reveals) the page of a thing. */
  openPage(kind: PageKind, id: string, initial?: unknown): Promise<unknown>;
  /** Where the Idempotency-Keys of lost answers are kept across reloads (globalState); in memory when absent. */
  readonly keyStorage?: KeyStorage;
  /** An operation went through (whoever ran it: a command, a page, chat, a tool). */
  completed?(opId: string): void;
  /** Whether a view is on screen (a result does not offer to show a view already shown). */
  viewVisible?(view: string): boolean;
}

export type { PartialInput, Preview } from './operationRequest';

export interface RunRequest {
  readonly input?: PartialInput;
  /** The entity the action was started on (a tree item, a page): its id fills the matching path parameter. */
  readonly target?: { readonly kind: EntityKind; readonly id: string; readonly value?: unknown };
  /** Several selected entities (multi-selection): the presentation's `many` operation runs once for all. */
  readonly targets?: ReadonlyArray<{ readonly kind: EntityKind; readonly id: string; readonly value?: unknown }>;
  /** May ask for missing input (default true). Chat tools and tests pass everything. */
  readonly interactive?: boolean;
  /** Test seam: the consent is recorded but not shown. Honoured only in the test host. */
  readonly confirmed?: boolean;
  /** A consent the caller already obtained in its own words (the call wizard's modal is built by
   *  the pipeline too: pass its Stakes here to show them instead of the entry's). */
  readonly stakes?: (base: Stakes) => Stakes;
  /** The person typed this request in a prompt that named its stakes (Ask's input box, a chat
   *  message they wrote): that is the consent. Honoured only for operations that cost credits and
   *  neither contact anyone nor are irreversible; any other flagged operation still asks. */
  readonly inlineConsent?: boolean;
  /** The person already agreed to these stakes in VS Code's own confirmation (a chat tool's
   *  confirmation, built by `preview`). Counts only if the stakes computed now ask the same
   *  question; otherwise the modal asks. */
  readonly consentedTo?: Stakes;
  /** An agent asked for this (a language-model tool), not the person: every operation that is
   *  not read-only asks, flagged or not (`asksAgent`). */
  readonly agent?: boolean;
  /** The view whose progress bar shows the work. */
  readonly viewId?: string;
  readonly signal?: AbortSignal;
  /** Do not show the result (the caller shows it: chat, tools, the call wizard). */
  readonly quiet?: boolean;
  /** The Idempotency-Key of an operation that creates something. By default a new key, or the key
   *  of an earlier attempt with the same input whose answer was lost (so a repeat never acts twice). */
  readonly idempotencyKey?: string;
  /** Error buttons that depend on the caller (Retry, Edit Request). */
  readonly handlers?: ActionHandlers;
  readonly timeoutMs?: number;
  /** Runs the request itself instead of the standard progress (the call wizard follows the live
   *  call and offers to stop it); `execute` sends it once. */
  /** Errors the caller recovers from itself (not shown): return true to take it over. */
  readonly recover?: (error: unknown) => boolean;
  /** Where a file result is saved (a URI string) instead of asking with a dialog. */
  readonly saveTo?: string;
  readonly runner?: (execute: (signal?: AbortSignal) => Promise<unknown>) => Promise<unknown>;
}

export type RunResult<O extends Operation = Operation> =
  | ({
      readonly outcome: 'done';
      readonly data: OutputOf<O>;
      readonly input: InputOf<O>;
      readonly stakes?: Stakes;
      readonly idempotencyKey?: string;
    } & Shown)
  | { readonly outcome: 'dismissed'; readonly at: 'input' | 'consent'; readonly stakes?: Stakes }
  | { readonly outcome: 'unavailable'; readonly reason: string }
  | FailureResult;

export class Pipeline {
  readonly consent: ConsentGate;
  /** Validation, the target, the stakes and sending once: the part the MCP server shares. */
  readonly requests: OperationRequests;

  constructor(private readonly deps: PipelineDeps) {
    this.consent = new ConsentGate(deps.testMode);
    this.requests = new OperationRequests({
      client: deps.client,
      baseUrl: () => deps.settings().apiBaseUrl,
      presentationOf: deps.presentationOf,
      entity: deps.entity,
      balance: deps.balance,
      keyStorage: deps.keyStorage,
      debug: (m) => deps.log.debug(m),
    });
  }

  get costs(): CostSource {
    return this.requests.costs;
  }

  /** Keys of attempts whose answer was lost (see idempotency.ts). */
  get idempotency(): IdempotencyKeys {
    return this.requests.idempotency;
  }

  presentationOf(op: Operation): Presentation | undefined {
    return this.deps.presentationOf(op);
  }

  async run<O extends Operation>(op: O, request: RunRequest = {}): Promise<RunResult<O>> {
    const { deps } = this;
    const presentation = deps.presentationOf(op);
    const labels = fieldLabels(presentation);
    // What the error's button acts on: the goal of the request, the input as it was sent.
    let goalId = request.target?.kind === 'goal' ? request.target.id : undefined;
    let sent: PartialInput | undefined;
    const fail = (e: unknown) => {
      if (request.recover?.(e)) {
        const view = deps.errors.describe(e, labels);
        return { outcome: 'failed' as const, code: view.code, message: view.sentence, action: view.action.kind };
      }
      return deps.errors.show(e, this.errorHandlers(op, request, goalId, sent), labels);
    };
    if (op.auth === 'bearer' && !deps.isSignedIn()) {
      return fail(new KallyApiError({ code: 'missing_token', status: 0, message: `${op.id}: not signed in` }));
    }
    let known: PresentationContext | undefined;
    try {
      // 1. Ask for what is missing.
      const draft = startDraft(op, presentation, request);
      const picked = new Map<string, unknown>();
      if (request.interactive !== false && isIncomplete(op, presentation, draft, request)) {
        const asked = await askInput(
          {
            op,
            presentation,
            title: t('KallyAI: {0}', t(presentation?.command?.title ?? op.summary)),
            client: deps.client,
            entity: deps.entity,
            defaultCountry: deps.settings().defaultCountry,
            askOptional: request.input === undefined,
            describe: (e) => deps.errors.describe(e).sentence,
          },
          draft,
        );
        if (!asked) return { outcome: 'dismissed', at: 'input' };
        Object.assign(draft, asked.input);
        for (const [k, v] of asked.picked) picked.set(k, v);
      }
      // 2. Validate locally: bad input never reaches the network.
      const input = compact(draft) as InputOf<O>;
      goalId ??= goalIdOf(op, presentation, draft);
      // The one check of the request's schema on this path: the client is handed the prepared
      // request and does not check it again (client.execute, for callers from code, does).
      const prepared = prepareRequest(op, input);
      sent = input as PartialInput;
      const many = request.targets && request.targets.length > 1 && presentation?.many ? request.targets : undefined;
      const ctx = await this.requests.contextFor(
        op,
        presentation,
        input,
        request.target?.value ?? [...picked.values()][0],
        many,
      );
      known = ctx as PresentationContext;
      const unavailable = presentation?.unavailable?.(ctx as never);
      if (unavailable) {
        void info(notificationText(unavailable));
        return { outcome: 'unavailable', reason: unavailable };
      }
      // 3. Consent by the one rule (and, for an agent, before any change).
      let stakes: Stakes | undefined;
      if (asks(op, request.agent === true)) {
        stakes = await this.requests.stakesFor(op, presentation, ctx);
        if (request.stakes) stakes = request.stakes(stakes);
        const inline = request.inlineConsent === true && !op.contactsPeople && !op.irreversible;
        const agreed = request.consentedTo !== undefined && sameQuestion(request.consentedTo, stakes);
        const yes = await this.consent.ask(stakes, {
          preConfirmed: request.confirmed === true,
          given: inline || agreed,
        });
        if (!yes) return { outcome: 'dismissed', at: 'consent', stakes };
      }
      // 4–5. Progress (cancellable) and execute, once (a creating request carries the key of an
      // earlier attempt whose answer was lost, kept across reloads, so a repeat never acts twice).
      const progressTitle = t(presentation?.progress ?? op.summary);
      const outcome = await this.requests.send(op, input, prepared, {
        signal: request.signal,
        timeoutMs: request.timeoutMs,
        idempotencyKey: request.idempotencyKey,
        instead:
          many && presentation?.many
            ? (signal) =>
                deps.client.execute(presentation.many!.op, presentation.many!.input(many.map((x) => x.id)) as never, {
                  signal,
                  timeoutMs: request.timeoutMs,
                })
            : undefined,
        runner:
          request.runner ??
          ((execute) => withOperationProgress(progressTitle, request.viewId, request.signal, execute)),
        codeOf: (e) => deps.errors.describe(e).code,
      });
      const { data, idempotencyKey } = outcome;
      deps.log.info(`${op.id} done`);
      deps.completed?.(op.id);
      // 6. Refresh exactly what it changed.
      const changed = new Set<Resource>([
        ...op.changes,
        ...(many && presentation?.many ? presentation.many.op.changes : []),
      ]);
      void deps.refresh([...changed]);
      // 7. Present the result (and its follow-up, such as marking a message read).
      const ownEntity = op.pathParams.some((p) => {
        const kind = presentation?.params?.[p]?.entity;
        return kind !== undefined && deps.entity(kind)?.getOp === op.id;
      });
      const resultCtx = { ...ctx, data, target: ctx.target ?? (ownEntity ? data : undefined) };
      const shown =
        request.quiet || !presentation
          ? {}
          : await presentResult(presentation.result as never, resultCtx as never, {
              documents: deps.documents,
              log: deps.log,
              saveTo: request.saveTo,
              openPage: deps.openPage,
              viewVisible: deps.viewVisible,
            });
      // The follow-up belongs to showing the result to the person (a message shown is marked
      // read): a quiet run (a tool reading for a model, chat) does not mark anything.
      if (!request.quiet && presentation?.followUp?.when(resultCtx as never)) {
        void this.run(presentation.followUp.op, {
          input: presentation.followUp.input(resultCtx as never) as PartialInput,
          interactive: false,
          quiet: true,
        });
      }
      return { outcome: 'done', data, input, stakes, idempotencyKey, ...shown };
    } catch (e) {
      return fail(recoded(e, presentation, known));
    }
  }

  /** The buttons of an error that act where it happened, under the caller's own: Approve Budget
   *  and Acknowledge Cap act on the goal the request was about (asking first, naming the amount),
   *  Retry sends the same request again (a flagged one asks again). */
  private errorHandlers(
    op: Operation,
    request: RunRequest,
    goalId: string | undefined,
    sent: PartialInput | undefined,
  ): ActionHandlers {
    const onGoal = (budgetOp: Operation) =>
      goalId ? () => this.run(budgetOp, { target: { kind: 'goal', id: goalId }, viewId: request.viewId }) : undefined;
    const defaults: ActionHandlers = {
      approveBudget: onGoal(ops.budget.approve),
      acknowledgeSoftCap: onGoal(ops.budget.acknowledgeSoftCap),
      // Retry sends the input as it was checked without asking for it again; the consent, if any, is
      // asked again, and a creating request keeps its Idempotency-Key.
      retry: () =>
        this.run(op, {
          ...request,
          input: sent ?? request.input,
          ...(sent ? { interactive: false } : {}),
          confirmed: undefined,
          consentedTo: undefined,
        }),
    };
    return { ...defaults, ...request.handlers };
  }

  /** What running the operation with this input would ask, without asking anything or sending
   *  it: the input is validated as `run` validates it, and the stakes of what asks are
   *  computed (the chat tools' confirmation). Reads only (the target, the estimate, the balance). */
  preview<O extends Operation>(op: O, request: Pick<RunRequest, 'input' | 'target' | 'agent'>): Promise<Preview> {
    return this.requests.preview(op, request);
  }
}

/** The goal a request names in its path (a goal's own operation, its budget's). */
function goalIdOf(op: Operation, presentation: Presentation | undefined, draft: DraftInput): string | undefined {
  const name = op.pathParams.find((p) => presentation?.params?.[p]?.entity === 'goal');
  return name ? draft.path[name] || undefined : undefined;
}

function isIncomplete(
  op: Operation,
  presentation: Presentation | undefined,
  draft: DraftInput,
  request: RunRequest,
): boolean {
  if (op.pathParams.some((p) => !draft.path[p])) return true;
  const optional = new Set(request.input === undefined ? (presentation?.ask ?? []) : []);
  return fieldsOf(op, presentation).some(
    (f) => !f.spec?.hidden && draft[f.where][f.name] === undefined && (f.required || optional.has(f.name)),
  );
}

/** The error as this operation's entry reads it for its target (src/presentation/entry.ts `errorCode`). */
function recoded(e: unknown, presentation: Presentation | undefined, ctx: PresentationContext | undefined): unknown {
  if (!isKallyApiError(e) || !presentation?.errorCode || !ctx) return e;
  const code = presentation.errorCode(e.code, ctx as never);
  return code && code !== e.code
    ? new KallyApiError({
        code,
        status: e.status,
        serverMessage: e.serverMessage,
        correlationId: e.correlationId,
        cause: e,
      })
    : e;
}
