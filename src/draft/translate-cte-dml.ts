import type { Cte, Delete, Identifier, QuerySpec, SelectItem, TableRef, Update } from '../tsql';
import { isRefusal, type Refusal, type Translated } from './draft-model';
import { DraftScope, refuseAt, type DraftContext, type SourceBinding, type TableState } from './draft-scope';
import { quoteName } from './sql-text';
import { INT } from './sql-types';
import { cols, fromClause, numbered, ROW, translateAssignments, withTable } from './translate-dml';
import { translateExpression } from './translate-expression';
import { withStatementCtes } from './translate-query';
import { addCte, setTable, targetState } from './translate-statements';

/*
 * UPDATE and DELETE through a CTE over one table change the rows of that table the CTE's rows
 * come from: `WITH d AS (SELECT …, ROW_NUMBER() OVER (PARTITION BY k ORDER BY …) AS rn FROM t)
 * DELETE FROM d WHERE rn > 1`, the de-duplication idiom, and its UPDATE twin. The draft
 * translates the CTE over t's numbered rows with each row's number carried along, so the rows
 * the statement's WHERE holds for (not false, not unknown) name t's rows. Window functions keep
 * their own rules: rows tied in ROW_NUMBER's ORDER BY stop the draft's SQL (translate-window.ts).
 */

/** Not an UPDATE or DELETE through one of its own CTEs: the caller translates it as usual. */
export const NOT_THROUGH_A_CTE = 'not through a CTE';

/** What a statement through a CTE works on: the CTE over t's numbered rows, read as `from`. */
interface CteFrame {
  readonly cte: Cte;
  readonly spec: QuerySpec;
  readonly base: TableRef;
  readonly key: string;
  readonly state: TableState;
  /** t's numbered rows. */
  readonly rows: string;
  readonly from: string;
  readonly scope: DraftScope;
  /** The CTE's alias in `from`, quoted. */
  readonly alias: string;
}

function throughCte(s: Update | Delete, ctx: DraftContext, body: (f: CteFrame) => Refusal | undefined): Refusal | undefined | typeof NOT_THROUGH_A_CTE {
  const target = s.target;
  const name = target.kind === 'TableRef' && target.name.parts.length === 1 ? (target.name.parts[0] as Identifier).name.toLowerCase() : undefined;
  const cte = name === undefined || s.from.length > 0 ? undefined : s.ctes.find((c) => c.name.name.toLowerCase() === name);
  if (cte === undefined) return NOT_THROUGH_A_CTE;
  const spec = cte.query.body;
  const base = spec.kind === 'QuerySpec' && spec.from.length === 1 && spec.from[0]?.kind === 'TableRef' ? spec.from[0] : undefined;
  const verb = s.kind === 'Update' ? 'UPDATE' : 'DELETE';
  // TOP … ORDER BY keeps each of t's rows one row of the CTE at most (cte-top.ts picks them); DISTINCT and grouping do not
  const ordered = spec.kind === 'QuerySpec' && spec.top !== undefined && cte.query.orderBy.length > 0;
  if (s.top || s.output || s.currentOf || spec.kind !== 'QuerySpec' || base === undefined || spec.distinct || (spec.top && !ordered) || spec.groupBy || spec.having
    || cte.query.ctes.length > 0 || (cte.query.orderBy.length > 0 && !ordered) || s.ctes.some((c) => c !== cte && reads(c, cte))) {
    return refuseAt(ctx, target.span, `${verb} through the CTE ${cte.name.name}`, 'only a plain query of one table (no DISTINCT, grouping, join, or TOP without ORDER BY) is translated');
  }
  const found = targetState(ctx, base);
  if (isRefusal(found)) return found;
  const { key, state } = found;
  const n = numbered(ctx, key, state);
  return withTable(ctx, key, n.state, () => {
    const span = cte.span;
    const id = (text: string): Identifier => ({ kind: 'Identifier', name: text, quote: 'none', span });
    const carry: SelectItem = { kind: 'SelectItem', expression: { kind: 'ColumnRef', parts: [id(baseAlias(base)), id(ROW)], span }, alias: id(ROW), aliasStyle: 'as', span };
    const carried: Cte = { ...cte, columns: cte.columns.length > 0 ? [...cte.columns, id(ROW)] : [], query: { ...cte.query, body: { ...spec, items: [...spec.items, carry] } } };
    return withStatementCtes(s.ctes.map((c) => (c === cte ? carried : c)), ctx, () => {
      const sources: SourceBinding[] = [];
      const from = fromClause(ctx, [target], sources);
      if (isRefusal(from)) return from;
      return body({ cte, spec, base, key, state, rows: n.rel, from, scope: new DraftScope(ctx, sources), alias: quoteName(sources[0]?.sqlAlias ?? cte.name.name) });
    });
  });
}

/** DELETE through a CTE: t's rows but those the CTE's rows the WHERE holds for come from. */
export function translateDeleteThroughCte(s: Delete, ctx: DraftContext): Refusal | undefined | typeof NOT_THROUGH_A_CTE {
  return throughCte(s, ctx, ({ key, state, rows, from, scope, alias }) => {
    const where = whereOf(s.where, scope);
    if (isRefusal(where)) return where;
    const gone = addCte(ctx, `${key}_deleted`, `SELECT DISTINCT ${alias}.${ROW}\nFROM ${from}${where}`);
    const sql = `SELECT ${cols(state.columns, 'r')}\nFROM ${rows} r\nWHERE r.${ROW} NOT IN (SELECT ${ROW} FROM ${gone})`;
    setTable(ctx, key, { displayName: state.displayName, relation: addCte(ctx, key, sql), columns: state.columns });
    // `SET @Dupes = @@ROWCOUNT` after the de-duplication: the rows it removed
    ctx.rowCountLeft = { kind: 'translated', sql: `(SELECT CAST(count(*) AS INTEGER) FROM ${gone})`, type: INT };
    return undefined;
  });
}

/**
 * UPDATE through a CTE: the CTE's columns it sets stand for t's columns they read as they are
 * (SET of a computed CTE column is SQL Server's error 4406, refused here); t's rows with those
 * columns replaced where the WHERE holds. Each of t's rows is at most one row of the CTE.
 */
export function translateUpdateThroughCte(s: Update, ctx: DraftContext): Refusal | undefined | typeof NOT_THROUGH_A_CTE {
  return throughCte(s, ctx, ({ cte, spec, base, key, state, rows, from, scope, alias }) => {
    const newValues = translateAssignments(s, state, scope, (written, a) => baseColumnOf(cte, spec, base, written)
      ?? refuseAt(ctx, a.span, `SET ${written} through the CTE ${cte.name.name}`, 'the CTE column is computed, not a column of its table (SQL Server refuses it: Msg 4406)'));
    if (isRefusal(newValues)) return newValues;
    const where = whereOf(s.where, scope);
    if (isRefusal(where)) return where;
    const assigned = state.columns.filter((c) => newValues.has(c.name.toLowerCase()));
    const u = addCte(ctx, `${key}_set`, `SELECT ${alias}.${ROW}${assigned.map((c) => `, ${(newValues.get(c.name.toLowerCase()) as Translated).sql} AS ${quoteName(c.name)}`).join('')}\nFROM ${from}${where}`);
    const items = state.columns.map((c) => (newValues.has(c.name.toLowerCase()) ? `CASE WHEN u.${ROW} IS NULL THEN r.${quoteName(c.name)} ELSE u.${quoteName(c.name)} END AS ${quoteName(c.name)}` : `r.${quoteName(c.name)}`));
    const sql = `SELECT ${items.join(', ')}\nFROM ${rows} r LEFT JOIN ${u} u ON u.${ROW} = r.${ROW}`;
    setTable(ctx, key, { displayName: state.displayName, relation: addCte(ctx, key, sql), columns: state.columns });
    // each of t's rows is one row of the CTE: @@ROWCOUNT counts those the WHERE held for, changed or not
    ctx.rowCountLeft = { kind: 'translated', sql: `(SELECT CAST(count(*) AS INTEGER) FROM ${u})`, type: INT };
    return undefined;
  });
}

function whereOf(where: Update['where'], scope: DraftScope): string | Refusal {
  if (!where) return '';
  const w = translateExpression(where, scope);
  return isRefusal(w) ? w : `\nWHERE ${w.sql}`;
}

/** The alias a one-table CTE reads its table by. */
function baseAlias(base: TableRef): string {
  return base.alias?.name ?? (base.name.parts[base.name.parts.length - 1] as Identifier).name;
}

/** The table column a CTE column is, when the CTE selects it as it is; undefined when computed. */
function baseColumnOf(cte: Cte, spec: QuerySpec, base: TableRef, written: string): string | undefined {
  const lower = written.toLowerCase();
  const at = spec.items.findIndex((item, i) => item.kind === 'SelectItem' && (cte.columns.length > 0
    ? cte.columns[i]?.name.toLowerCase() === lower
    : (item.alias?.name ?? (item.expression.kind === 'ColumnRef' ? item.expression.parts[item.expression.parts.length - 1]?.name : undefined))?.toLowerCase() === lower));
  const item = spec.items[at];
  if (item?.kind !== 'SelectItem' || item.expression.kind !== 'ColumnRef') return undefined;
  const parts = item.expression.parts;
  if (parts.length === 2 && parts[0]?.name.toLowerCase() !== baseAlias(base).toLowerCase()) return undefined;
  return parts.length <= 2 ? parts[parts.length - 1]?.name : undefined;
}

/** Whether CTE `c` reads CTE `other` (it would then read rows the statement changes). */
function reads(c: Cte, other: Cte): boolean {
  const walk = (x: unknown): boolean => {
    if (x === null || typeof x !== 'object') return false;
    if (Array.isArray(x)) return x.some(walk);
    const n = x as { kind?: string; name?: { parts?: readonly Identifier[] } };
    if (n.kind === 'TableRef' && n.name?.parts?.length === 1 && n.name.parts[0]?.name.toLowerCase() === other.name.name.toLowerCase()) return true;
    return Object.entries(n).some(([k, v]) => k !== 'span' && walk(v));
  };
  return walk(c.query);
}
