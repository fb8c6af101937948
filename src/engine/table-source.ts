import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { EngineError, utf16Head } from '../core';
import { csvLineRead, type CsvLineRead } from './csv-line-read';
import { countCsvLines, countCsvRecords } from './csv-record-count';
import { EngineSession, quoteIdent, quoteLiteral } from './session';

/** CSV reading options; anything left out is sniffed from a sample of the file. */
export interface CsvOptions {
  readonly delimiter?: string;
  readonly header?: boolean;
  readonly quote?: string;
  readonly escape?: string;
  /** Text that means NULL (SQL Server bcp writes `NULL`); default: an empty unquoted field. */
  readonly nullMarker?: string;
  /** 'utf-8' (default), 'utf-16' or 'latin-1'. */
  readonly encoding?: string;
  /** Rows the sniffer reads to guess types (default 20000; -1 = the whole file). */
  readonly sampleSize?: number;
  /** Read every column as text (no type guessing at all). */
  readonly allVarchar?: boolean;
  /** Names of the columns of a file without a header row, in order (else DuckDB's column0, column1, …). */
  readonly names?: readonly string[];
  /** Read number columns whose every value is plain decimal text as DECIMAL(38, s) (s: the most
   * fraction digits in the file), exactly: after one held more digits than a double keeps. */
  readonly exactDecimals?: boolean;
  /** The decimal mark of the file's numbers: '.' (default) or ',' (an export of a European Excel
   * or SSMS locale: `1234,56`, mostly with `;` between fields). */
  readonly decimalSeparator?: string;
}

/** Where a table comes from. Paths may be DuckDB globs (`out/part-*.parquet`). */
export type TableSource =
  /** `readPath`: a UTF-8 copy DuckDB reads in place of `path` (a file in another encoding); messages name `path`. */
  | { readonly kind: 'csv'; readonly path: string; readonly csv?: CsvOptions; readonly readPath?: string }
  | { readonly kind: 'parquet'; readonly path: string }
  | { readonly kind: 'json'; readonly path: string }
  | { readonly kind: 'duckdb'; readonly path: string; readonly table: string }
  | { readonly kind: 'sql'; readonly query: string };

/** A column of a loaded table as DuckDB types it. */
export interface SourceColumn {
  readonly name: string;
  readonly type: string;
}

/** A source made queryable as a view: its name, columns, and file size when it is one file. */
export interface LoadedTable {
  readonly kind: 'loaded-table';
  readonly view: string;
  readonly source: TableSource;
  readonly columns: readonly SourceColumn[];
  readonly bytes: number | undefined;
  /** Whether the view re-reads a text file on every query (CSV/JSON): then scans are costly. */
  readonly streamed: boolean;
  /**
   * Columns the view holds as the file's text although `columns` gives the type they hold: CSV
   * timestamps with more fraction digits than DuckDB's TIMESTAMP keeps (datetime2(7)), which
   * reading as TIMESTAMP would silently cut to microseconds.
   */
  readonly heldAsText?: readonly string[];
  /**
   * The rows of a CSV counted from its bytes (csv-record-count.ts), without DuckDB parsing a
   * field: far cheaper than a scan, and run by the acceptance test while DuckDB runs its join.
   * Undefined when the file's quoting or encoding does not allow an exact count this way.
   */
  readonly countRows?: () => number | undefined;
  /**
   * What the view selects from, when that is a file read any connection can run (CSV, Parquet,
   * JSON): work beside the session's own queries runs it on a second connection (EngineSession.fork),
   * which does not see the session's TEMP views.
   */
  readonly from?: string;
  /** A CSV whose lines the acceptance test may compare as text before parsing any (csv-line-read.ts). */
  readonly lineRead?: CsvLineRead;
}

/** A short human description of a source, for reports and messages. */
export function describeSource(source: TableSource): string {
  switch (source.kind) {
    case 'sql': return `sql:${source.query}`;
    case 'duckdb': return `${source.path}#${source.table}`;
    default: return source.path;
  }
}

/** What a source is read through: its FROM clause, and CSV columns held as text (name -> type they hold). */
export interface SourceScan {
  readonly from: string;
  readonly asText: ReadonlyMap<string, string>;
  /** See LoadedTable.countRows. */
  readonly countRows?: () => number | undefined;
  /** See LoadedTable.lineRead. */
  readonly lineRead?: CsvLineRead;
}

/**
 * The FROM clause that reads `source` (sniffing a CSV, attaching a DuckDB file), without making
 * a view of it: a CSV's sniffing may run on another connection (EngineSession.fork) while the
 * other input is sniffed, since views are made on the session that queries them.
 */
export async function scanOfSource(session: EngineSession, source: TableSource, attachAs: string): Promise<SourceScan> {
  checkFile(source);
  const none = new Map<string, string>();
  switch (source.kind) {
    case 'csv': return buildCsvScan(session, source.readPath ?? source.path, source.csv ?? {}, source.path);
    case 'parquet': return { from: `read_parquet(${quoteLiteral(source.path)})`, asText: none };
    // .jsonl/.ndjson are one object per line; a .json file may also be one array of objects
    case 'json': return { from: `read_json_auto(${quoteLiteral(source.path)}, format=${/\.json(\.gz)?$/i.test(source.path) ? "'auto'" : "'newline_delimited'"})`, asText: none };
    case 'duckdb': {
      await guard(source, () => session.run(`ATTACH ${quoteLiteral(source.path)} AS ${quoteIdent(attachAs)} (READ_ONLY)`));
      return { from: `${quoteIdent(attachAs)}.${source.table.split('.').map(quoteIdent).join('.')}`, asText: none };
    }
    case 'sql': return { from: `(${source.query.replace(/;\s*$/, '')})`, asText: none };
  }
}

/**
 * Makes `source` queryable as the view `view` and returns its columns. CSV is sniffed once on a
 * sample and then read with explicit `columns=` and `auto_detect=false`, so later scans skip the
 * sniffer (it dominates load time) and the join can stream straight from the files. Missing,
 * empty and unreadable files become EngineErrors that name the file and say what to do. A
 * `scan` already made (scanOfSource) is used as it is.
 */
export async function loadTableSource(session: EngineSession, view: string, source: TableSource, attachAs = `${view}_db`, scan?: SourceScan): Promise<LoadedTable> {
  const bytes = checkFile(source);
  const { from, asText, countRows, lineRead } = scan ?? await scanOfSource(session, source, attachAs);
  await guard(source, () => session.run(`CREATE OR REPLACE TEMP VIEW ${quoteIdent(view)} AS SELECT * FROM ${from}`));
  const described = await guard(source, () => session.describe(`SELECT * FROM ${quoteIdent(view)} LIMIT 0`));
  const columns = described.columns.map((c) => ({ name: c.name, type: asText.get(c.name) ?? c.type }));
  return {
    kind: 'loaded-table', view, source, columns, bytes, streamed: source.kind === 'csv' || source.kind === 'json',
    ...(asText.size > 0 ? { heldAsText: [...asText.keys()] } : {}),
    ...(countRows ? { countRows } : {}),
    ...(lineRead ? { lineRead } : {}),
    ...(source.kind === 'csv' || source.kind === 'parquet' || source.kind === 'json' ? { from } : {}),
  };
}

/** Re-creates a CSV view after a conversion error, sniffing the whole file this time (and with `more` settings). */
export async function reloadCsvFully(session: EngineSession, table: LoadedTable, more: CsvOptions = {}): Promise<LoadedTable> {
  if (table.source.kind !== 'csv') return table;
  const csv: CsvOptions = { ...(table.source.csv ?? {}), ...more, sampleSize: -1 };
  return loadTableSource(session, table.view, { ...table.source, csv });
}

function checkFile(source: TableSource): number | undefined {
  if (source.kind === 'sql') return undefined;
  if (/[*?[]/.test(source.path)) return undefined;
  if (!existsSync(source.path)) {
    throw new EngineError('ENGINE_NO_FILE', `no such file: ${source.path}`, { location: { file: source.path }, hint: 'check the path (relative paths in a config are relative to the config file)' });
  }
  const st = statSync(source.path);
  if (st.isDirectory()) {
    throw new EngineError('ENGINE_NO_FILE', `${source.path} is a directory, not a table file`, { location: { file: source.path }, hint: 'use a glob such as dir/*.parquet to read every file of a folder' });
  }
  if (st.size === 0) {
    throw new EngineError('ENGINE_EMPTY_FILE', `${source.path} is empty (0 bytes)`, { location: { file: source.path }, hint: 'the export that should have written it probably failed; re-run it' });
  }
  return st.size;
}

async function buildCsvScan(session: EngineSession, path: string, given: CsvOptions, shown = path): Promise<SourceScan> {
  const headBytes = given.encoding === undefined ? fileHead(path) : undefined;
  // A UTF-16 file (SSMS's "Unicode" export) is read as UTF-16 unless --encoding says otherwise:
  // read as UTF-8, one without a BOM gave column names and values holding NULs.
  const csv = headBytes !== undefined && utf16Head(headBytes) ? { ...given, encoding: 'utf-16' } : given;
  const common: string[] = [];
  if (csv.delimiter !== undefined) common.push(`delim=${quoteLiteral(csv.delimiter)}`);
  if (csv.header !== undefined) common.push(`header=${csv.header}`);
  if (csv.quote !== undefined) common.push(`quote=${quoteLiteral(csv.quote)}`);
  if (csv.escape !== undefined) common.push(`escape=${quoteLiteral(csv.escape)}`);
  if (csv.encoding !== undefined) common.push(`encoding=${quoteLiteral(csv.encoding)}`);
  const source: TableSource = { kind: 'csv', path: shown, csv };
  // A quoted empty field ("") is an empty string, an unquoted one is NULL: SQL Server exports
  // depend on that difference, and DuckDB's default would read both as NULL.
  common.push('allow_quoted_nulls=false');
  const head = csv.encoding === undefined && headBytes !== undefined ? firstLines(headBytes) : [];
  const sniffArgs = [...common, `sample_size=${csv.sampleSize ?? 20000}`];
  // Told the dialect, DuckDB's sniffer only guesses the header and the types (its own rules, on
  // the same sample): a fifth of the CPU of trying every dialect, ~0.3 s of wall time per file.
  const dialectGuess = csv.delimiter === undefined && csv.quote === undefined && csv.escape === undefined && csv.encoding === undefined ? guessDialect(head) : undefined;
  if (dialectGuess !== undefined) sniffArgs.push(`delim=${quoteLiteral(dialectGuess)}`, `quote='"'`, `escape='"'`);
  if (csv.allVarchar) sniffArgs.push('all_varchar=true');
  if (csv.nullMarker !== undefined) sniffArgs.push(`nullstr=${quoteLiteral(csv.nullMarker)}`);
  const comma = decimalComma(csv, source);
  if (comma) sniffArgs.push("decimal_separator=','");
  const sniffed = await guard(source, () => session.all(`SELECT Delimiter, Quote, Escape, HasHeader, Columns, DateFormat, TimestampFormat FROM sniff_csv(${quoteLiteral(path)}, ${sniffArgs.join(', ')})`));
  const s = sniffed[0] as { Delimiter: string; Quote: string; Escape: string; HasHeader: boolean; Columns: { name: string; type: string }[]; DateFormat: string | null; TimestampFormat: string | null } | undefined;
  if (!s) throw new EngineError('ENGINE_CSV', `cannot sniff the CSV dialect of ${shown}`, { location: { file: shown } });
  if (csv.names !== undefined) {
    if (csv.names.length !== s.Columns.length) {
      throw new EngineError('ENGINE_CSV', `the file has ${s.Columns.length} columns and no header row to name them; the other input has ${csv.names.length} (${csv.names.join(', ')})`, {
        location: { file: shown }, hint: 'the two files must hold the same columns in the same order to be paired by position; or add a header row to this file',
      });
    }
    s.Columns = s.Columns.map((c, i) => ({ ...c, name: csv.names?.[i] as string }));
  }
  const delimiter = csv.delimiter ?? s.Delimiter;
  if (csv.header === undefined && csv.encoding === undefined) checkRagged(head, delimiter, csv.quote ?? '"', s.Columns.length, shown);
  const quote = csv.quote ?? (s.Quote === '(empty)' || s.Quote === '' ? '"' : s.Quote);
  const escape = csv.escape ?? (s.Escape === '(empty)' || s.Escape === '' ? '"' : s.Escape);
  const header = csv.header ?? s.HasHeader;
  const dialect = [
    'auto_detect=false',
    `delim=${quoteLiteral(delimiter)}`,
    `header=${header}`,
    `quote=${quoteLiteral(quote)}`,
    `escape=${quoteLiteral(escape)}`,
    'allow_quoted_nulls=false',
  ];
  if (csv.nullMarker !== undefined) dialect.push(`nullstr=${quoteLiteral(csv.nullMarker)}`);
  if (csv.encoding !== undefined) dialect.push(`encoding=${quoteLiteral(csv.encoding)}`);
  if (comma) {
    if (delimiter === ',') throw new EngineError('ENGINE_CSV', `${shown}: a decimal comma needs another field delimiter than the comma`, { location: { file: shown }, hint: 'such exports separate fields with ; (give it with --delimiter ";" if the sniffer did not find it)' });
    dialect.push("decimal_separator=','");
  }
  // Number text as DuckDB's casts read it: a decimal comma becomes the point.
  const numberText = (c: string): string => (comma ? `replace(${c}, ',', '.')` : c);
  const scan = (types: readonly string[]): string =>
    `read_csv(${quoteLiteral(path)}, columns={${s.Columns.map((c, i) => `${quoteLiteral(c.name)}: ${quoteLiteral(types[i] as string)}`).join(', ')}}, ${dialect.join(', ')})`;
  // Dates the sniffer read in another format than ISO (`1/2/2024`, `02.01.2024`) are its guess
  // from a sample, day-month or month-day, and the read below would not apply it: such a column
  // is text, which the compare parses by SQL Server's rules (normalize-rules.ts: US m/d/yyyy) or
  // compares as written, never as a date the sniffer chose.
  const otherDate = (t: string): boolean => (/^DATE$/i.test(t) && s.DateFormat !== null && s.DateFormat !== '%Y-%m-%d') || (/^TIMESTAMP/i.test(t) && s.TimestampFormat !== null && !/^%Y-%m-%d/.test(s.TimestampFormat));
  const types = s.Columns.map((c) => (csv.allVarchar || otherDate(c.type) ? 'VARCHAR' : c.type));
  const asText = new Map<string, string>();
  // datetimeoffset text (`2024-01-02 10:00:00.1234567 +02:00`) sniffs as VARCHAR and would
  // compare as text, so one instant written with two offsets would differ: a column whose first
  // rows all hold such values is held as text and compared as the instant (see compare-tables).
  if (!csv.allVarchar && csv.encoding === undefined) {
    const rows = headRowsText(head, delimiter, csv.quote ?? '"', header);
    types.forEach((t, i) => {
      const values = rows.map((r) => r[i] ?? '').filter((v) => v !== '');
      if (t === 'VARCHAR' && values.length > 0 && values.every((v) => OFFSET_DATETIME.test(v))) asText.set((s.Columns[i] as { name: string }).name, 'TIMESTAMP WITH TIME ZONE');
      // uniqueidentifier text: SSMS writes it in upper case, DuckDB in lower case; held as text
      // and typed UUID, so the compare ignores its case (a later value that is no GUID stays text)
      else if (t === 'VARCHAR' && values.length > 0 && values.every((v) => GUID_TEXT.test(v))) asText.set((s.Columns[i] as { name: string }).name, 'UUID');
    });
  }
  // DuckDB's sniffer types a column of Yes/No (Y/N, T/F) text BOOLEAN, and 'Yes', 'Y' and 'true'
  // are then one value: a legacy report column holding 'Yes' and a new one holding 'Y' compared
  // equal. Only true/false (DuckDB's and .NET's spelling of a boolean) is read as BOOLEAN: the
  // rows the type was sniffed from (the whole file after a whole-file sniff) are checked for it,
  // and a column spelling it otherwise stays the text it is. (A column of true/false whose other
  // spelling starts past the sample is read as a boolean: its values then compare as accept
  // compares any text with a boolean, 'yes' as true. Reading every such column as text and
  // narrowing it cost 7% of a 2M-row compare.)
  const booleans = types.flatMap((t, i) => (/^BOOLEAN$/i.test(t) ? [i] : []));
  if (booleans.length > 0) {
    const names = booleans.map((i) => (s.Columns[i] as { name: string }).name);
    const rows = csv.sampleSize === -1 ? undefined : csv.sampleSize ?? 20000;
    const spelled = await spelledTrueFalse(session, source, scan(types.map(() => 'VARCHAR')), names, rows);
    booleans.forEach((i, k) => {
      if (!spelled.has(names[k] as string)) types[i] = 'VARCHAR';
    });
  }
  // DuckDB's TIMESTAMP keeps microseconds and silently drops a 7th fraction digit (datetime2(7)),
  // wherever in the file it first appears: a sample cannot prove a column has none, so every
  // timestamp column is read as its text, which the compare parses to the nanosecond (and skips
  // parsing where both sides' texts are equal).
  types.forEach((t, i) => {
    if (!/^TIMESTAMP( WITH TIME ZONE)?$/i.test(t)) return;
    asText.set((s.Columns[i] as { name: string }).name, t);
    types[i] = 'VARCHAR';
  });
  // DuckDB's CSV reader casts like CAST: '4.5' read into a BIGINT column is 5, '2024-01-02 10:00'
  // into a DATE loses its time, silently, wherever in the file it first appears. A type sniffed
  // from a sample is therefore read one step wider and narrowed here, where a value the narrow
  // type would round raises a conversion error: the comparison then sniffs the whole file and
  // runs again (run-comparison.ts), whose types hold every value. Integers go through DOUBLE
  // (as cheap to parse as BIGINT; exact below 2^53: from there on, and 2^53 itself, which is also
  // what the text 2^53 + 1 parses to, the value is refused the same way),
  // dates through TIMESTAMP.
  const strict: string[] = [];
  // How each column is narrowed after reading, for the line read (csv-line-read.ts).
  const narrowing: (string | undefined)[] = types.map(() => undefined);
  if (csv.sampleSize !== -1) {
    types.forEach((t, i) => {
      const name = (s.Columns[i] as { name: string }).name;
      if (asText.has(name)) return;
      const c = quoteIdent(name);
      const refuse = (what: string): string => `error('Conversion Error: ' || ${quoteLiteral(`${shown}: column ${name}: `)} || CAST(${c} AS VARCHAR) || ' is not ${what} (the sniffed sample held only such values)')`;
      // The usual value passes the first WHEN and nothing else is evaluated for it; NULL fails
      // it and falls through to no branch (NULL). A leading `IS NULL` branch cost every row one
      // more test: a third of the narrowing's CPU.
      if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/i.test(t)) {
        strict.push(`CASE WHEN ${c} = trunc(${c}) AND abs(${c}) < 9007199254740992 THEN CAST(${c} AS ${t}) WHEN ${c} IS NOT NULL THEN ${refuse('an integer the sample promised')} END AS ${c}`);
        narrowing[i] = `integer:${t}`;
        types[i] = 'DOUBLE';
      } else if (/^DATE$/i.test(t)) {
        // Midnight is tested on the microsecond count (one modulo); what fails it (another time
        // of day, or ±infinity, whose count is NULL) takes the exact round trip through DATE.
        strict.push(`CASE WHEN epoch_us(${c}) % 86400000000 = 0 THEN CAST(${c} AS DATE) WHEN CAST(CAST(${c} AS DATE) AS TIMESTAMP) = ${c} THEN CAST(${c} AS DATE) WHEN ${c} IS NOT NULL THEN ${refuse('a date')} END AS ${c}`);
        narrowing[i] = 'date';
        types[i] = 'TIMESTAMP';
      }
    });
  }
  // A DOUBLE keeps 15-17 significant digits: decimal text with more (a decimal(38,10) or money
  // total exported as text) would be read rounded, and two values that differ in their last
  // digits would compare equal. So a number column is read as its text and taken as a DOUBLE only
  // where that loses nothing: 15 digits or fewer, or digits that are the double's own shortest
  // form (0.30000000000000004); any other value stops the compare, naming it. The comparison then
  // reads the file again with exactDecimals (run-comparison.ts): a column of plain decimal text
  // becomes DECIMAL(38, its most fraction digits), exact; one that cannot stays refused.
  // (The sniffed type: an integer column is read through DOUBLE above, exactly.)
  const doubles = types.flatMap((t, i) => {
    const { name, type: sniffedType } = s.Columns[i] as { name: string; type: string };
    return t === sniffedType && /^(DOUBLE|FLOAT|REAL)$/i.test(t) && !asText.has(name) ? [i] : [];
  });
  const decimals = csv.exactDecimals && doubles.length > 0 ? await decimalScales(session, source, scan(types.map((t, i) => (doubles.includes(i) ? 'VARCHAR' : t))), doubles.map((i) => (s.Columns[i] as { name: string }).name), comma ? ',' : '.') : new Map<string, number>();
  doubles.forEach((i) => {
    const name = (s.Columns[i] as { name: string }).name;
    const c = quoteIdent(name);
    const scale = decimals.get(name);
    if (scale !== undefined) {
      strict.push(`CAST(${numberText(c)} AS DECIMAL(38, ${scale})) AS ${c}`);
      narrowing[i] = `decimal:${scale}`;
      types[i] = 'VARCHAR';
      return;
    }
    const refuse = `error('Precision Error: ' || ${quoteLiteral(`${shown}: column ${name}: `)} || ${c} || ' has more significant digits than a double keeps, so two such values could compare equal when they differ')`;
    const n = numberText(c);
    narrowing[i] = 'double';
    strict.push(`CASE WHEN strlen(${c}) <= 15 THEN CAST(${n} AS DOUBLE) WHEN strlen(${sqlSignificantDigits(c)}) <= 15 OR ${sqlSignificantDigits(c)} = ${sqlSignificantDigits(`CAST(CAST(${n} AS DOUBLE) AS VARCHAR)`)} THEN CAST(${n} AS DOUBLE) WHEN ${c} IS NOT NULL THEN ${refuse} END AS ${c}`);
    types[i] = 'VARCHAR';
  });
  // Counted from the bytes only where the bytes mean what the counter assumes (UTF-8, where a
  // line end is the byte 10, and a doubled quote as the escape), and where that is cheap: in a
  // file whose first 64 KiB quote nothing (a database export of plain values). The counter
  // passes over unquoted lines with memchr, but steps through quoted fields in JavaScript: for a
  // file quoting a few fields of every row that is ~0.7 s of CPU per 2M rows, more than the
  // distinct count over the join it replaces.
  const countRecords = (): number | undefined => {
    const records = countCsvRecords(path, { delimiter, quote, columns: s.Columns.length });
    return records === undefined ? undefined : Math.max(0, records - (header ? 1 : 0));
  };
  const countable = csv.encoding === undefined && escape === quote && head.length > 0 && !head.some((l) => l.includes(quote));
  const countRows = countable ? countRecords : undefined;
  const countLines = (): number | undefined => {
    const lines = countCsvLines(path, s.Columns.length);
    return lines === undefined ? undefined : Math.max(0, lines - (header ? 1 : 0));
  };
  const from = strict.length === 0 ? scan(types) : `(SELECT * REPLACE (${strict.join(', ')}) FROM ${scan(types)})`;
  const lineRead = csvLineRead({
    path, from, delimiter, quote, escape, header, firstLine: head.length > 1 ? head[0] : undefined, secondLine: head.length > 2 ? head[1] : undefined, columns: s.Columns.map((c) => c.name), readTypes: types, narrowing, asText, countRecords, countLines,
    quotesInHead: head.slice(header ? 1 : 0).some((l) => l.includes(quote)),
    plain: csv.encoding === undefined && csv.nullMarker === undefined && !comma && csv.names === undefined,
  });
  return { from, asText, ...(countRows ? { countRows } : {}), ...(lineRead ? { lineRead } : {}) };
}

/** Whether the file's numbers are written with a decimal comma (CsvOptions.decimalSeparator); any other mark than '.' or ',' is refused. */
function decimalComma(csv: CsvOptions, source: TableSource): boolean {
  const mark = csv.decimalSeparator;
  if (mark === undefined || mark === '.') return false;
  if (mark === ',') return true;
  throw new EngineError('ENGINE_CSV', `decimal separator ${JSON.stringify(mark)} is not one of . and ,`, { location: { file: describeSource(source) }, hint: 'numbers are read with a decimal point, or a decimal comma (1234,56)' });
}

/** SQL for the significant digits of a number's text (sign, point, exponent and outer zeros left out):
 * equal doubles with equal digit strings are one decimal value. */
export function sqlSignificantDigits(text: string): string {
  return `trim(regexp_replace(split_part(lower(${text}), 'e', 1), '[^0-9]', '', 'g'), '0')`;
}

/**
 * The DECIMAL scale each number column can be read at exactly: the most fraction digits any of
 * its values has, where every value is plain decimal text (no exponent, inf or nan) that fits
 * DECIMAL(38, scale). Columns that do not are left out (their values stay checked doubles).
 */
async function decimalScales(session: EngineSession, source: TableSource, from: string, names: readonly string[], mark: '.' | ','): Promise<Map<string, number>> {
  const parts = names.map((name, k) => {
    const c = `trim(${quoteIdent(name)}, ' ')`;
    return `bool_and(regexp_full_match(${c}, '[+-]?([0-9]+[${mark}]?[0-9]*|[${mark}][0-9]+)')) AS p${k}, max(strlen(split_part(${c}, '${mark}', 2))) AS s${k}, max(strlen(ltrim(split_part(ltrim(${c}, '+-'), '${mark}', 1), '0'))) AS i${k}`;
  });
  const row = (await guard(source, () => session.all(`SELECT ${parts.join(', ')} FROM ${from}`)))[0] ?? {};
  const out = new Map<string, number>();
  names.forEach((name, k) => {
    const scale = Number(row[`s${k}`] ?? 0);
    if (row[`p${k}`] === true && scale <= 38 && Number(row[`i${k}`] ?? 0) + scale <= 38) out.set(name, scale);
  });
  return out;
}

/** The columns whose every value is true or false (any case, blanks around), of those named; in the first `rows` rows when given. */
async function spelledTrueFalse(session: EngineSession, source: TableSource, from: string, names: readonly string[], rows?: number): Promise<Set<string>> {
  const parts = names.map((name, k) => `bool_and(lower(trim(${quoteIdent(name)}, ' ')) IN ('true', 'false')) AS b${k}`);
  const scanned = rows === undefined ? from : `(SELECT * FROM ${from} LIMIT ${rows})`;
  const row = (await guard(source, () => session.all(`SELECT ${parts.join(', ')} FROM ${scanned}`)))[0] ?? {};
  return new Set(names.filter((_, k) => row[`b${k}`] !== false));
}

/** The lines of a file's first 64 KiB (UTF-8, BOM dropped); the last one may be cut short. */
/** The first 64 KiB of a file: read once, for the UTF-16 check and the dialect guess. */
function fileHead(path: string): Buffer {
  const buf = Buffer.alloc(1 << 16);
  const fd = openSync(path, 'r');
  try {
    return buf.subarray(0, readSync(fd, buf, 0, buf.length, 0));
  } finally {
    closeSync(fd);
  }
}

function firstLines(head: Buffer): string[] {
  return head.toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
}

/** A uniqueidentifier as SQL Server writes it: 8-4-4-4-12 hex digits. */
const GUID_TEXT = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

/** SQL Server's datetimeoffset text and ISO 8601 with an offset (style 127): date, time, then `Z`, ±hh:mm, ±hhmm or ±hh (DuckDB's TIMESTAMPTZ text). */
const OFFSET_DATETIME = /^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:[.][0-9]{1,9})?)? ?(?:Z|[+-][0-9]{2}(?::?[0-9]{2})?)$/;

/** The fields of the first data rows of `lines` (quotes honoured; the last line, maybe cut short, is left out). */
function headRowsText(lines: readonly string[], delimiter: string, quote: string, header: boolean): string[][] {
  return lines.slice(header ? 1 : 0, Math.min(101, lines.length - 1)).filter((l) => l !== '').map((line) => splitFields(line, delimiter, quote));
}

/** One line's fields (a doubled quote inside quotes is one quote). */
function splitFields(line: string, delimiter: string, quote: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted && ch === quote && line[i + 1] === quote) { field += ch; i++; }
    else if (ch === quote) quoted = !quoted;
    else if (!quoted && ch === delimiter) { fields.push(field); field = ''; }
    else field += ch;
  }
  fields.push(field);
  return fields;
}

/** A line's field count and whether its quotes are balanced (a field may go on past the line). */
function countFields(line: string, delimiter: string, quote: string): { fields: number; balanced: boolean } {
  let n = 1;
  let quoted = false;
  for (const ch of line) {
    if (ch === quote) quoted = !quoted;
    else if (!quoted && ch === delimiter) n++;
  }
  return { fields: n, balanced: !quoted };
}

const DELIMITERS = [',', ';', '\t', '|'];

/**
 * The delimiter of a CSV with double-quote quoting, from the complete lines of its first 64 KiB,
 * when only one is possible: exactly one of `, ; TAB |` splits every line into the same number
 * (>= 2) of fields. Undefined (DuckDB's sniffer then tries every dialect) when that is not clear
 * or something else may be going on: fewer than two lines, a quoted field running past its line,
 * single quotes or backslashes next to a quote that could be another quoting dialect.
 */
export function guessDialect(head: readonly string[]): string | undefined {
  const lines = head.slice(0, Math.min(head.length - 1, 200)).filter((l) => l !== '');
  if (lines.length < 2) return undefined;
  if (lines.some((l) => l.includes('\\"') || /(^|[,;\t|])'|'($|[,;\t|])/.test(l))) return undefined;
  const fits = DELIMITERS.filter((d) => {
    const counts = lines.map((l) => countFields(l, d, '"'));
    return counts.every((c) => c.balanced && c.fields >= 2 && c.fields === counts[0]?.fields);
  });
  return fits.length === 1 ? fits[0] : undefined;
}

/**
 * The sniffer copes with a ragged file by deciding it has no header and padding rows with NULLs,
 * which would compare garbage. When the first line's field count differs from the sniffed
 * column count, the file is ragged: say so with the first offending line.
 */
function checkRagged(head: readonly string[], delimiter: string, quote: string, sniffedColumns: number, path: string): void {
  const lines = head.length > 1 ? head.slice(0, -1) : [...head]; // the last one is possibly cut in the middle
  const fields = (line: string): number => countFields(line, delimiter, quote).fields;
  const first = fields(lines[0] ?? '');
  if (first === sniffedColumns) return;
  const bad = lines.findIndex((l, i) => i > 0 && l !== '' && fields(l) !== first);
  throw new EngineError('ENGINE_CSV', `ragged CSV: line 1 has ${first} fields but ${bad > 0 ? `line ${bad + 1} has ${fields(lines[bad] as string)}` : `other lines have ${sniffedColumns}`}`, {
    location: { file: path }, hint: 'every row needs as many fields as the header: check the delimiter (--delimiter) and quoting (--quote) of the export',
  });
}

/** Runs DuckDB work for one source, turning its errors into messages that name the source. */
export async function guard<T>(source: TableSource, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw sourceError(source, err);
  }
}

/** An EngineError for a failure while reading `source`, with DuckDB's reason in one paragraph. */
export function sourceError(source: TableSource, err: unknown): EngineError {
  const raw = err instanceof Error ? err.message : String(err);
  const reason = raw.replace(/^DuckDB:\s*/, '').split('\n').filter((l) => l.trim() !== '' && !/^\s*(Possible fixes|Possible Solution|\*|Or provide|Original Line|(file|delimiter|quote|escape|new_line|header|skip_rows|comment|strict_mode|date_format|timestamp_format|null_padding|max_line_size|all_varchar|ignore_errors|store_rejects|sample_size|parallel|auto_detect)\s*=)/i.test(l)).slice(0, 4).join('\n  ');
  const notUtf8 = source.kind === 'csv' && /not utf-8 encoded|invalid unicode/i.test(raw);
  const notLatin1 = source.kind === 'csv' && /not latin-1 encoded/i.test(raw);
  const hint = /Precision Error: .*more significant digits than a double keeps/.test(raw)
    ? 'compare the exact text of the numbers with --all-varchar (then 12.50 and 12.5 differ), or give both sides as Parquet with DECIMAL columns'
    : notLatin1
    ? 'the file holds bytes Latin-1 leaves to control characters (0x80-0x9F: the euro sign, curly quotes in Windows-1252): read it with --encoding windows-1252'
    : notUtf8
    ? 'the file is not UTF-8 (an "ANSI" export): read it with --encoding windows-1252 (--expected-encoding / --actual-encoding for one side), or save it as UTF-8'
    : source.kind === 'csv'
    ? 'check the delimiter, quoting and header (--delimiter, --quote, --no-header), or read every column as text with --all-varchar'
    : source.kind === 'sql' ? 'check the query: run it in the duckdb shell to see the error in context' : 'check that the file is complete and in the format its extension says';
  const what = source.kind === 'sql' ? `cannot run ${describeSource(source)}` : `cannot read this ${source.kind === 'duckdb' ? `table (${source.table})` : `${source.kind} file`}`;
  return new EngineError('ENGINE_READ', `${what}: ${reason}`, { location: source.kind === 'sql' ? {} : { file: source.path }, hint, cause: err });
}
