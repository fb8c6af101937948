import type { SourceSpan } from '../../core';
import {
  walk, type DeclareCursor, type Expression, type Node, type Select, type Statement, type Variable, type While,
} from '../../tsql';

/*
 * Shared loop analysis of the row-by-row idioms: the shapes of a cursor loop and of a counting
 * WHILE, which variables a piece of code reads and writes, and the constructs that make a loop
 * impossible to rewrite safely. Every rewriter recognises its idiom structurally on these
 * shapes and refuses (with the construct's location) whatever it cannot prove equivalent.
 */

/** Why an idiom does not apply, with the location of the construct that stops it. */
export interface IdiomRefusal {
  readonly refused: true;
  readonly reason: string;
  readonly span: SourceSpan;
}

/** Builds a refusal at the span of `node`. */
export function refuse(node: { readonly span: SourceSpan }, reason: string): IdiomRefusal {
  return { refused: true, reason, span: node.span };
}

/** True when `value` is a refusal rather than a recognised shape. */
export function isIdiomRefusal<T>(value: T | IdiomRefusal): value is IdiomRefusal {
  return typeof value === 'object' && value !== null && (value as { refused?: unknown }).refused === true;
}

/**
 * `DECLARE c CURSOR FOR q; OPEN c; FETCH NEXT FROM c INTO @v…; WHILE @@FETCH_STATUS = 0
 * BEGIN … FETCH NEXT FROM c INTO @v… END; CLOSE c; DEALLOCATE c`. `body` is the loop body
 * without its closing FETCH; `count` the number of statements of the list the loop spans.
 */
export interface CursorLoop {
  readonly kind: 'cursor';
  readonly name: string;
  readonly declare: DeclareCursor;
  readonly query: Select;
  /** The FETCH INTO variables, lower-case names in fetch order, and as written. */
  readonly into: readonly Variable[];
  readonly loop: While;
  readonly body: readonly Statement[];
  readonly count: number;
  readonly span: SourceSpan;
}

/**
 * `SET @i = start; WHILE @i <= end BEGIN … SET @i = @i + step END` (also `<`, and a start
 * assigned by an earlier statement of the same list). `body` excludes the increment.
 */
export interface CounterLoop {
  readonly kind: 'counter';
  readonly counter: string;
  readonly start: Expression;
  /** Inclusive upper bound: `end` for `<=`, `end - 1` is rendered for `<` (`exclusive`). */
  readonly end: Expression;
  readonly exclusive: boolean;
  /** The step expression (`1`, or `DATEADD(day, 1, @d)` for date loops). */
  readonly step: Expression;
  readonly loop: While;
  readonly body: readonly Statement[];
  readonly span: SourceSpan;
}

/** Lower-case name of a variable (T-SQL variable names are case-insensitive). */
export function varKey(v: Variable | string): string {
  return (typeof v === 'string' ? v : v.name).toLowerCase();
}

/**
 * Variable `key` (lower-case, as the idioms key variables) as the legacy code writes it: its
 * first spelling under `node` (`@prevAcct`, not `@prevacct`), so messages name it as people read
 * it. The key itself when `node` does not name it.
 */
export function spelled(node: Node | readonly Node[], key: string): string {
  let found: string | undefined;
  for (const n of Array.isArray(node) ? node as readonly Node[] : [node as Node]) {
    walk(n, (x) => {
      if (found !== undefined) return false;
      if (x.kind === 'Variable' && varKey(x) === key) found = x.name;
      return undefined;
    });
    if (found !== undefined) return found;
  }
  return key;
}

/** The variables an expression, query or statement reads (lower-case), assignment targets excluded. */
export function variablesRead(node: Node): Set<string> {
  const out = new Set<string>();
  walk(node, (n, parent) => {
    if (n.kind !== 'Variable') return;
    if (parent && ((parent.kind === 'SetVariable' && parent.variable === n) || (parent.kind === 'SelectAssignment' && parent.variable === n)
      || (parent.kind === 'Fetch') || (parent.kind === 'UpdateAssignment' && parent.variable === n))) return;
    out.add(varKey(n));
  });
  // `SET @v += e` and `SELECT @v += e` read @v too.
  walk(node, (n) => {
    if ((n.kind === 'SetVariable' || n.kind === 'SelectAssignment') && n.operator !== '=') out.add(varKey(n.variable));
  });
  return out;
}

/** The variables a statement (and everything nested in it) assigns: SET, SELECT @v =, FETCH INTO, UPDATE @v =. */
export function variablesWritten(node: Node): Set<string> {
  const out = new Set<string>();
  walk(node, (n) => {
    if (n.kind === 'SetVariable' || n.kind === 'SelectAssignment') out.add(varKey(n.variable));
    else if (n.kind === 'Fetch') for (const v of n.into) out.add(varKey(v));
    else if (n.kind === 'UpdateAssignment' && n.variable) out.add(varKey(n.variable));
    else if (n.kind === 'Execute') for (const a of n.args) if (a.output && a.value?.kind === 'Variable') out.add(varKey(a.value));
  });
  return out;
}

/**
 * The first construct under `node` that ends or redirects a loop iteration or the procedure
 * (BREAK, CONTINUE, GOTO, labels, RETURN, THROW/RAISERROR, transactions, dynamic SQL or calls,
 * WAITFOR): rewriting a loop that holds one would change what runs. Undefined when none.
 */
export function firstControlEscape(node: Node): IdiomRefusal | undefined {
  let found: IdiomRefusal | undefined;
  const names: Partial<Record<Node['kind'], string>> = {
    Break: 'BREAK', Continue: 'CONTINUE', Goto: 'GOTO', Label: 'a label', Return: 'RETURN', Throw: 'THROW',
    Raiserror: 'RAISERROR', Transaction: 'a transaction statement', Execute: 'EXEC', Waitfor: 'WAITFOR',
    TryCatch: 'TRY/CATCH', Unparsed: 'a statement the parser could not read',
  };
  walk(node, (n) => {
    if (found) return false;
    const what = names[n.kind];
    if (what) found = refuse(n, `${what} inside the loop changes which iterations run or has effects the set-based draft does not model`);
    return undefined;
  });
  return found;
}

/** True for `@@FETCH_STATUS = 0` (either side). */
function isFetchStatusOk(e: Expression): boolean {
  if (e.kind !== 'Binary' || e.operator !== '=') return false;
  const isStatus = (x: Expression): boolean => x.kind === 'SystemVariable' && x.name.toUpperCase() === '@@FETCH_STATUS';
  const isZero = (x: Expression): boolean => x.kind === 'Literal' && x.literalType === 'integer' && Number(x.value) === 0;
  return (isStatus(e.left) && isZero(e.right)) || (isStatus(e.right) && isZero(e.left));
}

/** The statements of a loop body: a BEGIN … END block's statements, or the single statement. */
export function bodyStatements(s: Statement): readonly Statement[] {
  return s.kind === 'Block' ? s.statements : [s];
}

function sameVariables(a: readonly Variable[], b: readonly Variable[]): boolean {
  return a.length === b.length && a.every((v, i) => varKey(v) === varKey(b[i] as Variable));
}

/**
 * Recognises the cursor loop that starts at `list[index]` (its DECLARE … CURSOR). Undefined
 * when the statement is not a cursor declaration; a refusal when it is one but the loop around
 * it has another shape (scrolling fetches, a FETCH INTO other variables, a missing CLOSE, …).
 */
export function matchCursorLoop(list: readonly Statement[], index: number): CursorLoop | IdiomRefusal | undefined {
  const declare = list[index];
  if (!declare || declare.kind !== 'DeclareCursor') return undefined;
  const name = declare.name.toLowerCase();
  const open = list[index + 1];
  const first = list[index + 2];
  const loop = list[index + 3];
  if (!open || open.kind !== 'OpenCursor' || open.cursor.name.toLowerCase() !== name) return refuse(declare, `cursor ${declare.name} is not opened right after its DECLARE`);
  if (!first || first.kind !== 'Fetch' || first.direction !== 'NEXT' || first.cursor.name.toLowerCase() !== name) return refuse(open, `cursor ${declare.name}: expected FETCH NEXT … INTO after OPEN`);
  if (!loop || loop.kind !== 'While' || !isFetchStatusOk(loop.condition)) return refuse(first, `cursor ${declare.name}: expected WHILE @@FETCH_STATUS = 0 after the first FETCH`);
  const stmts = bodyStatements(loop.body);
  const last = stmts[stmts.length - 1];
  if (!last || last.kind !== 'Fetch' || last.direction !== 'NEXT' || last.cursor.name.toLowerCase() !== name || !sameVariables(last.into, first.into)) {
    return refuse(loop, `cursor ${declare.name}: the loop body must end with FETCH NEXT FROM ${declare.name} INTO the same variables`);
  }
  const body = stmts.slice(0, -1);
  for (const s of body) {
    let bad: IdiomRefusal | undefined;
    // Nested cursor loops test @@FETCH_STATUS in their own WHILE: that read is theirs.
    const nestedChecks = new Set<Node>();
    walk(s, (n, parent) => {
      if (bad) return false;
      if (n.kind === 'While' && isFetchStatusOk(n.condition)) nestedChecks.add(n.condition);
      if (n.kind === 'Fetch' && n.cursor.name.toLowerCase() === name) bad = refuse(n, `a second FETCH of cursor ${declare.name} inside its loop skips rows`);
      if (n.kind === 'SystemVariable' && n.name.toUpperCase() === '@@FETCH_STATUS' && !(parent && nestedChecks.has(parent))) bad = refuse(n, '@@FETCH_STATUS read inside the loop body');
      return undefined;
    });
    if (bad) return bad;
  }
  if (declare.options.some((o) => /^(SCROLL|DYNAMIC|KEYSET)$/i.test(o)) || declare.forUpdate) {
    return refuse(declare, `cursor ${declare.name} is ${declare.forUpdate ? 'FOR UPDATE' : declare.options.join(' ')}: rows may change under it while it runs`);
  }
  let count = 4;
  const closing = (k: 'CloseCursor' | 'DeallocateCursor'): boolean => {
    const s = list[index + count];
    if (s && s.kind === k && s.cursor.name.toLowerCase() === name) { count++; return true; }
    return false;
  };
  closing('CloseCursor');
  closing('DeallocateCursor');
  const end = list[index + count - 1] as Statement;
  return { kind: 'cursor', name: declare.name, declare, query: declare.query, into: first.into, loop, body, count, span: { start: declare.span.start, end: end.span.end } };
}

/**
 * Whether a cursor fetches the rows as OPEN read them, whatever the loop writes afterwards:
 * STATIC, or INSENSITIVE in the ISO syntax. The DECLARE CURSOR page has both make a temporary
 * copy in tempdb that every FETCH is answered from, and SQL Server's implicit cursor conversions
 * only ever turn other kinds into static ones. FAST_FORWARD is documented as forward-only and
 * read-only, not as a copy, so it is not one (nor is a declaration naming conflicting kinds).
 */
export function fetchesSnapshot(declare: DeclareCursor): boolean {
  const has = (o: string): boolean => declare.options.some((x) => x.toUpperCase() === o);
  return (has('STATIC') || has('INSENSITIVE')) && !has('KEYSET') && !has('DYNAMIC') && !has('FAST_FORWARD') && !declare.forUpdate;
}

/** `@v` when `e` is that variable. */
function asVariable(e: Expression | undefined): string | undefined {
  return e?.kind === 'Variable' ? varKey(e) : undefined;
}

/**
 * Recognises a counting WHILE: `WHILE @i <= end` (or `<`, or `end >= @i`) whose body ends with
 * `SET @i = @i + step` / `SET @i += step` / `SET @i = DATEADD(unit, step, @i)` and assigns @i
 * nowhere else, `end` not written by the body. `start` is the expression of the last
 * assignment to @i before the loop (`startOf` supplies it). Undefined when the shape differs.
 */
export function matchCounterLoop(loop: Statement, startOf: (counter: string) => Expression | undefined): CounterLoop | IdiomRefusal | undefined {
  if (loop.kind !== 'While' || loop.condition.kind !== 'Binary') return undefined;
  const c = loop.condition;
  let counter: string | undefined;
  let end: Expression | undefined;
  let exclusive = false;
  if ((c.operator === '<=' || c.operator === '<') && asVariable(c.left)) { counter = asVariable(c.left); end = c.right; exclusive = c.operator === '<'; }
  else if ((c.operator === '>=' || c.operator === '>') && asVariable(c.right)) { counter = asVariable(c.right); end = c.left; exclusive = c.operator === '>'; }
  if (!counter || !end) return undefined;
  const stmts = bodyStatements(loop.body);
  const last = stmts[stmts.length - 1];
  const step = last ? incrementOf(last, counter) : undefined;
  if (!step) {
    // the counter as the procedure writes it (`@MonthEnd`), not the lower-case key
    const written = ((c.left.kind === 'Variable' && varKey(c.left) === counter ? c.left : c.right) as Extract<Expression, { kind: 'Variable' }>).name;
    const assigns = last !== undefined && last.kind === 'SetVariable' && varKey(last.variable) === counter;
    return refuse(assigns ? last : loop, assigns
      ? `WHILE over ${written}: its last statement sets ${written} by a step the draft does not translate (only SET ${written} = ${written} + n, += n or DATEADD(unit, n, ${written}) with a literal n > 0)`
      : `WHILE over ${written}: the body must end with the increment of ${written} (SET ${written} = ${written} + 1)`);
  }
  const body = stmts.slice(0, -1);
  for (const s of body) {
    if (variablesWritten(s).has(counter)) return refuse(s, `${spelled(loop, counter)} is assigned inside its own loop besides the final increment`);
  }
  const written = new Set(body.flatMap((s) => [...variablesWritten(s)]));
  for (const v of variablesRead(end)) if (written.has(v)) return refuse(end, `the loop bound reads ${spelled(end, v)}, which the body assigns`);
  const start = startOf(counter);
  if (!start) return refuse(loop, `no assignment of ${spelled(loop, counter)} before its loop: its starting value depends on earlier iterations`);
  return { kind: 'counter', counter, start, end, exclusive, step, loop, body, span: loop.span };
}

/**
 * The step of `SET @i = @i + step`, `SET @i += step` or `SET @i = DATEADD(part, step, @i)` when
 * step is a positive integer literal; the whole DATEADD call is returned for date steps.
 */
function incrementOf(s: Statement, counter: string): Expression | undefined {
  if (s.kind !== 'SetVariable' || varKey(s.variable) !== counter || !s.value) return undefined;
  const positive = (e: Expression): boolean => e.kind === 'Literal' && e.literalType === 'integer' && Number(e.value) > 0;
  if (s.operator === '+=') return positive(s.value) ? s.value : undefined;
  if (s.operator !== '=') return undefined;
  const v = s.value;
  if (v.kind === 'Binary' && v.operator === '+') {
    if (asVariable(v.left) === counter && positive(v.right)) return v.right;
    if (asVariable(v.right) === counter && positive(v.left)) return v.left;
  }
  if (v.kind === 'FunctionCall' && v.name.parts.length === 1 && (v.name.parts[0]?.name ?? '').toUpperCase() === 'DATEADD'
    && v.args.length === 3 && positive(v.args[1] as Expression) && asVariable(v.args[2]) === counter) return v;
  return undefined;
}
