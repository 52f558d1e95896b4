/** What an operation command accepts, however it is invoked:
 *   - nothing (Command Palette, keybinding): everything is asked;
 *   - a view item (inline button, context menu), with the multi-selection: its `target`;
 *   - an id string: the entity the command acts on;
 *   - an object from code (tests, chat, pages, "Call Again"): `{ id?, path?, query?, body?, confirmed? }`.
 *  A third argument `{ confirmed: true }` (after item and selection) is the test seam for view
 *  items; it counts only in the test host. Anything else is refused with a clear message. */
import * as z from 'zod/mini';
import { describeIssue } from '../api/validation/issues';
import type { EntityKind } from '../presentation/entry';
import type { RunRequest } from './pipeline';

export interface EntityRef {
  readonly kind: EntityKind;
  readonly id: string;
  readonly value?: unknown;
}

const record = z.record(z.string(), z.unknown());
const objectArgs = z.strictObject({
  id: z.optional(z.string().check(z.minLength(1))),
  path: z.optional(z.record(z.string(), z.string())),
  query: z.optional(record),
  body: z.optional(record),
  confirmed: z.optional(z.boolean()),
  interactive: z.optional(z.boolean()),
  quiet: z.optional(z.boolean()),
  /** Where a file result is saved (a URI), instead of asking with a save dialog. */
  saveTo: z.optional(z.string().check(z.minLength(1))),
});

export class CommandArgumentsError extends Error {
  override readonly name = 'CommandArgumentsError';
  constructor(
    readonly command: string,
    readonly issues: string[],
  ) {
    super(`${command}: invalid arguments: ${issues.join('; ')}`);
  }
}

function targetOf(value: unknown): EntityRef | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const target = (value as { target?: unknown }).target;
  if (!target || typeof target !== 'object') return undefined;
  const t = target as Partial<EntityRef>;
  return typeof t.kind === 'string' && typeof t.id === 'string' ? (t as EntityRef) : undefined;
}

/** Parses a command's argument. `undefined` (palette, keybinding) is an empty object; a bare
 *  string is accepted as the command's main field when `stringField` is given (`'kallyai.ask', 'message'`).
 *  Tree items and other objects passed by menus are ignored unless they fit the schema. */
export function parseArgs<S extends z.ZodMiniType>(
  command: string,
  schema: S,
  raw: unknown,
  stringField?: string,
): z.infer<S> {
  let value: unknown = raw;
  if (value === undefined || value === null) value = {};
  if (typeof value === 'string' && stringField) value = { [stringField]: value };
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  const issues = result.error.issues.map(issueText);
  throw new CommandArgumentsError(command, issues);
}

const isViewNode = (v: unknown) => !!v && typeof v === 'object' && 'item' in (v as object) && 'kind' in (v as object);

/** Turns a command's arguments into a pipeline request; `singleParam` names the path parameter a bare id fills. */
export function requestFromArgs(
  command: string,
  args: readonly unknown[],
  singleParam: string | undefined,
): RunRequest {
  const [first, second, third] = args;
  if (first === undefined || first === null) return {};
  if (isViewNode(first)) {
    const target = targetOf(first);
    const selection = Array.isArray(second) ? second.map(targetOf).filter((x): x is EntityRef => !!x) : [];
    const targets = target && selection.length > 1 && selection.some((s) => s.id === target.id) ? selection : undefined;
    const options = third && typeof third === 'object' ? (third as { confirmed?: unknown }) : {};
    return { target, targets, confirmed: options.confirmed === true, viewId: viewIdOf(first) };
  }
  if (typeof first === 'string') {
    return singleParam ? { input: { path: { [singleParam]: first } } } : {};
  }
  const parsed = z.safeParse(objectArgs, first);
  if (!parsed.success) {
    throw new CommandArgumentsError(command, parsed.error.issues.map(issueText));
  }
  const a = parsed.data;
  const path = { ...(a.path ?? {}) };
  if (a.id && singleParam) path[singleParam] = a.id;
  const given = a.id !== undefined || a.path !== undefined || a.query !== undefined || a.body !== undefined;
  return {
    input: given ? { path, query: a.query, body: a.body } : undefined,
    confirmed: a.confirmed === true,
    interactive: a.interactive,
    quiet: a.quiet,
    saveTo: a.saveTo,
  };
}

function viewIdOf(node: unknown): string | undefined {
  const id = (node as { id?: unknown }).id;
  return typeof id === 'string' ? `kallyai.${id.split('/')[0]}` : undefined;
}

/** One argument problem in plain English: '"partySize" must be at most 50.' */
function issueText(issue: z.core.$ZodIssue): string {
  const text = describeIssue([issue]).english;
  return issue.path.length ? text : text.replace(/^The input/, 'The argument');
}
