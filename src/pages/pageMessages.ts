/** What a page may send. Every message is checked against this schema, and an action against the
 *  buttons the page was given, before anything runs; anything else is ignored and logged. */
import * as z from 'zod/mini';

export const PageMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({
    type: z.literal('action'),
    action: z.string().check(z.regex(/^[a-zA-Z]{1,40}$/)),
    arg: z.optional(z.string().check(z.maxLength(200))),
    text: z.optional(z.string().check(z.minLength(1), z.maxLength(4000))),
    /** A form of several named fields (data-fields forms: the email a person writes). */
    fields: z.optional(
      z
        .record(z.string().check(z.regex(/^[a-z][a-z_]{0,29}$/)), z.string().check(z.maxLength(20000)))
        .check(z.refine((r) => Object.keys(r).length <= 12, 'at most 12 fields')),
    ),
  }),
  z.strictObject({
    type: z.literal('cspViolation'),
    directive: z.string().check(z.maxLength(200)),
    blocked: z.optional(z.string().check(z.maxLength(500))),
  }),
]);
export type PageMessage = z.infer<typeof PageMessage>;
export type ActionMessage = Extract<PageMessage, { type: 'action' }>;
