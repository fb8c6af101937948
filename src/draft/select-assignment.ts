import { findAll, type QuerySpec, type Select, type SelectItem } from '../tsql';
import { isRefusal, type DraftColumn, type Refusal, type Translated } from './draft-model';
import { DraftScope, locatedStop, refuseAt, type DraftContext } from './draft-scope';
import { castTo } from './convert-value';
import { quoteName, stringLiteral } from './sql-text';
import { arithmetic, translateExpression } from './translate-expression';
import { translateSelect } from './translate-query';
import { translateTopOrdered } from './translate-top';
import { scalarAggregate } from './idioms/scalar-aggregate';
import { addCte, assignVariable, type StatementState } from './translate-statements';

/*
 * `SELECT @a = …, @b = … [FROM …]`: without FROM the values in order; over FROM an aggregate
 * without GROUP BY (one row for certain), or a lookup (the watermark read) that keeps the
 * variables as they were when no row matches and stops the drafted query, located, when several
 * do (SQL Server keeps the last row its plan yields), or `TOP (1) … ORDER BY` (the latest-rate
 * read), which gives the first row in that order and stops the query where rows tie on it. The
 * values are substituted where later statements read the variables, and are a section's carried
 * values (drafted-values.ts).
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
  // With FROM: only aggregates without GROUP BY give exactly one row (the value is that row's),
  // or TOP (1) … ORDER BY, which takes the first group as it takes the first row.
  if ((spec.groupBy && !isTopOneOrdered(s)) || spec.items.some((i) => i.kind === 'SelectAssignment' && i.operator !== '=')) {
    return refuseAt(ctx, s.span, 'SELECT @v = … FROM', 'the variable would take the value of an arbitrary (last) row');
  }
  const crossRead = readsAnotherItsTarget(spec);
  if (crossRead !== undefined) return refuseAt(ctx, s.span, `SELECT ${crossRead} = … FROM`, `an item reads ${crossRead}, which another item of the same SELECT assigns: whether it sees the value from before the SELECT or the one just assigned is not documented; write it as two statements`);
  // `ISNULL(SUM(x), 0)` too: every column read inside an aggregate gives exactly one row.
  const isAgg = !spec.groupBy && !spec.having && spec.items.every((x) => x.kind === 'SelectAssignment' && scalarAggregate(x.expression));
  if (spec.top || (s.orderBy.length > 0 && !isAgg)) return topOneAssignment(s, spec, ctx, st);
  const asQuery: Select = { ...s, body: { ...spec, items: spec.items.map((i) => (i.kind === 'SelectAssignment' ? { kind: 'SelectItem', expression: i.expression, alias: { kind: 'Identifier', name: i.variable.name.slice(1), quote: 'none', span: i.span }, aliasStyle: 'as', span: i.span } : i)) } };
  const q = translateSelect(asQuery, new DraftScope(ctx));
  if (isRefusal(q)) return q;
  const rel = addCte(ctx, 'assign', q.sql);
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
  if (spec.distinct) return refuseAt(ctx, s.span, 'SELECT @v = … FROM', 'not an aggregate: the variable would take the value of an arbitrary (last) row');
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

/** Whether a SELECT is `TOP (1) … ORDER BY` (a constant 1, no PERCENT or WITH TIES): its one row is the first in that order. */
export function isTopOneOrdered(s: Select): boolean {
  const top = s.body.kind === 'QuerySpec' ? s.body.top : undefined;
  return top !== undefined && !top.percent && !top.withTies && top.expression.kind === 'Literal' && top.expression.literalType === 'integer' && Number(top.expression.value) === 1 && s.orderBy.length > 0;
}

/**
 * `SELECT TOP (1) @Rate = r.Rate, @At = r.RateDate FROM … ORDER BY r.RateDate DESC`: the row
 * ranked first (translateTopOrdered: NULLs first ascending, text by collation key, a stop of the
 * query where rows returning different values tie at the top, since SQL Server's plan picks
 * one); no row keeps the variables as they were (lookupAssignment). Other TOPs, and an ORDER BY
 * without TOP (the last row the plan yields), are refused.
 */
function topOneAssignment(s: Select, spec: QuerySpec, ctx: DraftContext, st: StatementState): Refusal | undefined {
  const top = spec.top;
  if (top === undefined) return refuseAt(ctx, s.span, 'SELECT @v = … FROM … ORDER BY', 'not an aggregate: the variable would take the value of an arbitrary (last) row (an ORDER BY without TOP (1) does not make it the last in that order)');
  if (!isTopOneOrdered(s)) return refuseAt(ctx, top.span, 'TOP', s.orderBy.length === 0 ? 'TOP without ORDER BY: which row the variable takes is up to SQL Server\'s plan' : 'only TOP (1) … ORDER BY is translated in SELECT @v = …: with PERCENT, WITH TIES or more rows the variable takes the last row SQL Server\'s plan yields');
  if (!spec.groupBy && spec.items.some((i) => i.kind === 'SelectAssignment' && scalarAggregate(i.expression))) return refuseAt(ctx, top.span, 'TOP', 'TOP (1) … ORDER BY over an aggregate is not translated');
  // An assignment SELECT has no column names of its own: ORDER BY names a FROM column, never an
  // alias the draft gives the values (named so that none can be a column's name: checked).
  const alias = (n: number): string => `assigned_value_${n + 1}`;
  for (const o of s.orderBy) {
    const e = o.expression;
    if (e.kind === 'Literal' && e.literalType === 'integer') return refuseAt(ctx, o.span, `ORDER BY ${e.value}`, 'a position in SELECT @v = … is not translated: name the column');
    const name = e.kind === 'ColumnRef' && e.parts.length === 1 ? (e.parts[0]?.name ?? '') : undefined;
    if (name !== undefined && spec.items.some((_, n) => alias(n) === name.toLowerCase())) return refuseAt(ctx, o.span, `ORDER BY ${name}`, 'a column of that name is not translated here');
  }
  const items = spec.items.map((i, n) => (i.kind === 'SelectAssignment' ? ({ kind: 'SelectItem', expression: i.expression, alias: { kind: 'Identifier', name: alias(n), quote: 'none', span: i.span }, aliasStyle: 'as', span: i.span }) satisfies SelectItem : i));
  const q = translateTopOrdered({ ...s, body: { ...spec, items } }, new DraftScope(ctx), translateSelect);
  if (isRefusal(q)) return q;
  return lookupAssignment(s, spec, q.columns, addCte(ctx, 'assign', q.sql), ctx, st);
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
