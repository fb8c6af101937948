import { readFileSync } from 'node:fs';
import { MigrateError } from './errors';

/** DuckDB's words when it finds no delimiter, quote and line ending that read the whole CSV. */
const SNIFF_FAILED = /Error when sniffing file|not possible to automatically detect the CSV parsing dialect/i;

/**
 * Why DuckDB could not sniff a CSV, where the reason is line endings: rows ending in CRLF and in
 * LF in one file (a row appended by hand to an export from Windows). DuckDB says only that it found
 * no dialect, with its search space; this names the first line whose ending differs from the
 * first line's. Undefined for any other error, or a file of one line ending.
 */
export function mixedLineEndingsError(err: unknown, path: string): MigrateError | undefined {
  if (!SNIFF_FAILED.test(err instanceof Error ? err.message : String(err))) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  let firstCrlf: boolean | undefined;
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    const crlf = i > 0 && text[i - 1] === '\r';
    const end = crlf ? i - 1 : i;
    if (firstCrlf === undefined) firstCrlf = crlf;
    else if (crlf !== firstCrlf) {
      const name = (yes: boolean): string => (yes ? 'CRLF' : 'LF');
      return new MigrateError('CSV_MIXED_LINE_ENDINGS', `line ${line} of the CSV ends with ${name(crlf)} and line 1 with ${name(firstCrlf)}: with mixed line endings DuckDB cannot tell how the file is split into rows`, {
        location: { file: path, span: { start: { offset: start, line, column: 1 }, end: { offset: end, line, column: end - start + 1 } }, source: text },
        hint: 'save the file with one line ending throughout (an editor\'s "convert line endings", dos2unix or unix2dos), then run again',
      });
    }
    line++;
    start = i + 1;
  }
  return undefined;
}
