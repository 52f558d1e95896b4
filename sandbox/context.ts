/** The running sandbox: options, state, clock and the live parts that are not state (running calls, faults, request log). */
import type { Clock } from './clock';
import type { FaultList } from './faults';
import type { RequestLog } from './requestLog';
import type { Variant } from './variants';
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
  /** Schedules a save of the state (debounced) when --state is set. */
  changed(): void;
}
