/** Turns the first zod issue into a field path and a sentence a person can act on. */
import type * as z from 'zod/mini';

type Issue = z.core.$ZodIssue;

export function describeIssue(issues: readonly Issue[], prefix?: string): { field: string; sentence: string } {
  const issue = pickIssue(issues);
  const path = [...(prefix ? [prefix] : []), ...issue.path.map(String)];
  const field = path.join('.');
  const label = field ? `"${field}"` : 'The input';
  return { field, sentence: `${label} ${explain(issue)}` };
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

function explain(issue: Issue): string {
  switch (issue.code) {
    case 'custom':
      return `is not valid: ${issue.message}`;
    case 'invalid_type':
      return /received undefined/.test(issue.message) ? 'is required.' : `must be ${article(issue.expected)}.`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'must not be empty.' : `must be at least ${issue.minimum} characters.`;
      if (issue.origin === 'array') return `needs at least ${issue.minimum} item(s).`;
      return `must be at least ${issue.minimum}.`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters.`;
      if (issue.origin === 'array') return `allows at most ${issue.maximum} item(s).`;
      return `must be at most ${issue.maximum}.`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map(String).join(', ')}.`;
    case 'unrecognized_keys':
      return `has unknown field(s): ${issue.keys.join(', ')}.`;
    case 'invalid_format':
      return /Use |Enter /.test(issue.message) ? `is not valid: ${issue.message}` : `is not a valid ${issue.format}.`;
    default:
      return `is not valid: ${issue.message}`;
  }
}

const article = (t: string) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);
