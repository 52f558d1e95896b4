/** Every presentation entry and every command, in one place: the pipeline looks entries up here,
 *  the manifest generator writes package.json and the README from here, the tests walk it. */
import type { Operation } from '../api/operation';
import type { CommandSpec, Presentation } from './entry';
import { accountCommandSpecs, accountPresentations } from './credits';
import { actionCommands, actionPresentations } from './actions';
import { callPresentations } from './calls';
import { channelCommands, channelPresentations } from './channels';
import { customCommands } from './flows';
import { emailCommands, emailPresentations } from './email';
import { goalPresentations } from './coordination';
import { inboxPresentations } from './messages';
import { phoneCommands, phonePresentations } from './phone';
import { receptionistCommands, receptionistPresentations } from './inbound';
import { outreachCommands, outreachPresentations } from './outreach';
import { searchPresentations } from './search';
import { messageCommands } from './viewActions';

export { entityOf } from './entities';

export const presentations: readonly Presentation[] = [
  ...goalPresentations,
  ...callPresentations,
  ...inboxPresentations,
  ...accountPresentations,
  ...receptionistPresentations,
  ...phonePresentations,
  ...searchPresentations,
  ...actionPresentations,
  ...outreachPresentations,
  ...emailPresentations,
  ...channelPresentations,
];

const byOp = new Map<string, Presentation>(presentations.map((p) => [p.op.id, p]));

export function presentationOf(op: Operation): Presentation | undefined {
  return byOp.get(op.id);
}

/** The operation commands, then the hand-written ones. */
export const operationCommands: ReadonlyArray<{ spec: CommandSpec; presentation: Presentation }> = presentations
  .filter((p) => p.command)
  .map((p) => ({ spec: p.command!, presentation: p }));

export const allCommands: readonly CommandSpec[] = [
  ...operationCommands.map((c) => c.spec),
  ...customCommands,
  ...actionCommands,
  ...outreachCommands,
  ...accountCommandSpecs,
  ...emailCommands,
  ...messageCommands,
  ...channelCommands,
  ...receptionistCommands,
  ...phoneCommands,
];
