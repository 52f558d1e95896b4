/** What each page (goal, call, conversation, email draft, email message, compose, channels) provides to the framework. */
import type { Html } from '../format';

import type { PageKind } from '../presentation/pageKinds';
export { PAGE_KINDS, type PageKind } from '../presentation/pageKinds';

export interface PageState {
  readonly kind: PageKind;
  readonly id: string;
}

export type PageAction = (message: {
  arg?: string;
  text?: string;
  fields?: Readonly<Record<string, string>>;
}) => Promise<unknown>;
export type PageActions = Record<string, PageAction>;

export interface PageView {
  /** The tab title: "Luigi's Trattoria — call, Nov 29". Never an id. */
  readonly title: string;
  readonly body: Html;
  /** The actions its buttons and forms may ask for, and what each does. */
  readonly actions: PageActions;
  /** Audio the page plays, fetched by the extension and handed to the page as bytes once it is
   *  ready (the page never sees an address or a token). */
  media?(): Promise<{ readonly data: Uint8Array; readonly mimeType: string }>;
}

export interface PageController {
  readonly state: PageState;
  /** Loads what the page shows (errors become part of the page, never a blank one). */
  render(): Promise<PageView>;
  /** What a command hands to the page when it is opened again (a pairing to finish, a prefill, a new date range). */
  receive?(initial: unknown): void;
}
