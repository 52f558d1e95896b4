/** Turns the first zod issue into data the UI makes a sentence of (in the UI language): which
 *  field, what kind of problem, its limit or allowed values, or the rule's own message template.
 *  `english` is the same in plain English, for logs and error messages below the UI. */
import type * as z from 'zod/mini';

type Issue = z.core.$ZodIssue;

export type IssueKind =
  | 'required'
  | 'empty'
  | 'too_short'
  | 'too_long'
  | 'too_small'
  | 'too_big'
  | 'too_few'
  | 'too_many'
  | 'not_one_of'
  | 'unknown_fields'
  | 'wrong_type'
  | 'format'
  | 'rule';

export interface InputIssue {
  /** Dotted path of the field ('submission.party_size'); '' for the input as a whole. */
  readonly field: string;
  readonly kind: IssueKind;
  /** The minimum or maximum for too_* kinds. */
  readonly limit?: number;
  /** Allowed values (not_one_of) or the unknown field names (unknown_fields). */
  readonly values?: readonly string[];
  /** The expected type (wrong_type) or format name (format). */
  readonly expected?: string;
  /** For 'rule' and 'format': the rule's message template ({0}, {1}…) and its arguments. */
  readonly template?: string;
  readonly args?: readonly string[];
  readonly english: string;
}

export function describeIssue(issues: readonly Issue[], prefix?: string): InputIssue {
  const issue = pickIssue(issues);
  const field = [...(prefix ? [prefix] : []), ...issue.path.map(String)].join('.');
  const data = classify(issue);
  const label = field ? `"${field}"` : 'The input';
  return { field, ...data, english: `${label} ${englishOf(data)}` };
}

/** Union failures carry the real issues inside: use the branch that got furthest. */
function pickIssue(issues: readonly Issue[]): Issue {
  const first = issues[0];
  if (first?.code === 'invalid_union' && first.errors.length) {
    const best = [...first.errors].sort((a, b) => b.length - a.length || depth(b) - depth(a))[0];
    const inner = best?.[0];
    if (inner) return { ...inner, path: [...first.path, ...inner.path] } as Issue;
  }
  return first ?? ({ code: 'custom', path: [], message: 'is not valid.', input: undefined } as Issue);
}

const depth = (list: readonly Issue[]) => Math.max(0, ...list.map((i) => i.path.length));

type Classified = Omit<InputIssue, 'field' | 'english'>;

function classify(issue: Issue): Classified {
  switch (issue.code) {
    case 'custom': {
      const params = (issue.params ?? {}) as { template?: string; args?: unknown[] };
      return { kind: 'rule', template: params.template ?? issue.message, args: (params.args ?? []).map(String) };
    }
    case 'invalid_type':
      return issue.input === undefined ? { kind: 'required' } : { kind: 'wrong_type', expected: issue.expected };
    case 'too_small': {
      const limit = Number(issue.minimum);
      if (issue.origin === 'string') return limit <= 1 ? { kind: 'empty' } : { kind: 'too_short', limit };
      if (issue.origin === 'array') return { kind: 'too_few', limit };
      return { kind: 'too_small', limit };
    }
    case 'too_big': {
      const limit = Number(issue.maximum);
      if (issue.origin === 'string') return { kind: 'too_long', limit };
      if (issue.origin === 'array') return { kind: 'too_many', limit };
      return { kind: 'too_big', limit };
    }
    case 'invalid_value':
      return { kind: 'not_one_of', values: issue.values.map(String) };
    case 'unrecognized_keys':
      return { kind: 'unknown_fields', values: issue.keys };
    case 'invalid_format':
      // Our own formats carry a sentence ("Use a two-letter country code…"); zod's built-in ones a format name.
      return /^(Use|Enter|An?|The) /.test(issue.message)
        ? { kind: 'rule', template: issue.message, args: [] }
        : { kind: 'format', expected: issue.format };
    default:
      return { kind: 'rule', template: issue.message, args: [] };
  }
}

function englishOf(d: Classified): string {
  const fill = (s: string) => s.replace(/\{(\d+)\}/g, (w, i: string) => d.args?.[Number(i)] ?? w);
  switch (d.kind) {
    case 'required':
      return 'is required.';
    case 'empty':
      return 'must not be empty.';
    case 'too_short':
      return `must be at least ${d.limit} characters.`;
    case 'too_long':
      return `must be at most ${d.limit} characters.`;
    case 'too_small':
      return `must be at least ${d.limit}.`;
    case 'too_big':
      return `must be at most ${d.limit}.`;
    case 'too_few':
      return `needs at least ${d.limit} items.`;
    case 'too_many':
      return `allows at most ${d.limit} items.`;
    case 'not_one_of':
      return `must be one of: ${d.values?.join(', ')}.`;
    case 'unknown_fields':
      return `has unknown fields: ${d.values?.join(', ')}.`;
    case 'wrong_type':
      return `must be ${/^[aeiou]/.test(d.expected ?? '') ? 'an' : 'a'} ${d.expected}.`;
    case 'format':
      return `is not a valid ${d.expected}.`;
    case 'rule':
      return `is not valid: ${fill(d.template ?? '')}`;
  }
}
