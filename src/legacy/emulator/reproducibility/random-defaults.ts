import type { Expression, Insert, Merge, Node } from '../../../tsql';
import { findAll, quoteNamePart } from '../../../tsql';
import { sqlNameParts } from '../../baseline-names';
import { columnsGiven } from '../sequences';
import type { EmulatorState, TableInfo } from '../state';
import { carryOnReplace } from '../tables/table-replacement';
import { noteTaintedRead } from './taint-reads';
import { noteUnorderedColumn } from './taint-sources';

/*
 * Column DEFAULTs that draw a new value per row (`[Partner Key] uniqueidentifier DEFAULT NEWID()`,
 * NEWSEQUENTIALID(), RAND(), CRYPT_GEN_RANDOM()). The table is built once, so the draw is not in
 * the statement that fires it: an INSERT or MERGE … INSERT that leaves such a column out gives it
 * a value SQL Server would give otherwise. The column alone is listed as not reproducible (the
 * rows and their other values are the statement's), and what reads it afterwards is tainted, as
 * a NEWID() written in the statement is (random-values.ts).
 */

/** The functions whose every call gives a value SQL Server's own run would not. */
const DRAWING = new Set(['NEWID', 'NEWSEQUENTIALID', 'RAND', 'CRYPT_GEN_RANDOM']);

/** Per table: column (lower case) -> the drawing function its DEFAULT calls, as written. */
const randomDefaults = new WeakMap<TableInfo, ReadonlyMap<string, string>>();

carryOnReplace((_state, from, to) => { const d = randomDefaults.get(from); if (d !== undefined) randomDefaults.set(to, d); });

/** The drawing function a DEFAULT expression calls (its name as written), if any. */
export function randomFunctionIn(expression: Expression): string | undefined {
  const call = findAll(expression, 'FunctionCall').find((f) => f.name.parts.length === 1 && DRAWING.has((f.name.parts[0]?.name ?? '').toUpperCase()));
  return call?.name.parts[0]?.name;
}

/** createTable's note: the DEFAULTs of these columns of `info` draw a value per row. */
export function markRandomDefaults(info: TableInfo, columns: ReadonlyMap<string, string>): void {
  if (columns.size > 0) randomDefaults.set(info, columns);
}

/**
 * An INSERT or MERGE `s` into `info` at `target` (its target, or its `OUTPUT … INTO` table), which
 * fires `trigger` or not: each drawing DEFAULT of a column it leaves out fires, so that column is listed as
 * not reproducible; an OUTPUT or a trigger shows the new rows, so the statement is tainted whole.
 */
export function noteRandomDefaultDraw(state: EmulatorState, s: Insert | Merge, target: Pick<Node, 'span'>, info: TableInfo, trigger: boolean): void {
  const defaults = randomDefaults.get(info);
  if (defaults === undefined || (s.kind === 'Merge' && !s.whens.some((w) => w.action.kind === 'MergeInsert'))) return;
  const { given } = columnsGiven(s, target, info);
  const what = `the ${s.kind === 'Insert' ? 'INSERT' : 'MERGE'} at ${state.place(s.span)}`;
  let fired = false;
  for (const [column, fn] of defaults) {
    if (given?.has(column) === true) continue;
    fired = true;
    const declared = info.columns.find((c) => c.name.toLowerCase() === column)?.name ?? column;
    noteUnorderedColumn(state, info, declared, `${fn}() values the DEFAULT of ${shownColumn(info.sqlName, declared)} drew for ${what} (SQL Server's differ)`);
  }
  if (fired && (s.output !== undefined || trigger)) noteTaintedRead(state);
}

/** `dbo.Partner.[Partner Key]`: the table and column as people write them, bracketed where a part must be. */
function shownColumn(sqlName: string, column: string): string {
  return [...sqlNameParts(sqlName), column].map((p) => quoteNamePart(p)).join('.');
}
