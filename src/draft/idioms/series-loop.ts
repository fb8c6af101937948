import type { Expression, Statement, Variable } from '../../tsql';
import { withoutErrorChecks } from './error-checks';
import type { Refusal, SqlPart } from '../draft-model';
import { isRefusal, refuseSpan, type IdiomContext } from './idiom-context';
import { levelRows, renderSteps } from './level-render';
import { accumulatorsOf, localsOf, readSteps, type Level, type LevelStep } from './loop-levels';
import { matchLoopWrite, renderLoopWrite, type LoopWrite } from './loop-output';
import { isIdiomRefusal, matchCounterLoop, refuse, spelled, variablesRead, variablesWritten, varKey, type CounterLoop, type IdiomRefusal } from './loop-shape';
import { readAfterLoop } from './entity-aggregate';

/*
 * Idiom (e): `SET @d = @From; WHILE @d <= @To BEGIN … INSERT … SET @d = DATEADD(day, 1, @d)
 * END` (or a number stepping by a constant) writing one row, or the rows of a SELECT, per
 * value. Drafted as generate_series over the values, joined laterally to what each
 * iteration inserts, so a day without data still gets the row the loop writes for it.
 */

/** The recognised shape of idiom (e). */
export interface SeriesLoop {
  readonly loop: CounterLoop;
  readonly level: Level;
  readonly write: LoopWrite;
  /** `SET @n = @n + @@ROWCOUNT` & co. after the INSERT: bookkeeping the draft does not compute. */
  readonly untracked: readonly Statement[];
  /** The variables its @@ERROR checks assign (error-checks.ts): not computed either. */
  readonly errorChecked: readonly Variable[];
  /** Whether the loop walks dates (else numbers). */
  readonly dates: boolean;
}

/** The last unconditional `SET @v = e` before `list[index]`, when nothing in between writes @v. */
export function startBefore(list: readonly Statement[], index: number, counter: string): Expression | undefined {
  for (let k = index - 1; k >= 0; k--) {
    const s = list[k] as Statement;
    if (s.kind === 'SetVariable' && varKey(s.variable) === counter && s.operator === '=' && s.value && !variablesRead(s.value).has(counter)) return s.value;
    // `DECLARE @d date = @FromDate`: the initial value is the start too.
    if (s.kind === 'Declare') {
      const d = s.declarations.find((x) => x.kind === 'VariableDeclaration' && varKey(x.variable) === counter);
      if (d !== undefined) return d.kind === 'VariableDeclaration' && d.initialValue !== undefined && !variablesRead(d.initialValue).has(counter) ? d.initialValue : undefined;
    }
    if (variablesWritten(s).has(counter)) return undefined;
  }
  return undefined;
}

/**
 * The assignments of a statement that only keeps a log: `SET @v = …`, PRINT, and BEGIN … END
 * or IF … ELSE of those (no table, cursor or control flow). Undefined when it does more.
 */
function logOnly(s: Statement): Statement[] | undefined {
  switch (s.kind) {
    case 'SetVariable': return s.cursor === undefined ? [s] : undefined;
    case 'Print': return [];
    case 'Block': {
      const parts = s.statements.map(logOnly);
      return parts.every((p) => p !== undefined) ? parts.flat() : undefined;
    }
    case 'If': {
      const then = logOnly(s.then);
      const other = s.else === undefined ? [] : logOnly(s.else);
      return then === undefined || other === undefined ? undefined : [...then, ...other];
    }
    default: return undefined;
  }
}

/**
 * Recognises idiom (e) at `list[index]` (a WHILE). Undefined when it is no counting loop; a
 * refusal when it counts but does more than compute values and insert them.
 */
export function matchSeriesLoop(list: readonly Statement[], index: number, after: readonly Statement[]): SeriesLoop | IdiomRefusal | undefined {
  const s = list[index];
  if (!s || s.kind !== 'While') return undefined;
  const loop = matchCounterLoop(s, (c) => startBefore(list, index, c));
  if (!loop || isIdiomRefusal(loop)) return loop;
  // Assignments after the INSERT that nothing in the loop reads (row counters for a log), and
  // the PRINTs of such a log (`SET @rows = @@ROWCOUNT; IF @rows = 0 PRINT …`): their variables
  // are marked unknown, so only outputs that read them refuse.
  // The @@ERROR checks after them (error-checks.ts) are false on every row the draft returns.
  const checked = withoutErrorChecks(loop.body);
  const body = checked.body;
  let end = body.length;
  while (end > 0 && logOnly(body[end - 1] as Statement) !== undefined) end--;
  const write = matchLoopWrite(body.slice(0, end), loop.loop, { guardedSets: true });
  if (isIdiomRefusal(write)) return write;
  // ... also those right after the INSERT inside its IF NOT EXISTS (`SET @inserted += @@ROWCOUNT`).
  const guardedSets = write.guardedSets ?? [];
  const untracked = [...guardedSets, ...body.slice(end).flatMap((x) => logOnly(x) ?? [])];
  const readInLoop = new Set<string>([...variablesRead(loop.loop.condition), ...body.slice(0, end).flatMap((x) => (x === write.ifMissing?.node ? [x.kind === 'If' ? x.condition : x, write.insert] : [x]).flatMap((y) => [...variablesRead(y)]))]);
  for (const u of untracked) {
    if (u.kind === 'SetVariable' && readInLoop.has(varKey(u.variable))) return refuse(u, `${u.variable.name} is assigned after the INSERT and read by the loop: a value carried to the next iteration`);
  }
  const errorRead = checked.assigned.find((v) => readInLoop.has(varKey(v)));
  if (errorRead !== undefined) return refuse(errorRead, `${errorRead.name} is assigned from @@ERROR after the INSERT and read by the loop: a value carried to the next iteration`);
  const steps: LevelStep[] = [];
  const r = readSteps(body.slice(0, end - write.count), [], steps);
  if (r) return r;
  const accs = accumulatorsOf(steps);
  if (accs.size > 0) return refuse(loop.loop, `${spelled(loop.loop, [...accs][0] as string)} runs on from one value of ${spelled(loop.loop, loop.counter)} to the next: a running total, not a per-value row`);
  const written = new Set<string>([loop.counter, ...localsOf(steps)]);
  const late = readAfterLoop(written, after);
  if (late) return late;
  const dates = loop.step.kind === 'FunctionCall';
  return { loop, level: { source: loop, steps }, write, untracked, errorChecked: checked.assigned, dates };
}

/** Drafts idiom (e): the rows the loop inserts and the target's state after it. */
export function draftSeriesLoop(ic: IdiomContext, shape: SeriesLoop): SqlPart | Refusal {
  const rows = levelRows(ic, shape.level, new Map(), 'sv');
  if (isRefusal(rows)) return rows;
  const r = renderSteps(ic, shape.level.steps, rows.bound, new Set(), { next: 0 });
  if (isRefusal(r)) return r;
  const part = renderLoopWrite(ic, shape.write, [rows.from, ...r.joins].join('\n  '), r.bindings, shape.loop.span, [], rows.from);
  if (isRefusal(part)) return part;
  const variables = [...shape.untracked.map((u) => ({
    variable: (u as { variable: { name: string } }).variable.name,
    value: refuseSpan(ic, u.span, (u as { variable: { name: string } }).variable.name, 'assigned per iteration from values the draft does not compute (e.g. @@ROWCOUNT)'),
  })), ...shape.errorChecked.map((v) => ({ variable: v.name, value: refuseSpan(ic, v.span, v.name, 'assigned per iteration from @@ERROR or @@ROWCOUNT, which the draft does not compute') }))];
  return { ...part, variables: [...part.variables, ...variables] };
}
