/** The one README table writer: a Markdown table (every cell's `|` escaped) between two marker
 *  comments, replaced in place. The command table and the tool table are both written by it. */

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** A generated block: the start marker, a table of `header` and `rows`, the end marker. */
export function markdownTableBlock(
  markers: { start: string; end: string },
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  return [
    markers.start,
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
    '',
    markers.end,
  ].join('\n');
}

/** The README with the block between the markers replaced by `block`. */
export function withBlock(readme: string, markers: { start: string; end: string }, block: string): string {
  const start = readme.indexOf(markers.start);
  const end = readme.indexOf(markers.end);
  if (start < 0 || end < start) throw new Error(`README.md has no ${markers.start} … ${markers.end} block`);
  return readme.slice(0, start) + block + readme.slice(end + markers.end.length);
}
