import { normalizeObjectName, walk, type Node, type Select, type TableSource } from '../tsql';
import { isRefusal, translated, type Refusal, type Translated } from './draft-model';
import { DraftScope, freshName, refuseAt, type DraftContext, type SourceBinding } from './draft-scope';
import { castTo } from './convert-value';
import { quoteName } from './sql-text';
import { sqlTypeOfDataType } from './sql-types';
import { translateExpression } from './translate-expression';
import { insideFunction } from './user-functions';

/*
 * `FROM dbo.fn_ActiveSubscriptions(@MonthStart) AS a`: an inline table-valued function is one
 * SELECT over its parameters, which SQL Server expands into the calling query
 * (learn.microsoft.com/sql/relational-databases/user-defined-functions/create-user-defined-functions-database-engine,
 * "Inline table-valued functions"). The draft does the same: the function's query, translated
 * with each parameter bound to its argument converted to the parameter's type (as the call
 * converts it), becomes a derived table. The query sees its parameters only, never the
 * procedure's variables or #temp tables, and reads the tables as the section has them at the
 * call. Refusals inside it name the function's own file and line.
 */

type FunctionSource = Extract<TableSource, { kind: 'TableFunctionRef' }>;
type SelectTranslator = (select: Select, scope: DraftScope) => { sql: string; columns: readonly { name: string; type: Translated['type'] }[] } | Refusal;

/**
 * The SQL of a call of an inline function in FROM, its columns bound into `sources`; undefined
 * when `src` calls no inline function the scripts define (the caller refuses it as before).
 */
export function translateInlineFunction(src: FunctionSource, scope: DraftScope, sources: SourceBinding[], translateSelect: SelectTranslator): string | Refusal | undefined {
  const ctx = scope.ctx;
  if (src.call.kind !== 'FunctionCall') return undefined;
  const call = src.call;
  const fn = ctx.userFunctions?.get(normalizeObjectName(call.name));
  const ret = fn?.statement.functionType === 'inline' && fn.statement.body.length === 1 ? fn.statement.body[0] : undefined;
  if (fn === undefined || ret?.kind !== 'Return' || ret.expression?.kind !== 'Subquery') return undefined;
  const query = ret.expression.query;
  const written = call.name.parts.map((p) => p.name).join('.');
  const params = fn.statement.parameters;
  if (call.args.length !== params.length || call.args.some((a) => a.kind === 'Literal' && a.literalType === 'default')) {
    return refuseAt(ctx, src.span, `FROM ${written}(…)`, `only a call passing each of its ${params.length} parameter(s) a value is translated (DEFAULT and missing arguments are not)`);
  }
  // each argument, converted to its parameter's type as the call converts it
  const bound = new Map<string, Translated | Refusal>();
  for (const [i, p] of params.entries()) {
    const arg = call.args[i] as (typeof call.args)[number];
    const v = translateExpression(arg, scope);
    if (isRefusal(v)) return v;
    const typed = castTo(v, sqlTypeOfDataType(p.dataType), scope, arg);
    if (isRefusal(typed)) return typed;
    bound.set(p.name.toLowerCase(), translated(typed.sql, typed.type));
  }
  const shadowed = shadowingCte(ctx, query);
  if (shadowed !== undefined) return refuseAt(ctx, src.span, `FROM ${written}(…)`, `the function reads a table named ${shadowed}, which the calling statement's CTE of that name hides from the draft`);
  const q = insideFunction(ctx, fn, bound, () => translateSelect(query, new DraftScope(ctx)));
  if (isRefusal(q)) return q;
  const alias = src.alias?.name ?? call.name.parts[call.name.parts.length - 1]?.name ?? 'fn';
  const cols = src.columns.length > 0 ? q.columns.map((c, i) => ({ name: src.columns[i]?.name ?? c.name, type: c.type })) : q.columns;
  const sqlAlias = /^[A-Za-z_][A-Za-z0-9_]*$/.test(alias) ? alias : freshName(ctx, alias);
  sources.push({ alias, tableKey: undefined, sqlAlias, columns: cols });
  return `(${q.sql}) ${quoteName(sqlAlias)}${src.columns.length > 0 ? `(${cols.map((c) => quoteName(c.name)).join(', ')})` : ''}`;
}

/** A one-part table name the function reads that a CTE of the calling statement also names (the draft's lookup would take the CTE). */
function shadowingCte(ctx: DraftContext, query: Select): string | undefined {
  let found: string | undefined;
  const own = new Set<string>();
  walk(query as Node, (n) => {
    if (n.kind === 'Cte') own.add(n.name.name.toLowerCase());
    return undefined;
  });
  walk(query as Node, (n) => {
    if (found === undefined && n.kind === 'TableRef' && n.name.parts.length === 1) {
      const name = (n.name.parts[0]?.name ?? '').toLowerCase();
      if (!own.has(name) && ctx.tables.get(`cte:${name}`)?.cte) found = n.name.parts[0]?.name;
    }
    return undefined;
  });
  return found;
}
