import { findAll, type QuerySpec, type Select } from '../tsql';
import { isRefusal, type DraftColumn, type Refusal, type Translated } from './draft-model';
import { DraftScope, locatedStop, refuseAt, type DraftContext } from './draft-scope';
import { castTo } from './convert-value';
import { quoteName, stringLiteral } from './sql-text';
import { arithmetic, translateExpression } from './translate-expression';
import { translateSelect } from './translate-query';
import { scalarAggregate } from './idioms/scalar-aggregate';
import { addCte, assignVariable, type StatementState } from './translate-statements';

/*
 * `SELECT @a = …, @b = … [FROM …]`: without FROM the values in order; over FROM an aggregate
 * without GROUP BY (one row for certain), or a lookup (the watermark read) that keeps the
 * variables as they were when no row matches and stops the drafted query, located, when several
 * do (SQL Server keeps the last row its plan yields). The values are substituted where later
 * statements read the variables, and are a section's carried values (drafted-values.ts).
 */

/** `SELECT @v = expr` without FROM, or of an aggregate over FROM (exactly one row). */
export function selectAssignment(s: Select, ctx: DraftContext, st: StatementState): Refusal | undefined {
  const spec = s.body.kind === 'QuerySpec' ? s.body : undefined;
  if (!spec) return refuseAt(ctx, s.span, 'SELECT @v = …', 'not translated');
  if (spec.from.length === 0 && !spec.where) {
    for (const item of spec.items) {
      if (item.kind !== 'SelectAssignment') continue;
      const scope = new DraftScope(ctx);
      let v = translateExpression(item.expression, scope);
      if (item.operator !== '=' && !isRefusal(v)) {
        const old = scope.variable(item.variable.name);
        v = old === undefined ? refuseAt(ctx, item.span, item.variable.name, 'read before it is set') : isRefusal(old) ? old : arithmetic(item.operator.slice(0, -1), old, v, scope, item.expression);
      }
      assignVariable(ctx, st, item.variable.name, v, item.expression);
    }
    return undefined;
  }
  // With FROM: only aggregates without GROUP BY give exactly one row (the value is that row's).
  if (spec.groupBy || spec.items.some((i) => i.kind === 'SelectAssignment' && i.operator !== '=')) {
    return refuseAt(ctx, s.span, 'SELECT @v = … FROM', 'the variable would take the value of an arbitrary (last) row');
  }
  const crossRead = readsAnotherItsTarget(spec);
  if (crossRead !== undefined) return refuseAt(ctx, s.span, `SELECT ${crossRead} = … FROM`, `an item reads ${crossRead}, which another item of the same SELECT assigns: whether it sees the value from before the SELECT or the one just assigned is not documented; write it as two statements`);
  const asQuery: Select = { ...s, body: { ...spec, items: spec.items.map((i) => (i.kind === 'SelectAssignment' ? { kind: 'SelectItem', expression: i.expression, alias: { kind: 'Identifier', name: i.variable.name.slice(1), quote: 'none', span: i.span }, aliasStyle: 'as', span: i.span } : i)) } };
  const q = translateSelect(asQuery, new DraftScope(ctx));
  if (isRefusal(q)) return q;
  const rel = addCte(ctx, 'assign', q.sql);
  // `ISNULL(SUM(x), 0)` too: every column read inside an aggregate gives exactly one row.
  const isAgg = !spec.groupBy && !spec.having && spec.items.every((x) => x.kind === 'SelectAssignment' && scalarAggregate(x.expression));
  if (isAgg) {
    spec.items.forEach((i, n) => {
      if (i.kind !== 'SelectAssignment') return;
      const col = q.columns[n] as DraftColumn;
      assignVariable(ctx, st, i.variable.name, { kind: 'translated', sql: `(SELECT ${quoteName(col.name)} FROM ${rel})`, type: col.type }, i.expression);
    });
    return undefined;
  }
  return lookupAssignment(s, spec, q.columns, rel, ctx, st);
}

/**
 * `SELECT @v = col FROM t WHERE key = @k` (the watermark read): no row leaves @v as it was, one
 * row gives its value (the SELECT @local_variable page); with several SQL Server assigns the last
 * one its plan returns, so the drafted query stops with an error then instead of choosing.
 */
function lookupAssignment(s: Select, spec: QuerySpec, columns: readonly DraftColumn[], rel: string, ctx: DraftContext, st: StatementState): Refusal | undefined {
  if (spec.top || spec.distinct || s.orderBy.length > 0) return refuseAt(ctx, s.span, 'SELECT @v = … FROM', 'not an aggregate: the variable would take the value of an arbitrary (last) row');
  const scope = new DraftScope(ctx);
  const olds = new Map<string, Translated>();
  for (const i of spec.items) {
    if (i.kind !== 'SelectAssignment') continue;
    const old = scope.variable(i.variable.name);
    // with no row the variable keeps its value from before the statement, which must be known
    if (old === undefined) return refuseAt(ctx, i.span, `SELECT ${i.variable.name} = … FROM`, `${i.variable.name} keeps its earlier value when no row matches, and that value is set outside the section: give it as a parameter`);
    if (isRefusal(old)) return old;
    olds.set(i.variable.name.toLowerCase(), old);
  }
  const stop = stringLiteral(locatedStop(ctx, s.span, `SELECT @v = … FROM found more than one row: SQL Server would assign the last one its plan returns`));
  const picked = addCte(ctx, 'assign_row', `SELECT count(*) AS __draft_rows, ${columns.map((c) => `first(${quoteName(c.name)}) AS ${quoteName(c.name)}`).join(', ')} FROM ${rel}`);
  spec.items.forEach((i, n) => {
    if (i.kind !== 'SelectAssignment') return;
    const col = columns[n] as DraftColumn;
    const declared = st.variableTypes.get(i.variable.name.toLowerCase()) ?? col.type;
    const found = castTo({ kind: 'translated', sql: `p.${quoteName(col.name)}`, type: col.type }, declared, scope, i.expression);
    const old = castTo(olds.get(i.variable.name.toLowerCase()) as Translated, declared, scope, i.expression);
    if (isRefusal(found) || isRefusal(old)) { assignVariable(ctx, st, i.variable.name, isRefusal(found) ? found : old, i.expression); return; }
    const sql = `(SELECT CASE WHEN p.__draft_rows = 0 THEN ${old.sql} WHEN p.__draft_rows = 1 THEN ${found.sql} ELSE error(${stop}) END FROM ${picked} p)`;
    assignVariable(ctx, st, i.variable.name, { kind: 'translated', sql, type: declared }, i.expression);
  });
  return undefined;
}

/**
 * The variable an item of a SELECT over FROM reads that another item of it assigns (`SELECT @a
 * = MAX(x), @b = @a + 1 FROM t`), or undefined. SQL Server's documentation does not say whether
 * @b then reads @a from before the SELECT or the one its row just assigned: refused, not guessed.
 */
function readsAnotherItsTarget(spec: QuerySpec): string | undefined {
  const items = spec.items.flatMap((i) => (i.kind === 'SelectAssignment' ? [i] : []));
  for (const item of items) {
    const read = findAll(item.expression, 'Variable').find((v) => items.some((o) => o !== item && o.variable.name.toLowerCase() === v.name.toLowerCase()));
    if (read !== undefined) return read.name;
  }
  return undefined;
}
