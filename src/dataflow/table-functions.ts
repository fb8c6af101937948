import type * as A from '../tsql';
import { displayObjectName, findAll, isTempName, normalizeObjectName } from '../tsql';
import { itemName } from './query-analyzer';

/*
 * What a graph needs to know of the user table-valued functions and table types of the analysed
 * set: a function read in FROM/APPLY becomes a node with its output columns and the tables its
 * body reads; `DECLARE @Lines dbo.OrderLineType` is a table variable with the type's columns.
 * Plain data: catalog entries cross between threads (analyze-thread-messages.ts).
 */

/** One user function the scripts define: table-valued, or scalar (scalar-function-entries.ts). */
export interface CatalogFunctionEntry {
  /** Normalised name (`dbo.fn_feesfor`). */
  readonly name: string;
  readonly type: 'inline' | 'multi' | 'scalar';
  /** Output columns, lower-case, in order; empty when not known (`SELECT *`, an unnamed item) and for a scalar function. */
  readonly columns: readonly string[];
  /** Tables the body reads: normalised name and as written, in order of first reference. */
  readonly reads: readonly (readonly [string, string])[];
  /** A scalar function's: the columns (lower-case) the body reads of each table of `reads`, in its order (empty: its rows alone). */
  readonly readColumns?: readonly (readonly string[])[];
  /** A scalar function's: the table columns its returned value is computed from (normalised table name, lower-case column or `*`). */
  readonly returns?: readonly (readonly [string, string])[];
  /** A scalar function's: the columns it reads as written where that is not lower-case (lower-case name, spelling). */
  readonly spellings?: readonly (readonly [string, string])[];
}

/** The query an inline function returns (`RETURN (SELECT …)` or `RETURN SELECT …`). */
function inlineQuery(fn: A.CreateFunction): A.Select | undefined {
  for (const s of fn.body) {
    if (s.kind === 'Return' && s.expression?.kind === 'Subquery') return s.expression.query;
  }
  return undefined;
}

/** The first SELECT block of a query (a set operation's columns are its left side's). */
function firstSpec(q: A.QueryExpression): A.QuerySpec {
  let body: A.QueryExpression = q;
  for (;;) {
    if (body.kind === 'QuerySpec') return body;
    body = body.kind === 'Select' ? body.body : body.left;
  }
}

/** Output columns of an inline function's query; empty when one is `*` or has no name. */
function inlineColumns(query: A.Select): string[] {
  const names: string[] = [];
  for (const item of firstSpec(query.body).items) {
    if (item.kind === 'SelectAssignment' || item.expression.kind === 'Star') return [];
    const name = itemName(item);
    if (name === '') return [];
    names.push(name);
  }
  return names;
}

/** The permanent tables (and views) a function's body names, CTE names left out. */
function tablesRead(fn: A.CreateFunction, defaultSchema: string): [string, string][] {
  const ctes = new Set(findAll(fn, 'Cte').map((c) => c.name.name.toLowerCase()));
  const out = new Map<string, string>();
  for (const ref of findAll(fn, 'TableRef')) {
    const parts = ref.name.parts;
    if (isTempName(ref.name) || (parts.length === 1 && ctes.has((parts[0]?.name ?? '').toLowerCase()))) continue;
    const key = normalizeObjectName(ref.name, defaultSchema);
    if (!out.has(key)) out.set(key, displayObjectName(parts.map((p) => p.name).filter((p) => p !== '')));
  }
  return [...out];
}

/** The catalog entry of a CREATE FUNCTION, when it returns a table (inline or multi-statement). */
export function functionEntryOf(fn: A.CreateFunction, defaultSchema: string): CatalogFunctionEntry | undefined {
  const name = normalizeObjectName(fn.name, defaultSchema);
  if (fn.functionType === 'inline') {
    const query = inlineQuery(fn);
    return { name, type: 'inline', columns: query === undefined ? [] : inlineColumns(query), reads: tablesRead(fn, defaultSchema) };
  }
  if (fn.functionType === 'multi' && fn.returnsTable !== undefined) {
    return { name, type: 'multi', columns: fn.returnsTable.definition.columns.map((c) => c.name.name.toLowerCase()), reads: tablesRead(fn, defaultSchema) };
  }
  return undefined;
}

/** `CREATE TYPE dbo.OrderLineType AS TABLE (…)`: normalised name and lower-case columns. */
export function tableTypeEntryOf(s: A.CreateOther, defaultSchema: string): readonly [string, readonly string[]] | undefined {
  if (s.objectType.toUpperCase() !== 'TYPE' || s.definition === undefined) return undefined;
  return [normalizeObjectName(s.name, defaultSchema), s.definition.columns.map((c) => c.name.name.toLowerCase())];
}
