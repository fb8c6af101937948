import { readFileSync } from 'node:fs';
import { MigrateError } from './errors';

/**
 * A comma-separated file one of whose rows has more fields than its header: a value holding an
 * unquoted comma (`CAST(COUNT(*) AS decimal(18,2))` in a config export). DuckDB's sniffer then takes
 * that row's shape for the file's and reads some other line as the header, so the loader saw
 * "columns" named after that row's values (`column 5 is not in dbo.Report Metric`). This names the
 * first such row. Undefined when every row has at most the header's fields, or the header holds
 * no comma (another delimiter, which is left to the sniffer).
 */
export function widerRowThanHeader(path: string): MigrateError | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const rows = fieldCounts(text.replace(/^\uFEFF/, ''));
  const header = rows[0];
  if (header === undefined || header.fields < 2) return undefined;
  const wide = rows.find((r) => r.fields > header.fields);
  if (wide === undefined) return undefined;
  return new MigrateError('CSV_WIDE_ROW', `line ${wide.line} of the CSV has ${wide.fields} comma-separated fields where its header (line 1) has ${header.fields}: DuckDB then reads the file in that row's shape and takes the wrong line for the header`, {
    location: { file: path, span: { start: { offset: wide.offset, line: wide.line, column: 1 }, end: { offset: wide.offset, line: wide.line, column: 1 } } },
    hint: 'put a value that holds a comma in double quotes ("CAST(COUNT(*) AS decimal(18,2))"), as an export writes it, then run again',
  });
}

/** Fields per row of a comma-separated text (double quotes enclose commas, line breaks and "" pairs). */
function fieldCounts(text: string): { line: number; offset: number; fields: number }[] {
  const out: { line: number; offset: number; fields: number }[] = [];
  let line = 1;
  let rowLine = 1;
  let rowStart = 0;
  let fields = 1;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else quoted = false;
      }
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === ',') fields++;
    else if (ch === '\n') {
      if (i > rowStart && !(i === rowStart + 1 && text[rowStart] === '\r')) out.push({ line: rowLine, offset: rowStart, fields });
      fields = 1;
      rowStart = i + 1;
      rowLine = line;
    }
  }
  if (rowStart < text.length && text.slice(rowStart).trim() !== '') out.push({ line: rowLine, offset: rowStart, fields });
  return out;
}
