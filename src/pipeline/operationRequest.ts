/** The half of the pipeline that needs no person in front of a screen, so that the pipeline in VS
 *  Code and the MCP server (src/mcp, plain Node) run the same code between "here is the input" and
 *  "here is the answer":
 *    complete the input (the entry's defaults, the target's id) → validate locally with the
 *    operation's schema → read the target an id names → the entry's own refusal ("this goal
 *    waits for nothing") → the stakes a consent names (whom, what, estimated credits, balance,
 *    "cannot be undone") → send once (an operation that creates carries an Idempotency-Key, and
 *    the key of an attempt whose answer was lost is sent again, so a repeat never acts twice).
 *  Asking for what is missing, showing the consent, progress, refreshing views and presenting the
 *  result stay in pipeline.ts (they are VS Code's). No `vscode` import. */
import type { KallyClient } from '../api/client';
import type { InputOf, Operation, OutputOf } from '../api/operation';
import { prepareRequest, type PreparedRequest } from '../api/requestInput';
import { t } from '../format';
import { CostSource } from './consent/costs';
import { asksAgent, buildStakes, consentSpecFor, needsConsent, type Stakes } from './consent/stakes';
import { IdempotencyKeys, sendWithIdempotencyKey, type KeyStorage } from './idempotency';
import type { EntityKind, EntitySpec, Presentation, PresentationContext } from '../presentation/entry';

/** A partial input, as a command or a tool is given it. */
export interface PartialInput {
  path?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: Record<string, unknown>;
}

/** An input being completed: every part present (empty when nothing is known). */
export interface DraftInput {
  path: Record<string, string>;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
}

/** Builds, synchronously, the sentences a person reads (a consent's question and lines, an entry's
 *  refusal). The MCP server answers each request in the language it asks for by setting the
 *  translator around this; the pipeline leaves it as it is. */
export type Wording = <T>(build: () => T) => T;
const asConfigured: Wording = (build) => build();

/** An entity the action was started on (a tree item, a page): its id fills the matching path parameter. */
export interface RequestTarget {
  readonly kind: EntityKind;
  readonly id: string;
  readonly value?: unknown;
}

/** What running an operation with this complete input would ask, without asking or sending
 *  (for an agent's request: every operation that is not read-only asks). */
export type Preview =
  | {
      readonly ok: true;
      readonly input: PartialInput;
      /** The input as validated: `send` takes it without checking it again. */
      readonly prepared: PreparedRequest;
      readonly stakes?: Stakes;
      readonly ctx: PresentationContext;
    }
  | { readonly ok: false; readonly error: unknown; readonly unavailable?: string };

export interface OperationRequestDeps {
  readonly client: KallyClient;
  /** The API's base URL (relative addresses in answers resolve against it). */
  baseUrl(): string;
  presentationOf(op: Operation): Presentation | undefined;
  entity(kind: EntityKind): EntitySpec<unknown> | undefined;
  /** The credit balance already known (the views'), when asking for it fails. */
  balance(): number | undefined;
  /** Where the Idempotency-Keys of lost answers are kept (globalState in VS Code); in memory when absent. */
  readonly keyStorage?: KeyStorage;
  debug?(message: string): void;
}

export interface SendOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /** A key the caller chose; by default a new one, or the key of a lost attempt with this input. */
  readonly idempotencyKey?: string;
  /** Runs the request itself (the pipeline's progress, the call wizard's live view); `execute`
   *  sends it once. Default: send it. */
  readonly runner?: (execute: (signal?: AbortSignal) => Promise<unknown>) => Promise<unknown>;
  /** Sends something else instead (a multi-selection's `many` operation). */
  readonly instead?: (signal?: AbortSignal) => Promise<unknown>;
  /** The error's code (the error presenter's), to tell a lost answer from a refusal. */
  codeOf(error: unknown): string;
}

export class OperationRequests {
  readonly costs: CostSource;
  /** Keys of attempts whose answer was lost (see idempotency.ts). */
  readonly idempotency: IdempotencyKeys;

  constructor(private readonly deps: OperationRequestDeps) {
    this.costs = new CostSource(deps.client, deps.balance);
    this.idempotency = new IdempotencyKeys(deps.keyStorage);
  }

  presentationOf(op: Operation): Presentation | undefined {
    return this.deps.presentationOf(op);
  }

  /** Validates the input as `run` validates it and computes the stakes of what asks, without
   *  asking anything or sending it (reads only: the target, the estimate, the balance). */
  async preview<O extends Operation>(
    op: O,
    request: { input?: PartialInput; target?: RequestTarget; agent?: boolean; words?: Wording },
  ): Promise<Preview> {
    const presentation = this.deps.presentationOf(op);
    const words = request.words ?? asConfigured;
    try {
      const input = compact(startDraft(op, presentation, request)) as InputOf<O>;
      const prepared = prepareRequest(op, input);
      const ctx = await this.contextFor(op, presentation, input, request.target?.value, undefined);
      const unavailable = words(() => presentation?.unavailable?.(ctx as never));
      if (unavailable) return { ok: false, error: new Error(unavailable), unavailable };
      const stakes = asks(op, request.agent === true) ? await this.stakesFor(op, presentation, ctx, words) : undefined;
      return { ok: true, input: input as PartialInput, prepared, stakes, ctx: ctx as PresentationContext };
    } catch (error) {
      return { ok: false, error };
    }
  }

  async contextFor<O extends Operation>(
    op: O,
    presentation: Presentation | undefined,
    input: InputOf<O>,
    target: unknown,
    many: readonly RequestTarget[] | undefined,
  ): Promise<PresentationContext<O>> {
    return {
      input,
      client: this.deps.client,
      baseUrl: this.deps.baseUrl(),
      target: target ?? (await this.resolveTarget(op, presentation, input)),
      targets: many?.map((x) => x.value),
    };
  }

  /** The stakes the consent names for this operation and input. */
  async stakesFor<O extends Operation>(
    op: O,
    presentation: Presentation | undefined,
    ctx: PresentationContext<O>,
    words: Wording = asConfigured,
  ): Promise<Stakes> {
    const spec = consentSpecFor(op, presentation) as Presentation['consent'] & object;
    const [credits, balance, detail] = await Promise.all([
      this.costs.credits(op, spec, ctx as PresentationContext),
      // A price in money (a plan change) names no balance in credits.
      op.costsCredits && !spec.money ? this.costs.balance() : Promise.resolve(undefined),
      spec.detail
        ? withinSeconds(spec.detail(ctx as PresentationContext), DETAIL_TIMEOUT_MS)
        : Promise.resolve(undefined),
    ]);
    // The wording again inside `words`: a change's question is its command's title, translated.
    return words(() =>
      buildStakes(
        op,
        consentSpecFor(op, presentation) as Presentation['consent'] & object,
        ctx as PresentationContext,
        credits,
        balance,
        detail,
      ),
    );
  }

  /** Sends the validated request (`input` as `prepareRequest` made it `prepared`; the client does
   *  not validate it again) once: an operation that creates carries an Idempotency-Key (the
   *  key of an earlier attempt with the same input whose answer was lost, kept across reloads), so
   *  a repeat never acts twice. */
  async send<O extends Operation>(
    op: O,
    input: InputOf<O>,
    prepared: PreparedRequest,
    options: SendOptions,
  ): Promise<{ data: OutputOf<O>; idempotencyKey?: string }> {
    let idempotencyKey: string | undefined;
    const execute = (signal?: AbortSignal): Promise<unknown> =>
      options.instead
        ? options.instead(signal)
        : this.deps.client.execute(op, input, { prepared, signal, idempotencyKey, timeoutMs: options.timeoutMs });
    const once = async (): Promise<OutputOf<O>> =>
      (options.runner ? await options.runner(execute) : await execute(options.signal)) as OutputOf<O>;
    if (!op.creates) return { data: await once() };
    const sent = await sendWithIdempotencyKey(
      this.idempotency,
      { opId: op.id, input, given: options.idempotencyKey },
      (key) => {
        idempotencyKey = key;
        return once();
      },
      options.codeOf,
    );
    return { data: sent.data, idempotencyKey: sent.key };
  }

  /** The entity an id names, fetched when the caller gave only the id (a test, a chat tool). */
  private async resolveTarget(
    op: Operation,
    presentation: Presentation | undefined,
    input: { path?: Record<string, string> },
  ): Promise<unknown> {
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
        this.deps.debug?.(`${op.id}: could not read ${kind} ${id}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return undefined;
  }
}

/** Whether the operation asks first: by the one rule, and for an agent before any change. */
export function asks(op: Operation, agent: boolean): boolean {
  return needsConsent(op) || (agent && asksAgent(op));
}

/** The input a caller gave over the entry's defaults, with the target's id in its path parameter. */
export function startDraft(
  op: Operation,
  presentation: Presentation | undefined,
  request: { input?: PartialInput; target?: RequestTarget; targets?: readonly RequestTarget[] },
): DraftInput {
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
    const name =
      op.pathParams.find((p) => params[p]?.entity === target.kind) ??
      (op.pathParams.length === 1 && !params[op.pathParams[0]]?.entity ? op.pathParams[0] : undefined);
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

/** Drops empty parts: an operation without a body gets no `body: {}`. */
export function compact(draft: DraftInput): PartialInput {
  const out: PartialInput = {};
  if (Object.keys(draft.path).length) out.path = draft.path;
  if (Object.keys(draft.query).length) out.query = draft.query;
  if (Object.keys(draft.body).length) out.body = draft.body;
  return out;
}

/** The person agreed to the same question (the figures in it may have moved since). */
export function sameQuestion(a: Stakes, b: Stakes): boolean {
  return a.opId === b.opId && a.question === b.question && a.whom === b.whom && a.lines[0] === b.lines[0];
}

/** The labels an error names a field by ("Phone number" rather than respondent_phone). */
export function fieldLabels(presentation: Presentation | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [name, spec] of Object.entries(presentation?.fields ?? {})) labels[name] = t(spec.label);
  for (const [name, spec] of Object.entries(presentation?.params ?? {})) if (spec.label) labels[name] = t(spec.label);
  return labels;
}

/** How long a consent waits for its detail line (src/presentation/entry.ts `detail`). */
const DETAIL_TIMEOUT_MS = 4_000;

/** The answer, or undefined when it fails or takes longer than `ms`. */
function withinSeconds<T>(answer: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    answer
      .then(
        (v) => resolve(v),
        () => resolve(undefined),
      )
      .finally(() => clearTimeout(timer));
  });
}
