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
import { CostSource } from './consent/costs';
import { ConsentGate } from './consent/consentGate';
import { asksAgent, consentSpecFor, needsConsent, type Stakes } from './consent/stakes';
import type { ActionHandlers, ErrorPresenter, FailureResult } from './errors/presenter';
import { askInput, type DraftInput } from './input/askInput';
import { fieldsOf } from './input/fields';
import type { EntityKind, EntitySpec, Presentation, PresentationContext } from '../presentation/entry';
import { IdempotencyKeys, sendWithIdempotencyKey, type KeyStorage } from './idempotency';
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

/** A partial input, as a command or a tool is given it. */
export interface PartialInput { path?: Record<string, string>; query?: Record<string, unknown>; body?: Record<string, unknown> }

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
  | ({ readonly outcome: 'done'; readonly data: OutputOf<O>; readonly input: InputOf<O>; readonly stakes?: Stakes; readonly idempotencyKey?: string } & Shown)
  | { readonly outcome: 'dismissed'; readonly at: 'input' | 'consent'; readonly stakes?: Stakes }
  | { readonly outcome: 'unavailable'; readonly reason: string }
  | FailureResult;

/** What running an operation with this complete input would ask, without asking or sending
 *  (for an agent's request: every operation that is not read-only asks). */
export type Preview =
  | { readonly ok: true; readonly input: PartialInput; readonly stakes?: Stakes }
  | { readonly ok: false; readonly error: unknown; readonly unavailable?: string };

export class Pipeline {
  readonly consent: ConsentGate;
  readonly costs: CostSource;
  /** Keys of attempts whose answer was lost (see idempotency.ts). */
  readonly idempotency: IdempotencyKeys;

  constructor(private readonly deps: PipelineDeps) {
    this.idempotency = new IdempotencyKeys(deps.keyStorage);
    this.consent = new ConsentGate(deps.testMode);
    this.costs = new CostSource(deps.client, deps.balance);
  }

  presentationOf(op: Operation): Presentation | undefined {
    return this.deps.presentationOf(op);
  }

  async run<O extends Operation>(op: O, request: RunRequest = {}): Promise<RunResult<O>> {
    const { deps } = this;
    const presentation = deps.presentationOf(op);
    const labels = fieldLabels(op, presentation);
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
        const asked = await askInput({
          op, presentation,
          title: t('KallyAI: {0}', t(presentation?.command?.title ?? op.summary)),
          client: deps.client,
          entity: deps.entity,
          defaultCountry: deps.settings().defaultCountry,
          askOptional: request.input === undefined,
          describe: (e) => deps.errors.describe(e).sentence,
        }, draft);
        if (!asked) return { outcome: 'dismissed', at: 'input' };
        Object.assign(draft, asked.input);
        for (const [k, v] of asked.picked) picked.set(k, v);
      }
      // 2. Validate locally: bad input never reaches the network.
      const input = compact(draft) as InputOf<O>;
      goalId ??= goalIdOf(op, presentation, draft);
      prepareRequest(op, input);
      sent = input as PartialInput;
      const many = request.targets && request.targets.length > 1 && presentation?.many ? request.targets : undefined;
      const ctx = await this.contextFor(op, presentation, input, request.target?.value ?? [...picked.values()][0], many);
      known = ctx as PresentationContext;
      const unavailable = presentation?.unavailable?.(ctx as never);
      if (unavailable) {
        void info(notificationText(unavailable));
        return { outcome: 'unavailable', reason: unavailable };
      }
      // 3. Consent by the one rule (and, for an agent, before any change).
      let stakes: Stakes | undefined;
      if (needsConsent(op) || (request.agent === true && asksAgent(op))) {
        stakes = await this.stakesFor(op, presentation, ctx);
        if (request.stakes) stakes = request.stakes(stakes);
        const inline = request.inlineConsent === true && !op.contactsPeople && !op.irreversible;
        const agreed = request.consentedTo !== undefined && sameQuestion(request.consentedTo, stakes);
        const yes = await this.consent.ask(stakes, { preConfirmed: request.confirmed === true, given: inline || agreed });
        if (!yes) return { outcome: 'dismissed', at: 'consent', stakes };
      }
      // 4–5. Progress (cancellable) and execute.
      const progressTitle = t(presentation?.progress ?? op.summary);
      let idempotencyKey: string | undefined;
      const execute = (signal?: AbortSignal): Promise<unknown> => {
        if (many && presentation?.many) {
          return deps.client.execute(presentation.many.op, presentation.many.input(many.map((x) => x.id)) as never, { signal, timeoutMs: request.timeoutMs });
        }
        return deps.client.execute(op, input, { signal, idempotencyKey, timeoutMs: request.timeoutMs });
      };
      const send = async (): Promise<OutputOf<O>> => (request.runner
        ? await request.runner(execute)
        : await withOperationProgress(progressTitle, request.viewId, request.signal, execute)) as OutputOf<O>;
      // A creating request carries the key of an earlier attempt whose answer was lost (kept across
      // reloads), so a repeat never acts twice.
      const data: OutputOf<O> = op.creates
        ? (await sendWithIdempotencyKey(this.idempotency, { opId: op.id, input, given: request.idempotencyKey }, (key) => {
          idempotencyKey = key;
          return send();
        }, (e) => deps.errors.describe(e).code)).data
        : await send();
      deps.log.info(`${op.id} done`);
      deps.completed?.(op.id);
      // 6. Refresh exactly what it changed.
      const changed = new Set<Resource>([...op.changes, ...(many && presentation?.many ? presentation.many.op.changes : [])]);
      void deps.refresh([...changed]);
      // 7. Present the result (and its follow-up, such as marking a message read).
      const ownEntity = op.pathParams.some((p) => {
        const kind = presentation?.params?.[p]?.entity;
        return kind !== undefined && deps.entity(kind)?.getOp === op.id;
      });
      const resultCtx = { ...ctx, data, target: ctx.target ?? (ownEntity ? data : undefined) };
      const shown = request.quiet || !presentation ? {} : await presentResult(presentation.result as never, resultCtx as never, { documents: deps.documents, log: deps.log, saveTo: request.saveTo, openPage: deps.openPage, viewVisible: deps.viewVisible });
      // The follow-up belongs to showing the result to the person (a message shown is marked
      // read): a quiet run (a tool reading for a model, chat) does not mark anything.
      if (!request.quiet && presentation?.followUp?.when(resultCtx as never)) {
        void this.run(presentation.followUp.op, { input: presentation.followUp.input(resultCtx as never) as PartialInput, interactive: false, quiet: true });
      }
      return { outcome: 'done', data, input, stakes, idempotencyKey, ...shown };
    } catch (e) {
      return fail(recoded(e, presentation, known));
    }
  }

  /** The buttons of an error that act where it happened, under the caller's own: Approve Budget
   *  and Acknowledge Cap act on the goal the request was about (asking first, naming the amount),
   *  Retry sends the same request again (a flagged one asks again). */
  private errorHandlers(op: Operation, request: RunRequest, goalId: string | undefined, sent: PartialInput | undefined): ActionHandlers {
    const onGoal = (budgetOp: Operation) => (goalId ? () => this.run(budgetOp, { target: { kind: 'goal', id: goalId }, viewId: request.viewId }) : undefined);
    const defaults: ActionHandlers = {
      approveBudget: onGoal(ops.budget.approve),
      acknowledgeSoftCap: onGoal(ops.budget.acknowledgeSoftCap),
      // Retry sends the input as it was checked without asking for it again; the consent, if any, is
      // asked again, and a creating request keeps its Idempotency-Key.
      retry: () => this.run(op, { ...request, input: sent ?? request.input, ...(sent ? { interactive: false } : {}), confirmed: undefined, consentedTo: undefined }),
    };
    return { ...defaults, ...request.handlers };
  }

  /** What running the operation with this input would ask, without asking anything or sending
   *  it: the input is validated as `run` validates it, and the stakes of what asks are
   *  computed (the chat tools' confirmation). Reads only (the target, the estimate, the balance). */
  async preview<O extends Operation>(op: O, request: Pick<RunRequest, 'input' | 'target' | 'agent'>): Promise<Preview> {
    const presentation = this.deps.presentationOf(op);
    try {
      const input = compact(startDraft(op, presentation, request)) as InputOf<O>;
      prepareRequest(op, input);
      const ctx = await this.contextFor(op, presentation, input, request.target?.value, undefined);
      const unavailable = presentation?.unavailable?.(ctx as never);
      if (unavailable) return { ok: false, error: new Error(unavailable), unavailable };
      const asks = needsConsent(op) || (request.agent === true && asksAgent(op));
      return { ok: true, input: input as PartialInput, stakes: asks ? await this.stakesFor(op, presentation, ctx) : undefined };
    } catch (error) {
      return { ok: false, error };
    }
  }

  private async contextFor<O extends Operation>(op: O, presentation: Presentation | undefined, input: InputOf<O>, target: unknown, many: RunRequest['targets']): Promise<PresentationContext<O>> {
    return {
      input,
      client: this.deps.client,
      baseUrl: this.deps.settings().apiBaseUrl,
      target: target ?? (await this.resolveTarget(op, presentation, input)),
      targets: many?.map((x) => x.value),
    };
  }

  /** The stakes the consent names for this operation and input. */
  async stakesFor<O extends Operation>(op: O, presentation: Presentation | undefined, ctx: PresentationContext<O>): Promise<Stakes> {
    const spec = consentSpecFor(op, presentation) as Presentation['consent'] & object;
    const detail = spec.detail ? withinSeconds(spec.detail(ctx as PresentationContext), DETAIL_TIMEOUT_MS) : undefined;
    return this.costs.stakes(op, spec, ctx as PresentationContext, detail);
  }

  /** The entity an id names, fetched when the caller gave only the id (a test, a chat tool). */
  private async resolveTarget(op: Operation, presentation: Presentation | undefined, input: { path?: Record<string, string> }): Promise<unknown> {
    for (const name of op.pathParams) {
      const kind = presentation?.params?.[name]?.entity;
      const id = input.path?.[name];
      const entity = kind ? this.deps.entity(kind) : undefined;
      if (!entity || !id) continue;
      // This operation fetches the entity itself: its answer is the target (no second request).
      if (entity.getOp === op.id) return undefined;
      try {
        if (entity.get) return await entity.get(this.deps.client, id);
        return (await entity.list(this.deps.client)).find((item) => entity.id(item as never) === id);
      } catch (e) {
        this.deps.log.debug(`${op.id}: could not read ${kind} ${id}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return undefined;
  }
}

function startDraft(op: Operation, presentation: Presentation | undefined, request: Pick<RunRequest, 'input' | 'target' | 'targets'>): DraftInput {
  const defaults = (presentation?.defaults?.() ?? {}) as PartialInput;
  const given = request.input ?? {};
  const draft: DraftInput = {
    path: { ...defaults.path, ...given.path },
    query: { ...defaults.query, ...given.query },
    body: { ...defaults.body, ...given.body },
  };
  const target = request.target ?? request.targets?.[0];
  if (target) {
    const params = presentation?.params ?? {};
    const name = op.pathParams.find((p) => params[p]?.entity === target.kind) ?? (op.pathParams.length === 1 && !params[op.pathParams[0]]?.entity ? op.pathParams[0] : undefined);
    if (name && !draft.path[name]) draft.path[name] = target.id;
    for (const p of op.pathParams) {
      const read = params[p]?.fromTarget?.[target.kind] as ((value: unknown) => string | null | undefined) | undefined;
      const id = read?.(target.value);
      if (id && !draft.path[p]) draft.path[p] = id;
    }
    if (!name && op.pathParams.length === 0 && presentation?.targetInput && request.input === undefined) {
      const ids = (request.targets && request.targets.length > 1 ? request.targets : [target]).map((x) => x.id);
      const fromTargets = presentation.targetInput(ids) as PartialInput;
      Object.assign(draft.body, fromTargets.body);
      Object.assign(draft.query, fromTargets.query);
    }
  }
  return draft;
}

/** The goal a request names in its path (a goal's own operation, its budget's). */
function goalIdOf(op: Operation, presentation: Presentation | undefined, draft: DraftInput): string | undefined {
  const name = op.pathParams.find((p) => presentation?.params?.[p]?.entity === 'goal');
  return name ? draft.path[name] || undefined : undefined;
}

function isIncomplete(op: Operation, presentation: Presentation | undefined, draft: DraftInput, request: RunRequest): boolean {
  if (op.pathParams.some((p) => !draft.path[p])) return true;
  const optional = new Set(request.input === undefined ? presentation?.ask ?? [] : []);
  return fieldsOf(op, presentation).some((f) => !f.spec?.hidden && draft[f.where][f.name] === undefined && (f.required || optional.has(f.name)));
}

/** Drops empty parts: an operation without a body gets no `body: {}`. */
function compact(draft: DraftInput): PartialInput {
  const out: PartialInput = {};
  if (Object.keys(draft.path).length) out.path = draft.path;
  if (Object.keys(draft.query).length) out.query = draft.query;
  if (Object.keys(draft.body).length) out.body = draft.body;
  return out;
}

/** The person agreed to the same question (the figures in it may have moved since). */
function sameQuestion(a: Stakes, b: Stakes): boolean {
  return a.opId === b.opId && a.question === b.question && a.whom === b.whom && a.lines[0] === b.lines[0];
}

function fieldLabels(op: Operation, presentation: Presentation | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [name, spec] of Object.entries(presentation?.fields ?? {})) labels[name] = t(spec.label);
  for (const [name, spec] of Object.entries(presentation?.params ?? {})) if (spec.label) labels[name] = t(spec.label);
  void op;
  return labels;
}

/** The error as this operation's entry reads it for its target (src/presentation/entry.ts `errorCode`). */
function recoded(e: unknown, presentation: Presentation | undefined, ctx: PresentationContext | undefined): unknown {
  if (!isKallyApiError(e) || !presentation?.errorCode || !ctx) return e;
  const code = presentation.errorCode(e.code, ctx as never);
  return code && code !== e.code ? new KallyApiError({ code, status: e.status, serverMessage: e.serverMessage, correlationId: e.correlationId, cause: e }) : e;
}

/** How long a consent waits for its detail line (src/presentation/entry.ts `detail`). */
const DETAIL_TIMEOUT_MS = 4_000;

/** The answer, or undefined when it fails or takes longer than `ms`. */
function withinSeconds<T>(answer: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    answer.then((v) => resolve(v), () => resolve(undefined)).finally(() => clearTimeout(timer));
  });
}
