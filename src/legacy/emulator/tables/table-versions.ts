import type { EmulatorState } from '../state';

/*
 * Write versions of the emulator's DuckDB tables, so rows read once can be reused while nothing
 * could have changed them (cursor-prefetch.ts). Every statement runSql sends that is not a plain
 * SELECT counts as a write: to its target when the statement names exactly one known target
 * table (INSERT INTO t, UPDATE t, DELETE FROM t, MERGE INTO t), otherwise to every table (the
 * epoch). ROLLBACK and dropping tables move the epoch too. Erring towards "changed" only costs a
 * re-read; erring the other way would be a silently wrong result, so every doubt is a change.
 */

const TARGET = /^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|MERGE\s+INTO)\s+("(?:[^"]|"")*"(?:\s*\.\s*"(?:[^"]|"")*")*)(?=[\s(]|$)/i;

/**
 * Records that `sql` (about to run or just run) may change data; true when it is DML into a
 * table of the run (not a work table of the emulator's own), for EmulatorState.dmlWrites.
 */
export function noteSqlWrite(state: EmulatorState, sql: string): boolean {
  if (/^\s*SELECT\b/i.test(sql)) return false;
  state.versions.stamp++;
  const m = TARGET.exec(sql);
  const target = m?.[1]?.replace(/\s*\.\s*/g, '.');
  if (target === undefined || !knownTable(state, target)) {
    state.versions.epoch++;
    return false;
  }
  state.versions.stamp++;
  state.versions.tables.set(target, (state.versions.tables.get(target) ?? 0) + 1);
  return true;
}

/** Records a write to the table `sqlName` that did not go through runSql (a buffered write). */
export function noteTableWrite(state: EmulatorState, sqlName: string): void {
  state.dmlWrites++;
  state.versions.stamp++;
  state.versions.tables.set(sqlName, (state.versions.tables.get(sqlName) ?? 0) + 1);
}

/** Records a change no single table accounts for (ROLLBACK, a dropped or re-created table). */
export function noteAnyWrite(state: EmulatorState): void {
  state.versions.stamp++;
  state.versions.epoch++;
}

/**
 * A number that changes with every write noted here: while it is the same, every version is
 * the same (a cursor checked at each FETCH compares it before building version strings).
 */
export function writeStamp(state: EmulatorState): number {
  return state.versions.stamp;
}

/** The version of `sqlName`'s data: equal strings mean nothing could have changed it in between. */
export function versionOf(state: EmulatorState, sqlName: string): string {
  return `${state.versions.epoch}:${state.versions.tables.get(sqlName) ?? 0}`;
}

function knownTable(state: EmulatorState, sqlName: string): boolean {
  for (const info of state.tables.values()) if (info.sqlName === sqlName) return true;
  return false;
}
