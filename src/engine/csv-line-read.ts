import { quoteLiteral } from './session';

/** How a column's value in the loaded view comes from its field's text. */
export type CsvFieldKind =
  /** The text as written (VARCHAR, no narrowing): an empty unquoted field is NULL. */
  | 'text'
  /** An integer the sample promised, read through DOUBLE and narrowed exactly to `type`. */
  | { readonly integer: string }
  /** Another way (a date, a double's digit check, a decimal): not derivable from a line here. */
  | undefined;

/**
 * A CSV as whole lines, for the acceptance test's identical-line pass (identical-lines.ts): the
 * file DuckDB reads, its dialect, the columns in file order and how each one's value is made
 * from its text. Only for files where one line is one record unless a quote says otherwise:
 * a header row, UTF-8, one-byte delimiter and quote, a doubled quote as the escape, NULL as the
 * empty unquoted field, no decimal comma, two or more columns.
 */
export interface CsvLineRead {
  readonly path: string;
  readonly delimiter: string;
  readonly quote: string;
  /** The header line as the file has it (without its line end and a BOM). */
  readonly header: string;
  /** The line after the header, when it ends within the head the scan read. */
  readonly firstRecord: string | undefined;
  readonly columns: readonly string[];
  readonly fieldKinds: readonly CsvFieldKind[];
  /**
   * Everything that decides a field's value in the view (dialect, read types, narrowing, text
   * held for a type): two files with equal signatures turn equal field text into equal values.
   */
  readonly signature: string;
  /** The view's FROM clause reading another file (a file of some of the lines, with the header) in the same way. */
  readonly fromFor: (path: string) => string;
  /** The file's records counted from its bytes (csv-record-count.ts), whatever it quotes: undefined when that cannot be exact. */
  readonly countRecords: () => number | undefined;
  /** The file's non-blank lines but the header (csv-record-count.ts `countCsvLines`): its records where each line is proven one. */
  readonly countLines: () => number | undefined;
  /** Whether a line after the header in the first 64 KiB holds the quote (the file quotes some fields). */
  readonly quotesInHead: boolean;
}

/** What buildCsvScan decided for a CSV, as the line read needs it. */
export interface CsvReadPlan {
  readonly path: string;
  readonly from: string;
  readonly delimiter: string;
  readonly quote: string;
  readonly escape: string;
  readonly header: boolean;
  /** The file's first line, when it ends within the head the scan read (buildCsvScan's first 64 KiB). */
  readonly firstLine: string | undefined;
  /** Its second line, likewise. */
  readonly secondLine: string | undefined;
  readonly plain: boolean;
  readonly columns: readonly string[];
  /** The type each column is read as by read_csv. */
  readonly readTypes: readonly string[];
  /** Per column: how the read value is narrowed after reading ('integer:BIGINT', 'date', …), undefined when it is not. */
  readonly narrowing: readonly (string | undefined)[];
  readonly asText: ReadonlyMap<string, string>;
  readonly countRecords: () => number | undefined;
  readonly countLines: () => number | undefined;
  readonly quotesInHead: boolean;
}

/** The line read of a CSV, or undefined when its lines do not map to records and fields simply enough. */
export function csvLineRead(plan: CsvReadPlan): CsvLineRead | undefined {
  const oneByte = (s: string): boolean => s.length === 1 && s.charCodeAt(0) < 128 && s !== '\n' && s !== '\r';
  // (a glob reads many files, each with its header line)
  if (!plan.plain || /[*?[]/.test(plan.path) || !plan.header || plan.firstLine === undefined || plan.columns.length < 2 || !oneByte(plan.delimiter) || !oneByte(plan.quote) || plan.escape !== plan.quote || plan.delimiter === plan.quote) return undefined;
  const prefix = `read_csv(${quoteLiteral(plan.path)}, `;
  // The path is spliced in once, at the read; anything else would make fromFor ambiguous.
  if (plan.from.split(prefix).length !== 2) return undefined;
  const fieldKinds = plan.columns.map((_, i): CsvFieldKind => {
    const narrow = plan.narrowing[i];
    if (narrow === undefined) return /^VARCHAR$/i.test(plan.readTypes[i] ?? '') ? 'text' : undefined;
    const m = /^integer:(.+)$/.exec(narrow);
    return m ? { integer: m[1] as string } : undefined;
  });
  return {
    path: plan.path, delimiter: plan.delimiter, quote: plan.quote, header: plan.firstLine, firstRecord: plan.secondLine, columns: plan.columns, fieldKinds,
    signature: JSON.stringify([plan.delimiter, plan.quote, plan.escape, plan.columns, plan.readTypes, plan.narrowing, [...plan.asText]]),
    fromFor: (path) => plan.from.split(prefix).join(`read_csv(${quoteLiteral(path)}, `),
    countRecords: plan.countRecords,
    countLines: plan.countLines,
    quotesInHead: plan.quotesInHead,
  };
}
