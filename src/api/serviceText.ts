/** Text the service sent: written by someone we do not trust — a caller's name, a business's words,
 *  an email's sender and body, a transcript, the server's own error message. The schemas type every
 *  string they read as `ServiceText` where it enters the models (`text`, `optStr` and `openEnum` in
 *  src/api/schemas/common.ts). To the code that reads it, it is a string; what it may never be is a
 *  *sink's* form: a notification, a label, a modal, a chat answer, a file name or an opened link each
 *  take only the form that src/format/sinks.ts makes, so a surface written carelessly does not
 *  type-check.
 *
 *  The brand also keeps service text out of what must be ours: trusted Markdown (`raw`), trusted
 *  HTML (`trustedHtml`) and the address of a link we build (`link`) refuse it at compile time. */
import type * as z from 'zod/mini';

export type ServiceText = string & z.core.$brand<'ServiceText'>;

/** Accepts a string we wrote and refuses one the service sent: a parameter typed `T & OwnText<T>`
 *  (with `T extends string` inferred from the argument) is `never` for ServiceText. */
export type OwnText<T extends string> = T extends ServiceText ? never : T;

/** Marks a string read outside the schemas (an error body, a raw JSON field) as service text. */
export const serviceText = (text: string): ServiceText => text as ServiceText;
