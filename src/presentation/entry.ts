/** The presentation entry of an operation: what the catalogue does not say about it — how its
 *  command is named and placed, how its input is asked, how its consent reads, how its result is
 *  shown. One small entry per operation (src/presentation/<domain>.ts), read by the
 *  pipeline, the manifest generator (package.json, README) and the chat tools. No `vscode`
 *  import: entries are data and small functions over data, translated at the edge. */
import type { KallyClient } from '../api/client';
import type { InputOf, Operation, OutputOf } from '../api/operation';
import type { EstimateType } from '../api/resources';
import type { Markdown } from '../format';
import type { PageKind } from '../presentation/pageKinds';

/** The kinds of things an id parameter names; each has a list that feeds its picker. */
export type EntityKind =
  | 'goal'
  | 'call'
  | 'message'
  | 'thread'
  | 'draft'
  | 'conversation'
  | 'inboundCall'
  | 'voicemail'
  | 'rule'
  | 'contact'
  | 'phoneNumber'
  | 'emailAccount'
  | 'email'
  | 'channelEmail'
  | 'outreachTask'
  | 'action'
  | 'sentEmail'
  | 'channel'
  | 'calendarEvent'
  | 'booking'
  | 'plan';

/** How the views, the palette and menus place a command. */
export interface CommandSpec {
  /** 'kallyai.goals.approveStep' */
  readonly id: string;
  /** 'Approve Step' (the palette shows "KallyAI: Approve Step"). */
  readonly title: string;
  /** The `kallyai` CLI subcommands (and legacy flags) this command replaces, as the CLI spells them. */
  readonly cli?: readonly string[];
  /** A codicon for inline buttons and view titles ('check', 'trash'…). */
  readonly icon?: string;
  /** Shown in the Command Palette (default true). */
  readonly palette?: boolean;
  /** When it is offered (palette and menus); default: signed in. */
  readonly when?: string;
  /** Hand-written commands: the operations they run (operation commands run their own). */
  readonly runs?: readonly string[];
  /** Where it appears in the views. */
  readonly menus?: readonly MenuSpec[];
}

export interface MenuSpec {
  /** The view: 'goals', 'calls', 'inbox', 'credits', …; 'explorer' for the Explorer's context menu (with `when`). */
  readonly view: string;
  /** Explorer menus: when the entry shows, e.g. `resourceExtname =~ /^\\.(csv|vcf)$/i`. */
  readonly when?: string;
  /** A context-value token the item must carry ('waitingStep'); absent for a view-title action. */
  readonly item?: string;
  /** 'inline': a button on the item (also first in its context menu); 'primary' | 'secondary' | 'danger': context-menu groups; 'title': view title bar; 'titleMenu': the view's … menu. */
  readonly group: 'inline' | 'primary' | 'secondary' | 'danger' | 'title' | 'titleMenu';
  readonly order?: number;
}

/** A path parameter: the entity it names (picked from its list), or fixed choices. */
export interface ParamSpec {
  readonly entity?: EntityKind;
  /** Only these entities are offered (e.g. goals waiting for step approval). */
  readonly filter?: (item: never) => boolean;
  readonly choices?: readonly { value: string; label: string; description?: string }[];
  readonly label?: string;
  /** Reads the parameter off another kind of target (a thread's id off a message). */
  readonly fromTarget?: Partial<Record<EntityKind, (value: never) => string | null | undefined>>;
}

/** A body or query field as a person is asked for it. */
export interface FieldSpec {
  readonly label: string;
  readonly placeholder?: string;
  readonly help?: string;
  /** Labels for an enum's values ({ restaurant: 'Restaurant' }). */
  readonly choiceLabels?: Readonly<Record<string, string>>;
  /** A list of ids picked from an entity's list (goal_ids, message_ids). */
  readonly entity?: EntityKind;
  /** Phone number typed for people: normalised with kallyai.defaultCountry before validation. */
  readonly phone?: boolean;
  /** Not asked when run from the palette; the caller (or a default) provides it. */
  readonly hidden?: boolean;
  /** The value is picked from a list the server gives (supported countries, available numbers…);
   *  `known` holds the fields answered so far. */
  choicesFrom?(ctx: {
    readonly client: KallyClient;
    readonly known: Readonly<Record<string, unknown>>;
  }): Promise<readonly FieldChoice[]>;
}

export interface FieldChoice {
  readonly value: string;
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
}

/** What the consent, the result and the stakes are computed from. */
export interface PresentationContext<O extends Operation = Operation> {
  /** The complete, validated input. */
  readonly input: InputOf<O>;
  /** The entity the command acts on (a Goal, a Call…), when known. */
  readonly target?: unknown;
  /** Several targets (a multi-selection). */
  readonly targets?: readonly unknown[];
  readonly client: KallyClient;
  /** The API's base URL (relative addresses in answers resolve against it). */
  readonly baseUrl: string;
}

export interface ResultContext<O extends Operation = Operation> extends PresentationContext<O> {
  readonly data: OutputOf<O>;
}

/** The stakes of an operation the catalogue flags (costs credits, contacts people, irreversible). */
export interface ConsentSpec<O extends Operation = Operation> {
  /** The question, naming the thing: 'Approve the next step of "Dinner for 4"?' */
  question(ctx: PresentationContext<O>): string;
  /** What will happen, in plain words. */
  what(ctx: PresentationContext<O>): string;
  /** A line read from the service, said after `what` (which of your phones rings when you take a
   *  call over); the consent waits a few seconds at most, and goes without it. */
  detail?(ctx: PresentationContext<O>): Promise<string | undefined>;
  /** Whom it contacts: the business or person, the number or address formatted for people. */
  whom?(ctx: PresentationContext<O>): string | undefined;
  /** A figure the entry knows (a step's own price, a number's monthly price), before the price
   *  list; it may be looked up (the consent waits a few seconds at most). */
  credits?(ctx: PresentationContext<O>): number | undefined | Promise<number | undefined>;
  /** The entry's figure is the most it may spend, not a price (a budget approved, the rest of a
   *  goal's budget): the consent says "up to". */
  readonly creditsAtMost?: boolean;
  /** The type whose price this input is charged at, when it depends on it (an outreach task by
   *  email is priced as an email, by phone as a call); else the catalogue's `cost`. */
  estimateType?(ctx: PresentationContext<O>): EstimateType | undefined;
  /** What it costs in money, when credits are not what it costs (a plan change): said in place
   *  of the credits and the balance. */
  money?(ctx: PresentationContext<O>): string | undefined;
  /** The limit it stays under, when there is one (a goal's hard cap and what is left under it). */
  limit?(ctx: PresentationContext<O>): string | undefined;
  /** The button that goes ahead: 'Approve Step', 'Send Email', 'Cancel Goal'. */
  readonly confirm: string;
  /** The button that does nothing: 'Not Now', 'Keep Goal'. Never a bare "Cancel" beside "Cancel Goal". */
  readonly decline: string;
}

export interface NextAction {
  readonly title: string;
  readonly command: string;
  readonly args?: readonly unknown[];
}

/** How a result is shown. */
export type ResultSpec<O extends Operation = Operation> =
  /** A short confirmation in the status bar ("✓ Step approved: Dinner for 4"). */
  | { readonly kind: 'status'; message(ctx: ResultContext<O>): string }
  /** A notification with next actions. */
  | {
      readonly kind: 'notify';
      message(ctx: ResultContext<O>): string;
      actions?(ctx: ResultContext<O>): readonly NextAction[];
    }
  /** A read-only document rendered for people, named for its tab. */
  | {
      readonly kind: 'document';
      title(ctx: ResultContext<O>): string;
      markdown(ctx: ResultContext<O>): Markdown | Promise<Markdown>;
      path(ctx: ResultContext<O>): string;
    }
  /** An address opened in the browser. */
  | { readonly kind: 'open'; url(ctx: ResultContext<O>): string | undefined; missing: string }
  /** A list to pick from; the picked item runs a command. */
  | { readonly kind: 'pick'; placeholder: string; empty: string; items(ctx: ResultContext<O>): readonly PickedItem[] }
  /** A page (webview) for the thing: the goal page, the call page; `initial` is what the page starts from (default: the answer).
   *  When `id` finds nothing to open, `missing` is said instead (the operation did succeed). */
  | {
      readonly kind: 'page';
      readonly page: PageKind;
      id(ctx: ResultContext<O>): string | undefined;
      missing?: string;
      initial?(ctx: ResultContext<O>): unknown;
    }
  /** A file saved where the user chooses (an .ics calendar entry). */
  | {
      readonly kind: 'save';
      /** The file's name without its extension (made safe when shown). */ fileName(ctx: ResultContext<O>): string;
      text(ctx: ResultContext<O>): string;
      filter: { label: string; extensions: readonly string[] };
      saved: string;
      /** The button that opens it on the desktop: 'Open in Calendar App'. */ openWith: string;
    };

export interface PickedItem {
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
  readonly icon?: string;
  readonly run: NextAction;
}

/** Another operation run after this one succeeded (no consent: only unflagged ones), e.g. mark a
 *  message read once it was opened. */
export interface FollowUp<O extends Operation = Operation> {
  readonly op: Operation;
  when(ctx: ResultContext<O>): boolean;
  input(ctx: ResultContext<O>): unknown;
}

export interface Presentation<O extends Operation = Operation> {
  readonly op: O;
  readonly command?: CommandSpec;
  readonly params?: Readonly<Record<string, ParamSpec>>;
  readonly fields?: Readonly<Record<string, FieldSpec>>;
  /** Optional fields asked when run from the palette, in this order (required ones are always asked). */
  readonly ask?: readonly string[];
  /** Input the command starts from (merged under what the caller gives). */
  defaults?(): Partial<InputOf<O>>;
  readonly consent?: ConsentSpec<O>;
  /** Why the command cannot act on this target, in one sentence (asked before any request). */
  unavailable?(ctx: PresentationContext<O>): string | undefined;
  /** What an error code means for this target, when it means something else than in general (a
   *  transcript not found for a call that ended long ago: it has none, not "not yet"). */
  errorCode?(code: string, ctx: PresentationContext<O>): string | undefined;
  /** Progress title while it runs: 'Approving the step…' */
  readonly progress: string;
  readonly result: ResultSpec<O>;
  readonly followUp?: FollowUp<O>;
  /** The input for view items that name an entity no path parameter takes (mark read: message ids in the body). */
  targetInput?(ids: readonly string[]): unknown;
  /** Acts on a multi-selection with another operation (archive → batch archive). */
  readonly many?: { readonly op: Operation; input(ids: readonly string[]): unknown };
}

/** Types an entry against its operation (input and output types flow into the functions). */
export function present<O extends Operation>(op: O, spec: Omit<Presentation<O>, 'op'>): Presentation<O> {
  return { op, ...spec };
}

/** An entity: which list op feeds its picker, how one is fetched by id, how it reads. */
export interface EntitySpec<T = never> {
  readonly kind: EntityKind;
  /** 'Pick a goal' */
  readonly placeholder: string;
  /** "No goals to pick from." */
  readonly empty: string;
  list(client: KallyClient, signal?: AbortSignal): Promise<readonly T[]>;
  get?(client: KallyClient, id: string): Promise<T>;
  /** The operation `get` runs: when a command runs that very operation, its answer is the entity. */
  readonly getOp?: string;
  id(item: T): string | undefined;
  label(item: T): string;
  description?(item: T): string | undefined;
  detail?(item: T): string | undefined;
}
