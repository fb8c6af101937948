import type { Expression, FunctionCall, TableFunctionRef } from '../../../tsql';
import { convertSql, dataTypeOf, quote, type SqlFragment, type SqlTranslator } from '../expressions';
import { SqlScope, type ColumnType } from '../sql-scope';
import { makeType, toDuckType } from '../tsql-types';
import { escapeSql } from './for-json-path';

/** The date and time types whose text SQL Server reads by DATEFORMAT (date-text.ts). */
const DATEFORMAT_READ = new Set(['datetime', 'smalldatetime', 'date', 'datetime2', 'datetimeoffset']);

/*
 * SQL Server's JSON functions (learn.microsoft.com/sql/t-sql/functions/json-functions-transact-sql)
 * on DuckDB's json extension. Paths are read once, at translation, into JSON Pointers. Values
 * come back exactly as SQL Server returns them: strings unescaped, integers and true/false as
 * written, JSON null as NULL. Where DuckDB cannot give back the original text (a non-integer
 * number, or an object/array fragment of a document that is not already in DuckDB's compact
 * form) the statement stops with a refusal instead of a differently formatted value.
 */

/** A JSON path as SQL Server reads it: lax (default) or strict, and its steps. */
export interface JsonPath {
  readonly strict: boolean;
  /** Object keys (string) and array indexes (number), from the root. */
  readonly steps: readonly (string | number)[];
}

/** Reads `[lax|strict] $.a."b c"[0]`; returns a message for a path SQL Server rejects (error 13607). */
export function parseJsonPath(text: string): JsonPath | string {
  const m = /^\s*(?:(lax|strict)\s+)?\$(.*)$/is.exec(text);
  if (m === null) return `the JSON path '${text}' (it must start with $)`;
  const steps: (string | number)[] = [];
  let rest = m[2] ?? '';
  while (rest.length > 0) {
    const key = /^\.([A-Za-z_$][\w$]*)/.exec(rest) ?? /^\."((?:[^"\\]|\\.)*)"/.exec(rest);
    const index = /^\[\s*(\d+)\s*\]/.exec(rest);
    if (key !== null) { steps.push((key[1] ?? '').replace(/\\(.)/g, '$1')); rest = rest.slice(key[0].length); continue; }
    if (index !== null) { steps.push(Number(index[1])); rest = rest.slice(index[0].length); continue; }
    return `the JSON path '${text}'`;
  }
  return { strict: (m[1] ?? '').toLowerCase() === 'strict', steps };
}

/** The JSON Pointer of a path (`/a/b c/0`), as DuckDB's json functions take it. */
export function jsonPointer(path: JsonPath): string {
  return path.steps.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** An error SQL Server raises (engine-errors.ts turns the marker back into a catchable T-SQL error). */
function raise(number: number, message: string): string {
  return `error('T-SQL Msg ${number}: ${message.replace(/'/g, "''")}')`;
}

const NOT_VALID = "error('the emulator does not support JSON text that is not valid JSON here (SQL Server error 13609 names the character and position)')";

/*
 * DuckDB's parser also takes what RFC 8259 does not: a comma before ] or } (`[1,]`) and the
 * literals NaN and Infinity in any case (`{"a":nan}`), so json_valid() is true where SQL Server's
 * ISJSON may give 0 and JSON_VALUE fail with 13609 (its pages say valid JSON without listing
 * these). Such text stops the statement rather than being read as valid: dirty payloads are
 * what ISJSON is called on. Strings are blanked first, so `"a,]"` or `"nan"` inside one is fine.
 */
const LENIENT_ONLY = "error('the emulator does not support JSON text with a comma before ] or }, or a NaN or Infinity literal: DuckDB reads it as valid JSON, and whether SQL Server does is not documented')";

/** Whether the JSON text `j` (valid to DuckDB) uses what only DuckDB's lenient parser accepts. */
function lenientOnlySql(j: string): string {
  return `regexp_matches(regexp_replace(${j}, '"(?:[^"\\\\]|\\\\.)*"', '""', 'g'), ',\\s*[\\]}]|[nN][aA][nN]|[iI][nN][fF]')`;
}

/** `j` as a SQL value that is NULL, strictly valid JSON, or stops the statement (what DuckDB alone accepts, and what neither does). */
function strictJsonGuard(j: string): string {
  return `CASE WHEN ${j} IS NULL THEN NULL WHEN NOT json_valid(${j}) THEN ${NOT_VALID} WHEN ${lenientOnlySql(j)} THEN ${LENIENT_ONLY} ELSE ${j} END`;
}
const NOT_EXACT = "error('the emulator does not support this JSON value: DuckDB cannot return its original text (a non-integer number, or an object or array of a document with spaces or other formatting)')";

/**
 * Whether DuckDB gives back the original text of what is read from the document `doc` (its SQL):
 * `number`, every number in it (DuckDB reprints `1e2` as 100.0 and `2.50` as 2.5, while SQL Server
 * returns the number as written, and converts that text: `'1e2'` to decimal fails with 8114);
 * `numberValue`, every number in it reprinted in plain notation with the same digits, up to
 * trailing zeros of the fraction (enough where the text is converted to a decimal, money or
 * float: `2.50` and `2.5` are the same decimal); `fragment`, the whole document (an object or
 * array fragment keeps its spaces in SQL Server). All are checked on the document the procedure
 * passed, never on a fragment DuckDB re-serialized.
 */
interface JsonExactness {
  readonly number: string;
  readonly numberValue: string;
  readonly fragment: string;
  /** Whether the document writes a number `-0`, which DuckDB reads as the integer 0 and prints `0`. */
  readonly negativeZero: string;
}

/** The tokens of a JSON text that are strings or numbers; each number must reprint as written. */
const JSON_SCALAR_TOKENS = `'"(?:[^"\\\\]|\\\\.)*"|-?[0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?'`;

function exactnessOf(doc: string): JsonExactness {
  const everyNumber = (same: (written: string, reprinted: string) => string): string =>
    `coalesce(list_bool_and(list_transform(regexp_extract_all(${doc}, ${JSON_SCALAR_TOKENS}), __tok -> __tok[1] = '"' OR ${same('__tok', 'json(__tok)::VARCHAR')})), TRUE)`;
  const digits = (x: string): string => `regexp_replace(regexp_replace(${x}, '(\\.[0-9]*?)0+$', '\\1'), '\\.$', '')`;
  return {
    number: everyNumber((written, reprinted) => `${reprinted} = ${written}`),
    numberValue: everyNumber((written, reprinted) => `${digits(reprinted)} = ${digits(written)}`),
    fragment: `(json(${doc})::VARCHAR = ${doc})`,
    negativeZero: `coalesce(list_contains(regexp_extract_all(${doc}, ${JSON_SCALAR_TOKENS}), '-0'), FALSE)`,
  };
}

/** Types a JSON number's text converts to by its value alone (an integer type also reads its text: `'2.50'` fails as written). */
const CONVERTED_BY_VALUE: ReadonlySet<string> = new Set(['decimal', 'numeric', 'money', 'smallmoney', 'float', 'real']);

/** Integer types: `-0` converts to 0, as `0` does. */
const INTEGER_TARGETS: ReadonlySet<string> = new Set(['tinyint', 'smallint', 'int', 'bigint', 'bit']);

/**
 * Translates ISJSON, JSON_VALUE and JSON_QUERY; JSON_MODIFY is refused. `byValue`: the text is
 * converted to a decimal, money or float; `numeric`: to any number type, where `-0` and `0` agree.
 */
export function translateJsonFunction(t: SqlTranslator, call: FunctionCall, scope: SqlScope, name: string, original?: JsonExactness, byValue = false, numeric = byValue): SqlFragment {
  const arg = (i: number): SqlFragment => t.expr(call.args[i] as Expression, scope);
  if (name === 'ISJSON') {
    if (call.args.length > 1) throw t.state.unsupported(call, 'ISJSON with a json_type_constraint');
    const j = `CAST(${arg(0).sql} AS VARCHAR)`;
    // Without a constraint, only an object or an array counts as JSON.
    return { sql: `(CASE WHEN ${j} IS NULL THEN NULL WHEN NOT json_valid(${j}) THEN 0 WHEN ${lenientOnlySql(j)} THEN ${LENIENT_ONLY} WHEN json_type(${j}) IN ('OBJECT', 'ARRAY') THEN 1 ELSE 0 END)`, family: 'integer', duckType: 'INTEGER' };
  }
  if (name !== 'JSON_VALUE' && name !== 'JSON_QUERY') throw t.state.unsupported(call, name);
  const j = `CAST(${arg(0).sql} AS VARCHAR)`;
  const path = pathArg(t, call, 1);
  const ptr = `'${jsonPointer(path).replace(/'/g, "''")}'`;
  const ty = `json_type(${j}, ${ptr})`;
  const exact = original ?? exactnessOf(j);
  const missing = path.strict ? raise(13608, 'Property cannot be found on the specified JSON path.') : 'NULL';
  let body: string;
  if (name === 'JSON_VALUE') {
    const notScalar = path.strict ? raise(13623, 'Scalar value cannot be found in the specified JSON path.') : 'NULL';
    const tooLong = path.strict ? raise(13625, 'String value in the specified JSON path would be truncated.') : 'NULL';
    const v = `json_extract_string(${j}, ${ptr})`;
    // SQL Server returns `-0` as written; DuckDB reads it as the integer 0. Where the text is
    // converted to a number the two are the same value.
    const negativeZero = numeric ? '' : `WHEN ${ty} IN ('BIGINT', 'UBIGINT') AND ${v} = '0' AND ${exact.negativeZero} THEN ${NOT_EXACT} `;
    body = `CASE WHEN ${ty} IS NULL THEN ${missing} WHEN ${ty} IN ('OBJECT', 'ARRAY') THEN ${notScalar} WHEN ${ty} = 'NULL' THEN NULL
      WHEN ${ty} IN ('DOUBLE') AND NOT ${byValue ? exact.numberValue : exact.number} THEN ${NOT_EXACT} ${negativeZero}WHEN length(${v}) > 4000 THEN ${tooLong} ELSE ${v} END`;
  } else {
    const notObject = path.strict ? raise(13624, 'Object or array cannot be found in the specified JSON path.') : 'NULL';
    // At `$` the fragment is the whole text: given back as written (a nested FOR JSON's decimals,
    // `100.00`, which DuckDB would reprint), where nothing surrounds the object or array.
    const whole = path.steps.length === 0 ? `WHEN left(${j}, 1) IN ('{', '[') AND right(${j}, 1) IN ('}', ']') THEN ${j} ` : '';
    body = `CASE WHEN ${ty} IS NULL THEN ${missing} WHEN ${ty} NOT IN ('OBJECT', 'ARRAY') THEN ${notObject} ${whole}WHEN NOT ${exact.fragment} THEN ${NOT_EXACT}
      ELSE json_extract(${j}, ${ptr})::VARCHAR END`;
  }
  return { sql: `(CASE WHEN ${j} IS NULL THEN NULL WHEN NOT json_valid(${j}) THEN ${NOT_VALID} WHEN ${lenientOnlySql(j)} THEN ${LENIENT_ONLY} ELSE (${body}) END)`, family: 'string', duckType: 'VARCHAR' };
}

/**
 * STRING_ESCAPE(text, 'json'): the escapes its page lists, the ones FOR JSON writes (`"`, `\`,
 * `/`, \b \f \n \r \t, other characters below 32 as \u00XX in lower-case hex), nvarchar(max).
 * 'json' is the only type the page names: another SQL Server rejects, and how it spells which
 * (another case, a type computed per row) is not documented, so those are refused here.
 */
export function translateStringEscape(t: SqlTranslator, call: FunctionCall, scope: SqlScope): SqlFragment {
  const [textArg, typeArg] = call.args;
  if (textArg === undefined || typeArg === undefined || call.args.length > 2) throw t.state.unsupported(call, `STRING_ESCAPE with ${call.args.length} arguments (SQL Server takes a text and a type)`);
  const known = t.variables === undefined ? t.knownValue(typeArg) : typeArg.kind === 'Literal' ? { kind: 'str' as const, value: typeArg.value } : undefined;
  if (known === undefined || known.kind !== 'str' || known.value !== 'json') {
    const what = known === undefined ? 'a type computed per row' : `the type ${known.value === null ? 'NULL' : `'${String(known.value)}'`}`;
    throw t.state.unsupported(typeArg, `STRING_ESCAPE with ${what} (SQL Server accepts only 'json' and rejects another type)`);
  }
  const x = t.expr(textArg, scope);
  if (x.family !== 'string' && x.family !== 'unknown') throw t.state.unsupported(textArg, 'STRING_ESCAPE of a value that is not text (CAST it to nvarchar first)');
  return { sql: escapeSql(`CAST(${x.sql} AS VARCHAR)`), family: 'string', duckType: 'VARCHAR', tsqlType: makeType('nvarchar', ['max']) };
}

/** The path argument `i` (default `$`), which must be known before the query runs. */
function pathArg(t: SqlTranslator, call: FunctionCall, i: number): JsonPath {
  const e = call.args[i];
  if (e === undefined) return { strict: false, steps: [] };
  const known = t.variables === undefined ? t.knownValue(e) : e.kind === 'Literal' ? { kind: 'str' as const, value: e.value } : undefined;
  if (known === undefined || known.kind !== 'str' || known.value === null) throw t.state.unsupported(e, 'a JSON path computed per row');
  const path = parseJsonPath(known.value);
  if (typeof path === 'string') throw t.state.unsupported(e, `${path} (SQL Server raises error 13607)`);
  return path;
}

/**
 * OPENJSON(json [, path]) in FROM: without WITH, one row per member (key, value, type: 0 null,
 * 1 string, 2 number, 3 true/false, 4 array, 5 object); with WITH (col type ['path'] [AS JSON]),
 * one row per element of the array at the path (or the object itself), each column read as
 * JSON_VALUE (or JSON_QUERY for AS JSON) of the element and converted to its type.
 */
export function translateOpenJson(t: SqlTranslator, source: TableFunctionRef, scope: SqlScope, argScope: SqlScope, alias: string): string {
  const call = source.call as FunctionCall;
  const j = `CAST(${t.expr(call.args[0] as Expression, argScope).sql} AS VARCHAR)`;
  const path = pathArg(t, call, 1);
  const ptr = path.steps.length === 0 ? "'$'" : `'${jsonPointer(path).replace(/'/g, "''")}'`;
  const guard = strictJsonGuard(j);
  const target = path.steps.length === 0 ? `(${guard})` : `json_extract(${guard}, ${ptr})`;
  const members = `json_each(${target})`;
  if (source.withSchema === undefined) {
    const exact = exactnessOf(j);
    const typeCode = `CAST(CASE __m.type WHEN 'NULL' THEN 0 WHEN 'VARCHAR' THEN 1 WHEN 'BOOLEAN' THEN 3 WHEN 'ARRAY' THEN 4 WHEN 'OBJECT' THEN 5 ELSE 2 END AS INTEGER)`;
    const value = `CASE WHEN __m.type = 'NULL' THEN NULL WHEN __m.type = 'VARCHAR' THEN json_extract_string(__m.value, '$')
      WHEN (__m.type IN ('UBIGINT', 'BIGINT') AND NOT (CAST(__m.value AS VARCHAR) = '0' AND ${exact.negativeZero})) OR __m.type = 'BOOLEAN' OR (__m.type = 'DOUBLE' AND ${exact.number}) OR ${exact.fragment} THEN CAST(__m.value AS VARCHAR) ELSE ${NOT_EXACT} END`;
    const cols: ColumnType[] = [
      // nvarchar(4000) under Latin1_General_BIN2 (the OPENJSON page): `[key] = 'qty'` does not
      // match "Qty" (collated-equality.ts); elsewhere an array's index keys read as they are,
      // a property name stops the statement (ordering and grouping would be case-insensitive).
      { name: 'key', duckType: 'VARCHAR', family: 'string', tsqlType: { ...makeType('nvarchar', ['4000']), collation: 'Latin1_General_BIN2' }, digitsReadable: true },
      { name: 'value', duckType: 'VARCHAR', family: 'string' },
      { name: 'type', duckType: 'INTEGER', family: 'integer' },
    ];
    scope.add(alias, cols);
    const strictCheck = path.strict ? `WHERE CASE WHEN json_type(${j}, ${ptr}) IS NULL THEN ${raise(13608, 'Property cannot be found on the specified JSON path.')} ELSE TRUE END` : '';
    return `(SELECT __m.key AS "key", ${value} AS "value", ${typeCode} AS "type" FROM ${members} AS __m ${strictCheck} ORDER BY __m.id) AS ${quote(alias)}`;
  }
  const schema = parseWithSchema(source.withSchema);
  if (typeof schema === 'string') throw t.state.unsupported(source, `OPENJSON … WITH (${schema})`);
  // The rows: each element of an array at the path, or the object at the path itself. DuckDB
  // re-serializes each element, so whether a value's text is the original one is decided on the
  // document passed in (once per document: __x), never on the element's new text.
  const original = exactnessOf(j);
  const rows = `(SELECT CASE WHEN json_type(${j}, ${ptr}) = 'ARRAY' THEN CAST(__m.value AS VARCHAR) ELSE json_extract(${j}, ${ptr})::VARCHAR END AS __doc, __m.id AS __id,
      __x.__number_exact AS __number_exact, __x.__number_value_exact AS __number_value_exact, __x.__fragment_exact AS __fragment_exact, __x.__negative_zero AS __negative_zero
    FROM (SELECT ${original.number} AS __number_exact, ${original.numberValue} AS __number_value_exact, ${original.fragment} AS __fragment_exact, ${original.negativeZero} AS __negative_zero) AS __x,
      (SELECT * FROM ${members} WHERE json_type(${j}, ${ptr}) = 'ARRAY' UNION ALL SELECT NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL WHERE json_type(${j}, ${ptr}) = 'OBJECT') AS __m)`;
  const cols: ColumnType[] = [];
  const items = schema.map((c) => {
    const type = dataTypeOf(c.type.name, c.type.args, false);
    const p = parseJsonPath(c.path ?? `$."${c.name.replace(/"/g, '\\"')}"`);
    if (typeof p === 'string') throw t.state.unsupported(source, `${p} (SQL Server raises error 13607)`);
    const fakeCall: FunctionCall = { ...call, name: { ...call.name, parts: [{ kind: 'Identifier', name: c.asJson ? 'JSON_QUERY' : 'JSON_VALUE', quote: 'none', span: call.span }] }, args: [] };
    const inner = translateJsonAt(t, fakeCall, '__r.__doc', p, c.asJson, CONVERTED_BY_VALUE.has(type.name), CONVERTED_BY_VALUE.has(type.name) || INTEGER_TARGETS.has(type.name));
    // Whether OPENJSON reads a date column's text by the session's DATEFORMAT as CAST does
    // ('2024-03-04' into datetime under dmy: 3 April) is not documented: under any DATEFORMAT
    // but mdy (a british login, SET DATEFORMAT) such a column is refused, never read one way.
    if (DATEFORMAT_READ.has(type.name.toLowerCase()) && t.state.dateFormat !== 'mdy') throw t.state.unsupported(source, `OPENJSON … WITH a ${type.name} column under DATEFORMAT ${t.state.dateFormat} (whether OPENJSON reads its text by DATEFORMAT is not documented)`);
    const f = convertSql(inner, type);
    // The declared type is the column's type, as a table's is: ISNULL, concatenation and
    // assignments size and type what they read from it by it (`ISNULL(j.name, c.name)`).
    cols.push({ name: c.name, duckType: toDuckType(type), family: f.family, tsqlType: type });
    return `${f.sql} AS ${quote(c.name)}`;
  });
  scope.add(alias, cols);
  return `(SELECT ${items.join(', ')} FROM ${rows} AS __r ORDER BY __r.__id) AS ${quote(alias)}`;
}

function translateJsonAt(t: SqlTranslator, call: FunctionCall, docSql: string, path: JsonPath, asJson: boolean, byValue: boolean, numeric: boolean): SqlFragment {
  const scope = new SqlScope();
  scope.add('__r', [{ name: '__doc', duckType: 'VARCHAR', family: 'string' }]);
  const pathLiteral = `${path.strict ? 'strict ' : ''}$${path.steps.map((s) => (typeof s === 'number' ? `[${s}]` : `."${s.replace(/"/g, '\\"')}"`)).join('')}`;
  const doc: Expression = { kind: 'ColumnRef', parts: docSql.split('.').map((n) => ({ kind: 'Identifier', name: n, quote: 'none', span: call.span })), span: call.span };
  const lit: Expression = { kind: 'Literal', literalType: 'string', value: pathLiteral, span: call.span };
  const saved = t.variables;
  try {
    t.variables = saved ?? new Map();
    return translateJsonFunction(t, { ...call, args: [doc, lit] }, scope, asJson ? 'JSON_QUERY' : 'JSON_VALUE',
      { number: '__r.__number_exact', numberValue: '__r.__number_value_exact', fragment: '__r.__fragment_exact', negativeZero: '__r.__negative_zero' }, byValue, numeric);
  } finally {
    t.variables = saved;
  }
}

interface WithColumn {
  readonly name: string;
  readonly type: { readonly name: string; readonly args: string[] };
  readonly path: string | undefined;
  readonly asJson: boolean;
}

/** Reads the `col type ['path'] [AS JSON], …` list of OPENJSON's WITH clause. */
export function parseWithSchema(text: string): WithColumn[] | string {
  const body = text.replace(/^\s*(?:WITH\s*)?\(/i, '').replace(/\)\s*$/, '');
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let cur = '';
  for (const ch of body) {
    if (ch === "'") quoted = !quoted;
    if (!quoted && ch === '(') depth++;
    if (!quoted && ch === ')') depth--;
    if (!quoted && depth === 0 && ch === ',') { parts.push(cur); cur = ''; continue; }
    cur += ch;
  }
  if (cur.trim() !== '') parts.push(cur);
  const out: WithColumn[] = [];
  for (const p of parts) {
    const m = /^\s*(\[(?:[^\]]|\]\])+\]|"[^"]+"|[\w@#$]+)\s+(\w+)\s*(?:\(\s*([^)]*)\))?\s*(?:N?'((?:[^']|'')*)')?\s*(AS\s+JSON)?\s*$/i.exec(p);
    if (m === null) return p.trim();
    const rawName = m[1] ?? '';
    const name = rawName.startsWith('[') ? rawName.slice(1, -1).replace(/\]\]/g, ']') : rawName.replace(/^"|"$/g, '');
    out.push({ name, type: { name: m[2] ?? '', args: (m[3] ?? '').split(',').map((a) => a.trim()).filter((a) => a !== '') }, path: m[4]?.replace(/''/g, "'"), asJson: m[5] !== undefined });
  }
  return out;
}
