const CELL_SPECIAL = /[\\|<>\r\n]/;
const CODE_SPECIAL = /[|\r\n]/;

/** Escapes a Markdown table cell: pipes, line breaks, and HTML-looking text. */
export function escapeCell(text: string): string {
  // Most cells need nothing: one scan instead of five replace passes.
  if (!CELL_SPECIAL.test(text)) return text;
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r\n|\r|\n/g, ' ');
}

/** Inline code for a cell: backticks, with pipes escaped (GitHub tables split on them even in code). */
/** Text for `[…](href)` in a table cell: as escapeCell, and its brackets escaped, so a name
 * that holds one (`Fin Ops.[usp Post]]Ledger]`) does not end the link text early. */
export function linkText(text: string): string {
  return escapeCell(text).replace(/[[\]]/g, (b) => `\\${b}`);
}

export function codeCell(text: string): string {
  if (text === '') return '';
  const fence = text.includes('`') ? '``' : '`';
  const pad = text.includes('`') ? ' ' : '';
  const body = CODE_SPECIAL.test(text) ? text.replace(/\|/g, '\\|').replace(/\r\n|\r|\n/g, ' ') : text;
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** A GitHub-flavoured Markdown table; cells are used as given (escape them first). */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[], align?: readonly ('left' | 'right')[]): string {
  const sep = headers.map((_, i) => (align?.[i] === 'right' ? '---:' : '---'));
  const line = (cells: readonly string[]): string => `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
  return [line(headers), line(sep), ...rows.map(line)].join('\n');
}
