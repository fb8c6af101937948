import type { Exists, Expression, Identifier, Insert, Statement, Update } from '../../tsql';
import { quoteNamePart } from '../../tsql';
import type { Refusal, SqlPart } from '../draft-model';
import { castTo } from '../convert-value';
import { DraftScope, freshName, locatedStop, type SourceBinding } from '../draft-scope';
import { collationKey, equatedTextStop, quoteName, stringLiteral } from '../sql-text';
import { duckTypeOf } from '../sql-types';
import { expressionOver, isRefusal, refuseSpan, type IdiomContext } from './idiom-context';
import { levelRows } from './level-render';
import { bodyStatements, firstControlEscape, isIdiomRefusal, matchCursorLoop, refuse, spelled, varKey, type CursorLoop, type IdiomRefusal } from './loop-shape';
import { targetKey } from './loop-output';
import { readAfterLoop } from './entity-aggregate';

/*
 * Idiom (d): a cursor over source rows that looks each one up in a target table and updates
 * it when found, inserts it otherwise (`IF EXISTS (SELECT … FROM t WHERE t.k = @k) UPDATE t …
 * WHERE k = @k ELSE INSERT t …`). Drafted as the target's final state: its rows without a
 * source row, its rows joined to their source row and updated, and the source rows without a
 * target row inserted (anti-join). Several source rows with one key would make the result
 * depend on the cursor's order: the draft stops with an error on such data.
 */

/** The recognised shape of idiom (d). */
export interface UpsertLoop {
  readonly cursor: CursorLoop;
  readonly target: string;
  readonly exists: Exists;
  /** Key pairs `column = @variable` of the lookup (lower-case column, variable). */
  readonly keys: readonly { readonly column: string; readonly variable: string }[];
  readonly update: Update;
  readonly insert: Insert;
  /**
   * The `SET @v = NULL; SELECT @v = t.col FROM t WHERE keys; IF @v IS NULL …` form: the column
   * looked up (lower-case, and `written` as the code writes it), and whether the UPDATE finds its row by `col = @v` rather than the keys.
   */
  readonly lookup?: { readonly column: string; readonly written: string; readonly byValue: boolean };
}

/** `a.c = @v AND d = @w …` as pairs; undefined when the condition is anything else. */
function keyPairs(e: Expression | undefined): { column: string; written: string; variable: string }[] | undefined {
  if (!e) return undefined;
  if (e.kind === 'Binary' && e.operator === 'AND') {
    const l = keyPairs(e.left);
    const r = keyPairs(e.right);
    return l && r ? [...l, ...r] : undefined;
  }
  if (e.kind !== 'Binary' || e.operator !== '=') return undefined;
  const col = e.left.kind === 'ColumnRef' ? e.left : e.right.kind === 'ColumnRef' ? e.right : undefined;
  const v = e.left.kind === 'Variable' ? e.left : e.right.kind === 'Variable' ? e.right : undefined;
  if (!col || !v) return undefined;
  const name = (col.parts[col.parts.length - 1] as Identifier).name;
  return [{ column: name.toLowerCase(), written: quoteNamePart(name), variable: varKey(v) }];
}

function samePairs(a: readonly { column: string; variable: string }[], b: readonly { column: string; variable: string }[]): boolean {
  const f = (x: readonly { column: string; variable: string }[]): string => x.map((p) => `${p.column}=${p.variable}`).sort().join(',');
  return f(a) === f(b);
}

/**
 * Recognises idiom (d) at `list[index]`: undefined when no cursor starts there or its body
 * is not a lookup; a refusal when it is one the draft cannot prove order-independent.
 */
export function matchUpsertLoop(list: readonly Statement[], index: number, after: readonly Statement[]): UpsertLoop | IdiomRefusal | undefined {
  const cursor = matchCursorLoop(list, index);
  if (!cursor || isIdiomRefusal(cursor)) return cursor;
  const body = cursor.body.length === 1 && cursor.body[0]?.kind === 'Block' ? cursor.body[0].statements : cursor.body;
  const s = body[body.length - 1];
  if (!s || s.kind !== 'If' || !s.else) return undefined;
  // Only a body that is the lookup (and, in the variable form, its two statements) is this idiom.
  const isLookup = body.length === 1 ? (s.condition.kind === 'Exists' || (s.condition.kind === 'Unary' && s.condition.operator === 'NOT' && s.condition.operand.kind === 'Exists'))
    : body.length <= 3 && s.condition.kind === 'IsNull' && lookupByVariable(body.slice(0, -1), s) !== undefined;
  if (!isLookup) return undefined;
  const escape = firstControlEscape(s);
  if (escape) return escape;
  let cond: Expression = s.condition;
  let found = s.then;
  let missing: Statement = s.else;
  let lookup: UpsertLoop['lookup'];
  if (body.length > 1) {
    const l = lookupByVariable(body.slice(0, -1), s);
    if (!l || isIdiomRefusal(l)) return l;
    cond = l.exists;
    if (l.foundWhenNull) { found = s.else; missing = s.then; }
    lookup = { column: l.column, written: l.written, byValue: false };
  } else if (cond.kind === 'Unary' && cond.operator === 'NOT') { cond = cond.operand; found = s.else; missing = s.then; }
  if (cond.kind !== 'Exists') return undefined;
  const upd = bodyStatements(found);
  const ins = bodyStatements(missing);
  const update = upd[0];
  const insert = ins[0];
  if (upd.length !== 1 || ins.length !== 1 || update?.kind !== 'Update' || insert?.kind !== 'Insert') {
    return refuse(s, 'IF EXISTS … : only one UPDATE when found and one INSERT … VALUES when missing are drafted');
  }
  const q = cond.query.body;
  if (cond.query.ctes.length > 0 || q.kind !== 'QuerySpec' || q.from.length !== 1 || q.from[0]?.kind !== 'TableRef' || q.groupBy || q.having) {
    return refuse(cond, 'the lookup must read one table with a WHERE of key equalities');
  }
  const key = targetKey(q.from[0]);
  if (key !== targetKey(update.target) || key !== targetKey(insert.target) || !key) return refuse(s, 'the lookup, the UPDATE and the INSERT must be on the same table');
  const keys = keyPairs(q.where);
  const updKeys = keyPairs(update.where);
  const variable = s.condition.kind === 'IsNull' && s.condition.expression.kind === 'Variable' ? varKey(s.condition.expression) : undefined;
  const byValue = lookup !== undefined && updKeys?.length === 1 && updKeys[0]?.column === lookup.column && updKeys[0]?.variable === variable;
  if (!keys || !updKeys || (!samePairs(keys, updKeys) && !byValue)) return refuse(update, `the UPDATE must find its rows with the same key equalities as the lookup (WHERE k = @k)${lookup ? ` or by the looked-up column (WHERE ${lookup.written} = ${variable === undefined ? '@v' : spelled(s, variable)})` : ''}`);
  if (lookup) lookup = { ...lookup, byValue };
  if (update.from.length > 0 || update.top || update.output || update.assignments.some((a) => a.variable || !a.column || a.operator !== '=')) {
    return refuse(update, 'UPDATE with FROM, TOP, OUTPUT, variables or compound assignments inside the loop');
  }
  const setCols = update.assignments.map((a) => (a.column?.parts[a.column.parts.length - 1] as Identifier).name.toLowerCase());
  if (keys.some((k) => setCols.includes(k.column))) return refuse(update, 'the UPDATE changes a key column: later rows would match differently');
  if (insert.source.kind !== 'ValuesSource' || insert.source.rows.length !== 1 || insert.columns.length === 0 || insert.output) {
    return refuse(insert, 'the INSERT must be one VALUES row with a column list');
  }
  const values = insert.source.rows[0] as readonly Expression[];
  for (const k of keys) {
    const at = insert.columns.findIndex((c) => c.name.toLowerCase() === k.column);
    const v = values[at];
    if (at < 0 || !v || v.kind !== 'Variable' || varKey(v) !== k.variable) return refuse(insert, `the INSERT must write ${spelled(cond, k.variable)} to ${k.written}, so a later row with that key finds the row`);
  }
  const fetched = new Set(cursor.into.map((v) => varKey(v)));
  for (const k of keys) if (!fetched.has(k.variable)) return refuse(cond, `${spelled(cond, k.variable)} is not a column the cursor fetches`);
  const late = readAfterLoop(variable && lookup ? new Set([...fetched, variable]) : fetched, after);
  if (late) return late;
  return lookup ? { cursor, target: key, exists: cond, keys, update, insert, lookup } : { cursor, target: key, exists: cond, keys, update, insert };
}

/**
 * `SET @v = NULL; SELECT @v = t.col FROM t WHERE keys` before `IF @v IS [NOT] NULL`: the lookup
 * as the EXISTS it amounts to, the column it reads, and whether the IF's THEN is the missing
 * branch. Without the reset, a row with no match would see the previous row's value: refused.
 */
function lookupByVariable(before: readonly Statement[], s: Extract<Statement, { kind: 'If' }>): { exists: Exists; column: string; written: string; foundWhenNull: boolean } | IdiomRefusal | undefined {
  const c = s.condition;
  if (c.kind !== 'IsNull' || c.expression.kind !== 'Variable') return undefined;
  const v = varKey(c.expression);
  const sel = before[before.length - 1];
  const spec = sel?.kind === 'Select' && sel.body.kind === 'QuerySpec' ? sel.body : undefined;
  const item = spec?.items.length === 1 ? spec.items[0] : undefined;
  if (!sel || !spec || !item || item.kind !== 'SelectAssignment' || varKey(item.variable) !== v) return undefined;
  if (item.operator !== '=' || item.expression.kind !== 'ColumnRef' || spec.top || spec.groupBy || spec.having || spec.distinct || (sel as { orderBy: readonly unknown[] }).orderBy.length > 0) {
    return refuse(sel, `SELECT ${item.variable.name} = … must read one column of the looked-up row`);
  }
  const reset = before.length === 2 ? before[0] : undefined;
  if (before.length > 2 || !reset || reset.kind !== 'SetVariable' || varKey(reset.variable) !== v || reset.operator !== '=' || reset.value?.kind !== 'Literal' || reset.value.literalType !== 'null') {
    return refuse(sel, `${item.variable.name} is not set to NULL before the lookup: when no row matches it keeps the previous row's value`);
  }
  const one: Expression = { kind: 'Literal', literalType: 'integer', value: '1', span: item.span };
  const query = { ...(sel as Extract<Statement, { kind: 'Select' }>), body: { ...spec, items: [{ kind: 'SelectItem' as const, expression: one, alias: undefined, aliasStyle: 'none' as const, span: item.span }] } };
  const name = (item.expression.parts[item.expression.parts.length - 1] as Identifier).name;
  return { exists: { kind: 'Exists', query, span: sel.span }, column: name.toLowerCase(), written: quoteNamePart(name), foundWhenNull: !c.not };
}

/** Drafts idiom (d): the target's rows after every source row was updated in or inserted. */
export function draftUpsertLoop(ic: IdiomContext, shape: UpsertLoop): SqlPart | Refusal {
  const state = ic.ctx.tables.get(shape.target);
  if (!state) return refuseSpan(ic, shape.exists.span, shape.target, `${shape.target} is looked up but the section does not know its rows (add it to the Given tables)`);
  const rows = levelRows(ic, { source: shape.cursor, steps: [] }, new Map(), 'up');
  if (isRefusal(rows)) return rows;
  const tgt: SourceBinding = { alias: 'tgt', tableKey: shape.target, sqlAlias: 'tgt', columns: state.columns };
  const q = shape.exists.query.body;
  const alias = q.kind === 'QuerySpec' && q.from[0]?.kind === 'TableRef' ? q.from[0].alias?.name ?? q.from[0].name.parts[q.from[0].name.parts.length - 1]?.name ?? 'tgt' : 'tgt';
  const lookupSource: SourceBinding = { ...tgt, alias };
  const match = expressionOver(ic, (q as { where: Expression }).where, rows.bound, [lookupSource]);
  if (isRefusal(match)) return match;
  const updateAlias = shape.update.target.kind === 'TableRef' ? (shape.update.target.alias?.name ?? shape.update.target.name.parts[shape.update.target.name.parts.length - 1]?.name ?? 'tgt') : 'tgt';
  const updSource: SourceBinding = { ...tgt, alias: updateAlias };
  const set = new Map<string, string>();
  for (const a of shape.update.assignments) {
    const col = (a.column?.parts[a.column.parts.length - 1] as Identifier).name;
    const c = state.columns.find((x) => x.name.toLowerCase() === col.toLowerCase());
    if (!c) return refuseSpan(ic, a.span, col, `${state.displayName} has no column ${col} here`);
    const v = expressionOver(ic, a.value, rows.bound, [updSource]);
    if (isRefusal(v)) return v;
    // Converted to the column's type as SQL Server does on UPDATE.
    const stored = castTo(v, c.type, new DraftScope(ic.ctx), a.value);
    if (isRefusal(stored)) return stored;
    set.set(c.name.toLowerCase(), stored.sql);
  }
  const values = shape.insert.source.kind === 'ValuesSource' ? shape.insert.source.rows[0] as readonly Expression[] : [];
  const inserted = new Map<string, string>();
  for (let i = 0; i < shape.insert.columns.length; i++) {
    const col = (shape.insert.columns[i] as Identifier).name;
    const c = state.columns.find((x) => x.name.toLowerCase() === col.toLowerCase());
    if (!c) return refuseSpan(ic, (shape.insert.columns[i] as Identifier).span, col, `${state.displayName} has no column ${col} here`);
    const v = expressionOver(ic, values[i] as Expression, rows.bound, []);
    if (isRefusal(v)) return v;
    const stored = castTo(v, c.type, new DraftScope(ic.ctx), values[i] as Expression);
    if (isRefusal(stored)) return stored;
    inserted.set(c.name.toLowerCase(), stored.sql);
  }
  const keySql = shape.keys.map((k) => {
    const b = rows.bound.get(k.variable);
    return b ? (b.type.family === 'string' ? collationKey(b.sql, locatedStop(ic.ctx, shape.cursor.span, equatedTextStop(`cursor ${shape.cursor.name}'s key ${spelled(shape.cursor.loop, k.variable)}`))) : b.sql) : 'NULL';
  });
  const srcName = freshName(ic.ctx, `${state.displayName}_source`);
  const afterName = freshName(ic.ctx, state.displayName);
  const msg = stringLiteral(`cursor ${shape.cursor.name}: two source rows share a key of ${state.displayName}; the legacy result depends on which the cursor reads last`);
  const cut = rows.from.lastIndexOf(' AS up(');
  const colList = shape.cursor.into.map((_, i) => `c${i + 1}`).join(', ');
  const srcSql = `SELECT *, true AS hit FROM ${rows.from.slice(0, cut)} AS up(${colList})
  QUALIFY CASE WHEN ${keySql.map((k) => `${k} IS NOT NULL`).join(' AND ')} AND count(*) OVER (PARTITION BY ${keySql.join(', ')}) > 1 THEN error(${msg}) ELSE true END`;
  const kept = state.columns.map((c) => {
    const s = set.get(c.name.toLowerCase());
    return s ? `CASE WHEN up.hit THEN ${s} ELSE tgt.${quoteName(c.name)} END AS ${quoteName(c.name)}` : `tgt.${quoteName(c.name)}`;
  });
  const fresh = state.columns.map((c) => `${inserted.get(c.name.toLowerCase()) ?? `CAST(NULL AS ${duckTypeOf(c.type) ?? 'VARCHAR'})`} AS ${quoteName(c.name)}`);
  const matchTgt = match.sql;
  const ctes = [{ name: srcName, sql: srcSql }];
  let checked = '';
  if (shape.lookup) {
    // SELECT @v = col takes one matched row's value: several matches, a NULL col (then the
    // legacy code inserts a second row) or, updating by col = @v, a col shared with other
    // rows would each make the draft differ from the loop; the query stops instead.
    const col = state.columns.find((c) => c.name.toLowerCase() === shape.lookup?.column);
    if (!col) return refuseSpan(ic, shape.exists.span, shape.lookup.written, `${state.displayName} has no column ${shape.lookup.written} here`);
    const c = `tgt.${quoteName(col.name)}`;
    const guard = freshName(ic.ctx, `${state.displayName}_lookup`);
    const fail = (why: string): string => `error(${stringLiteral(`cursor ${shape.cursor.name}: ${why}`)})`;
    ctes.push({ name: guard, sql: `SELECT max(CASE WHEN n > 1 THEN ${fail(`several rows of ${state.displayName} match one looked-up key: the variable takes either`)}
    WHEN has_null THEN ${fail(`a matched row of ${state.displayName} has NULL ${col.name}: the legacy code inserts a second row`)} ELSE 0 END) AS ok
  FROM (SELECT count(*) AS n, bool_or(${c} IS NULL) AS has_null FROM ${state.relation} AS tgt JOIN ${srcName} AS up ON ${matchTgt} GROUP BY ${keySql.join(', ')})${shape.lookup.byValue ? `
  UNION ALL SELECT CASE WHEN count(${c}) <> count(DISTINCT ${c}) THEN ${fail(`${col.name} is not unique in ${state.displayName}: UPDATE … WHERE ${col.name} = @v may change other rows`)} ELSE 0 END FROM ${state.relation} AS tgt` : ''}` });
    checked = ` CROSS JOIN (SELECT max(ok) AS ok FROM ${guard}) AS lookup_ok WHERE coalesce(lookup_ok.ok, 0) = 0`;
  }
  const afterSql = `SELECT ${kept.join(', ')}
  FROM ${state.relation} AS tgt LEFT JOIN ${srcName} AS up ON ${matchTgt}${checked}
  UNION ALL
  SELECT ${fresh.join(', ')}
  FROM ${srcName} AS up WHERE NOT EXISTS (SELECT 1 FROM ${state.relation} AS tgt WHERE ${matchTgt})`;
  return {
    kind: 'sql', span: shape.cursor.span,
    ctes: [...ctes, { name: afterName, sql: afterSql }],
    tables: [{ table: shape.target, relation: afterName, columns: state.columns }], variables: [],
    notes: ['the draft stops with an error when two source rows share a key (the legacy result would depend on the cursor order)'],
  };
}
