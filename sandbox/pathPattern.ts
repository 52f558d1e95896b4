/** Fault path patterns, matched in linear time. A pattern is a glob (`/v1/calls/*`: `*` one
 *  segment, `**` anything) or a regular expression from a safe subset: literals, `.`, classes
 *  (`[a-f0-9-]`, `\d \w \s` and their negations), groups with `|`, the quantifiers `* + ? {n}
 *  {n,} {n,m}` (m ≤ 100), and `^`/`$` at the ends. Backreferences, lookaround, `\b` and flags
 *  are refused. It is compiled to an NFA and run by simulation (Thompson), never by a
 *  backtracking engine, so `^/(a+)+$` on a long path costs O(path × pattern), not 2^path. */

export class PatternError extends Error {}

export interface PathMatcher {
  test(path: string): boolean;
}

type CharTest = (c: string) => boolean;
type Node =
  | { kind: 'char'; test: CharTest }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; options: Node[] }
  | { kind: 'repeat'; node: Node; min: number; max: number };

const MAX_PATTERN_LENGTH = 500;
const MAX_REPEAT = 100;
const MAX_STATES = 5000;

/** Compiles a fault `path`; throws PatternError with a sentence when it is outside the subset. */
export function compilePathPattern(pattern: string): PathMatcher {
  if (typeof pattern !== 'string' || pattern === '')
    throw new PatternError('path must be a non-empty string (a regex or a glob).');
  if (pattern.length > MAX_PATTERN_LENGTH)
    throw new PatternError(`path must be at most ${MAX_PATTERN_LENGTH} characters.`);
  return isGlob(pattern) ? compileNfa(globToNode(pattern), true, true) : compileRegex(pattern);
}

/** A '*' and no other regex syntax: a glob. */
function isGlob(pattern: string): boolean {
  return pattern.includes('*') && !/[\^$()[\]{}\\+?|]/.test(pattern) && !pattern.includes('.*');
}

const literal = (ch: string): Node => ({ kind: 'char', test: (c) => c === ch });

function globToNode(pattern: string): Node {
  const items: Node[] = [];
  for (const part of pattern.split(/(\*\*|\*)/)) {
    if (part === '**') items.push({ kind: 'repeat', node: { kind: 'char', test: () => true }, min: 0, max: Infinity });
    else if (part === '*')
      items.push({ kind: 'repeat', node: { kind: 'char', test: (c) => c !== '/' }, min: 0, max: Infinity });
    else for (const ch of part) items.push(literal(ch));
  }
  return { kind: 'seq', items };
}

// ---------- the regex subset: a recursive-descent parser ----------

function compileRegex(pattern: string): PathMatcher {
  let source = pattern;
  const anchoredStart = source.startsWith('^');
  if (anchoredStart) source = source.slice(1);
  const anchoredEnd = source.endsWith('$') && !source.endsWith('\\$');
  if (anchoredEnd) source = source.slice(0, -1);
  const parser = new Parser(source);
  const node = parser.parseAlt();
  if (!parser.done())
    throw new PatternError(
      `unexpected "${parser.peek()}" at ${parser.pos + (anchoredStart ? 1 : 0)} in the path pattern.`,
    );
  return compileNfa(node, anchoredStart, anchoredEnd);
}

const CLASS_ESCAPES: Record<string, CharTest> = {
  d: (c) => c >= '0' && c <= '9',
  w: (c) => /[A-Za-z0-9_]/.test(c),
  s: (c) => /\s/.test(c),
};

class Parser {
  pos = 0;
  constructor(private readonly s: string) {}

  done(): boolean {
    return this.pos >= this.s.length;
  }
  peek(): string {
    return this.s[this.pos];
  }

  parseAlt(): Node {
    const options = [this.parseSeq()];
    while (this.peek() === '|') {
      this.pos++;
      options.push(this.parseSeq());
    }
    return options.length === 1 ? options[0] : { kind: 'alt', options };
  }

  private parseSeq(): Node {
    const items: Node[] = [];
    while (!this.done() && this.peek() !== '|' && this.peek() !== ')')
      items.push(this.parseQuantified(this.parseAtom()));
    return { kind: 'seq', items };
  }

  private parseAtom(): Node {
    const ch = this.s[this.pos++];
    switch (ch) {
      case '(': {
        if (this.peek() === '?') {
          if (this.s.startsWith('?:', this.pos)) this.pos += 2;
          else
            throw new PatternError('lookaround and named groups are not supported in fault paths (use a plain group).');
        }
        const inner = this.parseAlt();
        if (this.s[this.pos++] !== ')') throw new PatternError('a group is not closed in the path pattern.');
        return inner;
      }
      case '[':
        return this.parseClass();
      case '.':
        return { kind: 'char', test: (c) => c !== '\n' && c !== '\r' };
      case '\\':
        return this.parseEscape(false) as Node;
      case '^':
      case '$':
        throw new PatternError('^ and $ are allowed only at the start and the end of a path pattern.');
      case '*':
      case '+':
      case '?':
      case '{':
        throw new PatternError(`"${ch}" has nothing to repeat in the path pattern.`);
      case ')':
      case ']':
      case '}':
        throw new PatternError(`unbalanced "${ch}" in the path pattern.`);
      default:
        return literal(ch);
    }
  }

  private parseEscape(inClass: boolean): Node | CharTest {
    const e = this.s[this.pos++];
    if (e === undefined) throw new PatternError('the path pattern ends with a lone backslash.');
    const lower = e.toLowerCase();
    if (lower in CLASS_ESCAPES) {
      const base = CLASS_ESCAPES[lower];
      const test: CharTest = e === lower ? base : (c) => !base(c);
      return inClass ? test : { kind: 'char', test };
    }
    if (/[A-Za-z0-9]/.test(e))
      throw new PatternError(
        `"\\${e}" is not supported in fault paths (no backreferences, word boundaries or control escapes).`,
      );
    return inClass ? (c) => c === e : literal(e);
  }

  private parseClass(): Node {
    const negate = this.peek() === '^';
    if (negate) this.pos++;
    const tests: CharTest[] = [];
    let first = true;
    while (!this.done() && (this.peek() !== ']' || first)) {
      first = false;
      let test: CharTest;
      const ch = this.s[this.pos++];
      if (ch === '\\') test = this.parseEscape(true) as CharTest;
      else if (this.peek() === '-' && this.s[this.pos + 1] !== undefined && this.s[this.pos + 1] !== ']') {
        const to = this.s[this.pos + 1];
        this.pos += 2;
        if (to < ch) throw new PatternError(`the range ${ch}-${to} is backwards in the path pattern.`);
        test = (c) => c >= ch && c <= to;
      } else test = (c) => c === ch;
      tests.push(test);
    }
    if (this.s[this.pos++] !== ']') throw new PatternError('a character class is not closed in the path pattern.');
    return { kind: 'char', test: (c) => tests.some((t) => t(c)) !== negate };
  }

  private parseQuantified(node: Node): Node {
    let min: number;
    let max: number;
    const q = this.peek();
    if (q === '*') [min, max] = [0, Infinity];
    else if (q === '+') [min, max] = [1, Infinity];
    else if (q === '?') [min, max] = [0, 1];
    else if (q === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.pos));
      if (!m) throw new PatternError('a {n,m} repetition is malformed in the path pattern.');
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT) || max < min) {
        throw new PatternError(`a {n,m} repetition must have n ≤ m ≤ ${MAX_REPEAT} in the path pattern.`);
      }
      this.pos += m[0].length - 1;
    } else return node;
    this.pos++;
    if (this.peek() === '?') this.pos++; // lazy: the same set of matches
    return this.parseQuantified({ kind: 'repeat', node, min, max });
  }
}

// ---------- Thompson NFA ----------

type State = { kind: 'char'; test: CharTest; out: number } | { kind: 'split'; outs: number[] } | { kind: 'match' };

class NfaBuilder {
  readonly states: State[] = [];

  add(state: State): number {
    if (this.states.length >= MAX_STATES) throw new PatternError('the path pattern is too large.');
    this.states.push(state);
    return this.states.length - 1;
  }

  /** Builds `node` so that it continues to state `next`; returns its entry state. */
  build(node: Node, next: number): number {
    switch (node.kind) {
      case 'char':
        return this.add({ kind: 'char', test: node.test, out: next });
      case 'seq':
        return node.items.reduceRight((after, item) => this.build(item, after), next);
      case 'alt':
        return this.add({ kind: 'split', outs: node.options.map((o) => this.build(o, next)) });
      case 'repeat': {
        let entry = next;
        if (node.max === Infinity) {
          // loop: split → (node → split) | next
          const loop = this.add({ kind: 'split', outs: [] });
          const body = this.build(node.node, loop);
          (this.states[loop] as { outs: number[] }).outs = [body, next];
          entry = loop;
        } else {
          for (let i = node.min; i < node.max; i++)
            entry = this.add({ kind: 'split', outs: [this.build(node.node, entry), next] });
        }
        for (let i = 0; i < node.min; i++) entry = this.build(node.node, entry);
        return entry;
      }
    }
  }
}

function compileNfa(node: Node, anchoredStart: boolean, anchoredEnd: boolean): PathMatcher {
  const builder = new NfaBuilder();
  const match = builder.add({ kind: 'match' });
  const start = builder.build(node, match);
  const states = builder.states;
  const mark = new Int32Array(states.length).fill(-1);

  /** Adds `s` and everything reachable from it without reading a character. */
  const close = (list: number[], s: number, step: number) => {
    const stack = [s];
    while (stack.length) {
      const i = stack.pop()!;
      if (mark[i] === step) continue;
      mark[i] = step;
      const state = states[i];
      if (state.kind === 'split') stack.push(...state.outs);
      else list.push(i);
    }
  };

  return {
    test(path: string): boolean {
      mark.fill(-1);
      let step = 0;
      let current: number[] = [];
      close(current, start, step);
      for (let pos = 0; ; pos++) {
        if (current.some((i) => states[i].kind === 'match') && (!anchoredEnd || pos === path.length)) return true;
        if (pos === path.length) return false;
        step++;
        const next: number[] = [];
        const c = path[pos];
        for (const i of current) {
          const state = states[i];
          if (state.kind === 'char' && state.test(c)) close(next, state.out, step);
        }
        if (!anchoredStart) close(next, start, step); // unanchored: a match may start anywhere
        current = next;
        if (current.length === 0 && anchoredStart) return false;
      }
    },
  };
}
