/** One formatter module for every layer that shows something to a person (views, documents,
 *  pages, chat, the pipeline's consent and results): numbers, credits and plurals, dates, phone
 *  numbers, text, and Markdown escaped by construction. No `vscode` import: `activate()` sets the
 *  UI language and translator once with `configureFormat`. */
export { configureFormat, locale, t, fillPlaceholders, type Translate } from './locale';
export { formatCredits, creditsLabel, plural, count, formatMoney } from './numbers';
export {
  shortDateTime,
  longDate,
  shortDate,
  calendarDay,
  isoDay,
  formatDuration,
  relativeTime,
  clockTime,
} from './dates';
export { humanize, oneLine } from './text';
export { phoneForPeople } from './phone';
export {
  Markdown,
  md,
  raw,
  paragraphs,
  listOrParagraphs,
  code,
  table,
  link,
  join,
  blocks,
  escapeInline,
  type MarkdownValue,
} from './markdown';
export { describeCallStatus, type CallStatusText } from './callStatus';
export { codeLabel, isKnownCode, knownCodes, type CodeKind } from './codes';
export { describeError, errorSentence, issueSentence, actionLabel, humanField, type ErrorView } from './errors';
export { Html, html, trustedHtml, escapeHtml, textBlock, listOrParagraphsHtml, type HtmlValue } from './html';
