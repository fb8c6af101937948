import {
  walk, type DeclareCursor, type Expression, type QuerySpec, type Select, type SelectAssignment, type Statement, type Variable, type While,
} from '../../tsql';
import { isRefusal } from '../draft-model';
import type { LoopRewrite, LoopRewriter } from '../loop-rewriters';
import type { SqlType } from '../sql-types';
import { tableKeyOf } from '../translate-query';
import { and, conjuncts, item, query } from './ast-build';
import { rewriteEntityStatements } from './entity-statements';
import { declaredDataTypesAt, declaredTypesAt, refuseSpan, toRefusal, type IdiomContext } from './idiom-context';
import { matchWalkLoop, walkVariable } from './key-walk';
import { sameExpression } from './loop-levels';
import { readOfWrittenTable } from './written-table-reads';
import {
  bodyStatements, firstControlEscape, isIdiomRefusal, refuse, spelled, variablesRead, variablesWritten, varKey, type CursorLoop, type IdiomRefusal,
} from './loop-shape';

/*
 * Idiom (g): a WHILE that walks a table's keys by hand, the pre-cursor way of 2005/2008 code,
 * running per-key statements:
 *
 *   WHILE 1 = 1 BEGIN SET @id = NULL;
 *     SELECT TOP (1) @id = t.k FROM t WHERE c AND t.k > @last ORDER BY t.k;
 *     IF @id IS NULL BREAK;            -- or IF @@ROWCOUNT = 0 BREAK right after the SELECT
 *     … per-key statements …
 *     SET @last = @id; END
 *
 * also under `WHILE EXISTS (SELECT … FROM t WHERE c AND t.k > @last)`, with @last being @id
 * itself, `ORDER BY t.k DESC` with `t.k < @last`, and the MIN walk `SELECT @id = MIN(t.k) FROM t
 * WHERE c; WHILE @id IS NOT NULL BEGIN … SELECT @id = MIN(t.k) FROM t WHERE c AND t.k > @id END`.
 * Each iteration takes the smallest key past the previous one, so the loop visits every
 * distinct non-NULL value of t.k under c past @last's value before the loop, once (duplicates
 * of a non-unique key are skipped by `> @last`, NULL keys never compare true). Provided the walk
 * reads nothing the loop changes and its variables are assigned nowhere else, the loop is
 * idiom (f)'s cursor over `SELECT DISTINCT t.k FROM t WHERE <the first key's WHERE>`, so the
 * per-key statements are rewritten as (f) rewrites a cursor's body.
 */

/** The header name of idiom (g). */
export const WALK_STATEMENTS = '(g) WHILE walking a table\'s keys (TOP (1) … ORDER BY, MIN) running per-key statements -> each statement once for all keys';

/** A recognised walk: the pseudo-cursor over its keys, and the variables it keeps. */
interface KeyWalkLoop {
  readonly cursor: CursorLoop;
  /** The variable holding the previous key (lower-case), when other than the key's. */
  readonly last: string | undefined;
}

const isLiteral = (e: Expression, value: string): boolean => e.kind === 'Literal' && e.literalType === 'integer' && Number(e.value) === Number(value);
const isVar = (e: Expression | undefined, v: string): boolean => e?.kind === 'Variable' && varKey(e) === v;

/** `WHILE 1 = 1`. */
function alwaysTrue(e: Expression): boolean {
  return e.kind === 'Binary' && e.operator === '=' && isLiteral(e.left, '1') && isLiteral(e.right, '1');
}

/** `SET @v = NULL` / `SELECT @v = NULL`. */
function setsNull(s: Statement | undefined, v: string): boolean {
  if (s?.kind === 'SetVariable') return varKey(s.variable) === v && s.operator === '=' && s.value?.kind === 'Literal' && s.value.literalType === 'null';
  if (s?.kind !== 'Select' || s.body.kind !== 'QuerySpec' || s.body.from.length > 0 || s.body.items.length !== 1) return false;
  const a = s.body.items[0];
  return a?.kind === 'SelectAssignment' && varKey(a.variable) === v && a.operator === '=' && a.expression.kind === 'Literal' && a.expression.literalType === 'null';
}

/** `SET @to = @from` / `SELECT @to = @from`: the variable assigned, when it is that. */
function copyOf(s: Statement | undefined, from: string): string | undefined {
  if (s?.kind === 'SetVariable' && s.operator === '=' && isVar(s.value, from)) return varKey(s.variable);
  if (s?.kind !== 'Select' || s.body.kind !== 'QuerySpec' || s.body.from.length > 0 || s.body.items.length !== 1) return undefined;
  const a = s.body.items[0];
  return a?.kind === 'SelectAssignment' && a.operator === '=' && isVar(a.expression, from) ? varKey(a.variable) : undefined;
}

/** The statement is `IF <cond> BREAK` (no ELSE). */
function breaksWhen(s: Statement | undefined, cond: (e: Expression) => boolean): boolean {
  if (s?.kind !== 'If' || s.else || !cond(s.condition)) return false;
  const then = bodyStatements(s.then);
  return then.length === 1 && then[0]?.kind === 'Break';
}

/** `@@ROWCOUNT = 0`. */
function rowCountZero(e: Expression): boolean {
  const rc = (x: Expression): boolean => x.kind === 'SystemVariable' && x.name.toUpperCase() === '@@ROWCOUNT';
  return e.kind === 'Binary' && e.operator === '=' && ((rc(e.left) && isLiteral(e.right, '0')) || (rc(e.right) && isLiteral(e.left, '0')));
}

/** The step `SELECT TOP (1) @id = t.k FROM … WHERE … t.k > @last … ORDER BY t.k`, when `s` is a TOP (1) assignment. */
interface TopStep { readonly select: Select; readonly spec: QuerySpec; readonly assignment: SelectAssignment; readonly last: string }

function topStep(s: Statement | undefined): TopStep | IdiomRefusal | undefined {
  if (s?.kind !== 'Select' || s.body.kind !== 'QuerySpec' || !s.body.top) return undefined;
  const spec = s.body;
  const a = spec.items[0];
  if (spec.items.length !== 1 || a?.kind !== 'SelectAssignment') return undefined;
  const key = a.expression;
  // `k > @last` ascending, `k < @last` descending (either side): the next key past the last one.
  const steps = conjuncts(spec.where).flatMap((c) => {
    if (c.kind !== 'Binary') return [];
    if (sameExpression(c.left, key) && c.right.kind === 'Variable') return [{ c, op: c.operator, v: varKey(c.right) }];
    if (sameExpression(c.right, key) && c.left.kind === 'Variable') return [{ c, op: ({ '<': '>', '>': '<', '<=': '>=', '>=': '<=' } as Record<string, string>)[c.operator] ?? c.operator, v: varKey(c.left) }];
    return [];
  });
  // No comparison of the key with a variable: not a walk (a queue drained by DELETE, say).
  if (steps.length === 0) return undefined;
  const top = spec.top as NonNullable<QuerySpec['top']>;
  if (!isLiteral(top.expression, '1') || top.percent || top.withTies || a.operator !== '=' || spec.distinct || spec.groupBy || spec.having || s.ctes.length > 0 || s.offset || s.fetch || s.forClause) {
    return refuse(s, `SELECT TOP … ${a.variable.name} = …: only TOP (1) of one column assigned with = walks the keys`);
  }
  if (key.kind !== 'ColumnRef') return refuse(a, `${a.variable.name} is assigned an expression, not a column: the keys it walks are not a column's values`);
  const order = s.orderBy[0];
  if (s.orderBy.length !== 1 || !order || !sameExpression(order.expression, key)) return refuse(s, `the walk's ORDER BY must be the assigned column alone: TOP (1) otherwise picks a key that is not the next one`);
  const desc = order.direction === 'DESC';
  const want = desc ? '<' : '>';
  // Other bounds (`k <= @max`) are conditions of the walk like any other; `k >= @last` or a
  // bound the wrong way for the ORDER BY is no step to the next key.
  const forward = steps.filter((x) => x.op === want);
  const step = forward[0];
  if (forward.length !== 1 || !step) {
    return refuse(s, `the walk's WHERE must compare ${key.parts.map((p) => p.name).join('.')} ${want} a variable (the last key) exactly once, for ORDER BY ${desc ? 'DESC' : 'ASC'}: otherwise the loop revisits or skips keys`);
  }
  const others = conjuncts(spec.where).filter((c) => c !== step.c);
  const self = others.find((c) => variablesRead(c).has(step.v) || variablesRead(c).has(varKey(a.variable)));
  if (self) return refuse(self, `the walk's WHERE reads ${a.variable.name} or the last key beside the step: its value changes as the loop runs`);
  return { select: s, spec, assignment: a, last: step.v };
}

/** Tables the statements write (keys as the draft tracks them). */
function tablesWritten(list: readonly Statement[]): Set<string> {
  const written = new Set<string>();
  for (const s of list) {
    walk(s, (n) => {
      if ((n.kind === 'Insert' || n.kind === 'Update' || n.kind === 'Delete' || n.kind === 'Merge') && n.target.kind !== 'TableFunctionRef') written.add(tableKeyOf(n.target));
      return undefined;
    });
  }
  return written;
}

/** The pseudo-cursor over the walk's keys: `SELECT DISTINCT key FROM … WHERE …`, fetched into the key variable. */
function pseudoCursor(loop: While, key: Variable, column: Expression, spec: QuerySpec, where: Expression | undefined, body: readonly Statement[]): CursorLoop {
  const span = loop.span;
  const notNull: Expression = { kind: 'IsNull', expression: column, not: true, span: column.span };
  const keys = query([item(column, undefined, column.span)], spec.from, and(where, notNull, span), spec.span, true);
  const name = `walk over ${key.name}`;
  const declare: DeclareCursor = { kind: 'DeclareCursor', name, options: [], query: keys, forUpdate: false, updateColumns: [], span };
  return { kind: 'cursor', name, declare, query: keys, into: [key], loop, body, count: 1, span };
}

/** The TOP (1) walk at a WHILE: undefined when the WHILE is not one, a refusal when it walks but not provably once per key. */
function matchTopWalk(loop: While): KeyWalkLoop | IdiomRefusal | undefined {
  if (loop.condition.kind !== 'Exists' && !alwaysTrue(loop.condition)) return undefined;
  const stmts = bodyStatements(loop.body);
  const at = stmts.findIndex((s) => topStep(s) !== undefined);
  if (at < 0 || at > 1) return undefined;
  const step = topStep(stmts[at]);
  if (!step) return undefined;
  if (isIdiomRefusal(step)) return step;
  const id = varKey(step.assignment.variable);
  const written = step.assignment.variable.name;
  const cleared = at === 1 && setsNull(stmts[0], id);
  if (at === 1 && !cleared) return refuse(stmts[0] as Statement, `only SET ${written} = NULL may come before the walk's SELECT TOP (1)`);
  // `SET @id = NULL` then `… WHERE k > @id`: the comparison with NULL finds no key, ever.
  if (cleared && step.last === id) return refuse(step.select, `the walk compares with ${written} right after SET ${written} = NULL: no key compares greater than NULL, so the loop visits none (compare with a second variable holding the last key)`);
  let from = at + 1;
  const exists = loop.condition.kind === 'Exists' ? loop.condition : undefined;
  if (exists) {
    const e = exists.query.body;
    const same = e.kind === 'QuerySpec' && exists.query.ctes.length === 0 && !e.top && !e.groupBy && !e.having && sameExpression(e.from as never, step.spec.from as never)
      && conjuncts(e.where).length === conjuncts(step.spec.where).length && conjuncts(e.where).every((c) => conjuncts(step.spec.where).some((d) => sameExpression(c, d)));
    if (!same) return refuse(loop.condition, `the WHILE EXISTS must test the walk's own FROM and WHERE: otherwise an iteration may find no next key and keep ${written}`);
  } else {
    const brk = stmts[from];
    const ok = breaksWhen(brk, rowCountZero) || (cleared && breaksWhen(brk, (c) => c.kind === 'IsNull' && !c.not && isVar(c.expression, id)));
    if (!ok) return refuse(brk ?? loop, `the walk's SELECT TOP (1) must be followed by IF @@ROWCOUNT = 0 BREAK, or by IF ${written} IS NULL BREAK after SET ${written} = NULL: otherwise the last key repeats forever`);
    from++;
  }
  let body = stmts.slice(from);
  let last: string | undefined;
  if (step.last !== id) {
    const final = body[body.length - 1];
    if (copyOf(final, id) !== step.last) return refuse(final ?? loop, `the walk's body must end with SET ${spelled(loop, step.last)} = ${written} (the key just visited)`);
    last = step.last;
    body = body.slice(0, -1);
  }
  for (const s of body) {
    const w = variablesWritten(s);
    if (w.has(id) || (last && w.has(last))) return refuse(s, `${w.has(id) ? written : spelled(loop, last as string)} is assigned inside the walk besides its step: which keys it visits depends on the body`);
  }
  const others = [...variablesRead(step.spec)].filter((v) => v !== step.last && v !== id);
  const changed = others.find((v) => body.some((s) => variablesWritten(s).has(v)));
  if (changed) return refuse(step.select, `the walk's SELECT reads ${spelled(step.select, changed)}, which its body assigns: the keys it visits change as it runs`);
  return { cursor: pseudoCursor(loop, step.assignment.variable, step.assignment.expression, step.spec, step.spec.where, body), last };
}

/** The assignment of @v just before the loop: `SELECT @v = MIN(…) FROM …` or `SET @v = (SELECT MIN(…) …)`, as the subquery. */
function minStart(s: Statement | undefined, v: string): { value: Expression; variable: Variable } | undefined {
  if (s?.kind === 'SetVariable' && varKey(s.variable) === v && s.operator === '=' && s.value?.kind === 'Subquery') return { value: s.value, variable: s.variable };
  if (s?.kind !== 'Select' || s.body.kind !== 'QuerySpec' || s.body.items.length !== 1 || s.orderBy.length > 0 || s.ctes.length > 0) return undefined;
  const a = s.body.items[0];
  if (a?.kind !== 'SelectAssignment' || varKey(a.variable) !== v || a.operator !== '=') return undefined;
  const spec = s.body;
  return { value: { kind: 'Subquery', query: query([item(a.expression, undefined, a.span)], spec.from, spec.where, s.span), span: s.span }, variable: a.variable };
}

/**
 * The MIN walk at a WHILE @id IS NOT NULL right after its first MIN. The first WHERE may bound
 * the column from below beyond the step's (`k > @last` there, `k > @id` in the step): the keys
 * past the first one satisfy the bound anyway, so the walk visits the keys under the first WHERE,
 * read before the first MIN assigns @id.
 */
function matchMinWalk(stmts: readonly Statement[], index: number, loop: While): KeyWalkLoop | IdiomRefusal | undefined {
  const v = walkVariable(loop);
  const start = v ? minStart(stmts[index - 1], v) : undefined;
  if (!v || !start) return undefined;
  const written = tablesWritten([loop]);
  const direct = matchWalkLoop(loop, start.value, written);
  let walk = direct;
  if (direct && isIdiomRefusal(direct) && start.value.kind === 'Subquery' && start.value.query.body.kind === 'QuerySpec') {
    const spec = start.value.query.body;
    const column = spec.items[0]?.kind === 'SelectItem' && spec.items[0].expression.kind === 'FunctionCall' ? spec.items[0].expression.args[0] : undefined;
    const bound = conjuncts(spec.where).filter((c) => column && c.kind === 'Binary' && ((['>', '>='].includes(c.operator) && sameExpression(c.left, column)) || (['<', '<='].includes(c.operator) && sameExpression(c.right, column))));
    if (bound.length === 1) {
      const rest = conjuncts(spec.where).filter((c) => c !== bound[0]).reduce<Expression | undefined>((x, c) => and(x, c, c.span), undefined);
      const stripped: Expression = { ...start.value, query: { ...start.value.query, body: { ...spec, where: rest } } };
      const second = matchWalkLoop(loop, stripped, written);
      if (second && !isIdiomRefusal(second)) walk = { ...second, where: spec.where };
    }
  }
  if (!walk || isIdiomRefusal(walk)) return walk;
  const assigned = new Set(walk.body.flatMap((s) => [...variablesWritten(s)]));
  const changed = [...variablesRead(start.value)].find((x) => x !== v && assigned.has(x));
  if (changed) return refuse(stmts[index - 1] as Statement, `the walk's MIN reads ${spelled(stmts[index - 1] as Statement, changed)}, which its body assigns: the keys it visits change as it runs`);
  const spec = (start.value as Extract<Expression, { kind: 'Subquery' }>).query.body as QuerySpec;
  return { cursor: pseudoCursor(loop, start.variable, walk.column, { ...spec, from: walk.from }, walk.where, walk.body), last: undefined };
}

/** Whether a key of type `column` stored in a variable of type `variable` keeps every value apart (as the walk's `>` compares them). */
function keepsKeys(column: SqlType, variable: SqlType | undefined, declaredAs: string | undefined): boolean {
  if (!variable) return false;
  // smalldatetime is datetime to the draft, but rounds a datetime key to the minute: the
  // variable must be a datetime, which holds either exactly.
  if (column.family === 'datetime') return variable.family === 'datetime' && declaredAs === 'datetime';
  const rank = ['tinyint', 'smallint', 'int', 'bigint'];
  if (column.family === 'int' && variable.family === 'int') return rank.indexOf(variable.name) >= rank.indexOf(column.name);
  if (column.family === 'decimal' && variable.family === 'decimal') return !column.money && !variable.money && variable.scale === column.scale && variable.precision >= column.precision;
  return column.family === 'date' && variable.family === 'date';
}

/** WHILE loops walking a table's keys: idiom (g), or a located refusal of a loop that walks but cannot be shown exact. */
export const rewriteWalkLoop: LoopRewriter = (stmts, startIndex, rc): LoopRewrite | null => {
  // The MIN walk is taken at its first MIN, so that the keys are read where the loop starts:
  // the first MIN's WHERE may read the walked variable (`WHERE k > @id`) as it was before it.
  const first = stmts[startIndex];
  const next = stmts[startIndex + 1];
  const loop = first?.kind === 'While' ? first : next?.kind === 'While' ? next : undefined;
  if (!first || !loop) return null;
  const m = loop === first ? matchTopWalk(loop) : matchMinWalk(stmts, startIndex + 1, loop);
  if (!m) return null;
  const consumed = loop === first ? 1 : 2;
  const loopAssigned = new Set([...variablesWritten(first), ...variablesWritten(loop)]);
  const ic: IdiomContext = { rc, ctx: rc.draft, declared: declaredTypesAt(rc.draft, first), loopAssigned };
  const refused = (r: IdiomRefusal): LoopRewrite => ({ consumed, part: toRefusal(ic, r, 'WHILE loop walking keys'), idiom: 'refused' });
  if (isIdiomRefusal(m)) return refused(m);
  const { cursor, last } = m;
  const escape = cursor.body.map((s) => firstControlEscape(s)).find((r) => r !== undefined);
  if (escape) return refused(escape);
  // the walked table read or written by another name (a view, synonym, function, alias) is the same table
  const self = readOfWrittenTable(rc.draft, cursor.query, cursor.body);
  if (self) return refused(refuse(self.at, `the loop changes ${self.table}${self.writtenThrough ? ` (through ${self.writtenThrough})` : ''}, the table whose keys it walks${self.through ? ` (through ${self.through})` : ''}: which key comes next depends on the body`));
  // The key as the variable holds it must be the column's value: a narrower type would round or
  // overflow it, and `> @last` would then revisit or skip keys.
  const keys = rc.translateSelect(cursor.query, rc.scope);
  if (isRefusal(keys)) return { consumed, part: keys, idiom: 'refused' };
  const column = keys.columns[0]?.type;
  const key = cursor.into[0] as Variable;
  const declared = declaredDataTypesAt(rc.draft, first);
  for (const v of [varKey(key), ...(last ? [last] : [])]) {
    if (!column || !keepsKeys(column, ic.declared.get(v), declared.get(v)?.name.parts.map((p) => p.name).join('.').toLowerCase())) {
      return refused(refuse(cursor.query, `the walked column and ${spelled([cursor.loop, first], v)} must be integers (the variable as wide), decimals of one scale, dates or datetimes of one type: other keys (text by its collation, floats, narrowing conversions) do not walk one value at a time`));
    }
  }
  const f = rewriteEntityStatements(ic, cursor, stmts.slice(startIndex + consumed));
  if (isIdiomRefusal(f)) return refused(f);
  const variables = last ? [...f.part.variables, { variable: last, value: refuseSpan(ic, loop.span, last, 'the last key of a walk over keys: its value after the loop is not drafted') }] : f.part.variables;
  return { consumed, part: { ...f.part, variables }, statements: f.statements, idiom: WALK_STATEMENTS };
};
