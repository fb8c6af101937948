import { quoteLiteral, type CsvLineRead } from '../engine';

/**
 * How the identical-line pass (identical-lines.ts) reads a CSV line's text without parsing the
 * line: the text of a key field, and whether the line is surely one whole record by its form.
 * A file is read in one of two forms, chosen by its header line and its first record's:
 * - plain (the header quotes nothing: a database export): a field is the text between two
 *   delimiters. A line holding no quote is one record. A line holding one may be part of a
 *   record over several lines (a quoted field holding a line end): it is loose;
 * - all quoted (the header or the first record is `"a","b",…`, as SSIS, PowerShell's Export-Csv,
 *   Python's QUOTE_ALL and DuckDB's FORCE_QUOTE write files): a line that is `"f1","f2",…,"fN"`, N the file's columns and no
 *   quote inside a field, is one record of exactly those fields (no other reading of that text
 *   exists); any other line is loose.
 * Where neither the header nor any line is loose, each line is one record: read from a record's
 * start, such a line ends outside quotes, so the next line starts a record. The records are then
 * the non-blank lines, counted cheaply (csv-record-count.ts `countCsvLines`); otherwise they are
 * counted by following the quotes (`countCsvRecords`).
 */
export interface LineForm {
  readonly allQuoted: boolean;
  /** The header line is one record by its form. */
  readonly headerWhole: boolean;
  /** SQL over a line `l`: it is not surely one record by its form. */
  readonly loose: string;
  /** SQL: the text of field `p` (0-based) as the typed read takes it, NULL for an empty unquoted
   * field; meant only where `unsure` is false. */
  field(p: number): string;
  /** SQL over the line and `o` (the line's `loose`): a key field at one of `positions` may not
   * be `field(p)`. */
  unsure(positions: readonly number[]): string;
}

/** The form of `read`'s lines (see LineForm). */
export function lineForm(read: CsvLineRead): LineForm {
  const [q, d] = [quoteLiteral(read.quote), quoteLiteral(read.delimiter)];
  const whole = (line: string | undefined): boolean => line !== undefined && wholeQuotedLine(line, read.quote, read.delimiter, read.columns.length);
  // A header line is one record when it quotes nothing or every field.
  const headerWhole = whole(read.header) || !read.header.includes(read.quote);
  if (!whole(read.header) && !whole(read.firstRecord)) {
    return {
      allQuoted: false,
      headerWhole,
      loose: `contains(l, ${q})`,
      field: (p) => `nullif(${p === 0 ? `l[:strpos(l, ${d}) - 1]` : `split_part(l, ${d}, ${p + 1})`}, '')`,
      // The first field ends at the first delimiter unless the line starts with a quote; a later
      // one only where no quoted field before it may hold the delimiter.
      unsure: (positions) => (positions.some((p) => p > 0) ? 'o' : `starts_with(l, ${q})`),
    };
  }
  const sep = quoteLiteral(`${read.quote}${read.delimiter}${read.quote}`);
  const n = read.columns.length;
  // One RE2 match per line, no string built (slicing and replacing to check the form cost
  // twice as much): N quoted fields of quote-free text, joined by the delimiter.
  const [qx, dx] = [hexEscape(read.quote), hexEscape(read.delimiter)];
  const pattern = quoteLiteral(`${qx}[^${qx}]*${qx}(${dx}${qx}[^${qx}]*${qx}){${n - 1}}`);
  return {
    allQuoted: true,
    headerWhole,
    loose: `NOT regexp_full_match(l, ${pattern})`,
    // Split at the separators, a whole line's first part keeps its opening quote and its last
    // part its closing one. A quoted empty field is the empty text (the typed read sets
    // allow_quoted_nulls=false).
    field: (p) => {
      const part = `split_part(l, ${sep}, ${p + 1})`;
      return p === 0 ? `${part}[2:]` : p === n - 1 ? `${part}[:-2]` : part;
    },
    unsure: () => 'o',
  };
}

/** A one-byte character as an RE2 escape matching it literally (`\x{22}`). */
function hexEscape(c: string): string {
  return `\\x{${c.charCodeAt(0).toString(16).padStart(2, '0')}}`;
}

/** Whether `line` is `"f1","f2",…` with `columns` fields and no quote inside one (see LineForm). */
export function wholeQuotedLine(line: string, quote: string, delimiter: string, columns: number): boolean {
  if (line.length < 2 || !line.startsWith(quote) || !line.endsWith(quote)) return false;
  const fields = line.slice(1, -1).split(`${quote}${delimiter}${quote}`);
  return fields.length === columns && fields.every((f) => !f.includes(quote));
}
