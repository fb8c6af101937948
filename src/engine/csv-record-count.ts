import { closeSync, openSync, readSync } from 'node:fs';

/** The dialect a CSV is read with, as far as counting its records needs it. */
export interface CsvRecordDialect {
  /** One ASCII character. */
  readonly delimiter: string;
  /** One ASCII character; a doubled quote inside a quoted field is one quote (escape = quote). */
  readonly quote: string;
  /** Fields per record: a blank line is no record only when there are two or more. */
  readonly columns: number;
}

const LF = 10;
const CR = 13;

/**
 * How many records DuckDB reads from a CSV, counted from its bytes without parsing a field: the
 * lines that hold something (DuckDB skips blank lines, `\r` alone included, in a file of two or
 * more columns), where a quoted field that runs over line ends is one record. A quote opens a
 * field only at its start (after the delimiter or at a line's start; elsewhere it is a plain
 * character, as DuckDB reads it), and inside one a doubled quote stands for a quote. Lines
 * without a quote character, nearly all of them in a database export, are passed over with
 * `indexOf` (memchr); only lines holding a quote go through the state machine.
 *
 * Undefined when the count cannot be exact this way: fewer than two columns (a blank line is
 * then a NULL record), or a delimiter or quote that is not one ASCII byte. The acceptance test
 * uses the count to prove keys unique from its one join (see keyed-fast-path.ts): a count that
 * is too small there only sends it to the slower exact path, so anything unsure must err low
 * or be undefined. Includes a header line: the caller takes it off.
 */
export function countCsvRecords(path: string, dialect: CsvRecordDialect, chunkBytes = 1 << 22): number | undefined {
  if (dialect.columns < 2 || !oneAsciiByte(dialect.delimiter) || !oneAsciiByte(dialect.quote)) return undefined;
  const delim = dialect.delimiter.charCodeAt(0);
  const quote = dialect.quote.charCodeAt(0);
  const buf = Buffer.allocUnsafe(chunkBytes);
  const fd = openSync(path, 'r');
  let records = 0;
  let content = false; // the current line holds a byte other than \r
  let inQuotes = false;
  let fieldStart = true; // the next byte starts a field
  let closing = false; // inside quotes, the previous byte was a quote: closing, or the first of a doubled one
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, chunkBytes, null);
      if (n === 0) break;
      let pos = 0;
      let nextQuote = -2; // not looked up yet in this chunk
      while (pos < n) {
        if (closing) {
          closing = false;
          const b = buf[pos] as number;
          if (b === quote) { pos++; continue; } // a doubled quote: one quote character, still quoted
          // The field closed: only the delimiter or the line's end may follow (DuckDB refuses
          // anything else, and what it would make of it is not worth guessing).
          if (b !== delim && b !== CR && b !== LF) return undefined;
          inQuotes = false;
          continue; // b is read again, outside quotes
        }
        if (inQuotes) {
          // Jump to the next quote: line ends in between belong to the field.
          const q = buf.indexOf(quote, pos);
          if (q === -1 || q >= n) { pos = n; continue; }
          pos = q + 1;
          closing = true;
          continue;
        }
        if (nextQuote !== -1 && nextQuote < pos) {
          nextQuote = buf.indexOf(quote, pos);
          if (nextQuote >= n) nextQuote = -1;
        }
        if (nextQuote === pos) {
          // A quote outside quotes opens a field only at the field's start; elsewhere DuckDB reads
          // it as a plain character, where counting by quotes would go wrong: give up instead.
          if (!fieldStart) return undefined;
          content = true;
          inQuotes = true;
          fieldStart = false;
          pos++;
          continue;
        }
        // Plain bytes up to the next line end or quote, whichever comes first.
        let nl = buf.indexOf(LF, pos);
        if (nl >= n) nl = -1;
        const stop = Math.min(nl === -1 ? n : nl, nextQuote === -1 ? n : nextQuote);
        if (!content) content = hasContent(buf, pos, stop);
        if (stop > pos) fieldStart = buf[stop - 1] === delim;
        if (stop === nl) {
          if (content) records++;
          content = false;
          fieldStart = true;
          pos = nl + 1;
        } else {
          pos = stop;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  if (inQuotes && !closing) return undefined; // a quoted field never closed: DuckDB refuses the file
  if (content) records++;
  return records;
}

function oneAsciiByte(s: string): boolean {
  return s.length === 1 && s.charCodeAt(0) < 128;
}

/** Whether buf[from, to) holds a byte other than \r. */
function hasContent(buf: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (buf[i] !== CR) return true;
  return false;
}

/**
 * How many lines of a file hold something (a byte other than `\r`), header included: the rows
 * DuckDB's whole-line read of it gives (csv-line-read.ts; it skips blank lines, `\r` alone
 * included). Quotes are not looked at, so this is the record count only where each line is
 * known to be one record (see identical-lines.ts): a third cheaper than {@link countCsvRecords}
 * on plain lines, and far cheaper on lines that quote every field. At least two columns, as
 * there (a blank line of a one-column file is a record).
 */
export function countCsvLines(path: string, columns: number, chunkBytes = 1 << 22): number | undefined {
  if (columns < 2) return undefined;
  const buf = Buffer.allocUnsafe(chunkBytes);
  const fd = openSync(path, 'r');
  let lines = 0;
  let content = false; // the current line holds a byte other than \r
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, chunkBytes, null);
      if (n === 0) break;
      let pos = 0;
      while (pos < n) {
        let nl = buf.indexOf(LF, pos);
        if (nl >= n) nl = -1;
        const stop = nl === -1 ? n : nl;
        // A line's first byte nearly always settles it; only `\r` makes it look further.
        if (!content && stop > pos) content = buf[pos] !== CR || hasContent(buf, pos + 1, stop);
        if (nl === -1) break;
        if (content) lines++;
        content = false;
        pos = nl + 1;
      }
    }
  } finally {
    closeSync(fd);
  }
  return content ? lines + 1 : lines;
}
