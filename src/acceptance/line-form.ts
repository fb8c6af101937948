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
  /** A subquery over the whole-line read `scan`: its non-blank lines `l` and the columns the
   * expressions below read. */
  lines(scan: string): string;
  /** SQL: the line is not surely one record by its form. */
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
      lines: (scan) => `SELECT l FROM ${scan} WHERE l IS NOT NULL`,
      loose: `contains(l, ${q})`,
      field: (p) => `nullif(${p === 0 ? `l[:strpos(l, ${d}) - 1]` : `split_part(l, ${d}, ${p + 1})`}, '')`,
      // The first field ends at the first delimiter unless the line starts with a quote; a later
      // one only where no quoted field before it may hold the delimiter.
      unsure: (positions) => (positions.some((p) => p > 0) ? 'o' : `starts_with(l, ${q})`),
    };
  }
  const sep = quoteLiteral(`${read.quote}${read.delimiter}${read.quote}`);
  return {
    allQuoted: true,
    headerWhole,
    // li: the line without its first and last character; lr: that without its separators. The
    // line is whole when it starts and ends with the quote, lr holds no quote and exactly N - 1
    // separators were taken out (a separator is three characters).
    lines: (scan) => `SELECT l, li, replace(li, ${sep}, '') AS lr FROM (SELECT l, l[2:-2] AS li FROM ${scan} WHERE l IS NOT NULL)`,
    loose: `NOT (starts_with(l, ${q}) AND ends_with(l, ${q}) AND NOT contains(lr, ${q}) AND length(li) - length(lr) = ${3 * (read.columns.length - 1)})`,
    // A quoted empty field is the empty text (the typed read sets allow_quoted_nulls=false).
    field: (p) => `split_part(li, ${sep}, ${p + 1})`,
    unsure: () => 'o',
  };
}

/** Whether `line` is `"f1","f2",…` with `columns` fields and no quote inside one (see LineForm). */
export function wholeQuotedLine(line: string, quote: string, delimiter: string, columns: number): boolean {
  if (line.length < 2 || !line.startsWith(quote) || !line.endsWith(quote)) return false;
  const fields = line.slice(1, -1).split(`${quote}${delimiter}${quote}`);
  return fields.length === columns && fields.every((f) => !f.includes(quote));
}
