import type { Expression, FunctionCall, TableFunctionRef } from '../../tsql';
import { objectKey } from './catalog';
import { declaredType } from './declared-types';
import { convertSql, quote, type SqlFragment, type SqlTranslator } from './expressions';
import { columnTypesOf, translateSelect } from './queries';
import { SqlScope, type ColumnType } from './sql-scope';
import type { Precomputed } from './state';
import { translateOpenJson } from './xml-json/json-functions';
import { translateXmlNodes } from './xml-json/xml-methods';

/**
 * A table-valued function in FROM or on the right of CROSS/OUTER APPLY. An inline function
 * (RETURNS TABLE AS RETURN (SELECT …)) becomes a derived table whose parameters are its
 * arguments converted to the declared types; under APPLY it is LATERAL, so it runs once per
 * row of the left side. A multi-statement function (RETURNS @t TABLE) is run by the
 * interpreter before the statement when its arguments are known then (interpret-calls.ts), or,
 * under APPLY with arguments from the left side's rows, once per distinct argument tuple
 * (per-row-table-functions.ts); elsewhere with arguments that change per row it is refused.
 * STRING_SPLIT and OPENJSON are built in.
 */
export function translateTableFunction(t: SqlTranslator, source: TableFunctionRef, scope: SqlScope, outer: SqlScope | undefined): string {
  const call = source.call;
  if (call.kind === 'MethodCall') return translateXmlNodes(t, source, scope, outer);
  const written = call.name.parts.map((p) => p.name).join('.');
  const alias = source.alias?.name ?? call.name.parts[call.name.parts.length - 1]?.name ?? '__tvf';
  const argScope = outer ?? new SqlScope();
  const precomputed = t.state.precomputed.get(call);
  if (precomputed !== undefined && precomputed.kind === 'table') {
    return register(scope, alias, source, columnTypesOf(precomputed.info), precomputed.info.sqlName);
  }
  if (precomputed !== undefined && precomputed.kind === 'perRow' && call.kind === 'FunctionCall') return perRowRows(t, source, call, precomputed, scope, argScope, alias);
  if (call.name.parts.length === 1) {
    const name = written.toUpperCase();
    if (name === 'STRING_SPLIT') return stringSplit(t, source, scope, argScope, alias);
    if (name === 'OPENJSON') return translateOpenJson(t, source, scope, argScope, alias);
  }
  const defined = t.state.catalog.functions.get(objectKey(call.name.parts));
  if (defined === undefined) throw t.state.unsupported(source, `the table-valued function ${written} (no CREATE FUNCTION for it in the loaded scripts)`);
  const fn = defined.definition;
  if (fn.functionType === 'multi') throw t.state.unsupported(source, `the multi-statement table-valued function ${written} with arguments that change from row to row outside CROSS/OUTER APPLY over the statement's own rows (it is emulated when its arguments are known before the statement runs, or come from the left side of an APPLY)`);
  const ret = fn.body[0];
  if (fn.functionType !== 'inline' || ret?.kind !== 'Return' || ret.expression?.kind !== 'Subquery') throw t.state.unsupported(source, `the function ${written} as a row source`);
  if (call.args.length !== fn.parameters.length) throw t.state.unsupported(source, `${written} called with ${call.args.length} arguments for ${fn.parameters.length} parameters`);
  const params = new Map<string, SqlFragment>();
  fn.parameters.forEach((p, i) => {
    const arg = call.args[i] as Expression;
    const type = declaredType(t.state, p.dataType);
    const value = arg.kind === 'Literal' && arg.literalType === 'default' && p.default !== undefined ? p.default : arg;
    const f = convertSql(t.expr(value, argScope), type);
    params.set(p.name.toLowerCase(), { ...f, sql: `(${f.sql})` });
  });
  const savedVariables = t.variables;
  const savedCtes = new Map(t.ctes);
  t.ctes.clear();
  t.variables = params;
  t.state.sources.push(defined.script);
  try {
    const q = translateSelect(t, ret.expression.query, undefined);
    return register(scope, alias, source, [...q.columns], `(${q.sql})`);
  } finally {
    t.state.sources.pop();
    t.variables = savedVariables;
    t.ctes.clear();
    for (const [k, v] of savedCtes) t.ctes.set(k, v);
  }
}

function register(scope: SqlScope, alias: string, source: TableFunctionRef, columns: ColumnType[], sql: string): string {
  const named = columns.map((c, i) => ({ ...c, name: source.columns[i]?.name ?? c.name }));
  scope.add(alias, named);
  return `${sql} AS ${quote(alias)}(${named.map((c) => quote(c.name)).join(', ')})`;
}

/** STRING_SPLIT(s, sep [, enable_ordinal]): one row per piece, empty pieces kept, NULL gives none. */
function stringSplit(t: SqlTranslator, source: TableFunctionRef, scope: SqlScope, argScope: SqlScope, alias: string): string {
  const call = source.call;
  if (call.kind !== 'FunctionCall' || call.args.length < 2) throw t.state.unsupported(source, 'STRING_SPLIT without a separator');
  const s = t.expr(call.args[0] as Expression, argScope);
  const sep = t.expr(call.args[1] as Expression, argScope);
  const ordinal = call.args.length > 2;
  if (ordinal && !(call.args[2]?.kind === 'Literal' && ['0', '1'].includes(call.args[2].value))) throw t.state.unsupported(source, 'STRING_SPLIT with a non-constant enable_ordinal');
  const withOrdinal = ordinal && call.args[2]?.kind === 'Literal' && call.args[2].value === '1';
  const cols: ColumnType[] = [{ name: 'value', duckType: 'VARCHAR', family: 'string' }];
  if (withOrdinal) cols.push({ name: 'ordinal', duckType: 'BIGINT', family: 'integer' });
  // SQL Server takes a one-character separator only (an error otherwise; DuckDB would split at a
  // longer one); what a NULL separator gives is not documented
  const oneChar = `(CASE WHEN ${sep.sql} IS NULL OR length(CAST(${sep.sql} AS VARCHAR)) <> 1 THEN error('the emulator does not support STRING_SPLIT with a separator that is not one character (SQL Server raises an error)') ELSE CAST(${sep.sql} AS VARCHAR) END)`;
  const parts = `string_split(CAST(${s.sql} AS VARCHAR), ${oneChar})`;
  // Without enable_ordinal the pieces come in an order SQL Server does not promise (in practice
  // the string's): a hidden position lets window-ties.ts take them in that order, and the other
  // way in capture's second run, so an output that depends on it (ROW_NUMBER() OVER (ORDER BY
  // (SELECT NULL)) as a sequence number) is marked non-reproducible.
  const position = withOrdinal ? 'ordinal' : '__split_pos';
  const sql = `(SELECT unnest(${parts}) AS value, CAST(generate_subscripts(${parts}, 1) AS BIGINT) AS ${quote(position)})`;
  const from = register(scope, alias, source, cols, sql);
  t.noteRowSource(scope, alias, cols, false, position);
  return from;
}

/**
 * The rows a per-row APPLY's function gave for this row's arguments: those gathered under the
 * same argument text (per-row-table-functions.ts translates each argument the same way), compared
 * as bytes, not under the session's nocase collation; NULL matches NULL. Under LATERAL, CROSS APPLY keeps a row only where
 * the function gave rows, OUTER APPLY keeps it with NULLs.
 */
function perRowRows(t: SqlTranslator, source: TableFunctionRef, call: FunctionCall, rows: Extract<Precomputed, { kind: 'perRow' }>, scope: SqlScope, argScope: SqlScope, alias: string): string {
  const fn = t.state.catalog.functions.get(objectKey(call.name.parts))?.definition;
  const match = call.args.map((a, i) => {
    const p = fn?.parameters[i];
    const arg = a.kind === 'Literal' && a.literalType === 'default' && p?.default !== undefined ? p.default : a;
    return `__g.${quote(`__arg${i}`)} IS NOT DISTINCT FROM encode(CAST(${t.expr(arg, argScope).sql} AS VARCHAR))`;
  });
  const sql = `(SELECT ${rows.columns.map((c) => `__g.${quote(c.name)}`).join(', ')} FROM ${rows.sqlName} AS __g WHERE ${match.length === 0 ? 'TRUE' : match.join(' AND ')})`;
  return register(scope, alias, source, [...rows.columns], sql);
}
