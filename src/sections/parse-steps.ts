import { formatColumnType, parseColumnType, parseValueText, type ColumnType } from '../engine';
import { readCsvRecords } from './csv-reader';
import { isCatalogViewName } from '../tsql';
import { parseHeaderCell, parseSpecName, quoteNamePart, SPEC_NAME_SOURCE } from './spec-names';
import { normalizeObjectName, type SpecCatalog, type SpecColumn, type SpecProblem, type TableData } from './spec-model';

/** The step sentences a spec understands; anything else is reported with these as the hint. */
const NAME = SPEC_NAME_SOURCE;
const KEY_PART = String.raw`(?:\[(?:[^\]]|\]\])*\]|"(?:[^"]|"")*"|[^\s[\]",:]+)`;
const VARIABLE = String.raw`@[\p{L}\p{N}_@#$]+`;

/**
 * The step sentences a spec understands; anything else is reported with these as the hint.
 * Table and column names are written as T-SQL writes them (spec-names.ts): `Dimension.[Stock Item]`.
 */
export const STEP_PATTERNS = {
  givenTable: new RegExp(String.raw`^(?:the\s+)?(?:input\s+)?table\s+(${NAME})(?:\s+from\s+"([^"]+)")?\s*:?$`, 'iu'),
  givenParam: new RegExp(String.raw`^(?:the\s+)?(?:parameter|variable)\s+(${VARIABLE})(?::([\w(),]+\??))?\s*(?:=|is)\s*(.*)$`, 'iu'),
  // groups: 1 name, 2 keyed by, 3 tolerance, 4 is empty, 5 ordered by (the legacy ORDER BY's columns)
  thenTable: new RegExp(String.raw`^(?:the\s+)?(?:output\s+)?table\s+(${NAME})(?:\s+keyed\s+by\s+(${KEY_PART}(?:\s*,\s*${KEY_PART})*))?(?=(?:\s+ordered\s+by\s+(?:${KEY_PART}(?:\s*,\s*${KEY_PART})*))?(?:\s+with\s+tolerance\s+([0-9.eE+-]+))?(\s+is\s+empty)?\s*:?$)(?:\s+ordered\s+by\s+(${KEY_PART}(?:\s*,\s*${KEY_PART})*))?(?:\s+with\s+tolerance\s+[0-9.eE+-]+)?(?:\s+is\s+empty)?\s*:?$`, 'iu'),
  thenScalar: new RegExp(String.raw`^(?:the\s+)?(?:scalar|variable|value)\s+(@?[\p{L}\p{N}_@#$]+|\[(?:[^\]]|\]\])*\])(?::([\w(),]+\??))?\s*(?:=|is)\s*(.*?)(?:\s+with\s+tolerance\s+([0-9.eE+-]+))?$`, 'iu'),
} as const;

export const STEP_HINT = 'write `Given table <name>:` with a data table (or `from "file.csv"`), `Given parameter @p:type = value`, `When the section runs`, `Then table <name> [keyed by a,b] [ordered by c,d] [with tolerance 0.01]:` or `Then scalar @x:type = value`';

/** A Gherkin data table as the parser gives it. */
export interface RawDataTable {
  readonly rows: readonly { readonly location: { readonly line: number; readonly column?: number }; readonly cells: readonly { readonly location: { readonly line: number; readonly column?: number }; readonly value: string }[] }[];
}

/** Collects problems for one file. */
export class ProblemSink {
  readonly problems: SpecProblem[] = [];
  constructor(readonly file: string) {}
  add(line: number, column: number, code: string, message: string, hint?: string): void {
    this.problems.push({ kind: 'spec-problem', file: this.file, line, column, code, message, ...(hint ? { hint } : {}) });
  }
}

/** Infers a type for an untyped parameter value: int, double, date, timestamp (datetime2 with 7 fraction digits), else text. */
export function inferValueType(text: string): ColumnType {
  const t = text.trim();
  const name = /^[-+]?\d+$/.test(t) ? 'int' : /^[-+]?\d*\.\d+$/.test(t) ? 'double' : /^\d{4}-\d{2}-\d{2}$/.test(t) ? 'date'
    : /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}\.\d{7}$/.test(t) ? 'datetime2' : /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}/.test(t) ? 'timestamp' : 'text';
  return parseColumnType(t === 'NULL' ? 'text?' : name) as ColumnType;
}

/** Strips quotes around a scalar written as 'text' or "text". */
export function unquote(text: string): string {
  const t = text.trim();
  return (t.startsWith("'") && t.endsWith("'") && t.length >= 2) || (t.startsWith('"') && t.endsWith('"') && t.length >= 2) ? t.slice(1, -1) : t;
}

/** Columns of a catalog table, if the catalog knows it. */
function catalogColumns(catalog: SpecCatalog | undefined, table: string): ReadonlyMap<string, { name: string; type: ColumnType }> | undefined {
  const t = catalog?.tables.get(normalizeObjectName(table));
  return t ? new Map(t.columns.map((c) => [c.name.toLowerCase(), c])) : undefined;
}

/** Reports a table the catalog does not know, suggesting names that look alike. */
export function checkKnownTable(sink: ProblemSink, catalog: SpecCatalog | undefined, table: string, line: number, column: number): boolean {
  if (!catalog || catalog.tables.size === 0) return true;
  const key = normalizeObjectName(table);
  if (catalog.tables.has(key)) return true;
  const bare = key.replace(/^.*\./, '').replace(/^[#@]/, '');
  // suggested as specs write them (`Reporting.[Customer KPI]`), not as the catalog keys them
  const near = [...catalog.tables.values()].filter((t) => t.name.toLowerCase().includes(bare.slice(0, 4))).map((t) => catalog.names?.get(t.name.toLowerCase()) ?? t.name);
  // a table of another database (`[$(LinkedDb)].dbo.Customers`): no local table is meant, and a
  // CREATE TABLE that names it as the procedure does declares it
  const otherDatabase = (parseSpecName(table)?.length ?? 0) >= 3;
  if (isCatalogViewName(parseSpecName(table) ?? key.split('.'))) {
    // no CREATE TABLE could declare it, and "did you mean" a business table would mislead
    sink.add(line, column, 'SPEC_CATALOG_VIEW', `${table} is a catalog view: its rows describe the database the procedure runs in, not business input, so a scenario cannot give them and the emulator does not run the read`,
      'remove this table; give the section what it needs in its place (a table of the objects it lists, as the new code will read it), or move the statement that reads the view to the housekeeping section');
    return false;
  }
  const synonymFor = catalog.unknownSynonymTargets?.get(key);
  if (synonymFor !== undefined) {
    sink.add(line, column, 'SPEC_UNKNOWN_TABLE', `unknown table ${table}: a synonym for ${synonymFor}, which no CREATE TABLE script declares`,
      `add a script to procedures/ that creates ${synonymFor} (CREATE TABLE ${synonymFor} (…)): the synonym has its columns`);
    return false;
  }
  sink.add(line, column, 'SPEC_UNKNOWN_TABLE', `unknown table ${table}: neither a CREATE TABLE script nor the procedure declares it`,
    otherDatabase ? `a table of another database: add a script to procedures/ that creates it under the name the procedure uses (CREATE TABLE ${table} (…))`
      : near.length > 0 ? `did you mean ${near.slice(0, 3).join(', ')}?` : 'add its CREATE TABLE script to procedures/tables/, or use the name the procedure uses (#temp, @table variable)');
  return false;
}

/** Parses a header cell `Name:type` (type optional when the catalog knows the table's column). */
function parseHeader(sink: ProblemSink, cell: { value: string; location: { line: number; column?: number } }, known: ReadonlyMap<string, { name: string; type: ColumnType }> | undefined, table: string): SpecColumn | undefined {
  const line = cell.location.line;
  const column = cell.location.column ?? 1;
  const header = parseHeaderCell(cell.value);
  if (!header) {
    sink.add(line, column, 'SPEC_HEADER', `cannot read the header cell '${cell.value}' of ${table}`, 'write Name:type, a name that is not a plain identifier in brackets as T-SQL does: [WWI City ID]:int, [Order]:int, [a]]b]:text');
    return undefined;
  }
  const rawName = header.name;
  const rawType = header.type;
  if (!rawName) {
    sink.add(line, column, 'SPEC_HEADER', `empty column name in the header of ${table}`, 'every header cell is Name:type, e.g. DeviceId:int');
    return undefined;
  }
  if (known && !known.has(rawName.toLowerCase())) {
    sink.add(line, column, 'SPEC_UNKNOWN_COLUMN', `${table} has no column ${quoteNamePart(rawName)}`, `its columns are ${[...known.values()].map((c) => quoteNamePart(c.name)).join(', ')}`);
  }
  let type: ColumnType | undefined;
  if (rawType) {
    type = parseColumnType(rawType);
    if (!type) sink.add(line, column, 'SPEC_TYPE', `unknown type '${rawType}' for column ${quoteNamePart(rawName)}`, 'use int, bigint, double, decimal(p,s), text, bool, date, timestamp, datetime2 or uniqueidentifier; add ? for a nullable column (int?)');
    const declared = known?.get(rawName.toLowerCase())?.type;
    // `[Admission Id]:text` over an int column: the scenario's rows would compare, sort and join
    // as another kind of value than the table holds, in the test and in the emulator alike
    if (type && declared && typeFamily(type) !== typeFamily(declared)) {
      sink.add(line, column, 'SPEC_TYPE_MISMATCH', `${table}.${quoteNamePart(rawName)} is ${formatColumnType(declared)} in the table's CREATE TABLE, not ${formatColumnType(type)}`, `write ${quoteNamePart(rawName)}:${formatColumnType(declared)}, or leave the type out: the table's own is taken`);
    }
  } else {
    type = known?.get(rawName.toLowerCase())?.type;
    if (!type) sink.add(line, column, 'SPEC_TYPE', `column ${quoteNamePart(rawName)} of ${table} has no type`, `write it as ${quoteNamePart(rawName)}:<type>, e.g. ${quoteNamePart(rawName)}:int or ${quoteNamePart(rawName)}:text?`);
  }
  return type ? { kind: 'spec-column', name: rawName, type, line, column } : undefined;
}

/**
 * The kind of value a column type holds: a spec may write a wider or narrower type of one kind
 * (int for a bigint column), not another kind. A bit is a number to SQL Server (0 and 1, an int
 * compares and converts to it), so `IsOpen:int` over a bit column is of its kind.
 */
function typeFamily(t: ColumnType): 'number' | 'text' | 'time' {
  switch (t.base) {
    case 'int': case 'bigint': case 'double': case 'decimal': case 'bool': return 'number';
    case 'date': case 'timestamp': case 'datetime2': return 'time';
    default: return 'text';
  }
}

/** Reads rows of raw strings into typed rows, reporting each value that does not fit its type. */
function typeRows(sink: ProblemSink, table: string, columns: readonly SpecColumn[], raw: readonly { line: number; cells: readonly { value: string; column: number }[] }[]): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const r of raw) {
    if (r.cells.length !== columns.length) {
      sink.add(r.line, r.cells[0]?.column ?? 1, 'SPEC_RAGGED', `row of ${table} has ${r.cells.length} values but the header has ${columns.length} columns`, 'give every row one value per header column');
      continue;
    }
    const row: Record<string, unknown> = {};
    columns.forEach((c, i) => {
      const cell = r.cells[i] as { value: string; column: number };
      const parsed = parseValueText(c.type, cell.value);
      if (parsed.ok) row[c.name] = parsed.value;
      else sink.add(r.line, cell.column, 'SPEC_VALUE', `${table}.${c.name} (${formatColumnType(c.type)}): ${parsed.reason}`, 'fix the value or the column type in the header');
    });
    rows.push(row);
  }
  return rows;
}

/**
 * A text cell written in single quotes, `''` or `'Acme AS '`, the way T-SQL writes a literal: a
 * spec cell is its text as written, so it would hold the quotes too (an scd probe's Given with
 * `''` for an empty segment hashed the two quote characters). Refused, saying how to write it;
 * `sections record` writes such a value in double quotes (recorded-cells.ts).
 */
function singleQuotedCells(sink: ProblemSink, table: string, columns: readonly SpecColumn[], row: RawDataTable['rows'][number]): void {
  row.cells.forEach((c, i) => {
    const col = columns[i];
    if (col === undefined || col.type.base !== 'text' || !/^'.*'$/s.test(c.value) || c.value.length < 2) return;
    const inner = c.value.slice(1, -1);
    const plain = inner === '' ? '""' : inner !== inner.trim() ? `"${inner}"` : inner;
    sink.add(row.location.line, c.location.column ?? 1, 'SPEC_SINGLE_QUOTED', `${table}.${col.name}: ${c.value} in a spec cell is text holding the single quotes; a cell is its text as written`, `write ${plain}${inner === '' ? ' for the empty string' : ''}, or "${c.value}" if the quotes are part of the value`);
  });
}

/** Builds a typed table from a Gherkin data table (first row: typed header). */
export function readDataTable(sink: ProblemSink, catalog: SpecCatalog | undefined, name: string, line: number, data: RawDataTable | undefined): TableData | undefined {
  const known = catalogColumns(catalog, name);
  if (!data || data.rows.length === 0) {
    if (known) {
      const columns = [...(catalog?.tables.get(normalizeObjectName(name))?.columns ?? [])].map((c) => ({ kind: 'spec-column' as const, name: c.name, type: c.type, line, column: 1 }));
      return { kind: 'table-data', name, columns, rows: [], line, source: { kind: 'inline' } };
    }
    sink.add(line, 1, 'SPEC_NO_TABLE', `table ${name} has no data table`, 'add a data table whose first row is the typed header: | DeviceId:int | CpuPct:double? |');
    return undefined;
  }
  const [header, ...body] = data.rows;
  const columns = (header?.cells ?? []).map((c) => parseHeader(sink, c, known, name));
  if (columns.some((c) => c === undefined)) return undefined;
  // Gherkin trims cells, so text with edge blanks is written in double quotes: | "a b  " |.
  const unquoteCell = (v: string): string => (v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v);
  const raw = body.map((r) => ({ line: r.location.line, cells: r.cells.map((c) => ({ value: unquoteCell(c.value), column: c.location.column ?? 1 })) }));
  const typed = columns as SpecColumn[];
  for (const r of body) singleQuotedCells(sink, name, typed, r);
  return { kind: 'table-data', name, columns: typed, rows: typeRows(sink, name, typed, raw), line, source: { kind: 'inline' } };
}

/**
 * Builds a typed table from a CSV file. The header row may carry types (`DeviceId:int`);
 * untyped columns take the catalog's types. Problems point into the CSV file.
 */
export function readCsvTable(sink: ProblemSink, catalog: SpecCatalog | undefined, name: string, line: number, path: string, displayPath: string, text: string | undefined, leaveOut: ReadonlySet<string> = new Set()): TableData | undefined {
  if (text === undefined) {
    sink.add(line, 1, 'SPEC_DATA_FILE', `cannot read ${displayPath} for table ${name}`, 'a relative path is relative to the .feature file');
    return undefined;
  }
  // `leaveOut`: columns (lower-case) the reader skips, as if the file did not have them
  const all = readCsvRecords(text);
  const kept = (all[0]?.fields ?? []).map((f, i) => (leaveOut.has(parseHeaderCell(f)?.name.toLowerCase() ?? '') ? -1 : i)).filter((i) => i >= 0);
  const records = leaveOut.size === 0 ? all : all.map((r) => ({ ...r, fields: kept.map((i) => r.fields[i] ?? ''), quoted: kept.map((i) => r.quoted[i] ?? false) }));
  const [header, ...body] = records;
  if (!header) {
    sink.add(line, 1, 'SPEC_DATA_FILE', `${displayPath} is empty`, 'its first line is the header: DeviceId:int,CpuPct:double?');
    return undefined;
  }
  const fileSink = new ProblemSink(displayPath);
  const known = catalogColumns(catalog, name);
  // a problem names the field's place in the file, left-out columns counted
  const place = (i: number): number => (leaveOut.size === 0 ? i : kept[i] ?? i) + 1;
  const columns = header.fields.map((f, i) => parseHeader(fileSink, { value: f, location: { line: header.line, column: place(i) } }, known, name));
  let rows: Record<string, unknown>[] = [];
  if (columns.every((c) => c !== undefined)) {
    // CSV has no NULL marker of its own: an unquoted empty field of a nullable column is NULL.
    const typed = columns as SpecColumn[];
    const cellOf = (v: string, i: number, quoted: boolean): string => (v === '' && !quoted && typed[i]?.type.nullable ? 'NULL' : v);
    rows = typeRows(fileSink, name, typed, body.map((r) => ({ line: r.line, cells: r.fields.map((v, i) => ({ value: cellOf(v, i, r.quoted[i] ?? false), column: place(i) })) })));
  }
  sink.problems.push(...fileSink.problems);
  if (fileSink.problems.length > 0) {
    // also at the step: a spec whose Given rows could not be read is broken itself, never run
    // (and passed) without them
    sink.add(line, 1, 'SPEC_DATA_FILE', `${displayPath} for table ${name} has ${fileSink.problems.length} problem(s): the scenario cannot run without its rows`, 'fix them at the file (listed with its name)');
    return undefined;
  }
  return { kind: 'table-data', name, columns: columns as SpecColumn[], rows, line, source: { kind: 'file', path } };
}
