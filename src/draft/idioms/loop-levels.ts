import type { Expression, If, Statement } from '../../tsql';
import {
  bodyStatements, firstControlEscape, isIdiomRefusal, matchCounterLoop, matchCursorLoop, refuse, variablesRead, varKey,
  type CounterLoop, type CursorLoop, type IdiomRefusal,
} from './loop-shape';

/*
 * The body of a row-by-row loop as a tree of levels: each level iterates rows (a cursor's
 * rows, or the positions/dates of a counting WHILE) and does steps per row: local
 * assignments, additions to accumulators (SET @n = @n + e, possibly under IF), MIN/MAX kept
 * by IF, and nested levels. Anything else in a loop body is refused with its location, so
 * a level tree only ever describes loops whose result is an order-independent aggregate.
 */

/** An IF condition a step runs under; `negated` for the ELSE branch (false or unknown). */
export interface Guard {
  readonly condition: Expression;
  readonly negated: boolean;
}

/** One thing a loop iteration does. */
export type LevelStep =
  | { readonly kind: 'local'; readonly variable: string; readonly value: Expression; readonly node: Statement }
  | { readonly kind: 'add'; readonly accumulator: string; readonly value: Expression; readonly guards: readonly Guard[]; readonly node: Statement }
  | { readonly kind: 'extreme'; readonly accumulator: string; readonly fn: 'min' | 'max'; readonly value: Expression; readonly orIsNull: boolean; readonly guards: readonly Guard[]; readonly node: Statement }
  | { readonly kind: 'child'; readonly level: Level; readonly guards: readonly Guard[] };

/** A loop and what each of its iterations does. */
export interface Level {
  readonly source: CursorLoop | CounterLoop;
  readonly steps: readonly LevelStep[];
}

/** `@a = @a + e`, `@a = e + @a`, `@a += e`: the added expression, when `s` is one. */
export function additionOf(s: Statement): { accumulator: string; value: Expression } | undefined {
  if (s.kind !== 'SetVariable' || !s.value) return undefined;
  const a = varKey(s.variable);
  if (s.operator === '+=') return variablesRead(s.value).has(a) ? undefined : { accumulator: a, value: s.value };
  if (s.operator !== '=' || s.value.kind !== 'Binary' || s.value.operator !== '+') return undefined;
  const { left, right } = s.value;
  if (left.kind === 'Variable' && varKey(left) === a && !variablesRead(right).has(a)) return { accumulator: a, value: right };
  if (right.kind === 'Variable' && varKey(right) === a && !variablesRead(left).has(a)) return { accumulator: a, value: left };
  return undefined;
}

/**
 * `IF e < @m [OR @m IS NULL] SET @m = e` (MIN; `>` for MAX, either side, `<=`/`>=` too) with
 * the same `e` assigned: the running minimum or maximum.
 */
export function extremeOf(s: If): { accumulator: string; fn: 'min' | 'max'; value: Expression; orIsNull: boolean } | undefined {
  if (s.else) return undefined;
  const inner = bodyStatements(s.then);
  const set = inner.length === 1 ? inner[0] : undefined;
  if (!set || set.kind !== 'SetVariable' || set.operator !== '=' || !set.value) return undefined;
  const m = varKey(set.variable);
  let cond = s.condition;
  let orIsNull = false;
  if (cond.kind === 'Binary' && cond.operator === 'OR') {
    const isNullOfM = (e: Expression): boolean => e.kind === 'IsNull' && !e.not && e.expression.kind === 'Variable' && varKey(e.expression) === m;
    if (isNullOfM(cond.right)) { orIsNull = true; cond = cond.left; }
    else if (isNullOfM(cond.left)) { orIsNull = true; cond = cond.right; }
    else return undefined;
  }
  if (cond.kind !== 'Binary') return undefined;
  const isM = (e: Expression): boolean => e.kind === 'Variable' && varKey(e) === m;
  const same = (e: Expression): boolean => e.span.start.offset === set.value?.span.start.offset || sameExpression(e, set.value as Expression);
  let fn: 'min' | 'max' | undefined;
  if (isM(cond.right) && same(cond.left)) fn = cond.operator === '<' || cond.operator === '<=' ? 'min' : cond.operator === '>' || cond.operator === '>=' ? 'max' : undefined;
  else if (isM(cond.left) && same(cond.right)) fn = cond.operator === '>' || cond.operator === '>=' ? 'min' : cond.operator === '<' || cond.operator === '<=' ? 'max' : undefined;
  if (!fn || variablesRead(set.value).has(m)) return undefined;
  return { accumulator: m, fn, value: set.value, orIsNull };
}

/** Structural equality of two expressions, ignoring spans and the case of names. */
export function sameExpression(a: Expression, b: Expression): boolean {
  const strip = (n: unknown): unknown => {
    if (Array.isArray(n)) return n.map(strip);
    if (n && typeof n === 'object') {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(n)) if (k !== 'span') o[k] = typeof v === 'string' && (k === 'name') ? v.toLowerCase() : strip(v);
      return o;
    }
    return n;
  };
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

/**
 * Reads the statements of one loop iteration into steps. `guards` are the IF conditions
 * around them. A refusal names the first statement that is not a local assignment, an
 * accumulation, a MIN/MAX IF, or a nested cursor/counting loop.
 */
export function readSteps(list: readonly Statement[], guards: readonly Guard[], steps: LevelStep[]): IdiomRefusal | undefined {
  for (let i = 0; i < list.length; i++) {
    const s = list[i] as Statement;
    const escape = firstControlEscape(s);
    if (escape) return escape;
    if (s.kind === 'Block') {
      const r = readSteps(s.statements, guards, steps);
      if (r) return r;
      continue;
    }
    if (s.kind === 'SetVariable' && s.value && !s.cursor) {
      const add = additionOf(s);
      if (add) { steps.push({ kind: 'add', ...add, guards, node: s }); continue; }
      if (s.operator !== '=') return refuse(s, `SET ${s.variable.name} ${s.operator} …: only additions (${s.variable.name} = ${s.variable.name} + e) aggregate set-based`);
      if (guards.length > 0) return refuse(s, `${s.variable.name} is assigned under IF: its value in later statements depends on which branch ran`);
      if (variablesRead(s.value).has(varKey(s.variable))) return refuse(s, `${s.variable.name} is computed from its own previous value in a way that is not an addition`);
      steps.push({ kind: 'local', variable: varKey(s.variable), value: s.value, node: s });
      continue;
    }
    if (s.kind === 'If') {
      const ext = extremeOf(s);
      if (ext) { steps.push({ kind: 'extreme', ...ext, guards, node: s }); continue; }
      const r1 = readSteps(bodyStatements(s.then), [...guards, { condition: s.condition, negated: false }], steps);
      if (r1) return r1;
      if (s.else) {
        const r2 = readSteps(bodyStatements(s.else), [...guards, { condition: s.condition, negated: true }], steps);
        if (r2) return r2;
      }
      continue;
    }
    if (s.kind === 'DeclareCursor') {
      const loop = matchCursorLoop(list, i);
      if (!loop) return refuse(s, 'cursor declaration');
      if (isIdiomRefusal(loop)) return loop;
      const child = readLevel(loop);
      if (isIdiomRefusal(child)) return child;
      steps.push({ kind: 'child', level: child, guards });
      i += loop.count - 1;
      continue;
    }
    if (s.kind === 'While') {
      const startOf = (counter: string): Expression | undefined => {
        for (let k = steps.length - 1; k >= 0; k--) {
          const st = steps[k] as LevelStep;
          if (st.kind === 'local' && st.variable === counter) return st.value;
        }
        return undefined;
      };
      const loop = matchCounterLoop(s, startOf);
      if (!loop) return refuse(s, 'a WHILE that neither walks a cursor nor counts a variable up to a bound');
      if (isIdiomRefusal(loop)) return loop;
      const child = readLevel(loop);
      if (isIdiomRefusal(child)) return child;
      steps.push({ kind: 'child', level: child, guards });
      continue;
    }
    return refuse(s, `${describeStatement(s)} inside a row-by-row loop: the set-based draft does not model its effect per row`);
  }
  return undefined;
}

/** Reads a loop and, recursively, the loops nested in it. */
export function readLevel(source: CursorLoop | CounterLoop): Level | IdiomRefusal {
  const steps: LevelStep[] = [];
  const r = readSteps(source.body, [], steps);
  return r ?? { source, steps };
}

/** The statement as a reviewer names it (`INSERT`, `UPDATE`, `PRINT`, …). */
export function describeStatement(s: Statement): string {
  const names: Partial<Record<Statement['kind'], string>> = {
    Insert: 'INSERT', Update: 'UPDATE', Delete: 'DELETE', Merge: 'MERGE', Select: 'SELECT', Print: 'PRINT', Execute: 'EXEC',
    Declare: 'DECLARE', Truncate: 'TRUNCATE', CreateTable: 'CREATE TABLE', Drop: 'DROP', OpenCursor: 'OPEN', Fetch: 'FETCH',
    CloseCursor: 'CLOSE', DeallocateCursor: 'DEALLOCATE', SetOption: 'SET option',
  };
  return names[s.kind] ?? s.kind;
}

/** Every accumulator (added to or kept as MIN/MAX) anywhere in a level tree. */
export function accumulatorsOf(steps: readonly LevelStep[], out = new Set<string>()): Set<string> {
  for (const st of steps) {
    if (st.kind === 'add' || st.kind === 'extreme') out.add(st.accumulator);
    else if (st.kind === 'child') accumulatorsOf(st.level.steps, out);
  }
  return out;
}

/** Every local variable assigned anywhere in a level tree, loop variables (FETCH INTO, counters) included. */
export function localsOf(steps: readonly LevelStep[], out = new Set<string>()): Set<string> {
  for (const st of steps) {
    if (st.kind === 'local') out.add(st.variable);
    else if (st.kind === 'child') {
      const src = st.level.source;
      if (src.kind === 'cursor') for (const v of src.into) out.add(varKey(v));
      else out.add(src.counter);
      localsOf(st.level.steps, out);
    }
  }
  return out;
}
