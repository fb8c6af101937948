import {
  findAll, walk, type ColumnRef, type DataType, type Expression, type Insert, type Node, type QuerySpec, type Select, type SelectAssignment,
  type Statement, type TableSource, type Update, type Delete, type Variable,
} from '../../tsql';
import { isRefusal, type SqlPart } from '../draft-model';
import type { SqlType } from '../sql-types';
import { castTo } from '../convert-value';
import { DraftScope, locatedStop } from '../draft-scope';
import { collationKey, equatedTextStop, quoteName, stringLiteral } from '../sql-text';
import { tableKeyOf } from '../translate-query';
import { and, columnOf, conjuncts, inQuery, item, notTrue, query, substituteVariables, tableRef, topOneOrdered } from './ast-build';
import { declaredDataTypesAt, refuseSpan, type IdiomContext } from './idiom-context';
import { sameExpression } from './loop-levels';
import { matchWalkLoop, walkVariable } from './key-walk';
import { scalarAggregate } from './scalar-aggregate';
import { bodyStatements, fetchesSnapshot, refuse, spelled, variablesRead, variablesWritten, varKey, type CursorLoop, type IdiomRefusal } from './loop-shape';
import { conditionStillHolds, partitionOn, recordReads, writtenRead } from './entity-reads';
import { readOfWrittenTable } from './written-table-reads';
import { namesOfWrittenTables } from '../shared-table-writes';
import { walkNestedCursor } from './nested-cursor-level';
import { isWriteErrorCheck } from './error-checks';

/*
 * Idiom (f): a cursor over entities whose body runs ordinary statements restricted to the
 * entity: `INSERT … SELECT … WHERE x.k = @k`, `UPDATE t … WHERE t.k = @k` (under IFs on
 * per-entity conditions), one row per entity or per key of a nested walk (`SELECT @b =
 * MIN(b) … WHILE @b IS NOT NULL … SELECT @b = MIN(b) … AND b > @b`). When every statement
 * writes and reads only its own entity's rows of the tables the loop writes (the partition of
 * the entity's key column), the iterations commute, so running each statement once for all
 * entities, in the loop's statement order, leaves exactly what the loop leaves. The loop is
 * replaced by those statements (T-SQL syntax trees carrying the legacy spans), which the
 * framework then translates like any other: `= @k` becomes `IN (the cursor's keys)`, an IF
 * becomes a condition on the entity, a variable per entity becomes the expression it was set
 * to, `@@ROWCOUNT` after an INSERT the count of the rows it inserted for the entity.
 */

/** What the rewrite produces: the cursor's keys as a relation, and the statements replacing the loop. */
export interface EntityStatements {
  readonly part: SqlPart;
  readonly statements: readonly Statement[];
}

/** A level of iteration: the entity (the cursor), or a key walked inside it, or a cursor's rows opened inside it. */
export interface Level {
  /** Loop variables (lower-case) and the column of `rows` holding each. */
  readonly keys: readonly { readonly variable: string; readonly column: string }[];
  /** The rows of the level as a FROM item with the given alias. */
  readonly rows: (alias: string) => TableSource;
}

/** A per-entity value; `unconverted` is the assigned expression before the conversion to the variable's type (what a walk over keys matches). */
interface Local { readonly value: Expression; readonly at: number; readonly reads: ReadonlySet<string>; readonly unconverted?: Expression }

/** The walk's state: what is known at this point of one iteration. */
export interface Walk {
  readonly ic: IdiomContext;
  readonly key: string;
  /** The key variable as written, for messages. */
  readonly keyWritten: string;
  /** Tables some statement of the loop writes (keys as the draft tracks them). */
  readonly written: ReadonlySet<string>;
  readonly locals: Map<string, Local>;
  /** Variables whose value at this point is not per-entity knowledge (a nested loop's last, an IF's). */
  readonly unknown: Map<string, string>;
  /**
   * Variables an IF branch assigned without a value known before it: their local holds only
   * under the guards recorded here (the branch's), so a read elsewhere is refused until the
   * other branch assigns them too (then the IF merges both into one CASE).
   */
  readonly holes: Map<string, readonly Expression[]>;
  /** The guards of the statement being walked. */
  guards: readonly Expression[];
  /** Declared data types of the procedure's variables (lower-case). */
  readonly dataTypes: ReadonlyMap<string, DataType>;
  readonly counters: Set<string>;
  /** The loop variables of the levels entered so far (the cursor's key, walked keys). */
  readonly keys: Set<string>;
  readonly out: Statement[];
  readonly writes: { readonly table: string; readonly at: number }[];
  /** The column each written table is partitioned on (the entity's key), and where that was decided. */
  readonly partition: Map<string, { column: string; node: Node }>;
  /** References to written tables and the columns they are equated to the entity's key on. */
  readonly restricted: { table: string; columns: Set<string>; node: Node }[];
  /** The IFs around the current statement: the written tables their conditions read, and the writes before them. */
  readonly ifs: { readonly reads: ReadonlySet<string>; readonly start: number; readonly node: Node }[];
  /** Original nodes whose variable reads must not touch counters. */
  readonly reads: Node[];
  lastInsert: Select | undefined;
}

const ALIAS = 'entity_row';
const ATTRIBUTE_ALIAS = 'entity_attribute';
const NOOP = new Set(['Print', 'SetOption']);

/** A fetched column's name in the cursor's relation: its FETCH variable's, without the @. */
function keyColumn(variable: string): string {
  return variable.replace(/^@/, '');
}

/**
 * Recognises idiom (f) on a cursor loop and builds its rewrite, or says (with the location)
 * which statement keeps it from being one.
 */
export function rewriteEntityStatements(ic: IdiomContext, cursor: CursorLoop, after: readonly Statement[]): EntityStatements | IdiomRefusal {
  if (cursor.into.length === 0) return refuse(cursor.declare, `cursor ${cursor.name} fetches no column`);
  const fetched = cursor.into.map((v) => varKey(v.name));
  if (new Set(fetched).size !== fetched.length) return refuse(cursor.declare, `cursor ${cursor.name} fetches into one variable twice`);
  const key = fetched[0] as string;
  const written = new Set<string>();
  for (const s of cursor.body) {
    walk(s, (n) => {
      // a read of the same table by another name (its synonym, a view of it) is a read of a written table
      if ((n.kind === 'Insert' || n.kind === 'Update' || n.kind === 'Delete' || n.kind === 'Merge') && n.target.kind !== 'TableFunctionRef') for (const k of namesOfWrittenTables(ic.ctx, tableKeyOf(n.target))) written.add(k);
      return undefined;
    });
  }
  // A cursor over a table the loop writes may see the loop's own changes (a dynamic cursor,
  // the default). A STATIC one fetches the copy OPEN made: its relation below (keysPart) is
  // translated against the tables as they stand before the loop (OPEN follows the DECLARE at
  // once), and every write of the loop adds a new relation for its table, so the drafted
  // statements read the cursor's rows as OPEN read them, as SQL Server fetches them. The table
  // may be read through a view, synonym or function, or written through a synonym, view or alias.
  const self = readOfWrittenTable(ic.ctx, cursor.query, cursor.body);
  if (self && !fetchesSnapshot(cursor.declare)) {
    return refuse(self.at, `cursor ${cursor.name} reads ${self.table}${self.through ? ` through ${self.through}` : ''}, which its loop writes${self.writtenThrough ? ` (through ${self.writtenThrough})` : ''}: a cursor that is not STATIC or INSENSITIVE (this one is declared ${cursor.declare.options.length > 0 ? cursor.declare.options.join(' ') : 'without an option'}) may fetch rows as the loop changed them, so which rows it fetches depends on the loop; only a STATIC or INSENSITIVE cursor is documented to answer every FETCH from a copy made at OPEN`);
  }
  // Queries read through an UPDATE's alias (UPDATE t … FROM #U t) resolve to the table: the
  // written set holds table keys, aliases are matched per statement below.
  const w: Walk = { ic, key, keyWritten: cursor.into[0]?.name ?? key, written, locals: new Map(), unknown: new Map(), holes: new Map(), guards: [], dataTypes: declaredDataTypesAt(ic.ctx, cursor.declare), counters: new Set(), keys: new Set([key]), ifs: [], out: [], writes: [], partition: new Map(), restricted: [], reads: [], lastInsert: undefined };
  const keyName = keyColumn(cursor.into[0]?.name ?? key);
  const pseudo = `#cursor ${cursor.name}`;
  const top: Level = { keys: [{ variable: key, column: keyName }], rows: (alias) => tableRef(pseudo, alias, cursor.declare.span) };
  // The other fetched columns are the entity's attributes (the cursor's keys are proven unique,
  // so each is one value per entity): per-entity values read from the cursor's rows by the key.
  if (findAll(cursor.loop, 'TableRef').some((t) => t.alias?.name.toLowerCase() === ATTRIBUTE_ALIAS)) return refuse(cursor.loop, `the alias ${ATTRIBUTE_ALIAS} is used by the loop itself`);
  for (const v of cursor.into.slice(1)) w.locals.set(varKey(v.name), { value: attributeOf(pseudo, keyName, key, v), at: 0, reads: new Set() });
  const r = walkStatements(w, cursor.body, top, []);
  if (r) return r;
  for (const ref of w.restricted) {
    const p = w.partition.get(ref.table);
    if (!p) return refuse(ref.node, `${ref.table} is read by the loop but never written with the entity's key: which of its rows an iteration sees is not per entity`);
    if (!ref.columns.has(p.column)) return refuse(ref.node, `this read of ${ref.table} is not restricted to the entity (${p.column} = ${cursor.into[0]?.name}): an iteration would see other entities' rows, so the loop's order matters`);
  }
  for (const n of w.reads) {
    for (const v of variablesRead(n)) if (w.counters.has(v)) return refuse(n, `${spelled(n, v)} counts across entities and is read inside the loop: a running value, not per entity`);
  }
  const loopWritten = new Set<string>(fetched);
  for (const s of cursor.body) for (const v of variablesWritten(s)) loopWritten.add(v);
  const late = after.find((s) => [...variablesRead(s)].some((v) => loopWritten.has(v) && !assignsFirst(after, v)));
  if (late) return refuse(late, 'a statement after the loop reads a variable the loop leaves behind (the last entity\'s value, which the set-based draft does not produce)');
  const part = keysPart(ic, cursor, pseudo);
  if (isRefusal(part)) return refuse(cursor.declare, `${part.construct}: ${part.reason}`);
  return { part: { ...part, variables: [...loopWritten].map((v) => ({ variable: v, value: refuseSpan(ic, cursor.span, spelled(cursor.loop, v), `assigned per entity by cursor ${cursor.name}: its value after the loop is not drafted`) })) }, statements: w.out };
}

/** Whether the first statement after the loop that mentions `v` assigns it without reading it. */
function assignsFirst(after: readonly Statement[], v: string): boolean {
  for (const s of after) {
    const reads = variablesRead(s).has(v);
    if (s.kind === 'SetVariable' && varKey(s.variable) === v && s.operator === '=' && !reads) return true;
    if (reads || variablesWritten(s).has(v)) return false;
  }
  return true;
}

/**
 * The cursor's rows as a relation, each column converted to its FETCH variable's type and
 * named after it; the first is the entity's key, and a key met twice stops the query.
 */
function keysPart(ic: IdiomContext, cursor: CursorLoop, pseudo: string): SqlPart | ReturnType<typeof refuseSpan> {
  const q = ic.rc.translateSelect(cursor.query, new DraftScope(ic.ctx));
  if (isRefusal(q)) return q;
  if (q.columns.length !== cursor.into.length) return refuseSpan(ic, cursor.query.span, `cursor ${cursor.name}`, `the cursor selects ${q.columns.length} column${q.columns.length === 1 ? '' : 's'} and FETCH fills ${cursor.into.length} variable${cursor.into.length === 1 ? '' : 's'}`);
  const scope = new DraftScope(ic.ctx);
  const columns: { name: string; type: SqlType; sql: string }[] = [];
  for (const [i, v] of cursor.into.entries()) {
    const col = q.columns[i] as (typeof q.columns)[number];
    const declared = ic.declared.get(varKey(v.name));
    const value = castTo({ kind: 'translated', sql: `q.c${i}`, type: col.type }, declared ?? col.type, scope, cursor.query);
    if (isRefusal(value)) return value;
    columns.push({ name: keyColumn(v.name), type: value.type, sql: value.sql });
  }
  const key = columns[0] as (typeof columns)[number];
  const k = key.type.family === 'string' ? collationKey(key.sql, locatedStop(ic.ctx, cursor.query.span, equatedTextStop(`cursor ${cursor.name}'s key`))) : key.sql;
  const msg = stringLiteral(`cursor ${cursor.name} returns one key twice: the loop runs that entity's statements twice`);
  const name = ic.rc.freshName(`${cursor.name}_keys`);
  const sql = `SELECT ${columns.map((c) => `${c.sql} AS ${quoteName(c.name)}`).join(', ')} FROM (${q.sql}) q(${columns.map((_, i) => `c${i}`).join(', ')})
  QUALIFY CASE WHEN count(*) OVER (PARTITION BY ${k}) > 1 THEN error(${msg}) ELSE true END`;
  return { kind: 'sql', span: cursor.span, ctes: [{ name, sql }], tables: [{ table: pseudo.toLowerCase(), relation: name, columns: columns.map((c) => ({ name: c.name, type: c.type })) }], variables: [] };
}

/** `(SELECT a.attr FROM the cursor's rows a WHERE a.key = @key)`: an attribute fetched beside the key, as a value per entity. */
function attributeOf(pseudo: string, keyName: string, key: string, attribute: Variable): Expression {
  const span = attribute.span;
  const keyVar: Variable = { kind: 'Variable', name: key, span };
  const where: Expression = { kind: 'Binary', operator: '=', left: columnOf(ATTRIBUTE_ALIAS, keyName, span), right: keyVar, span };
  return { kind: 'Subquery', query: query([item(columnOf(ATTRIBUTE_ALIAS, keyColumn(attribute.name), span), undefined, span)], [tableRef(pseudo, ATTRIBUTE_ALIAS, span)], where, span), span };
}

/** Walks statements of one iteration at `level` under `guards` (conditions with variables still in). */
function walkStatements(w: Walk, list: readonly Statement[], level: Level, guards: readonly Expression[]): IdiomRefusal | undefined {
  for (let i = 0; i < list.length; i++) {
    const s = list[i] as Statement;
    const r = walkStatement(w, s, list, i, level, guards);
    if (typeof r === 'number') { i += r; continue; }
    if (r) return r;
  }
  return undefined;
}

/** One statement; a number is how many following statements it consumed too. */
function walkStatement(w: Walk, s: Statement, list: readonly Statement[], i: number, level: Level, guards: readonly Expression[]): IdiomRefusal | number | undefined {
  if (NOOP.has(s.kind)) return undefined;
  w.guards = guards;
  switch (s.kind) {
    case 'Block': return walkStatements(w, s.statements, level, guards);
    case 'Raiserror': {
      const sev = s.args[1];
      if (sev?.kind === 'Literal' && sev.literalType === 'integer' && Number(sev.value) <= 10) return undefined;
      return refuse(s, 'RAISERROR with an error severity inside the loop stops it part-way');
    }
    case 'SetVariable': {
      if (s.cursor || !s.value) return refuse(s, 'a cursor variable inside the loop');
      return assign(w, s, varKey(s.variable), s.operator, s.value, guards, list[i - 1]);
    }
    case 'Select': return selectAssign(w, s, guards);
    case 'If': {
      if (isWriteErrorCheck(s, list[i - 1])) return undefined;
      const cond = inline(w, s.condition, s);
      if ('refused' in cond) return cond;
      w.reads.push(s.condition);
      // Each statement of a branch tests the condition again, set-based: it must read what the IF read.
      w.ifs.push({ reads: writtenRead(w, cond), start: w.writes.length, node: s.condition });
      const thenGuards = [...guards, cond];
      const r1 = walkStatements(w, bodyStatements(s.then), level, thenGuards);
      if (r1) return r1;
      if (s.else) {
        const thenLocals = new Map(w.locals);
        const thenHoles = new Map(w.holes);
        const elseGuards = [...guards, notTrue(cond, s.condition.span)];
        const r2 = walkStatements(w, bodyStatements(s.else), level, elseGuards);
        if (r2) return r2;
        mergeBranches(w, { locals: thenLocals, holes: thenHoles, guards: thenGuards }, elseGuards, guards, cond);
      }
      w.ifs.pop();
      return undefined;
    }
    case 'While': {
      const start = w.locals.get(walkVariable(s) ?? '');
      const walkLoop = matchWalkLoop(s, start?.unconverted ?? start?.value, w.written);
      if (!walkLoop) return refuse(s, 'a WHILE inside the cursor loop that does not walk the keys of a table (SELECT @k = MIN(k) … WHILE @k IS NOT NULL … SELECT @k = MIN(k) … AND k > @k)');
      if ('refused' in walkLoop) return walkLoop;
      const outer = 'entity_outer';
      if (findAll(s, 'TableRef').some((t) => t.alias?.name.toLowerCase() === outer)) return refuse(s, `the alias ${outer} is used by the loop itself`);
      const span = s.span;
      const rowsQuery = (alias: string): TableSource => {
        const keys = new Map(level.keys.map((k) => [k.variable, columnOf(outer, k.column, span) as Expression]));
        const cond = substituteVariables(and(walkLoop.where, guards.reduce<Expression | undefined>((a, g) => and(a, g, span), undefined), span), keys);
        const items = [...level.keys.map((k) => item(columnOf(outer, k.column, span), k.column, span)), item(walkLoop.column, keyColumn(walkLoop.written), span)];
        const notNull: Expression = { kind: 'IsNull', expression: walkLoop.column, not: true, span };
        return { kind: 'DerivedTable', query: query(items, [level.rows(outer), ...walkLoop.from], and(cond, notNull, span), span, true), alias: { kind: 'Identifier', name: alias, quote: 'none', span }, columns: [], span };
      };
      const inner: Level = { keys: [...level.keys, { variable: walkLoop.variable, column: keyColumn(walkLoop.written) }], rows: rowsQuery };
      w.locals.delete(walkLoop.variable);
      w.keys.add(walkLoop.variable);
      const r = walkStatements(w, walkLoop.body, inner, []);
      if (r) return r;
      // After the walk its variable is NULL (the loop ends on it); what the body set is the last key's.
      for (const v of walkLoop.body.flatMap((x) => [...variablesWritten(x)])) {
        if (w.counters.has(v)) continue;
        w.locals.delete(v);
        w.unknown.set(v, 'set in the walk over keys: after it, its value is the last key\'s');
      }
      w.keys.delete(walkLoop.variable);
      w.locals.set(walkLoop.variable, { value: { kind: 'Literal', literalType: 'null', value: 'NULL', span }, at: w.out.length, reads: new Set() });
      return undefined;
    }
    case 'DeclareCursor': return walkNestedCursor(w, list, i, level, guards, { walkStatements: (l, lv, g) => walkStatements(w, l, lv, g), inline: (e, at) => inline(w, e, at) });
    case 'Insert': return insert(w, s, level, guards);
    case 'Update': case 'Delete': return updateOrDelete(w, s, level, guards);
    default: return refuse(s, `${s.kind} inside a cursor over entities: its per-entity effect is not modelled`);
  }
}

/** SET / SELECT @v = …: a per-entity value, a counter, or an unknown. */
function assign(w: Walk, at: Node, v: string, operator: string, value: Expression, guards: readonly Expression[], previous: Statement | undefined): IdiomRefusal | undefined {
  if (v === w.key) return refuse(at, `the cursor's key ${spelled(at, v)} is assigned inside the loop`);
  const self = variablesRead(value).has(v);
  if (operator !== '=' || self) {
    // A variable this iteration already holds per entity (a column the cursor fetched, or a value
    // the iteration assigned) changes per entity: `SET @Rate = @Rate + 1.5` on the fetched rate.
    // Any other runs on from entity to entity: a counter, and so does every one inside a walk
    // over keys nested in the cursor (w.keys holds its variable), whose body runs many times.
    const held = w.unknown.has(v) || w.holes.has(v) || w.keys.size > 1 ? undefined : w.locals.get(v);
    if (held === undefined || (at.kind !== 'SetVariable' && at.kind !== 'SelectAssignment')) { w.counters.add(v); w.locals.delete(v); return undefined; }
    if (operator !== '=') value = { kind: 'Binary', operator: operator.slice(0, -1), left: at.variable, right: value, span: value.span };
  }
  w.reads.push(value);
  if (guards.length > 0) return assignUnderIf(w, at, v, value, guards);
  w.unknown.delete(v);
  w.holes.delete(v);
  if (value.kind === 'SystemVariable' && value.name.toUpperCase() === '@@ROWCOUNT') {
    if (!previous || previous.kind !== 'Insert' || !w.lastInsert) { w.locals.delete(v); w.unknown.set(v, '@@ROWCOUNT of a statement other than an INSERT … SELECT of the entity\'s rows'); return undefined; }
    const src = w.lastInsert;
    const spec = src.body as QuerySpec;
    const count: Expression = { kind: 'FunctionCall', name: { kind: 'ObjectName', parts: [{ kind: 'Identifier', name: 'COUNT', quote: 'none', span: value.span }], span: value.span }, args: [], distinct: false, star: true, withinGroup: [], over: undefined, span: value.span };
    const counted = query([item(count, undefined, value.span)], spec.from, spec.where, value.span);
    const converted = convertedTo(w, at, v, { kind: 'Subquery', query: counted, span: value.span });
    if ('refused' in converted) return converted;
    w.locals.set(v, { value: converted, at: w.out.length, reads: new Set() });
    return undefined;
  }
  if (findAll(value, 'SystemVariable').length > 0) return refuse(value, 'a system variable read per entity is not modelled');
  const inlined = inline(w, value, at);
  if ('refused' in inlined) return inlined;
  const converted = convertedTo(w, at, v, inlined);
  if ('refused' in converted) return converted;
  w.locals.set(v, { value: converted, at: w.out.length, reads: writtenRead(w, inlined), unconverted: inlined });
  return undefined;
}

/** `CAST(value AS <v's declared type>)`: what SET and SELECT @v = store (an int truncates a decimal, money keeps four decimals). */
function convertedTo(w: Walk, at: Node, v: string, value: Expression): Expression | IdiomRefusal {
  const dataType = w.dataTypes.get(v);
  if (!dataType) return refuse(at, `the DECLARE of ${spelled(at, v)} is not found: the type its value is converted to is unknown`);
  return { kind: 'Cast', function: 'CAST', dataType, expression: value, style: undefined, culture: undefined, span: value.span };
}

/**
 * An assignment inside IF branches: `CASE WHEN <guards> THEN value ELSE <the value before> END`.
 * Without a value known before (the previous entity's), the value holds only under the guards:
 * a hole, which the IF's other branch may fill (mergeBranches).
 */
function assignUnderIf(w: Walk, at: Node, v: string, value: Expression, guards: readonly Expression[]): IdiomRefusal | undefined {
  if (findAll(value, 'SystemVariable').length > 0) { w.locals.delete(v); w.unknown.set(v, 'assigned under IF from a system variable'); return undefined; }
  const inlined = inline(w, value, at);
  if ('refused' in inlined) return inlined;
  const converted = convertedTo(w, at, v, inlined);
  if ('refused' in converted) return converted;
  const span = value.span;
  const when = guards.reduce<Expression | undefined>((a, g) => and(a, g, span), undefined) as Expression;
  const before = w.unknown.has(v) ? undefined : w.locals.get(v);
  const hole = w.holes.get(v);
  const known = before !== undefined && (hole === undefined || isPrefix(hole, guards));
  const reads = writtenRead(w, inlined);
  if (known) for (const r of before.reads) reads.add(r);
  w.locals.set(v, { value: { kind: 'Case', operand: undefined, whens: [{ kind: 'CaseWhen', when, then: converted, span }], else: known ? before.value : undefined, span }, at: known ? Math.min(before.at, w.out.length) : w.out.length, reads });
  w.unknown.delete(v);
  if (!known) w.holes.set(v, guards);
  return undefined;
}

/** Whether `inner` starts with every guard of `outer` (a statement under `inner` runs only where `outer` holds). */
function isPrefix(outer: readonly Expression[], inner: readonly Expression[]): boolean {
  return outer.length <= inner.length && outer.every((g, i) => inner[i] === g);
}

/**
 * After an IF … ELSE: a variable each branch assigned without a value known before is known
 * under the IF's own guards, `CASE WHEN cond THEN <THEN's value> ELSE <ELSE's value> END`
 * (ELSE runs where cond is not true, NULL included, as the CASE's ELSE does).
 */
function mergeBranches(w: Walk, then: { locals: ReadonlyMap<string, Local>; holes: ReadonlyMap<string, readonly Expression[]>; guards: readonly Expression[] }, elseGuards: readonly Expression[], guards: readonly Expression[], cond: Expression): void {
  for (const [v, hole] of [...w.holes]) {
    const first = then.locals.get(v);
    const second = w.locals.get(v);
    if (hole !== elseGuards || then.holes.get(v) !== then.guards || !first || !second) continue;
    const span = cond.span;
    w.locals.set(v, { value: { kind: 'Case', operand: undefined, whens: [{ kind: 'CaseWhen', when: cond, then: first.value, span }], else: second.value, span }, at: Math.min(first.at, second.at), reads: new Set([...first.reads, ...second.reads]) });
    if (guards.length === 0) w.holes.delete(v);
    else w.holes.set(v, guards);
  }
}

/** `SELECT @v = e` (no FROM) or `SELECT @v = AGG(…) FROM … WHERE …` (one row, always). */
function selectAssign(w: Walk, s: Select, guards: readonly Expression[]): IdiomRefusal | undefined {
  const spec = s.body;
  if (spec.kind !== 'QuerySpec' || spec.items.length === 0 || !spec.items.every((x) => x.kind === 'SelectAssignment')) return refuse(s, 'a SELECT inside the loop that returns rows or fills a table');
  // `SELECT TOP 1 @v = … ORDER BY …` (the largest line of an invoice) assigns the first row in that
  // order: drafted as `(SELECT TOP 1 … ORDER BY …)`, whose translation stops where rows differing
  // in what they assign tie for the first place (translate-top.ts), as the emulator notes them
  const first = topOneOrdered(s);
  if ((spec.top && !first) || spec.groupBy || spec.having || (s.orderBy.length > 0 && !first) || s.ctes.length > 0) return refuse(s, 'SELECT @v = … with TOP (other than TOP 1 with an ORDER BY of columns), GROUP BY, HAVING, ORDER BY or WITH: which row assigns is not defined');
  for (const a of spec.items as readonly SelectAssignment[]) {
    if (spec.from.length === 0 && !spec.where) {
      const r = assign(w, a, varKey(a.variable), a.operator, a.expression, guards, undefined);
      if (r) return r;
      continue;
    }
    if (a.operator !== '=') return refuse(a, `SELECT ${a.variable.name} ${a.operator} … FROM: a compound assignment over the rows`);
    const rows = query([item(a.expression, undefined, a.span)], spec.from, spec.where, s.span);
    const sub: Expression = { kind: 'Subquery', query: first ? { ...rows, body: { ...rows.body, top: spec.top } as QuerySpec, orderBy: s.orderBy } : rows, span: a.span };
    const value = scalarAggregate(a.expression) ? sub : lookup(w, s, spec, a, sub);
    if ('refused' in value) return value;
    const r = assign(w, a, varKey(a.variable), '=', value, guards, undefined);
    if (r) return r;
  }
  return undefined;
}

/**
 * `SELECT @v = col FROM … WHERE …` (a lookup): the matching row's value, or, when no row
 * matches, the value @v held before (the SELECT @local_variable page), which must be known
 * within the iteration; several rows stop the query (a scalar subquery), since SQL Server
 * keeps whichever its plan returns last.
 */
function lookup(w: Walk, s: Select, spec: QuerySpec, a: SelectAssignment, sub: Expression): Expression | IdiomRefusal {
  const assigned = new Set((spec.items as readonly SelectAssignment[]).map((x) => varKey(x.variable)));
  if ([...variablesRead(a.expression)].some((v) => assigned.has(v))) return refuse(a, `SELECT ${a.variable.name} = … reads a variable the same SELECT assigns: the order of the assignments is not documented`);
  const before = inline(w, a.variable, a);
  if ('refused' in before) return refuse(a, `SELECT ${a.variable.name} = … FROM: when no row matches, ${a.variable.name} keeps the value it had, and here ${before.reason} (set it before the SELECT inside the loop)`);
  const span = a.span;
  const one: Expression = { kind: 'Literal', literalType: 'integer', value: '1', span };
  const found: Expression = { kind: 'Exists', query: query([item(one, undefined, span)], spec.from, spec.where, s.span), span };
  return { kind: 'Case', operand: undefined, whens: [{ kind: 'CaseWhen', when: found, then: sub, span }], else: before, span };
}

/** `e` with the per-entity variables replaced by their values; a refusal when one is unknown. */
function inline<T extends Node>(w: Walk, e: T, at: Node): T | IdiomRefusal {
  for (const v of variablesRead(e)) {
    const why = w.unknown.get(v);
    if (why) return refuse(at, `${spelled([at, e], v)} is read here but ${why}`);
    const hole = w.holes.get(v);
    if (hole && !isPrefix(hole, w.guards)) return refuse(at, `${spelled([at, e], v)} is read here but assigned under IF: its value depends on which branch ran (only one branch assigns it)`);
    const local = w.locals.get(v);
    if (!local && !w.keys.has(v) && !w.counters.has(v) && w.ic.loopAssigned.has(v)) return refuse(at, `${spelled([at, e], v)} is read before the iteration assigns it: its value comes from the previous entity`);
    if (local) {
      const clash = w.writes.find((x) => x.at >= local.at && local.reads.has(x.table));
      if (clash) return refuse(at, `${spelled([at, e], v)} was computed from ${clash.table}, which a later statement of the iteration changed before this read`);
    }
  }
  const values = new Map<string, Expression>();
  for (const [k, l] of w.locals) values.set(k, l.value);
  const out = substituteVariables(e, values);
  // Each read writes out the expressions of the variables it reads, so values computed from
  // values grow with every step (a gross-to-net chain of a dozen variables ran to megabytes of
  // SQL DuckDB could not plan): past a bound, the loop is left to be rewritten by hand.
  if (termsOver(out, MAX_TERMS)) return refuse(at, `the per-entity values read here, written out set-based, pass ${MAX_TERMS} terms (each read repeats the expressions of the variables it reads): rewrite the loop by hand, one CTE per step`);
  return out;
}

const MAX_TERMS = 5000;

/** Whether a tree holds more than `limit` nodes (stops counting there). */
function termsOver(tree: unknown, limit: number): boolean {
  let n = 0;
  const visit = (x: unknown): boolean => {
    if (x === null || typeof x !== 'object') return false;
    if ('kind' in x && ++n > limit) return true;
    for (const [k, v] of Object.entries(x)) if (k !== 'span' && v && typeof v === 'object' && visit(v)) return true;
    return false;
  };
  return visit(tree);
}

/** The conjunct `X = @key` of a WHERE (X a column), and the WHERE without it. */
function anchorOf(w: Walk, where: Expression | undefined): { column: ColumnRef; conjunct: Expression; rest: Expression[] } | undefined {
  const cs = conjuncts(where);
  for (const c of cs) {
    if (c.kind !== 'Binary' || c.operator !== '=') continue;
    const pair = c.left.kind === 'ColumnRef' && c.right.kind === 'Variable' && varKey(c.right) === w.key ? c.left
      : c.right.kind === 'ColumnRef' && c.left.kind === 'Variable' && varKey(c.left) === w.key ? c.right : undefined;
    if (pair && pair.kind === 'ColumnRef') return { column: pair, conjunct: c, rest: cs.filter((x) => x !== c) };
  }
  return undefined;
}

/** `anchor IN (SELECT row.key FROM the level's rows WHERE the guards)`: the entities the statement runs for. */
function entityFilter(level: Level, anchor: ColumnRef, guards: readonly Expression[], span: Node['span']): Expression {
  const k = level.keys[0] as { variable: string; column: string };
  const keys = new Map<string, Expression>([[k.variable, columnOf(ALIAS, k.column, span)]]);
  const cond = guards.reduce<Expression | undefined>((a, g) => and(a, substituteVariables(g, keys), span), undefined);
  return inQuery(anchor, query([item(columnOf(ALIAS, k.column, span), undefined, span)], [level.rows(ALIAS)], cond, span), span);
}

/** Refuses a statement whose subqueries read the key where the anchor's name could be captured. */
function keyInSubquery(w: Walk, s: Node, anchor: ColumnRef): IdiomRefusal | undefined {
  for (const sub of [...findAll(s, 'Subquery'), ...findAll(s, 'Exists')]) {
    if (!variablesRead(sub).has(w.key)) continue;
    const qualifier = anchor.parts.length > 1 ? (anchor.parts[0]?.name ?? '').toLowerCase() : undefined;
    const aliases = findAll(sub, 'TableRef').map((t) => (t.alias?.name ?? t.name.parts[t.name.parts.length - 1]?.name ?? '').toLowerCase());
    if (!qualifier || aliases.includes(qualifier)) return refuse(sub, `${w.keyWritten} inside a subquery where ${anchor.parts.map((p) => p.name).join('.')} would not name the same row`);
  }
  return undefined;
}

function insert(w: Walk, s: Insert, level: Level, guards: readonly Expression[]): IdiomRefusal | undefined {
  if (s.target.kind === 'TableFunctionRef' || s.columns.length === 0 || s.output || s.top || s.ctes.length > 0) return refuse(s, 'INSERT inside the loop without a column list, or with OUTPUT, TOP or WITH');
  const table = tableKeyOf(s.target);
  const held = conditionStillHolds(w, s);
  if (held) return held;
  const inl = inline(w, s, s);
  if ('refused' in inl) return inl;
  w.reads.push(s.source);
  const span = s.span;
  if (inl.source.kind === 'ValuesSource' && inl.source.rows.length === 1) {
    const row = inl.source.rows[0] as readonly Expression[];
    const at = row.findIndex((e) => e.kind === 'Variable' && varKey(e) === w.key);
    if (at < 0) return refuse(s, `the INSERT does not write the entity's key ${w.keyWritten}: its rows are not per entity`);
    const p = partitionOn(w, table, s.columns[at]?.name ?? '', s);
    if (p) return p;
    if (writtenRead(w, inl.source).size > 0) return refuse(s.source, 'the inserted values read a table the loop writes');
    const keys = new Map(level.keys.map((k) => [k.variable, columnOf(ALIAS, k.column, span) as Expression]));
    const cond = guards.reduce<Expression | undefined>((a, g) => and(a, g, span), undefined);
    const q = substituteVariables(query(row.map((e) => item(e, undefined, e.span)), [level.rows(ALIAS)], cond, span), keys);
    w.out.push({ ...inl, source: q });
    w.writes.push({ table, at: w.out.length - 1 });
    w.lastInsert = undefined;
    return undefined;
  }
  if (inl.source.kind !== 'Select' || inl.source.body.kind !== 'QuerySpec' || level.keys.length > 1) return refuse(s.source, 'only INSERT … VALUES (one row) or INSERT … SELECT of the entity\'s rows is drafted per entity');
  const spec = inl.source.body;
  const anchor = anchorOf(w, spec.where);
  if (!anchor) return refuse(s.source, `the INSERT … SELECT has no WHERE condition column = ${w.keyWritten}: its rows are not the entity's`);
  const fed = spec.items.findIndex((x) => x.kind === 'SelectItem' && (sameExpression(x.expression, anchor.column) || (x.expression.kind === 'Variable' && varKey(x.expression) === w.key)));
  if (fed < 0) return refuse(s, `the INSERT does not write the entity's key (${anchor.column.parts.map((p) => p.name).join('.')}) to a column`);
  const p = partitionOn(w, table, s.columns[fed]?.name ?? '', s);
  if (p) return p;
  const sub = keyInSubquery(w, inl.source, anchor.column);
  if (sub) return sub;
  const reads = writtenRead(w, inl.source, [anchor.column]);
  const keys = new Map<string, Expression>([[w.key, anchor.column]]);
  const where = [entityFilter(level, anchor.column, guards, anchor.conjunct.span), ...anchor.rest].reduce<Expression | undefined>((a, c) => and(a, c, span), undefined);
  const body: QuerySpec = { ...spec, items: substituteVariables(spec.items, keys), from: substituteVariables(spec.from, keys), where };
  w.out.push({ ...inl, source: { ...inl.source, body } });
  w.writes.push({ table, at: w.out.length - 1 });
  // @@ROWCOUNT right after it counts the entity's rows of this SELECT, when re-reading it later gives the same rows.
  const plain = !spec.distinct && !spec.top && !spec.groupBy && !spec.having && reads.size === 0 && !findAll(spec, 'FunctionCall').some((f) => f.name.parts.length === 1 && ['count', 'sum', 'min', 'max', 'avg', 'count_big'].includes((f.name.parts[0]?.name ?? '').toLowerCase()) && !f.over);
  w.lastInsert = plain ? inl.source : undefined;
  return undefined;
}

function updateOrDelete(w: Walk, s: Update | Delete, level: Level, guards: readonly Expression[]): IdiomRefusal | undefined {
  if (s.target.kind === 'TableFunctionRef' || s.top || s.output || s.ctes.length > 0 || s.currentOf) return refuse(s, `${s.kind.toUpperCase()} inside the loop with TOP, OUTPUT, WITH or CURRENT OF`);
  if (level.keys.length > 1) return refuse(s, `${s.kind.toUpperCase()} inside a walk over keys is not drafted per entity`);
  if (s.kind === 'Update' && s.assignments.some((a) => a.variable)) return refuse(s, 'UPDATE … SET @v = … inside the loop');
  const held = conditionStillHolds(w, s);
  if (held) return held;
  const inl = inline(w, s, s);
  if ('refused' in inl) return inl;
  w.reads.push(s);
  const anchor = anchorOf(w, inl.where);
  if (!anchor) return refuse(s, `the ${s.kind.toUpperCase()} has no WHERE condition column = ${w.keyWritten}: it does not change only the entity's rows`);
  // The anchor must be a column of the target: by its alias, by the table's name, or unqualified without FROM.
  const target = s.target as Exclude<typeof s.target, { kind: 'TableFunctionRef' }>;
  const written = target.kind === 'TableRef' ? (target.name.parts[target.name.parts.length - 1]?.name ?? '') : target.variable.name;
  const qualifier = anchor.column.parts.length > 1 ? (anchor.column.parts[anchor.column.parts.length - 2]?.name ?? '').toLowerCase() : undefined;
  const targetIsAnchor = qualifier === undefined ? s.from.length === 0 : qualifier === written.toLowerCase() || qualifier === target.alias?.name.toLowerCase();
  if (!targetIsAnchor) return refuse(anchor.conjunct, `${anchor.column.parts.map((p) => p.name).join('.')} = ${w.keyWritten} does not restrict the ${s.kind.toUpperCase()}'s target`);
  const table = tableKeyOf(s.from.length === 0 ? target : resolveAlias(s.from, written) ?? target);
  const p = partitionOn(w, table, anchor.column.parts[anchor.column.parts.length - 1]?.name ?? '', s);
  if (p) return p;
  // `WHERE K = @k` on a table without alias: the key read in a subquery becomes `T.K`, which
  // a column K of the subquery's own tables cannot capture.
  const column: ColumnRef = qualifier === undefined
    ? { ...anchor.column, parts: [{ ...(anchor.column.parts[0] as ColumnRef['parts'][number]), name: written }, ...anchor.column.parts] }
    : anchor.column;
  const sub = keyInSubquery(w, inl, column);
  if (sub) return sub;
  // Reads in the statement's own FROM (and the target) are restricted by the anchor; subqueries by their own conditions.
  const out = new Set<string>();
  recordReads(w, s.from, [...conjuncts(inl.where)], [anchor.column, column], out);
  for (const spec of findAll(inl, 'QuerySpec')) recordReads(w, spec.from, conjuncts(spec.where), [anchor.column, column], out);
  const keys = new Map<string, Expression>([[w.key, column]]);
  const where = [entityFilter(level, anchor.column, guards, anchor.conjunct.span), ...anchor.rest].reduce<Expression | undefined>((a, c) => and(a, c, s.span), undefined);
  const rewritten = { ...substituteVariables(inl, keys), where } as Update | Delete;
  w.out.push(rewritten);
  w.writes.push({ table, at: w.out.length - 1 });
  w.lastInsert = undefined;
  return undefined;
}

/** The table an alias of a DML's FROM stands for. */
function resolveAlias(from: readonly TableSource[], alias: string): Extract<TableSource, { kind: 'TableRef' | 'TableVariableRef' }> | undefined {
  let found: Extract<TableSource, { kind: 'TableRef' | 'TableVariableRef' }> | undefined;
  const visit = (src: TableSource): void => {
    if (src.kind === 'Join') { visit(src.left); visit(src.right); return; }
    if ((src.kind === 'TableRef' || src.kind === 'TableVariableRef') && (src.alias?.name ?? '').toLowerCase() === alias.toLowerCase()) found = src;
  };
  for (const f of from) visit(f);
  return found;
}
