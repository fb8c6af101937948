import { LegacyError, MigrateError, widerRowThanHeader, withUtf8Csv } from '../../core';
import { violatedCheck } from './tables/check-constraints';
import { duplicateKeyValue } from './tables/key-constraints';
import { guardKeyText } from './tables/key-text';
import { readableTableName } from '../baseline-names';
import { quoteLiteral } from '../../engine';
import { normalizeObjectName } from '../legacy-run';
import { dateTimeTarget } from './dates/date-convert';
import { convertSql, quote } from './expressions';
import { DATA_TEXT } from './login-language';
import type { EmulatorState, TableInfo } from './state';
import { resetIdentity } from './tables/tables';
import { familyOf, isBlankPadded, type TsqlType } from './tsql-types';
import { isRowversionType, noteLoadedRowversions, noteOmittedRowversions } from './reproducibility/rowversion';
import { noteUnstatedColumns, unstatedNotNull } from './tables/unstated-columns';
import { UNSTORED_XML_HINT, unstoredXmlProblem } from './xml-json/xml-serialization';

/** One input table to load before the call: a CSV file with a header row. */
export interface EmulatorInput {
  /** `schema.table` as the procedures name it. */
  readonly table: string;
  readonly file: string;
}

/** Loads a CSV (header row; empty cell = NULL) into a table, converting text like SQL Server. */
export async function loadCsv(state: EmulatorState, input: EmulatorInput, key = normalizeObjectName(input.table)): Promise<void> {
  const info = state.tables.get(key);
  if (info === undefined) {
    throw new LegacyError('LEGACY_UNKNOWN_TABLE', `input ${input.file}: no CREATE TABLE for ${input.table}`, { location: { file: input.file }, hint: 'pass the table scripts with --tables, or rename the CSV after a table' });
  }
  // A quoted empty field ("") is the empty string, an unquoted one NULL, as `migrate accept`
  // and capture's own CSVs have it: '' and NULL differ in T-SQL ('x' + '' is 'x', ISNUMERIC('')).
  const src = (path: string): string => `read_csv(${quoteLiteral(path)}, header = true, all_varchar = true, auto_detect = true, allow_quoted_nulls = false)`;
  // A conversion SQL Server would refuse too (T-SQL Msg 245) is worded as SQL Server words it.
  const failed = (err: unknown): LegacyError => new LegacyError('LEGACY_INPUT', `input ${input.file}: cannot load into ${readableTableName(info.sqlName)}: ${err instanceof Error ? err.message.replace(/^DuckDB:\s*/, '').replace(/^(?:Error:\s*)?(?:Invalid Input Error:\s*)?T-SQL Msg \d+:\s*/, '') : String(err)}`, { location: { file: input.file } });
  // The file is read (and its dialect sniffed, the costly part) once, as text, into a staging
  // table; its columns and the typed INSERT come from there.
  try {
    // An SSMS export in UTF-16 or Windows-1252 is read through a UTF-8 copy.
    await withUtf8Csv(input.file, (path) => state.session.run(`CREATE OR REPLACE TEMP TABLE ${STAGING} AS SELECT * FROM ${src(path)}`));
  } catch (err) {
    // a file DuckDB cannot split into rows, located at the line that tells why (csv-line-endings.ts)
    if (err instanceof MigrateError && err.code === 'CSV_MIXED_LINE_ENDINGS') throw new LegacyError(err.code, err.message, { location: err.location, hint: err.hint });
    throw failed(err);
  }
  const loaded: string[] = [];
  try {
    const described = await state.session.describe(`SELECT * FROM ${STAGING} LIMIT 0`);
    loaded.push(...described.columns.map((c) => c.name));
    const select: string[] = [];
    const cols: string[] = [];
    const fields: { readonly field: string; readonly column: string; readonly sql: string }[] = [];
    for (const c of described.columns) {
      const col = info.columns.find((x) => x.name.toLowerCase() === c.name.toLowerCase());
      if (col === undefined) {
        // a data file's header is the column's name itself (`Customer Name`), as exports write it;
        // the bracketed spelling of a spec's header is no other column, but is not this one either
        const bare = /^\[((?:[^\]]|\]\])*)\]$/.exec(c.name)?.[1]?.replace(/\]\]/g, ']');
        const meant = bare === undefined ? undefined : info.columns.find((x) => x.name.toLowerCase() === bare.toLowerCase());
        // the "column" may be a value: a row wider than the header makes DuckDB misread the header
        const wide = meant === undefined ? widerRowThanHeader(input.file) : undefined;
        if (wide !== undefined) throw new LegacyError('LEGACY_INPUT_COLUMN', `input ${input.file}: ${wide.message}`, { location: wide.location, hint: wide.hint });
        throw new LegacyError('LEGACY_INPUT_COLUMN', `input ${input.file}: column ${c.name} is not in ${readableTableName(info.sqlName)} (columns: ${info.columns.map((x) => x.name).join(', ')})`, {
          location: { file: input.file },
          ...(meant === undefined ? {} : { hint: `a data file's header names the column without brackets: write ${meant.name}` }),
        });
      }
      if (col.computed === true) continue; // recomputed from the other columns, as in SQL Server
      if (col.tsqlType?.name === 'xml') await refuseUnstoredXml(state, input, c.name);
      cols.push(quote(col.name));
      // "" is the empty string for text; for a number, date or binary column, as before, NULL.
      const text = col.tsqlType !== undefined && familyOf(col.tsqlType) === 'string';
      const value = textToColumnSql(col, text ? quote(c.name) : `NULLIF(${quote(c.name)}, '')`);
      select.push(col.keyText === undefined ? value : guardKeyText(value, col.keyText, col.name, readableTableName(info.sqlName)));
      fields.push({ field: c.name, column: col.name, sql: select[select.length - 1] as string });
    }
    try {
      await state.session.run(`INSERT INTO ${info.sqlName} (${cols.join(', ')}) SELECT ${select.join(', ')} FROM ${STAGING}`);
    } catch (err) {
      const raw = err instanceof Error ? err.message.replace(/^DuckDB:\s*/, '') : String(err);
      throw unstatedNotNull(info, loaded, input.file, raw) ?? loadFailure(state, input, key, info, err) ?? (await badValue(state, input, readableTableName(info.sqlName), fields, err)) ?? failed(err);
    }
  } finally {
    try { await state.session.run(`DROP TABLE IF EXISTS ${STAGING}`); } catch { /* gone with an aborted transaction */ }
  }
  await resetIdentity(state, info);
  await noteLoadedRowversions(state, info);
  noteOmittedRowversions(state, info, loaded, `the input ${input.file}`);
  // a column the file leaves out holds values nobody gave: refused where read (unstated-columns.ts)
  noteUnstatedColumns(state, info, loaded, input.file);
}

/**
 * An xml column's values as SQL Server returns them (xml-serialization.ts), or a located refusal:
 * the file's `<a/>` would be written back as `<a/>` where SQL Server writes `<a />`, and a
 * value SQL Server would not take (not well-formed) would load. The file is to hold the text an
 * export of the column gives, which the message spells out.
 */
async function refuseUnstoredXml(state: EmulatorState, input: EmulatorInput, field: string): Promise<void> {
  const rows = await state.session.all(`SELECT rowid AS r, ${quote(field)} AS v FROM ${STAGING} WHERE ${quote(field)} IS NOT NULL ORDER BY rowid`);
  for (const row of rows) {
    const problem = unstoredXmlProblem(String(row.v));
    if (problem === undefined) continue;
    const line = Number(row.r) + 2;
    const at = { offset: 0, line, column: 1 };
    throw new LegacyError('LEGACY_INPUT', `input ${input.file}: row ${Number(row.r) + 1} (line ${line}), column ${field}: the xml value ${problem}`, {
      location: { file: input.file, span: { start: at, end: at } },
      hint: UNSTORED_XML_HINT,
    });
  }
}

/**
 * The value that stopped the typed INSERT, located: the column whose conversion fails and its
 * first row that fails (a halving search over the staging table's rows, in file order), so the
 * message names the file's line and the value instead of DuckDB's text of the generated SQL.
 * Only on the failure path; undefined when the value cannot be found (the error then as it was).
 */
async function badValue(state: EmulatorState, input: EmulatorInput, table: string, fields: readonly { field: string; column: string; sql: string }[], err: unknown): Promise<LegacyError | undefined> {
  // evaluated for every row in the range: the length keeps DuckDB from dropping the conversion
  const fails = async (sql: string, where: string): Promise<boolean> => {
    try {
      await state.session.scalar(`SELECT max(length(CAST((${sql}) AS VARCHAR))) FROM ${STAGING}${where}`);
      return false;
    } catch {
      return true;
    }
  };
  try {
    for (const f of fields) {
      if (!(await fails(f.sql, ''))) continue;
      let lo = 0;
      let hi = Number(await state.session.scalar(`SELECT count(*) FROM ${STAGING}`)) - 1;
      while (lo < hi) {
        const mid = Math.floor((lo + hi) / 2);
        if (await fails(f.sql, ` WHERE rowid BETWEEN ${lo} AND ${mid}`)) hi = mid;
        else lo = mid + 1;
      }
      if (!(await fails(f.sql, ` WHERE rowid = ${lo}`))) return undefined;
      const value = await state.session.scalar(`SELECT ${quote(f.field)} FROM ${STAGING} WHERE rowid = ${lo}`);
      // line 1 is the header; a quoted value spanning lines before it would move the row down
      const line = lo + 2;
      const why = (err instanceof Error ? err.message : String(err)).replace(/^DuckDB:\s*/, '').replace(/^(?:Error:\s*)?(?:[\w ]+ Error:\s*)?(?:T-SQL Msg \d+:\s*)?/, '').split('\n')[0];
      const at = { offset: 0, line, column: 1 };
      return new LegacyError('LEGACY_INPUT', `input ${input.file}: row ${lo + 1} (line ${line}), column ${f.field}: the value ${value === null || value === undefined ? 'NULL' : `'${String(value)}'`} does not load into ${table} column ${f.column}: ${why}`, {
        location: { file: input.file, span: { start: at, end: at } },
        hint: loadHint(why, value),
      });
    }
  } catch {
    // the session cannot be asked (an aborted transaction): the error as DuckDB gave it
  }
  return undefined;
}

/**
 * What to do about a value that does not load, by its cause. A value SQL Server cannot hold
 * either (an out-of-range date, letters in an int) is wrong in the data, or the script's type is
 * not the database's. A value SQL Server holds and the emulator does not (`the emulator does not
 * support …`) is right: changing the table script would change what the procedure computes, and
 * changing the data is safe only where the procedure cannot tell (a datetimeoffset's offset, when
 * it reads instants only).
 */
function loadHint(why: string | undefined, value: unknown): string {
  if (why === undefined || !/^the emulator does not support /.test(why)) return 'correct the exported value, or the column\'s type in the table script if it is not the database\'s';
  const capture = 'capture the legacy outputs from SQL Server (`migrate capture --engine mssql`), which holds it';
  if (!/datetimeoffset values at an offset other than \+00:00/.test(why)) {
    return `SQL Server holds this value and the emulator does not reproduce it: the data is right and the table script must stay as the database has it (another type changes what the procedure computes); ${capture}`;
  }
  const utc = typeof value === 'string' ? atUtc(value) : undefined;
  return `SQL Server holds this value; the emulator keeps a datetimeoffset as its instant at +00:00 only, not its offset. Keep the table script as it is (another type changes what the procedure computes) and ${capture}; `
    + `or, only if the procedure reads this column as instants only (compares them, DATEDIFFs them, SWITCHOFFSETs them to one offset before taking dates or times), write each value at +00:00, the same instant${utc === undefined ? '' : ` (${utc})`}: `
    + 'where it takes the date, time or offset of the value as stored (DATEPART, CONVERT to date or text, TODATETIMEOFFSET of its parts) that would change its results';
}

/** `2019-03-02 08:30:00 +10:00` as the same instant at +00:00 (`2019-03-01 22:30:00 +00:00`); undefined for another form. */
function atUtc(text: string): string | undefined {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,7})?)?\s*([+-])(\d{2}):(\d{2})\s*$/.exec(text);
  if (m === null || Number(m[1]) < 100) return undefined;
  const [, y, mo, d, h, mi, sec, fraction, sign, oh, om] = m;
  const offsetMinutes = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  const at = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec ?? '0')) - offsetMinutes * 60_000);
  if (Number.isNaN(at.getTime()) || at.getUTCFullYear() < 1 || at.getUTCFullYear() > 9999) return undefined;
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${String(at.getUTCFullYear()).padStart(4, '0')}-${two(at.getUTCMonth() + 1)}-${two(at.getUTCDate())} ${two(at.getUTCHours())}:${two(at.getUTCMinutes())}${sec === undefined ? '' : `:${two(at.getUTCSeconds())}${fraction ?? ''}`} +00:00`;
}

/** The temporary table an input CSV is read into before its typed INSERT (one input at a time). */
const STAGING = '"__tsql_input"';

/**
 * The SQL that reads a text value `v` (a CSV field, a spec cell) into a column as SQL Server
 * would: `true`/`false` into bit, date/time text with the column's precision, else a CAST.
 */
export function textToColumnSql(col: TableInfo['columns'][number], v: string): string {
  const temporal = col.tsqlType !== undefined && dateTimeTarget(col.tsqlType) !== undefined;
  // A char(n) column holds its value padded to n (an export of it has the blanks; hand-written
  // data may not). A longer value is refused, never cut (textWithinLength).
  const n = col.tsqlType?.length;
  if (isBlankPadded(col.tsqlType) && n !== undefined && n > 0 && col.duckType === 'VARCHAR') {
    return textWithinLength(col.tsqlType, v, `CASE WHEN length(${v}) < ${n} THEN rpad(${v}, ${n}, ' ') ELSE ${v} END`);
  }
  // Binary values are written as SQL Server shows them, hex digits after 0x (0x00000000000007D3);
  // an odd count is read with a leading 0, as a binary constant is. A rowversion holds 8 bytes.
  if (col.duckType === 'BLOB') {
    const digits = `regexp_replace(trim(${v}), '^0[xX]', '')`;
    const size = isRowversionType(col.tsqlType) ? ` AND length(${digits}) = 16` : '';
    return `CASE WHEN ${v} IS NULL THEN NULL WHEN regexp_full_match(${digits}, '[0-9A-Fa-f]*')${size} THEN unhex(CASE WHEN length(${digits}) % 2 = 1 THEN '0' ELSE '' END || ${digits}) `
      + `ELSE error(${quoteLiteral(`column ${col.name} takes ${isRowversionType(col.tsqlType) ? '8 bytes' : 'binary values'} written as hex digits after 0x (0x00000000000007D3), not `)} || ${v}) END`;
  }
  return col.duckType === 'TINYINT'
    ? `CASE lower(trim(${v})) WHEN 'true' THEN 1 WHEN 'false' THEN 0 ELSE CAST(trim(${v}) AS TINYINT) END`
    // Date/time text is read as SQL Server reads it (datetime2 to 100 ns, datetime to 1/300 s);
    // a data file's value, not the session's text: the same under every language (DATA_TEXT).
    // A datetimeoffset's offset as DuckDB writes it (+00, what capture writes, or run of another
    // procedure) is the ±hh:00 SQL Server's text has: read as that, as the pipeline reads it.
    : temporal && col.tsqlType !== undefined ? unroundedRefused(col.tsqlType.name, v, convertSql({ sql: col.tsqlType.name === 'datetimeoffset' ? `regexp_replace(${v}, '(\\d)([+-]\\d{2})$', '\\1\\2:00')` : v, family: 'string', duckType: 'VARCHAR' }, col.tsqlType, false, DATA_TEXT).sql)
      // An integer column takes a sign and digits only: '4.5' fails the load (DuckDB's CAST
      // would store 5, a value no export of the column can hold).
      : col.tsqlType !== undefined && familyOf(col.tsqlType) === 'integer' ? convertSql({ sql: v, family: 'string', duckType: 'VARCHAR' }, col.tsqlType).sql
        : textWithinLength(col.tsqlType, v, moneyInRange(col.tsqlType, v, `CAST(${v} AS ${col.duckType})`));
}

const SIZED_TEXT: ReadonlySet<string> = new Set(['char', 'varchar', 'nchar', 'nvarchar']);

/**
 * Text longer than its char/varchar/nchar/nvarchar(n) column (n UTF-16 units for the n-types, a
 * character past U+FFFF two) stops the load, located: no export of the column holds it (SQL
 * Server stores at most n), and the procedure would compute with a value no legacy run sees
 * (a class name of 95 characters in a varchar(60) column, aggregated into an honours list).
 */
function textWithinLength(type: TsqlType | undefined, v: string, converted: string): string {
  const n = type?.length;
  if (type === undefined || n === undefined || n <= 0 || !SIZED_TEXT.has(type.name)) return converted;
  const units = type.name.startsWith('n') ? `(length(${v}) + length(regexp_replace(${v}, '[\\x{0}-\\x{FFFF}]', '', 'g')))` : `length(${v})`;
  const why = `a ${type.name}(${n}) column holds at most ${n} characters, not `;
  return `(CASE WHEN ${units} > ${n} THEN error(${quoteLiteral(why)} || CAST(${units} AS VARCHAR)) ELSE ${converted} END)`;
}

/**
 * money and smallmoney are held in DuckDB decimals wider than their ranges (decimal(19,4) holds
 * 999,999,999,999,999.9999, money stops at 922,337,203,685,477.5807): a value past the range
 * stops the load, located, as SQL Server can hold no such value, and a sum of it would be a
 * number no legacy run gives.
 */
const MONEY_RANGES: Readonly<Record<string, readonly [string, string]>> = {
  money: ['-922337203685477.5808', '922337203685477.5807'],
  smallmoney: ['-214748.3648', '214748.3647'],
};

function moneyInRange(type: TsqlType | undefined, v: string, converted: string): string {
  // (smallmoney is money of precision 10 here, tsql-types.ts)
  const name = type?.name !== 'money' ? undefined : type.precision === 10 ? 'smallmoney' : 'money';
  const range = name === undefined ? undefined : MONEY_RANGES[name];
  if (range === undefined) return converted;
  const [min, max] = range;
  const why = `a ${name ?? ''} column holds ${min} to ${max}, not `;
  return `(CASE WHEN (${converted}) NOT BETWEEN ${min} AND ${max} THEN error(${quoteLiteral(why)} || trim(${v})) ELSE ${converted} END)`;
}

/**
 * A datetime or smalldatetime value `converted` from text `v` that SQL Server would store rounded
 * (`23:59:59.999` is the next day's 00:00:00.000, `10:00:30` a smalldatetime's 10:01) stops the
 * load: no export of the column shows such text, and the new pipeline reads the same file as the
 * text says, so legacy and new code would count from two different instants (a day's census, a
 * DATEDIFF). Text DuckDB does not read as a timestamp (other date forms) is left to the conversion.
 */
function unroundedRefused(type: string, v: string, converted: string): string {
  if (type !== 'datetime' && type !== 'smalldatetime') return converted;
  const written = `try_cast(trim(${v}) AS TIMESTAMP)`;
  const why = `a ${type} column holds no such value: SQL Server stores it rounded to `;
  return `(CASE WHEN ${written} IS NOT NULL AND ${written} <> (${converted}) THEN error(${quoteLiteral(why)} || strftime(${converted}, '%Y-%m-%d %H:%M:%S.%g') || ${quoteLiteral(`, which an export of the column would show; write that value`)}) ELSE ${converted} END)`;
}

/**
 * A refusal that says why rows of an input broke the table's rules: a row violating an enabled
 * CHECK constraint, or two rows with one key (SQL Server can hold neither); undefined otherwise.
 */
function loadFailure(state: EmulatorState, input: EmulatorInput, key: string, info: TableInfo, err: unknown): LegacyError | undefined {
  const raw = err instanceof Error ? err.message.replace(/^DuckDB:\s*/, '') : String(err);
  const check = violatedCheck(state, raw);
  if (check !== undefined) {
    // SQL Server cannot hold such a row unless the constraint was added WITH NOCHECK after it.
    return new LegacyError('LEGACY_INPUT', `input ${input.file}: a row violates ${check.name === undefined ? 'a CHECK constraint' : `the CHECK constraint ${check.name}`} of ${check.table}${check.column === undefined ? '' : ` (column ${check.column})`}`, {
      location: check.location ?? { file: input.file },
      hint: 'the table\'s enabled CHECK constraints hold for every row SQL Server stores: check the exported rows, or disable the constraint in the scripts (ALTER TABLE … NOCHECK CONSTRAINT) if the database really holds them',
    });
  }
  const value = duplicateKeyValue(raw);
  if (value === undefined) return undefined;
  const definition = state.definitions.get(key);
  return new LegacyError('LEGACY_INPUT', `input ${input.file}: two rows hold the key value (${value}) of a PRIMARY KEY, UNIQUE constraint or unique index of ${readableTableName(info.sqlName)} (text compared as SQL Server does: trailing blanks ignored, and case unless the column's collation is case-sensitive or binary)`, {
    location: definition === undefined ? { file: input.file } : { file: definition.script.file, span: definition.create.span, source: definition.script.lineIndex.text },
    hint: 'SQL Server stores no such pair: check the export (a case-only difference counts as a repeat), or the key in the table script',
  });
}
