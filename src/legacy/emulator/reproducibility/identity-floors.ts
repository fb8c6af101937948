import type { Expression, Node, Statement } from '../../../tsql';
import { walk } from '../../../tsql';
import type { EmulatorState, TableInfo } from '../state';
import type { TaintState } from './taint-state';

/*
 * Where identity values numbered in no defined order can stand. A sequence of a positive
 * increment never gives a value below its start, so a comparison of the identity column with a
 * constant below every such start (the SCD load's `WHERE [Customer Key] <> -1` guard against the
 * unknown member) answers the same for every numbered row: whichever row the plan gave which
 * number, the statement changes the same rows. Such a reference neither taints the statement whole
 * nor passes the numbering on (statement-tracking.ts).
 */

/** Each run's identity sequences (DuckDB name) -> their start and increment, as created. */
const starts = new WeakMap<EmulatorState, Map<string, { start: bigint; increment: bigint }>>();

/** Notes the start and increment of an identity sequence the run creates (tables.ts, select-into-identity.ts). */
export function noteIdentitySequence(state: EmulatorState, sequence: string, start: bigint, increment: bigint): void {
  const m = starts.get(state) ?? new Map<string, { start: bigint; increment: bigint }>();
  m.set(sequence, { start, increment });
  starts.set(state, m);
}

/**
 * After `info`'s identity numbered rows in no defined order: the least value they can hold is
 * kept (the least over every such statement), or null where no floor is known (a decreasing
 * identity, a sequence created elsewhere).
 */
export function noteNumberedFloor(state: EmulatorState, r: TaintState, info: TableInfo): void {
  const s = info.identity === undefined ? undefined : starts.get(state)?.get(info.identity.sequence);
  const floor = s === undefined || s.increment <= 0n ? null : s.start;
  const had = r.identityFloors.get(info);
  r.identityFloors.set(info, floor === null || had === null ? null : had === undefined || floor < had ? floor : had);
}

const COMPARISONS = new Set(['=', '<>', '!=', '<', '>', '<=', '>=', '!<', '!>']);

/** An integer written as a constant (`-1`, `0`), else undefined. */
function integerConstant(e: Expression): bigint | undefined {
  if (e.kind === 'Literal' && e.literalType === 'integer') return BigInt(e.value);
  if (e.kind === 'Unary' && e.operator === '-' && e.operand.kind === 'Literal' && e.operand.literalType === 'integer') return -BigInt(e.operand.value);
  return undefined;
}

/**
 * The column references of `s` that compare a numbered identity column with a constant below the
 * floor of every table whose numbered identity column has that name (by name, as
 * namesNumberedIdentity matches: a column of another table spelled the same only needs no proof).
 */
export function constantComparedIdentity(r: TaintState, s: Statement): Set<Node> {
  const out = new Set<Node>();
  if (r.identityColumns.size === 0) return out;
  const floorOf = (name: string): bigint | undefined => {
    let least: bigint | undefined;
    for (const [info, cols] of r.identityColumns) {
      if (![...cols.keys()].some((k) => k.toLowerCase() === name)) continue;
      const f = r.identityFloors.get(info);
      if (f === undefined || f === null) return undefined;
      if (least === undefined || f < least) least = f;
    }
    return least;
  };
  walk(s, (n) => {
    if (n.kind !== 'Binary' || !COMPARISONS.has(n.operator)) return undefined;
    for (const [col, other] of [[n.left, n.right], [n.right, n.left]] as const) {
      if (col.kind !== 'ColumnRef') continue;
      const k = integerConstant(other);
      const floor = floorOf((col.parts[col.parts.length - 1]?.name ?? '').toLowerCase());
      if (k !== undefined && floor !== undefined && k < floor) out.add(col);
    }
    return undefined;
  });
  return out;
}
