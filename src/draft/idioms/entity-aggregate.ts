import type { Node, Statement } from '../../tsql';
import type { Refusal, SqlPart } from '../draft-model';
import { isRefusal, refuseSpan, type IdiomContext } from './idiom-context';
import { levelRows, renderSteps, finalValue } from './level-render';
import { accumulatorsOf, localsOf, readSteps, type Level, type LevelStep } from './loop-levels';
import { renderLoopWrite, matchLoopWrite, type LoopWrite } from './loop-output';
import { isIdiomRefusal, matchCursorLoop, refuse, spelled, variablesRead, variablesWritten, varKey, type CursorLoop, type IdiomRefusal } from './loop-shape';
import { withoutErrorChecks } from './error-checks';

/*
 * Idiom (a): a cursor over entities that resets accumulators, adds to them per entity (in the
 * body, in nested cursors over the entity's rows, in counting loops over characters or
 * positions: idiom (b)), and inserts one row per entity. Drafted as one query over the
 * cursor's rows with a lateral aggregate per nested loop, so an entity without rows keeps its
 * initial values, exactly as the loop leaves them.
 */

/** The recognised shape of idiom (a). */
export interface EntityAggregate {
  readonly cursor: CursorLoop;
  readonly level: Level;
  readonly accumulators: ReadonlySet<string>;
  readonly write: LoopWrite;
}

/** Every expression-bearing node a level tree reads from (for accumulator-read checks). */
function readNodes(steps: readonly LevelStep[], out: Node[] = []): Node[] {
  for (const st of steps) {
    if (st.kind === 'local' || st.kind === 'add' || st.kind === 'extreme') out.push(st.value);
    if (st.kind !== 'local') for (const g of st.guards) out.push(g.condition);
    if (st.kind === 'child') {
      const src = st.level.source;
      if (src.kind === 'cursor') out.push(src.query);
      else out.push(src.start, src.end);
      readNodes(st.level.steps, out);
    }
  }
  return out;
}

/** Whether the first step at this level that touches `acc` (directly or in a nested loop) comes after its init. */
function initBeforeUse(steps: readonly LevelStep[], acc: string): boolean {
  for (const st of steps) {
    if (st.kind === 'local' && st.variable === acc) return true;
    if ((st.kind === 'add' || st.kind === 'extreme') && st.accumulator === acc) return false;
    if (st.kind === 'child' && accumulatorsOf(st.level.steps).has(acc)) return false;
  }
  return false;
}

/**
 * Refuses when a statement after the loop reads a variable the loop leaves behind (the
 * set-based draft does not produce the loop's last values). A variable reassigned before
 * any read after the loop is dead and fine.
 */
export function readAfterLoop(written: ReadonlySet<string>, after: readonly Statement[]): IdiomRefusal | undefined {
  for (const v of written) {
    for (const s of after) {
      const setsFirst = (s.kind === 'SetVariable' && varKey(s.variable) === v && s.operator === '=' && s.value && !variablesRead(s.value).has(v))
        || (s.kind === 'Fetch' && s.into.some((x) => varKey(x) === v));
      if (setsFirst) break;
      if (variablesRead(s).has(v)) return refuse(s, `${spelled(s, v)} is read after the loop: the set-based draft does not produce the loop's last value of it`);
    }
  }
  return undefined;
}

/**
 * Recognises idiom (a) at `list[index]`. Undefined when no cursor starts there; a refusal
 * (with the construct's location) when the cursor loop does something the idiom cannot prove
 * equivalent; `after` are the section's statements following the loop.
 */
export function matchEntityAggregate(list: readonly Statement[], index: number, after: readonly Statement[]): EntityAggregate | IdiomRefusal | undefined {
  const cursor = matchCursorLoop(list, index);
  if (!cursor || isIdiomRefusal(cursor)) return cursor;
  // the @@ERROR checks after the INSERT are false on every row the draft returns (error-checks.ts)
  const checked = withoutErrorChecks(cursor.body);
  const body = checked.body;
  const write = matchLoopWrite(body, cursor.loop);
  if (isIdiomRefusal(write)) return write;
  const steps: LevelStep[] = [];
  const r = readSteps(body.slice(0, body.length - write.count), [], steps);
  if (r) return r;
  const accumulators = accumulatorsOf(steps);
  for (const acc of accumulators) {
    if (!initBeforeUse(steps, acc)) {
      return refuse(cursor.loop, `${spelled(cursor.loop, acc)} is not reset at the start of each ${cursor.name} row: its value runs on from row to row (a running total needs a window function, idiom (c))`);
    }
  }
  for (const n of readNodes(steps)) {
    for (const v of variablesRead(n)) if (accumulators.has(v)) return refuse(n, `${spelled(n, v)} is read while it is being accumulated: the running value depends on the row order`);
  }
  for (const s of body.slice(body.length - write.count, -1)) {
    for (const v of variablesRead(s)) if (accumulators.has(v)) return refuse(s, `${spelled(s, v)} is read by the DELETE before the INSERT`);
  }
  const written = new Set<string>([...accumulators, ...localsOf(steps), ...cursor.into.map((v) => varKey(v))]);
  for (const s of cursor.body) for (const v of variablesWritten(s)) written.add(v);
  const late = readAfterLoop(written, after);
  if (late) return late;
  return { cursor, level: { source: cursor, steps }, accumulators, write };
}

/** The idioms a recognised loop applies, for the draft's header. */
export function idiomsOf(shape: EntityAggregate): string[] {
  const kinds = new Set<string>();
  const visit = (steps: readonly LevelStep[]): void => {
    for (const st of steps) if (st.kind === 'child') { kinds.add(st.level.source.kind); visit(st.level.steps); }
  };
  visit(shape.level.steps);
  const out = ['(a) cursor over entities with per-entity aggregates -> GROUP BY (lateral aggregates, every entity kept)'];
  if (kinds.has('counter')) out.push('(b) loop over characters/positions -> generate_series over positions');
  return out;
}

/** Drafts idiom (a) as a part: the inserted rows and the target's state after the loop. */
export function draftEntityAggregate(ic: IdiomContext, shape: EntityAggregate): SqlPart | Refusal {
  const aliases = { next: 0 };
  const rows = levelRows(ic, shape.level, new Map(), 'en');
  if (isRefusal(rows)) return rows;
  const r = renderSteps(ic, shape.level.steps, rows.bound, shape.accumulators, aliases);
  if (isRefusal(r)) return r;
  const bindings = new Map(r.bindings);
  for (const acc of shape.accumulators) {
    const init = r.inits.get(acc);
    if (!init) return refuseSpan(ic, shape.cursor.loop.span, spelled(shape.cursor.loop, acc), `${spelled(shape.cursor.loop, acc)} has no initial value in the loop body`);
    const v = finalValue(ic, acc, init, r.contributions);
    if (isRefusal(v)) return v;
    bindings.set(acc, v);
  }
  const from = [rows.from, ...r.joins].join('\n  ');
  return renderLoopWrite(ic, shape.write, from, bindings, shape.cursor.span, shape.write.replaceKey ? [`the draft stops with an error when the cursor returns two different rows for one ${shape.write.replaceKey.column} (the legacy result would depend on the cursor order)`] : []);
}
