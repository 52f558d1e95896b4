/** What needs the user now: the status-bar poller's endpoint (contract §5.15). */
import * as z from 'zod/mini';
import { loose, opt, optStr, optNum, optId } from './common';

const bucket = <T extends z.ZodMiniType>(item: T) => opt(loose({ count: optNum, items: opt(z.array(item)) }));
export const Pending = loose({
  actions: bucket(loose({ id: optId, type: optStr, summary: optStr })),
  goals: bucket(loose({ id: optId, status: optStr, summary: optStr })),
  inbox: bucket(loose({ id: optId, channel: optStr, preview: optStr })),
  total_pending: optNum,
  active_goal: opt(loose({ id: optId, summary: optStr, status: optStr, current_step_description: optStr })),
  generated_at: optStr,
});
export type Pending = z.output<typeof Pending>;
