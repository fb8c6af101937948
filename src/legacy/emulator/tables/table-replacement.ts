import type { EmulatorState, TableInfo } from '../state';

/*
 * A TableInfo is replaced, not changed, when its table changes shape (ALTER TABLE, a unique
 * index, an identity restarted after loading): caches keyed by the object (write buffers' column
 * lists, trigger and temporal lookups) then start afresh. What the run has learnt about the
 * table's rows must not start afresh: values that are not reproducible, writes inside an open
 * transaction, a DEFAULT drawing a sequence. Each module holding such a fact registers how it
 * carries it to the new object; losing one listed a table of RAND() values as reproducible.
 */

type Carry = (state: EmulatorState, from: TableInfo, to: TableInfo) => void;

const carries: Carry[] = [];

/** Registers how a module's facts about a table's rows follow it to its replacement. */
export function carryOnReplace(carry: Carry): void {
  carries.push(carry);
}

/** Puts `to` wherever `state.tables` holds `from`, with every fact registered about `from`. */
export function replaceTableInfo(state: EmulatorState, from: TableInfo, to: TableInfo): void {
  for (const [key, info] of state.tables) if (info === from) state.tables.set(key, to);
  if (state.written.delete(from)) state.written.add(to);
  for (const carry of carries) carry(state, from, to);
}
