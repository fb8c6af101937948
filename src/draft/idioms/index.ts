import type { Execute, Statement } from '../../tsql';
import { findAll } from '../../tsql';
import type { LoopRewrite, LoopRewriteContext, LoopRewriter } from '../loop-rewriters';
import { draftEntityAggregate, idiomsOf, matchEntityAggregate } from './entity-aggregate';
import { declaredTypesAt, toRefusal, type IdiomContext } from './idiom-context';
import { isIdiomRefusal, matchCursorLoop, variablesWritten, type IdiomRefusal } from './loop-shape';
import { draftRunningWindow, matchRunningWindow } from './running-window';
import { draftUpsertLoop, matchUpsertLoop } from './upsert-loop';
import { draftSeriesLoop, matchSeriesLoop } from './series-loop';
import { rewriteEntityStatements } from './entity-statements';
import { rewriteWalkLoop } from './walk-loop';
import { rewriteChunkedDelete, rewritePrimedChunkedDelete } from './chunked-delete';

/** The header name of idiom (f). */
export const ENTITY_STATEMENTS = '(f) cursor over entities running per-entity statements -> each statement once for all entities';

/*
 * The row-by-row idiom rewriters the draft framework tries before translating a statement on
 * its own (src/draft/loop-rewriters.ts). Each recognises its idiom structurally; when a loop
 * is recognised as a loop but cannot be proven equivalent, the answer is a located refusal
 * covering the whole loop, never an approximation.
 */

function idiomContext(rc: LoopRewriteContext, stmts: readonly Statement[], start: number, count: number): IdiomContext {
  const loopAssigned = new Set<string>();
  for (const s of stmts.slice(start, start + count)) for (const v of variablesWritten(s)) loopAssigned.add(v);
  return { rc, ctx: rc.draft, declared: declaredTypesAt(rc.draft, stmts[start] as Statement), loopAssigned };
}

type EntityAggregateMatch = Exclude<ReturnType<typeof matchEntityAggregate>, undefined>;
type RunningMatch = Exclude<ReturnType<typeof matchRunningWindow>, undefined>;

/** Cursor loops: idiom (d), (a) (with (b) nested) or (c), else a refusal naming what stops each. */
export const rewriteCursorLoop: LoopRewriter = (stmts, startIndex, rc): LoopRewrite | null => {
  const cursor = matchCursorLoop(stmts, startIndex);
  if (!cursor || isIdiomRefusal(cursor)) return null;
  const after = stmts.slice(startIndex + cursor.count);
  const ic = idiomContext(rc, stmts, startIndex, cursor.count);
  const dynamic = dynamicSqlIn(stmts.slice(startIndex, startIndex + cursor.count));
  if (dynamic !== undefined) {
    // A metadata-driven loop builds its statements from the rows it fetches: no idiom's shape says
    // anything of what the text does, and naming PRINT or IF as the blocker would mislead.
    const reason = `${dynamic.label} inside the loop runs dynamic SQL: the text is built at run time (from the rows the cursor fetches), so what it reads and changes is unknown to the draft; write this loop's transform by hand`;
    return { consumed: cursor.count, part: toRefusal(ic, { refused: true, reason, span: dynamic.span }, `cursor ${cursor.name} (row-by-row loop)`), idiom: 'refused' };
  }
  const d = matchUpsertLoop(stmts, startIndex, after);
  if (d && !isIdiomRefusal(d)) return { consumed: cursor.count, part: draftUpsertLoop(ic, d), idiom: '(d) per-row lookup then insert-or-update -> join + anti-join' };
  const a = matchEntityAggregate(stmts, startIndex, after);
  if (a && !isIdiomRefusal(a)) {
    const names = idiomsOf(a);
    return { consumed: cursor.count, part: draftEntityAggregate(ic, a), idiom: names.join('; ') };
  }
  const c = matchRunningWindow(stmts, startIndex, after);
  if (c && !isIdiomRefusal(c)) return { consumed: cursor.count, part: draftRunningWindow(ic, c), idiom: '(c) running values in cursor order -> window functions' };
  if (d) return { consumed: cursor.count, part: toRefusal(ic, d, `cursor ${cursor.name} (lookup then insert-or-update)`), idiom: 'refused' };
  const f = rewriteEntityStatements(ic, cursor, after);
  if (!isIdiomRefusal(f)) return { consumed: cursor.count, part: f.part, statements: f.statements, idiom: ENTITY_STATEMENTS };
  const candidates: [IdiomRefusal | EntityAggregateMatch | RunningMatch | undefined, string][] = [[a, 'not a per-entity aggregate'], [c, 'not a running-value loop'], [f, 'not per-entity statements']];
  const tagged = candidates.flatMap(([r, label]): [IdiomRefusal, string][] => (r !== undefined && isIdiomRefusal(r) ? [[r, label]] : []));
  const first = tagged[0]?.[0] ?? { refused: true as const, reason: 'cursor loop of no known idiom', span: cursor.span };
  const why = tagged.length > 1
    ? { ...first, reason: tagged.map(([r, label]) => `${label}: ${r.reason} (line ${r.span.start.line})`).join('; ') }
    : first;
  return { consumed: cursor.count, part: toRefusal(ic, why, `cursor ${cursor.name} (row-by-row loop)`), idiom: 'refused' };
};

/** The first EXEC (@sql) or sp_executesql among `stmts`, nested blocks included. */
function dynamicSqlIn(stmts: readonly Statement[]): { label: string; span: Execute['span'] } | undefined {
  for (const s of stmts) {
    for (const e of findAll(s, 'Execute')) {
      if (e.dynamic.length > 0) return { label: 'EXEC (dynamic SQL)', span: e.span };
      const name = e.procedure?.kind === 'ObjectName' ? e.procedure.parts.at(-1)?.name.toLowerCase() : undefined;
      if (name === 'sp_executesql') return { label: 'EXEC sp_executesql', span: e.span };
    }
  }
  return undefined;
}

/** Counting WHILE loops over dates or numbers that insert per value: idiom (e). */
export const rewriteSeriesLoop: LoopRewriter = (stmts, startIndex, rc): LoopRewrite | null => {
  const s = matchSeriesLoop(stmts, startIndex, stmts.slice(startIndex + 1));
  if (!s) return null;
  const ic = idiomContext(rc, stmts, startIndex, 1);
  if (isIdiomRefusal(s)) return { consumed: 1, part: toRefusal(ic, s, 'WHILE loop'), idiom: 'refused' };
  return { consumed: 1, part: draftSeriesLoop(ic, s), idiom: s.dates ? '(e) WHILE over dates -> generate_series joined' : '(e) WHILE over numbers -> generate_series joined' };
};

/** Every idiom rewriter, in the order the framework tries them. */
export const IDIOM_REWRITERS: readonly LoopRewriter[] = [rewriteCursorLoop, rewriteSeriesLoop, rewritePrimedChunkedDelete, rewriteChunkedDelete, rewriteWalkLoop];
