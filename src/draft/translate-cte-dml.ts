import type { Cte, Delete, Identifier, QuerySpec, SelectItem } from '../tsql';
import { isRefusal, type Refusal } from './draft-model';
import { DraftScope, refuseAt, type DraftContext, type SourceBinding } from './draft-scope';
import { quoteName } from './sql-text';
import { cols, fromClause, numbered, ROW, withTable } from './translate-dml';
import { translateExpression } from './translate-expression';
import { withStatementCtes } from './translate-query';
import { addCte, setTable, targetState } from './translate-statements';

/**
 * `WITH d AS (SELECT …, ROW_NUMBER() OVER (PARTITION BY k ORDER BY …) AS rn FROM t) DELETE FROM d
 * WHERE rn > 1`, the de-duplication idiom: a DELETE through a CTE over one table deletes the rows
 * of that table the CTE's rows come from. Drafted as t's rows but those: the CTE is translated
 * over t's numbered rows with each row's number carried along, and the rows the DELETE's WHERE
 * holds for (not false, not unknown) name the rows of t that go. The window functions keep their
 * own rules: rows tied in ROW_NUMBER's ORDER BY stop the draft's SQL (translate-window.ts).
 *
 * Undefined when the statement is not a DELETE through one of its own CTEs (the caller goes on);
 * a refusal when it is, but the CTE is not a plain query of one table.
 */
export function translateDeleteThroughCte(s: Delete, ctx: DraftContext): Refusal | undefined | 'not through a CTE' {
  const target = s.target;
  const name = target.kind === 'TableRef' && target.name.parts.length === 1 ? (target.name.parts[0] as Identifier).name.toLowerCase() : undefined;
  const cte = name === undefined || s.from.length > 0 ? undefined : s.ctes.find((c) => c.name.name.toLowerCase() === name);
  if (cte === undefined) return 'not through a CTE';
  const body = cte.query.body;
  const base = body.kind === 'QuerySpec' && body.from.length === 1 && body.from[0]?.kind === 'TableRef' ? body.from[0] : undefined;
  if (s.top || s.output || s.currentOf || body.kind !== 'QuerySpec' || base === undefined || body.distinct || body.top || body.groupBy || body.having
    || cte.query.ctes.length > 0 || cte.query.orderBy.length > 0 || s.ctes.some((c) => c !== cte && refersTo(c, cte))) {
    return refuseAt(ctx, target.span, `DELETE through the CTE ${cte.name.name}`, 'only a plain query of one table (no DISTINCT, TOP, grouping or join) is translated');
  }
  const found = targetState(ctx, base);
  if (isRefusal(found)) return found;
  const { key, state } = found;
  const n = numbered(ctx, key, state);
  return withTable(ctx, key, n.state, () => {
    const span = cte.span;
    const id = (text: string): Identifier => ({ kind: 'Identifier', name: text, quote: 'none', span });
    const alias = base.alias?.name ?? (base.name.parts[base.name.parts.length - 1] as Identifier).name;
    const carry: SelectItem = { kind: 'SelectItem', expression: { kind: 'ColumnRef', parts: [id(alias), id(ROW)], span }, alias: id(ROW), aliasStyle: 'as', span };
    const spec: QuerySpec = { ...body, items: [...body.items, carry] };
    const carried: Cte = { ...cte, columns: cte.columns.length > 0 ? [...cte.columns, id(ROW)] : [], query: { ...cte.query, body: spec } };
    return withStatementCtes(s.ctes.map((c) => (c === cte ? carried : c)), false, ctx, () => {
      const sources: SourceBinding[] = [];
      const from = fromClause(ctx, [target], sources);
      if (isRefusal(from)) return from;
      let where = '';
      if (s.where) {
        const w = translateExpression(s.where, new DraftScope(ctx, sources));
        if (isRefusal(w)) return w;
        where = `\nWHERE ${w.sql}`;
      }
      const dAlias = quoteName(sources[0]?.sqlAlias ?? cte.name.name);
      const gone = addCte(ctx, `${key}_deleted`, `SELECT DISTINCT ${dAlias}.${ROW}\nFROM ${from}${where}`);
      const sql = `SELECT ${cols(state.columns, 'r')}\nFROM ${n.rel} r\nWHERE r.${ROW} NOT IN (SELECT ${ROW} FROM ${gone})`;
      setTable(ctx, key, { displayName: state.displayName, relation: addCte(ctx, key, sql), columns: state.columns });
      return undefined;
    });
  });
}

/** Whether CTE `c` reads CTE `other` (it would then read the rows the DELETE changes). */
function refersTo(c: Cte, other: Cte): boolean {
  const walk = (x: unknown): boolean => {
    if (x === null || typeof x !== 'object') return false;
    if (Array.isArray(x)) return x.some(walk);
    const n = x as { kind?: string; name?: { parts?: readonly Identifier[] } };
    if (n.kind === 'TableRef' && n.name?.parts?.length === 1 && n.name.parts[0]?.name.toLowerCase() === other.name.name.toLowerCase()) return true;
    return Object.entries(n).some(([k, v]) => k !== 'span' && walk(v));
  };
  return walk(c.query);
}
