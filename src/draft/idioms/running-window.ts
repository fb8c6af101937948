import { findAll, type Expression, type Statement } from '../../tsql';
import type { Refusal, SqlPart, Translated } from '../draft-model';
import { castTo } from '../convert-value';
import { collationKey, collationOrderKey, equatedTextStop, TEXT_ORDER_CHARS, TEXT_ORDER_NOTE } from '../sql-text';
import { draftSortDoubtSql, TEXT_ORDER_DOUBT, type DraftSortKey } from '../text-order-doubt';
import { locatedStop } from '../draft-scope';
import { duckTypeOf, formatSqlType } from '../sql-types';
import { expressionIn, isRefusal, refuseSpan, toRefusal, valueBeforeLoop, type IdiomContext } from './idiom-context';
import { cursorOrderColumns, orderItemIndex, type CursorOrderColumns } from './cursor-order-columns';
import { levelRows } from './level-render';
import { additionOf, describeStatement } from './loop-levels';
import { matchLoopWrite, renderLoopWrite, type LoopWrite } from './loop-output';
import {
  bodyStatements, firstControlEscape, isIdiomRefusal, matchCursorLoop, refuse, spelled, variablesRead, varKey,
  type CursorLoop, type IdiomRefusal,
} from './loop-shape';
import { readAfterLoop } from './entity-aggregate';
import { stringLiteral } from '../sql-text';

/*
 * Idiom (c): a cursor walked in ORDER BY order that carries values from row to row: running
 * totals (`SET @run = @run + @amount`, reset to a constant when a partition column changes)
 * and previous-row values (`SET @prev = @x` after the row's INSERT). Drafted as window
 * functions over the cursor's rows: SUM() OVER (PARTITION BY … ORDER BY … ROWS UNBOUNDED
 * PRECEDING) and LAG(). Only a total order gives the loop one answer: without ORDER BY the
 * loop is refused; with one, the draft stops with an error on data where the order has ties.
 */

/** A running total: added to per row, reset per partition or started once before the loop. */
interface Running { readonly variable: string; readonly value: Expression; readonly beforeWrite: boolean; readonly node: Statement }
/** A previous-row value: `SET @prev = e` of the cursor's variables. */
interface Carry { readonly variable: string; readonly value: Expression; readonly beforeWrite: boolean; readonly node: Statement }

/** The recognised shape of idiom (c). */
export interface RunningWindow {
  readonly cursor: CursorLoop;
  readonly running: readonly Running[];
  readonly carries: readonly Carry[];
  /**
   * `IF @k <> @prevK OR @prevK IS NULL SET @run = c`: the partition variable and the reset values.
   * `sentinel`: the test is `@k <> @prevK` alone, with @prevK a constant before the loop ('' or 0)
   * that no key may equal; `setInside`: `SET @prevK = @k` is among the reset's statements.
   */
  readonly partition: {
    readonly key: string; readonly previous: string; readonly resets: ReadonlyMap<string, Expression>; readonly node: Statement;
    readonly sentinel: boolean; readonly setInside: boolean;
  } | undefined;
  readonly write: LoopWrite;
  /** The cursor's query with the ORDER BY columns it does not fetch carried after the fetched ones, or why they cannot be (refused at the ORDER BY item when drafting). */
  readonly order: CursorOrderColumns | IdiomRefusal;
}

/** `@k <> @p` (`!=` too) of two variables, as [k, p]; [p, k] read the other way round. */
function variablesDiffer(e: Expression): [string, string] | undefined {
  if (e.kind !== 'Binary' || (e.operator !== '<>' && e.operator !== '!=') || e.left.kind !== 'Variable' || e.right.kind !== 'Variable') return undefined;
  const a = varKey(e.left);
  const b = varKey(e.right);
  return a === b ? undefined : [a, b];
}

/**
 * `@k <> @p OR @p IS NULL` (either order, `!=` too): the partition change test, as [k, p, false];
 * or `@k <> @p` alone, the legacy form with @p started at a constant no key takes, as [k, p, true]
 * (which side is the key is told by the `SET @p = @k` the caller finds).
 */
function partitionChange(e: Expression): [string, string, boolean] | undefined {
  const bare = variablesDiffer(e);
  if (bare) return [...bare, true];
  if (e.kind !== 'Binary' || e.operator !== 'OR') return undefined;
  for (const [ne, isn] of [[e.left, e.right], [e.right, e.left]] as const) {
    if (isn.kind !== 'IsNull' || isn.not || isn.expression.kind !== 'Variable') continue;
    const p = varKey(isn.expression);
    if (ne.kind !== 'Binary' || (ne.operator !== '<>' && ne.operator !== '!=') || ne.left.kind !== 'Variable' || ne.right.kind !== 'Variable') continue;
    const a = varKey(ne.left);
    const b = varKey(ne.right);
    if (b === p && a !== p) return [a, p, false];
    if (a === p && b !== p) return [b, p, false];
  }
  return undefined;
}

/** `SET @p = @k` of the partition test's two variables (either way round), as [k, p]. */
function previousSet(s: Statement, pair: readonly [string, string]): [string, string] | undefined {
  if (s.kind !== 'SetVariable' || s.operator !== '=' || s.cursor || s.value?.kind !== 'Variable') return undefined;
  const target = varKey(s.variable);
  const source = varKey(s.value);
  return pair.includes(target) && pair.includes(source) && target !== source ? [source, target] : undefined;
}

/**
 * Recognises idiom (c) at `list[index]`: undefined when no cursor starts there; a refusal
 * when the cursor carries state in a way the windows cannot reproduce.
 */
export function matchRunningWindow(list: readonly Statement[], index: number, after: readonly Statement[]): RunningWindow | IdiomRefusal | undefined {
  const cursor = matchCursorLoop(list, index);
  if (!cursor || isIdiomRefusal(cursor)) return cursor;
  const nm = (key: string): string => spelled(cursor.loop, key);
  const body = cursor.body;
  const at = body.findIndex((s) => s.kind === 'Insert');
  if (at < 0) {
    // an INSERT inside a nested WHILE or IF (rows per month of each lease) is more than one row per fetched row
    const nested = body.flatMap((s) => findAll(s, 'Insert'))[0];
    return refuse(cursor.loop, nested === undefined ? 'the loop inserts no row' : `its INSERT (line ${nested.span.start.line}) is inside a nested WHILE or IF, not one row per fetched row`);
  }
  const write = matchLoopWrite(body.slice(0, at + 1), cursor.loop);
  if (isIdiomRefusal(write)) return write;
  if (write.replaceKey || write.query) return refuse(write.insert, 'a running-value loop is drafted when each row inserts one VALUES row, without DELETE');
  const running: Running[] = [];
  const carries: Carry[] = [];
  let partition: RunningWindow['partition'];
  const fetched = new Set(cursor.into.map((v) => varKey(v)));
  for (let i = 0; i < body.length; i++) {
    const s = body[i] as Statement;
    if (i === at) continue;
    const escape = firstControlEscape(s);
    if (escape) return escape;
    const beforeWrite = i < at;
    if (s.kind === 'If' && !s.else) {
      const change = partitionChange(s.condition);
      const sets = bodyStatements(s.then);
      // The legacy form `IF @k <> @p BEGIN SET @run = 0; SET @p = @k END` keeps @p there.
      const inside = change ? sets.map((x) => previousSet(x, [change[0], change[1]])).find((x) => x !== undefined) : undefined;
      const constants = sets.filter((x) => !(inside && previousSet(x, inside)));
      if (!change || partition || sets.length - constants.length > 1 || !constants.every((x) => x.kind === 'SetVariable' && x.operator === '=' && x.value && variablesRead(x.value).size === 0)) {
        return refuse(s, 'IF inside a running-value loop: only `IF @key <> @prevKey OR @prevKey IS NULL SET @total = <constant>` (a partition reset) is drafted, or `IF @key <> @prevKey BEGIN SET @total = <constant>; SET @prevKey = @key END` with @prevKey a constant before the loop');
      }
      const resets = new Map<string, Expression>();
      for (const x of constants) if (x.kind === 'SetVariable' && x.value) resets.set(varKey(x.variable), x.value);
      const [key, previous] = inside ?? [change[0], change[1]];
      partition = { key, previous, resets, node: s, sentinel: change[2], setInside: inside !== undefined };
      continue;
    }
    if (s.kind === 'SetVariable' && s.value && !s.cursor) {
      const add = additionOf(s);
      if (add) { running.push({ variable: add.accumulator, value: add.value, beforeWrite, node: s }); continue; }
      if (s.operator === '=' && [...variablesRead(s.value)].every((v) => fetched.has(v))) {
        carries.push({ variable: varKey(s.variable), value: s.value, beforeWrite, node: s });
        continue;
      }
    }
    return refuse(s, `${describeStatement(s)} in a running-value loop: only running additions, previous-row assignments, a partition reset and the INSERT are drafted`);
  }
  const state = new Set([...running.map((r) => r.variable), ...carries.map((c) => c.variable)]);
  if (running.length === 0 && carries.length === 0) return undefined;
  for (const v of state) {
    if (running.filter((r) => r.variable === v).length + carries.filter((c) => c.variable === v).length > 1) {
      const n = [...running, ...carries].find((x) => x.variable === v) as Running;
      return refuse(n.node, `${nm(v)} is assigned more than once per row`);
    }
  }
  for (const r of running) for (const v of variablesRead(r.value)) if (state.has(v)) return refuse(r.node, `the running value reads ${nm(v)}, itself carried from row to row`);
  if (partition?.sentinel && !partition.setInside && carries.some((c) => c.variable === partition?.key && c.value.kind === 'Variable' && varKey(c.value) === partition.previous)) {
    // `IF @prevKey <> @key` alone: which one is the key is told by the later `SET @prevKey = @key`
    partition = { ...partition, key: partition.previous, previous: partition.key };
  }
  if (partition) {
    const prev = carries.find((c) => c.variable === partition?.previous);
    if (partition.setInside ? prev !== undefined && (prev.value.kind !== 'Variable' || varKey(prev.value) !== partition.key)
      : !prev || prev.value.kind !== 'Variable' || varKey(prev.value) !== partition.key || prev.beforeWrite && body.indexOf(prev.node) < body.indexOf(partition.node)) {
      return refuse(partition.node, `${nm(partition.previous)} must be set to ${nm(partition.key)} after the reset test (SET ${nm(partition.previous)} = ${nm(partition.key)}) for the test to mean "the partition changed"`);
    }
    for (const r of running) if (!partition.resets.has(r.variable)) return refuse(r.node, `${nm(r.variable)} runs on across partitions of ${nm(partition.key)}: not reset with the others`);
    for (const [v] of partition.resets) if (!running.some((r) => r.variable === v)) return refuse(partition.node, `${nm(v)} is reset per partition but not a running total`);
    const first = cursor.query.orderBy[0];
    const keyAt = cursor.into.findIndex((v) => varKey(v) === partition?.key);
    if (!first || keyAt < 0 || orderItemIndex(first, cursor.query) !== keyAt) {
      return refuse(partition.node, `the reset on ${nm(partition.key)} is a partition only when the cursor's ORDER BY starts with the column fetched into it`);
    }
  }
  if (cursor.query.orderBy.length === 0) return refuse(cursor.declare, `cursor ${cursor.name} has no ORDER BY: the rows arrive in no defined order, so running values have no single answer`);
  const order = cursorOrderColumns(cursor.query);
  const written = new Set<string>([...state, ...fetched, ...(partition ? [partition.previous] : [])]);
  const late = readAfterLoop(written, after);
  if (late) return late;
  return { cursor, running, carries, partition, write, order };
}

const NULL_SQL = /^(?:NULL|CAST\(NULL AS [A-Z0-9_(), ]+\))$/i;

/**
 * What the partition's previous-key variable must hold before the loop for the reset test to
 * start a partition on the first row: NULL with `OR @prevKey IS NULL`; with the test alone, a
 * constant of the key's kind (text or number). A key equal to that constant would not reset on
 * the first row (the total runs on from its value before the loop), so the draft stops on such
 * a row: the returned WHEN branch, compared as the test compares (text as the collation does).
 */
function sentinelGuard(ic: IdiomContext, shape: RunningWindow, k: Translated, prev: Translated | Refusal | undefined): string | Refusal {
  const p = shape.partition as NonNullable<RunningWindow['partition']>;
  const nm = (key: string): string => spelled(shape.cursor.loop, key);
  const isNull = prev !== undefined && !isRefusal(prev) && NULL_SQL.test(prev.sql.trim());
  if (!p.sentinel) {
    return isNull ? '' : refuseSpan(ic, p.node.span, nm(p.previous), `${nm(p.previous)} must be NULL before the loop, so the first row starts a partition`);
  }
  const text = (t: Translated): boolean => t.type.family === 'string';
  const number = (t: Translated): boolean => t.type.family === 'int' || t.type.family === 'decimal';
  if (!prev || isRefusal(prev) || isNull || !/^(?:'(?:[^']|'')*'|-?\d+(?:\.\d+)?)$/.test(prev.sql.trim()) || !(text(prev) && text(k) || number(prev) && number(k))) {
    return refuseSpan(ic, p.node.span, nm(p.previous), `${nm(p.previous)} must be set to a constant of ${nm(p.key)}'s kind before the loop (SET ${nm(p.previous)} = ''), so that \`${nm(p.key)} <> ${nm(p.previous)}\` starts a partition on the first row`);
  }
  const row = (sql: string): string => sql.replace(/\brw\./g, 'rw0.');
  const stop = locatedStop(ic.ctx, p.node.span, equatedTextStop(`the reset test of ${nm(p.key)}`));
  const equal = text(k) ? `${collationKey(row(k.sql), stop)} = ${collationKey(prev.sql.trim(), stop)}` : `${row(k.sql)} = ${prev.sql.trim()}`;
  const msg = `cursor ${shape.cursor.name}: ${nm(p.key)} equals ${nm(p.previous)}'s value before the loop (${prev.sql.trim()}) on a row; the legacy reset test does not start a partition there`;
  return `WHEN ${equal} THEN error(${stringLiteral(msg)}) `;
}

/** Drafts idiom (c): window functions over the cursor's rows, then the rows inserted. */
export function draftRunningWindow(ic: IdiomContext, shape: RunningWindow): SqlPart | Refusal {
  const { cursor } = shape;
  const nm = (key: string): string => spelled(cursor.loop, key);
  if (isIdiomRefusal(shape.order)) return toRefusal(ic, shape.order, 'ORDER BY');
  const rows = levelRows(ic, { source: { ...cursor, query: shape.order.query }, steps: [] }, new Map(), 'rw', shape.order.hidden);
  if (isRefusal(rows)) return rows;
  // The window's order: the cursor's ORDER BY, over the values the cursor orders by (a fetched
  // column before FETCH converts it, or one carried hidden after them).
  const order: string[] = [];
  const orderKeys: string[] = [];
  const sortKeys: DraftSortKey[] = [];
  for (const { item: o, hidden, at } of shape.order.order) {
    const col = rows.columns[hidden ? cursor.into.length + at : at] as Translated;
    // Text in the collation's order ('étape' between 'email' and 'fax'), as translate-window.ts orders it.
    if (col.type.family === 'string') ic.ctx.notes.push(TEXT_ORDER_NOTE);
    const key = col.type.family === 'string' ? collationOrderKey(col.sql, locatedStop(ic.ctx, o.span, TEXT_ORDER_CHARS)) : col.sql;
    // SQL Server sorts NULLs first ascending and last descending.
    order.push(o.direction === 'DESC' ? `${key} DESC NULLS LAST` : `${key} ASC NULLS FIRST`);
    orderKeys.push(key);
    sortKeys.push({ key, text: col.type.family === 'string' ? col.sql : undefined, stop: locatedStop(ic.ctx, o.span, `cursor ${cursor.name}'s ORDER BY: ${TEXT_ORDER_DOUBT}`) });
  }
  let partitionBy = '';
  let nullKeyGuard = '';
  if (shape.partition) {
    const k = rows.bound.get(shape.partition.key) as Translated;
    partitionBy = `PARTITION BY ${k.type.family === 'string' ? collationKey(k.sql, locatedStop(ic.ctx, shape.partition.node.span, equatedTextStop(`the reset test of ${nm(shape.partition.key)}`))) : k.sql} `;
    const prev = valueBeforeLoop(ic, shape.partition.previous, cursor.declare);
    const guard = sentinelGuard(ic, shape, k, prev);
    if (isRefusal(guard)) return guard;
    // A NULL key never compares unequal: the loop would reset on each such row (after a NULL
    // previous key) or run on from the previous partition; the draft stops instead.
    nullKeyGuard = `WHEN ${k.sql.replace(/\brw\./g, 'rw0.')} IS NULL THEN error(${stringLiteral(`cursor ${cursor.name}: ${nm(shape.partition.key)} is NULL on a row; the legacy reset test treats it by position, not as a partition`)}) ${guard}`;
  }
  const bindings = new Map(rows.bound);
  const win = (frame: string): string => `OVER (${partitionBy}ORDER BY ${order.join(', ')} ${frame})`;
  for (const r of shape.running) {
    const at = ic.declared.get(r.variable);
    const t = expressionIn(ic, r.value, rows.bound);
    if (isRefusal(t)) return t;
    if (!at || !(at.family === 'int' || at.family === 'decimal') || !(t.type.family === 'int' || (t.type.family === 'decimal' && at.family === 'decimal' && t.type.scale <= at.scale))) {
      return refuseSpan(ic, r.node.span, `SET ${nm(r.variable)}`, `running ${at ? formatSqlType(at) : 'undeclared'} total of ${formatSqlType(t.type)} values: rounding or order of float sums would differ`);
    }
    const start = shape.partition
      ? expressionIn(ic, shape.partition.resets.get(r.variable) as Expression, new Map())
      : valueBeforeLoop(ic, r.variable, cursor.declare);
    if (!start) return refuseSpan(ic, r.node.span, nm(r.variable), `${nm(r.variable)} has no value the draft knows before the loop (set it before the cursor in this section)`);
    if (isRefusal(start)) return start;
    const frame = r.beforeWrite ? 'ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW' : 'ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING';
    const duck = duckTypeOf(at) as string;
    // Adding NULL makes the variable NULL for every later row, as the loop does.
    bindings.set(r.variable, {
      kind: 'translated', type: at,
      sql: `(CASE WHEN coalesce(bool_or((${t.sql}) IS NULL) ${win(frame)}, false) THEN NULL ELSE CAST((${start.sql}) + coalesce(sum(${t.sql}) ${win(frame)}, 0) AS ${duck}) END)`,
    });
  }
  for (const c of shape.carries) {
    const value = expressionIn(ic, c.value, rows.bound);
    if (isRefusal(value)) return value;
    // What SET stores: converted to the variable's declared type (an int truncates a decimal).
    const declared = ic.declared.get(c.variable);
    const t = declared ? castTo(value, declared, ic.rc.scope, c.value) : value;
    if (isRefusal(t)) return t;
    if (c.beforeWrite) { bindings.set(c.variable, t); continue; }
    const init = valueBeforeLoop(ic, c.variable, cursor.declare);
    if (!init) return refuseSpan(ic, c.node.span, nm(c.variable), `${nm(c.variable)} has no value the draft knows before the loop: the first row would see it`);
    if (isRefusal(init)) return init;
    const first = init.sql;
    // The previous row's value; the first row sees what the variable held before the loop.
    // The partition (if any) does not reset it: LAG runs over the whole cursor order.
    bindings.set(c.variable, { kind: 'translated', type: t.type, sql: `lag(${t.sql}, 1, ${first}) OVER (ORDER BY ${order.join(', ')})` });
  }
  const msg = stringLiteral(`cursor ${cursor.name}: two rows tie on its ORDER BY, so the legacy running values depend on which SQL Server reads first`);
  const cut = rows.from.lastIndexOf(' AS rw(');
  const inner = `${rows.from.slice(0, cut)} AS rw0(${rows.from.slice(cut + ' AS rw('.length)}`;
  // The cursor reads its rows in an order SQL Server's collations may give otherwise where two
  // texts side by side differ first at punctuation: the draft stops there (text-order-doubt.ts).
  const doubt = draftSortDoubtSql(sortKeys, []);
  const orderDoubt = doubt === undefined ? '' : `WHEN ${doubt.replace(/\brw\./g, 'rw0.')} IS NOT NULL THEN false `;
  const guarded = `(SELECT * FROM ${inner} QUALIFY CASE ${nullKeyGuard}WHEN count(*) OVER (PARTITION BY ${orderKeys.map((k) => k.replace(/\brw\./g, 'rw0.')).join(', ')}) > 1 THEN error(${msg}) ${orderDoubt}ELSE true END) AS rw(${rows.names.join(', ')})`;
  return renderLoopWrite(ic, shape.write, guarded, bindings, cursor.span, ['the draft stops with an error when the cursor order has ties (the legacy result would depend on read order)']);
}
