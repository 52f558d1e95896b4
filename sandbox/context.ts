/** The running sandbox: options, state, clock and the live parts that are not state (running calls, faults, request log). */
import type { Clock } from './clock';
import type { FaultList } from './faults';
import type { HostileText } from './hostileText';
import type { RequestLog } from './requestLog';
import type { Variant, VariantScopes } from './variants';
import type { CallRecord, SandboxState } from './state';

export interface SandboxOptions {
  port: number;
  host: string;
  autoApprove: boolean;
  timeScale: number;
  tokenTtlSeconds: number;
  empty: boolean;
  statePath?: string;
  quiet: boolean;
  bodyTimeoutMs: number;
  /** The variants the sandbox started with (`--variant`); /sandbox/reset and DELETE /sandbox/variant return to them. */
  variant: Variant;
  /** Seconds between simulated inbound calls (0: none; `--inbound-every`). */
  inboundEverySeconds: number;
}

export interface RunningCall {
  call: CallRecord;
  done: Promise<CallRecord>;
  stop(): void;
}

export interface Sandbox {
  options: SandboxOptions;
  state: SandboxState;
  /** Bumped by /sandbox/reset so that work started before a reset leaves the new state alone. */
  generation: number;
  clock: Clock;
  /** http://127.0.0.1:PORT once listening. */
  baseUrl: string;
  running: Map<string, RunningCall>;
  /** Timers of live inbound calls and of the inbound schedule (cleared on close). */
  inboundTimers: Set<ReturnType<typeof setTimeout>>;
  faults: FaultList;
  requests: RequestLog;
  /** The run's variants now (the start's, or what POST /sandbox/variant set); a request's header is laid over them. */
  variant: Variant;
  /** The scopes each variant dimension accepts (variantScopes.ts). */
  variantScopes: VariantScopes;
  /** Set by POST /sandbox/seed-hostile, cleared by /sandbox/reset: while set, the answers the
   *  sandbox words itself carry these payloads (hostileText.ts). Not part of the saved state. */
  hostile?: HostileText;
  /** Schedules a save of the state (debounced) when --state is set. */
  changed(): void;
}
