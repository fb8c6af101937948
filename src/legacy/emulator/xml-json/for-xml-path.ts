// SQL Server's string aggregation before STRING_AGG: a subquery of one unnamed column `FOR XML
// PATH('')` concatenates its rows' values as XML text (`STUFF((SELECT ',' + Code … FOR XML
// PATH('')), 1, 1, '')`), and with `, TYPE` its `.value('.', 'nvarchar(max)')` reads that text
// back without the XML escapes. Both forms of real code are emulated with DuckDB's string_agg;
// every other FOR clause is refused.
import { noteSyntheticWindow } from '../reproducibility/window-ties';
import { stuffedXmlPathList, XML_PATH_LIST, type Expression, type FunctionCall, type Identifier, type MethodCall, type OrderByItem, type QuerySpec, type Select, type SelectItem } from '../../../tsql';
import { convertSql } from '../conversions';
import type { SqlFragment, SqlTranslator } from '../expressions';
import { translateSelect, type TranslatedQuery } from '../queries';
import type { SqlScope } from '../sql-scope';
import { isMoney, makeType } from '../tsql-types';
import { translateXmlMethod } from './xml-methods';


// Characters XML 1.0 cannot hold: SQL Server writes them as character references, which this
// emulator does not model. CR is written as &#x0D; (element text keeps tab and line feed).
const CONTROL = String.raw`[\x00-\x08\x0B\x0C\x0E-\x1F]`;
const REFUSE_CONTROL = `the emulator does not support FOR XML PATH text holding control characters other than tab, line feed and carriage return`;

const REFUSE_ALL_NULL = `the emulator does not support FOR XML PATH('''') over rows whose values are all NULL`;

/** FOR XML PATH('') queries whose text only STUFF reads so that an all-NULL list gives NULL whichever it is (stuffedXmlPathList). */
const stuffed = new WeakSet<Select>();

/** Before STUFF's arguments are translated (functions.ts): marks its first argument's FOR XML PATH('') query when the call has that shape. */
export function noteStuffOverXmlPath(call: FunctionCall): void {
  const list = stuffedXmlPathList(call);
  if (list !== undefined) stuffed.add(list.query);
}

/** The XML text of a value, as FOR XML PATH('') writes an unnamed column. */
function escapedSql(value: string): string {
  return `CASE WHEN regexp_matches(${value}, '${CONTROL}') THEN error('${REFUSE_CONTROL}') ELSE replace(tsql_xml_text(${value}), chr(13), '&#x0D;') END`;
}

/** The text `.value('.')` reads back from that XML: the value itself. */
function decodedSql(value: string): string {
  return `CASE WHEN regexp_matches(${value}, '${CONTROL}') THEN error('${REFUSE_CONTROL}') ELSE ${value} END`;
}

const same = (a: Expression, b: Expression): boolean => JSON.stringify(a, (k, v: unknown) => (k === 'span' ? undefined : v)) === JSON.stringify(b, (k, v: unknown) => (k === 'span' ? undefined : v));

/**
 * Whether a column of FOR XML PATH is written as bare text: unnamed, or named `[text()]` or `[*]`,
 * which PATH mode writes as if the column had no name (the "Use PATH mode with FOR XML" page).
 */
export function writesTextNode(alias: { readonly name: string; readonly quote: string } | undefined): boolean {
  return alias === undefined || (alias.quote !== 'none' && (alias.name.toLowerCase() === 'text()' || alias.name === '*'));
}

/**
 * `SELECT x … FOR XML PATH('')` (also with DISTINCT, GROUP BY, HAVING, TOP, ORDER BY): the rows
 * SQL Server makes, each with its place in the ORDER BY (a ROW_NUMBER over it; DENSE_RANK under
 * DISTINCT, so equal values stay one row), then their text joined in that order. `decoded`: the
 * text `.value('.')` reads from the TYPE form, without the XML escapes.
 */
export function forXmlPath(t: SqlTranslator, select: Select, outer: SqlScope | undefined, withSql: string, decoded = false): TranslatedQuery {
  const clause = select.forClause ?? '';
  const spec = select.body;
  const item = spec.kind === 'QuerySpec' && spec.items.length === 1 ? spec.items[0] : undefined;
  const form = XML_PATH_LIST.exec(clause);
  if (form === null || spec.kind !== 'QuerySpec' || item?.kind !== 'SelectItem' || !writesTextNode(item.alias) || spec.into !== undefined) {
    throw t.state.unsupported(select, `FOR ${clause.replace(/^\s*FOR\s+/i, '')} (only the FOR XML PATH('') string aggregation of one unnamed column is emulated)`);
  }
  if ((form[1] !== undefined) !== decoded) {
    throw t.state.unsupported(select, decoded ? `.value() of FOR XML PATH('') without TYPE` : `FOR XML PATH(''), TYPE other than its .value('.', 'nvarchar(…)')`);
  }
  const orderBy = select.orderBy.map((o): OrderByItem => {
    if (o.expression.kind !== 'Literal' || o.expression.literalType !== 'integer') return o;
    if (o.expression.value !== '1') throw t.state.unsupported(o, `ORDER BY ${o.expression.value} of a one-column query (SQL Server: error 108)`);
    return { ...o, expression: item.expression };
  });
  if (spec.distinct && orderBy.some((o) => !same(o.expression, item.expression))) {
    throw t.state.unsupported(select, 'ORDER BY items not in the select list of a SELECT DISTINCT (SQL Server: error 145)');
  }
  const span = item.span;
  const id = (name: string): Identifier => ({ kind: 'Identifier', name, quote: 'none', span });
  const value: SelectItem = { kind: 'SelectItem', expression: item.expression, alias: id('__xml_v'), aliasStyle: 'as', span };
  const place: FunctionCall = {
    kind: 'FunctionCall', name: { kind: 'ObjectName', parts: [id(spec.distinct ? 'DENSE_RANK' : 'ROW_NUMBER')], span }, args: [], distinct: false, star: false, withinGroup: [],
    over: { kind: 'WindowSpec', name: undefined, partitionBy: [], orderBy, frame: undefined, span }, span,
  };
  // Without ORDER BY the rows are numbered too: the numbering breaks their ties as window-ties.ts
  // does (a DISTINCT list has no rows to tell apart but its values).
  const numbered = orderBy.length > 0 || !spec.distinct;
  if (place.over !== undefined) noteSyntheticWindow(place.over, orderBy.length === 0 ? "the rows FOR XML PATH('') without ORDER BY concatenates" : "rows with equal ORDER BY values FOR XML PATH('') concatenates");
  const items: SelectItem[] = numbered ? [value, { kind: 'SelectItem', expression: place, alias: id('__xml_n'), aliasStyle: 'as', span }] : [value];
  // Under DISTINCT the ORDER BY (needed by TOP) names the output column it must repeat.
  const innerOrder = spec.distinct ? orderBy.map((o) => ({ ...o, expression: { kind: 'ColumnRef' as const, parts: [id('__xml_v')], span: o.span } })) : orderBy;
  const inner: Select = { ...select, ctes: [], forClause: undefined, orderBy: innerOrder, body: { ...spec, items } satisfies QuerySpec };
  const rows = translateSelect(t, inner, outer);
  const v = rows.columns[0];
  if (v === undefined || !(v.family === 'string' || v.family === 'integer' || (v.family === 'exact' && !(v.tsqlType !== undefined && isMoney(v.tsqlType))))) {
    throw t.state.unsupported(item, `FOR XML PATH('') of a ${v?.tsqlType?.name ?? v?.duckType ?? 'non-text'} value (SQL Server writes it in its XML form)`);
  }
  const text = `CAST("__xml_v" AS VARCHAR)`;
  // A DISTINCT list without ORDER BY still comes in an order: its values in the plan's order
  // (sorted or hashed), which the language leaves open. A hash of the value orders them here, the
  // other way in capture's second run, so a list of two or more values is marked non-reproducible.
  let order = ' ORDER BY "__xml_n"';
  if (!numbered) {
    t.state.noteUnorderedRead(select, (at) => `the values SELECT DISTINCT … FOR XML PATH('') without ORDER BY concatenates at ${at}`);
    order = ` ORDER BY hash("__xml_v") ${t.state.reverseUnordered ? 'DESC' : 'ASC'}`;
  }
  // Rows whose values are all NULL make an empty document: whether SQL Server returns it as ''
  // or NULL is not documented, so that case is refused where it happens, unless STUFF reads it
  // (NULL for either: see `stuffed`).
  const allNull = `count(*) > 0 AND count("__xml_v") = 0`;
  const sql = `${withSql}SELECT CASE WHEN ${allNull} THEN ${stuffed.has(select) ? "''" : `error('${REFUSE_ALL_NULL}')`} ELSE string_agg(${decoded ? decodedSql(text) : escapedSql(text)}, ''${order}) END AS "__xml" FROM (${rows.sql}) AS "__xml_rows"`;
  return { sql, columns: [{ name: '__xml', duckType: 'VARCHAR', family: 'string' }] };
}

/** `(SELECT … FOR XML PATH(''), TYPE).value('.', 'nvarchar(max)')`: the aggregated text as the named text type. */
export function xmlValue(t: SqlTranslator, e: MethodCall, scope: SqlScope): SqlFragment {
  let target = e.target;
  while (target.kind === 'ExpressionList' && target.items.length === 1 && target.items[0] !== undefined) target = target.items[0];
  // Methods of an xml variable, an xml column or a nodes() column: xml-methods.ts.
  if (target.kind !== 'Subquery') return translateXmlMethod(t, e, scope);
  const [path, type] = e.args;
  const typeText = type?.kind === 'Literal' && (type.literalType === 'string' || type.literalType === 'nstring') ? type.value : '';
  const textType = /^\s*(n?varchar)\s*\(\s*(max|\d+)\s*\)\s*$/i.exec(typeText);
  const pathText = path?.kind === 'Literal' && (path.literalType === 'string' || path.literalType === 'nstring') ? path.value.replace(/\s+/g, '') : '';
  if (e.method.toLowerCase() !== 'value' || target.kind !== 'Subquery' || target.query.kind !== 'Select' || e.args.length !== 2 || textType === null || !['.', '(./text())[1]', '(text())[1]'].includes(pathText)) {
    throw t.state.unsupported(e, `.${e.method}() (only (SELECT … FOR XML PATH(''), TYPE).value('.', 'nvarchar(…)') is emulated)`);
  }
  const q = forXmlPath(t, target.query, scope, '', true);
  // No rows: no document, NULL. '(./text())[1]' of empty text is no node, NULL; '.' is ''.
  const sql = pathText === '.' ? `(${q.sql})` : `nullif((${q.sql}), '')`;
  const name = (textType[1] as string).toLowerCase();
  return convertSql({ sql, family: 'string', duckType: 'VARCHAR', tsqlType: makeType('nvarchar', ['max']) }, makeType(name, [(textType[2] as string).toLowerCase()]), false, t.state.dateFormat);
}
