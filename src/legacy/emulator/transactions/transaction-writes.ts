import type { Node } from '../../../tsql';
import type { EmulatorState, TableInfo } from '../state';
import { carryOnReplace } from '../tables/table-replacement';
import { noteSavepointWrite } from './savepoints';
import { releaseTransactionAppLocks } from '../app-locks';

/*
 * What a rolled-back DuckDB transaction cannot reproduce. DuckDB undoes every table at once:
 * - SQL Server keeps a table variable's rows through ROLLBACK (table variables are outside
 *   transactions), so one written inside a transaction that rolled back has lost rows here;
 * - after an error inside a transaction the emulator rolls back at once (runtime.ts), while
 *   SQL Server keeps the transaction open for its CATCH block, whose reads still see its rows.
 * Reading such a table is refused where it happens, never answered with the rolled-back rows.
 */

interface TransactionWrites {
  /** Tables DML wrote inside the open transaction. */
  readonly written: Map<TableInfo, boolean>;
  /** Table variables whose rows a rollback took. */
  readonly lost: Set<TableInfo>;
  /** Tables (DuckDB names) whose identity an explicit value or a reseed moved inside the open transaction, and where. */
  readonly identityMoved: Map<string, string>;
  /** Those tables after a rollback: DuckDB undid the move, SQL Server may not have (identity-insert.ts). */
  readonly identityLost: Map<string, string>;
  /** How many identity moves were noted so far (savepoints.ts: a move since a savepoint). */
  moves: number;
}

const states = new WeakMap<EmulatorState, TransactionWrites>();

carryOnReplace((state, from, to) => {
  const s = states.get(state);
  if (s === undefined) return;
  const variable = s.written.get(from);
  if (variable !== undefined) s.written.set(to, variable);
  if (s.lost.has(from)) s.lost.add(to);
});

function of(state: EmulatorState): TransactionWrites {
  let s = states.get(state);
  if (s === undefined) states.set(state, (s = { written: new Map(), lost: new Set(), identityMoved: new Map(), identityLost: new Map(), moves: 0 }));
  return s;
}

/** DML into `info`, remembered while a transaction is open (whether it is a table variable is
 * looked up once per table and transaction, not on every write of a loop). */
export function noteTransactionWrite(state: EmulatorState, info: TableInfo): void {
  if (state.tranCount === 0) return;
  noteSavepointWrite(state, info);
  const written = of(state).written;
  if (!written.has(info)) written.set(info, [...state.tables].some(([key, x]) => x === info && key.startsWith('@')));
}

/** DuckDB rolled the transaction back (ROLLBACK, or an error inside it): its table variables lost rows. */
export function noteRolledBack(state: EmulatorState): void {
  const s = states.get(state);
  if (s === undefined) return;
  for (const [info, variable] of s.written) if (variable) s.lost.add(info);
  for (const [sqlName, where] of s.identityMoved) s.identityLost.set(sqlName, where);
  s.identityMoved.clear();
}

/** An explicit identity value or a reseed moved the identity of `sqlName` (at `where`), noted while a transaction is open. */
export function noteIdentityMove(state: EmulatorState, sqlName: string, where: string): void {
  if (state.tranCount === 0) return;
  const s = of(state);
  s.identityMoved.set(sqlName, where);
  s.moves++;
}

/**
 * Where a rollback undid such a move in DuckDB: what SQL Server's identity is then (identity
 * values are not transactional) is not documented, so the table's next identity is refused.
 */
export function identityLostAt(state: EmulatorState, sqlName: string): string | undefined {
  return states.get(state)?.identityLost.get(sqlName);
}

/** The transaction ended (the outermost COMMIT, or ROLLBACK): its writes are settled. */
export function noteTransactionEnd(state: EmulatorState): void {
  releaseTransactionAppLocks(state);
  states.get(state)?.written.clear();
  states.get(state)?.identityMoved.clear();
}

/** The tables (not table variables) DML wrote inside the open transaction (undo-transaction.ts). */
export function writtenTables(state: EmulatorState): TableInfo[] {
  return [...(states.get(state)?.written ?? new Map<TableInfo, boolean>())].filter(([, variable]) => !variable).map(([info]) => info);
}

/** A count of the identity moves noted so far: a savepoint compares it (savepoints.ts). */
export function identityMoves(state: EmulatorState): number {
  return states.get(state)?.moves ?? 0;
}

/** Refuses reading or writing `info` (named `name` at `node`) when its rows differ from SQL Server's. */
export function refuseRolledBackRows(state: EmulatorState, node: Node, info: TableInfo, name: string): void {
  const s = states.get(state);
  if (s === undefined) return;
  if (s.lost.has(info)) {
    throw state.unsupported(node, `the table variable ${name} after a rollback of the transaction that wrote it (SQL Server keeps a table variable's rows through ROLLBACK; the emulator's rollback removed them)`);
  }
  if (state.doomed && state.tranCount > 0 && s.written.has(info)) {
    throw state.unsupported(node, `reading ${name} after an error inside the transaction that wrote it, before its ROLLBACK (SQL Server still shows that transaction's rows; the emulator has already rolled them back)`);
  }
}
