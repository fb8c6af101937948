// `SELECT … FOR JSON PATH [, WITHOUT_ARRAY_WRAPPER] [, INCLUDE_NULL_VALUES] [, ROOT('name')]`:
// the rows of the query written as a JSON array of objects, one member per column, a dotted alias
// (`[amounts.total]`) nesting it in an object. Built with DuckDB string functions so the text is
// SQL Server's byte for byte: its escapes ("How FOR JSON escapes special characters and control
// characters"), NULL members left out unless INCLUDE_NULL_VALUES (a nested object whose members
// are all left out is left out too), NULL for no rows. Only types whose JSON text SQL Server
// documents and this file reproduces are written: text, integers, bit, decimal/numeric and date;
// money (listed as a JSON string by the type-mapping page, with no format), float/real (digits not
// documented), times, binary and uniqueidentifier are refused, as is FOR JSON AUTO.
import type { Expression, FunctionCall, Identifier, Select, SelectItem } from '../../../tsql';
import type { SqlTranslator } from '../expressions';
import { translateSelect, type TranslatedQuery } from '../queries';
import type { ColumnType, SqlScope } from '../sql-scope';
import { isMoney } from '../tsql-types';
import { noteSyntheticWindow } from '../reproducibility/window-ties';

const FOR_JSON = /^\s*(?:FOR\s+)?JSON\b\s*(.*)$/is;

/** Whether a query's FOR clause is FOR JSON (this file) rather than FOR XML (for-xml-path.ts). */
export function isForJson(clause: string | undefined): boolean {
  return clause !== undefined && FOR_JSON.test(clause);
}

/** Why a top-level FOR JSON query is refused: a client receives its text as rows of at most 2,033 characters of one column named JSON_F52E2B61-…, which no capture reproduces. */
export const FOR_JSON_RESULT_SET = 'a FOR JSON query returned as a result set (the client reads it split into rows of 2,033 characters; assign it to a variable or a column)';

interface JsonOptions {
  readonly wrapper: boolean;
  readonly nulls: boolean;
  readonly root: string | undefined;
}

/** Reads `PATH, WITHOUT_ARRAY_WRAPPER, …`; a message for what is not emulated. */
function readOptions(clause: string): JsonOptions | string {
  const rest = (FOR_JSON.exec(clause)?.[1] ?? '').trim();
  const parts = rest.split(',').map((p) => p.trim());
  if ((parts[0] ?? '').toUpperCase() !== 'PATH') return `FOR JSON ${parts[0] ?? ''} (only FOR JSON PATH is emulated)`;
  let wrapper = true;
  let nulls = false;
  let root: string | undefined;
  for (const p of parts.slice(1)) {
    const rootMatch = /^ROOT\s*(?:\(\s*N?'((?:[^']|'')*)'\s*\))?$/i.exec(p);
    if (/^WITHOUT_ARRAY_WRAPPER$/i.test(p)) wrapper = false;
    else if (/^INCLUDE_NULL_VALUES$/i.test(p)) nulls = true;
    else if (rootMatch !== null) root = rootMatch[1] === undefined ? 'root' : rootMatch[1].replace(/''/g, "'");
    else return `FOR JSON PATH option ${p}`;
  }
  return { wrapper, nulls, root };
}

const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '"': '\\"', '/': '\\/', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A name or text as FOR JSON escapes it (the same rules for property names and values). */
function escapeText(s: string): string {
  return [...s].map((c) => NAMED_ESCAPES[c] ?? (c.charCodeAt(0) < 32 ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c)).join('');
}

const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** SQL for the escaped JSON text of a VARCHAR; control characters without a short escape become \u00XX (STRING_ESCAPE's rules too, json-functions.ts). */
export function escapeSql(v: string): string {
  let s = `replace(replace(replace(${v}, '\\', '\\\\'), '"', '\\"'), '/', '\\/')`;
  for (const [code, esc] of [[8, '\\b'], [12, '\\f'], [10, '\\n'], [13, '\\r'], [9, '\\t']] as const) s = `replace(${s}, chr(${code}), '${esc}')`;
  for (let code = 0; code < 32; code++) {
    if ([8, 9, 10, 12, 13].includes(code)) continue;
    s = `replace(${s}, chr(${code}), '\\u${code.toString(16).padStart(4, '0')}')`;
  }
  return s;
}

/** Whether an expression's value is already JSON (SQL Server embeds it as is, not as a string). */
function jsonFragment(e: Expression): 'raw' | 'text' | string {
  if (e.kind === 'FunctionCall' && (e.name.parts.at(-1)?.name ?? '').toUpperCase() === 'JSON_QUERY') return 'raw';
  if (e.kind === 'Subquery' && e.query.kind === 'Select' && isForJson(e.query.forClause)) {
    // A nested FOR JSON without its array wrapper is no longer known to be JSON: SQL Server
    // escapes it as a string unless wrapped in JSON_QUERY, a behaviour left undocumented.
    return /WITHOUT_ARRAY_WRAPPER/i.test(e.query.forClause ?? '') ? 'a nested FOR JSON … WITHOUT_ARRAY_WRAPPER (not wrapped in JSON_QUERY)' : 'raw';
  }
  return 'text';
}

/** SQL of a column's JSON value (NULL for NULL), or a message for a type not emulated. */
function valueSql(v: string, c: ColumnType, fragment: 'raw' | 'text'): string | { refuse: string } {
  if (fragment === 'raw') return `CAST(${v} AS VARCHAR)`;
  const type = c.tsqlType?.name;
  switch (c.family) {
    case 'string':
      if (type === 'xml') return { refuse: 'an xml column in FOR JSON' };
      return `'"' || ${escapeSql(`CAST(${v} AS VARCHAR)`)} || '"'`;
    case 'integer': return `CAST(${v} AS VARCHAR)`;
    case 'bit': return `CASE WHEN ${v} IS NULL THEN NULL WHEN ${v} <> 0 THEN 'true' ELSE 'false' END`;
    case 'exact':
      if (isMoney(c.tsqlType)) return { refuse: `a ${type ?? 'money'} column in FOR JSON (the type-mapping page of FOR JSON lists money among the types written as a JSON string, with no format for it: CAST it to decimal)` };
      return `CAST(${v} AS VARCHAR)`;
    case 'date': return `'"' || strftime(${v}, '%Y-%m-%d') || '"'`;
    default:
      // A bare NULL has no type: it is a null member (or none) whatever the column would be.
      return { refuse: `a ${type ?? c.duckType} column in FOR JSON (its JSON text is not emulated)` };
  }
}

interface JsonNode {
  readonly key: string;
  sql?: string;
  readonly children: JsonNode[];
}

/**
 * Translates a FOR JSON PATH query into one row with the JSON text (NULL when the query has no
 * rows). The rows are numbered by the query's ORDER BY (ties and a missing ORDER BY are in SQL
 * Server's plan order, which capture's order check turns around).
 */
export function forJsonPath(t: SqlTranslator, select: Select, outer: SqlScope | undefined, withSql: string): TranslatedQuery {
  const options = readOptions(select.forClause ?? '');
  if (typeof options === 'string') throw t.state.unsupported(select, options);
  if (options.root !== undefined && !options.wrapper) throw t.state.unsupported(select, 'FOR JSON PATH with both ROOT and WITHOUT_ARRAY_WRAPPER (SQL Server rejects the pair)');
  const spec = select.body;
  if (spec.kind !== 'QuerySpec' || spec.into !== undefined) throw t.state.unsupported(select, 'FOR JSON PATH of a set operation or SELECT … INTO');
  if (spec.distinct) throw t.state.unsupported(select, 'SELECT DISTINCT … FOR JSON PATH');
  if (select.orderBy.some((o) => o.expression.kind === 'Literal')) throw t.state.unsupported(select, 'ORDER BY a column number in FOR JSON PATH');
  const span = select.span;
  const id = (name: string): Identifier => ({ kind: 'Identifier', name, quote: 'none', span });
  const keys: { path: string[]; fragment: 'raw' | 'text'; item: SelectItem }[] = [];
  for (const item of spec.items) {
    if (item.kind !== 'SelectItem') throw t.state.unsupported(item, 'SELECT * in FOR JSON PATH (name the columns)');
    const name = item.alias?.name ?? (item.expression.kind === 'ColumnRef' ? item.expression.parts.at(-1)?.name : undefined);
    if (name === undefined) throw t.state.unsupported(item, 'a column without a name in FOR JSON PATH (SQL Server: error 13605)');
    const fragment = jsonFragment(item.expression);
    if (fragment !== 'raw' && fragment !== 'text') throw t.state.unsupported(item, fragment);
    const path = name.split('.');
    if (path.some((p) => p === '')) throw t.state.unsupported(item, `the FOR JSON PATH name '${name}' with an empty part`);
    keys.push({ path, fragment, item });
  }
  const items: SelectItem[] = keys.map((k, i) => ({ ...k.item, alias: id(`__json_${i}`), aliasStyle: 'as' }));
  const place: FunctionCall = {
    kind: 'FunctionCall', name: { kind: 'ObjectName', parts: [id('ROW_NUMBER')], span }, args: [], distinct: false, star: false, withinGroup: [],
    over: { kind: 'WindowSpec', name: undefined, partitionBy: [], orderBy: select.orderBy, frame: undefined, span }, span,
  };
  if (place.over !== undefined) noteSyntheticWindow(place.over, select.orderBy.length === 0 ? 'the rows FOR JSON PATH without ORDER BY writes' : 'rows with equal ORDER BY values FOR JSON PATH writes');
  items.push({ kind: 'SelectItem', expression: place, alias: id('__json_n'), aliasStyle: 'as', span });
  const inner: Select = { ...select, ctes: [], forClause: undefined, body: { ...spec, items } };
  const rows = translateSelect(t, inner, outer);
  const root: JsonNode = { key: '', children: [] };
  keys.forEach((k, i) => {
    const column = rows.columns[i] as ColumnType;
    const v = valueSql(`"__json_${i}"`, column, k.fragment);
    if (typeof v !== 'string') throw t.state.unsupported(k.item, v.refuse);
    let node = root;
    k.path.forEach((part, depth) => {
      const leaf = depth === k.path.length - 1;
      const last = node.children.at(-1);
      // A name already used, or a nested object whose members are not side by side, is an error
      // in SQL Server (13601: a conflict with another column name or alias).
      const clash = node.children.find((c) => c.key === part);
      if (clash !== undefined && (leaf || clash.sql !== undefined || clash !== last)) throw t.state.unsupported(k.item, `the FOR JSON PATH name '${k.path.join('.')}', which conflicts with another column name or alias (SQL Server: error 13601)`);
      if (leaf) { node.children.push({ key: part, sql: v, children: [] }); return; }
      if (clash === undefined) { const child: JsonNode = { key: part, children: [] }; node.children.push(child); node = child; } else node = clash;
    });
  });
  const members = (node: JsonNode): string => `concat_ws(',', ${node.children.map(memberSql).join(', ')})`;
  const memberSql = (node: JsonNode): string => {
    const key = sqlString(`"${escapeText(node.key)}":`);
    if (node.sql !== undefined) return options.nulls ? `${key} || coalesce(${node.sql}, 'null')` : `${key} || ${node.sql}`;
    return options.nulls ? `${key} || '{' || ${members(node)} || '}'` : `CASE WHEN ${members(node)} = '' THEN NULL ELSE ${key} || '{' || ${members(node)} || '}' END`;
  };
  const object = `'{' || ${members(root)} || '}'`;
  const joined = `string_agg(${object}, ',' ORDER BY "__json_n")`;
  let text = options.wrapper ? `'[' || ${joined} || ']'` : joined;
  // ROOT over no rows: whether SQL Server writes an empty array under the root or nothing is not documented.
  if (options.root !== undefined) text = `CASE WHEN count(*) = 0 THEN error('the emulator does not support FOR JSON PATH, ROOT over no rows') ELSE ${sqlString(`{"${escapeText(options.root)}":`)} || ${text} || '}' END`;
  const sql = `${withSql}SELECT ${text} AS "__json" FROM (${rows.sql}) AS "__json_rows"`;
  return { sql, columns: [{ name: '__json', duckType: 'VARCHAR', family: 'string' }] };
}
