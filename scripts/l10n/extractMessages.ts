/** Every user-facing runtime string of the extension, read from the source with the TypeScript
 *  parser (not a regex): the first argument of `t(…)`, `vscode.l10n.t(…)` and `l10n.t(…)`, both
 *  sentences of `count(n, one, other)`, and the strings that presentation data hands to `t()` later
 *  (command titles, field labels, progress, consent buttons, pickers' placeholders…). The Spanish
 *  bundle must have an entry for each (test/unit/l10n.test.ts); `npm run l10n` lists what is missing. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

export interface Message {
  readonly message: string;
  readonly file: string;
  readonly line: number;
}

/** Properties of data objects whose string values are shown to people through `t()`. */
const DATA_PROPERTIES = new Set(['title', 'label', 'placeholder', 'help', 'progress', 'confirm', 'decline', 'empty', 'missing', 'saved', 'openWith', 'userDescription', 'description']);
/** Where such data lives: the command table, entities, the chat's and the tools' tables. */
const DATA_FILES = [/src\/presentation\//, /src\/commands\/(.+\/)?specs\.ts$/, /src\/tools\/toolTable\.ts$/, /src\/chat\/chatCommands\.ts$/];
/** Where the validation rules live: their sentences reach people through t() in issueSentence(). */
const RULE_FILES = [/src\/api\/schemas\//, /src\/api\/validation\//];
/** A rule's sentence: a capital, words, an end ("Party size is 1 to 50."). */
const SENTENCE = /^["{A-Z](?=[^\n]* )[^\n]*[.?!)]$/;

/** Where the data properties are not shown to people (package.json text goes through package.nls). */
const NOT_DATA = [/modelDescription/];

function literals(node: ts.Expression | undefined): string[] {
  if (!node) return [];
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isParenthesizedExpression(node)) return literals(node.expression);
  if (ts.isConditionalExpression(node)) return [...literals(node.whenTrue), ...literals(node.whenFalse)];
  if (ts.isBinaryExpression(node) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(node.operatorToken.kind)) return [...literals(node.left), ...literals(node.right)];
  return [];
}

function isTranslateCall(call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text === 't';
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 't') {
    const owner = callee.expression.getText();
    return owner === 'l10n' || owner === 'vscode.l10n';
  }
  return false;
}

const isCount = (call: ts.CallExpression) => ts.isIdentifier(call.expression) && call.expression.text === 'count' && call.arguments.length === 3;

export function extractFrom(file: string, text: string): Message[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: Message[] = [];
  const data = DATA_FILES.some((re) => re.test(file.replace(/\\/g, '/')));
  const rules = RULE_FILES.some((re) => re.test(file.replace(/\\/g, '/')));
  const add = (message: string, node: ts.Node) => {
    if (message.trim()) out.push({ message, file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      if (isTranslateCall(node)) for (const m of literals(node.arguments[0])) add(m, node);
      if (isCount(node)) for (const arg of node.arguments.slice(1)) for (const m of literals(arg)) add(m, node);
    }
    // A message template handed on as data ({ template, args }) is shown through t().
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && node.name.text === 'template') for (const m of literals(node.initializer)) add(m, node);
    // A validation rule's sentence: an argument of a check (z.regex(re, '…')) or its `message`.
    if (rules && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && SENTENCE.test(node.text)) {
      const parent = node.parent;
      const isArgument = ts.isCallExpression(parent) && parent.arguments.includes(node as ts.Expression);
      const isMessage = ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name) && ['message', 'template'].includes(parent.name.text);
      const isBranch = ts.isConditionalExpression(parent);
      if (isArgument || isMessage || isBranch) add(node.text, node);
    }
    if (data && ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))) {
      const name = node.name.text;
      if (DATA_PROPERTIES.has(name) && !NOT_DATA.some((re) => re.test(name))) for (const m of literals(node.initializer)) add(m, node);
    }
    if (data && ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && node.name.text === 'choiceLabels' && ts.isObjectLiteralExpression(node.initializer)) {
      for (const p of node.initializer.properties) if (ts.isPropertyAssignment(p)) for (const m of literals(p.initializer)) add(m, p);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Every message of `src/`, once, with where it first appears. */
export function extractMessages(root: string): Message[] {
  const seen = new Map<string, Message>();
  for (const file of sourceFiles(path.join(root, 'src'))) {
    const relative = path.relative(root, file).replace(/\\/g, '/');
    for (const m of extractFrom(relative, fs.readFileSync(file, 'utf8'))) if (!seen.has(m.message)) seen.set(m.message, m);
  }
  return [...seen.values()];
}

/** The `{0}`, `{1}`… a message uses, sorted. */
export function placeholders(message: string): string[] {
  return [...new Set(message.match(/\{\d+\}/g) ?? [])].sort();
}

/** Calls of t()/count() that run when a module loads, before the extension gives the formatters
 *  its translator (so they would stay English): `file:line` of each. Data is translated where it
 *  is shown instead (the pipeline calls t() on a presentation's strings). */
export function translatedAtLoad(root: string): string[] {
  const out: string[] = [];
  for (const file of sourceFiles(path.join(root, 'src'))) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const visit = (node: ts.Node, inFunction: boolean) => {
      const inside = inFunction || ts.isFunctionLike(node) || ts.isClassDeclaration(node) || ts.isClassExpression(node);
      if (!inside && ts.isCallExpression(node) && (isTranslateCall(node) || isCount(node))) {
        out.push(`${path.relative(root, file).replace(/\\/g, '/')}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
      }
      ts.forEachChild(node, (child) => visit(child, inside));
    };
    visit(source, false);
  }
  return out;
}
