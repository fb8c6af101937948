import type { Transaction } from '../../../tsql';
import { quote } from '../expressions';
import { runSql } from '../runtime';
import type { EmulatorState, TableInfo } from '../state';
import { noteAnyWrite } from '../tables/table-versions';
import { isVersioned } from '../tables/temporal-writes';
import { identityMoves } from './transaction-writes';

/*
 * SAVE TRANSACTION and ROLLBACK TRANSACTION <savepoint> (the SAVE TRANSACTION page): a rollback
 * to a savepoint undoes the changes made since it and keeps the transaction open, @@TRANCOUNT
 * unchanged; the savepoint stays, the savepoints set after it go; of several savepoints of one
 * name, the most recent is the one rolled back to. DuckDB has no savepoints, so before the first
 * write to a table after a SAVE the emulator copies that table's rows (temp and permanent; not
 * table variables, which no rollback touches), and the rollback puts the copied tables back; a
 * table not written since needs nothing (a per-row SAVE in an import copies the tables that row
 * writes, not the whole database). What the copies cannot put back is refused at the ROLLBACK:
 * tables created, dropped or altered since, a system-versioned table, an identity moved by
 * TRUNCATE, DBCC CHECKIDENT or an explicit value, a table written by a statement that took no
 * copy first, and a transaction the emulator has already rolled back after an error. Identity
 * and sequence values drawn since stay drawn, as in SQL Server, since the copy restores rows,
 * never counters.
 */

interface Savepoint {
  /** The name as written or held by the variable; matched case-insensitively (see below). */
  readonly name: string;
  readonly where: string;
  /** The run's tables when it was set: DuckDB name -> their columns. */
  readonly tables: ReadonlyMap<string, string>;
  /** The tables written since, each copied before its first write: DuckDB name -> copy. */
  readonly copies: Map<string, string>;
  /** The tables DML was noted into since (transaction-writes.ts), copied or not. */
  readonly noted: Set<TableInfo>;
  readonly moves: number;
}

const stacks = new WeakMap<EmulatorState, Savepoint[]>();

/** The outermost BEGIN TRANSACTION: no savepoint of an earlier transaction counts any more. */
export function startSavepoints(state: EmulatorState): void {
  stacks.set(state, []);
}

async function dropCopies(state: EmulatorState, gone: readonly Savepoint[]): Promise<void> {
  for (const sp of gone) for (const copy of sp.copies.values()) await state.session.run(`DROP TABLE IF EXISTS ${quote(copy)}`);
}

/** Before the outermost COMMIT: the copies go (a ROLLBACK takes them with the transaction). */
export async function dropSavepoints(state: EmulatorState): Promise<void> {
  const stack = stacks.get(state) ?? [];
  stacks.set(state, []);
  await dropCopies(state, stack);
}

/** The run's tables a savepoint copies and restores (undo-transaction.ts too): every table but table variables, once each. */
export function tablesOfRun(state: EmulatorState): Map<string, string> {
  const tables = new Map<string, string>();
  for (const [key, info] of state.tables) {
    if (key.startsWith('@') || tables.has(info.sqlName)) continue;
    // computed columns are DuckDB's generated columns: neither copied nor written back
    tables.set(info.sqlName, info.columns.filter((c) => c.computed !== true).map((c) => quote(c.name)).join(', '));
  }
  return tables;
}

/** SAVE TRANSACTION `name`: notes the run's tables, whose rows are copied at their next write. */
export async function saveTransaction(state: EmulatorState, s: Transaction, name: string): Promise<void> {
  if (state.tranCount === 0) throw state.unsupported(s, 'SAVE TRANSACTION outside a transaction (SQL Server raises an error the emulator does not reproduce)');
  if (state.doomed) throw state.unsupported(s, 'SAVE TRANSACTION after an error inside the transaction (the emulator has already rolled it back)');
  // Rows buffered before the SAVE belong before it: they reach DuckDB ahead of any copy.
  if (!state.writes.empty) await state.writes.flush();
  const stack = stacks.get(state) ?? [];
  stacks.set(state, stack);
  // A savepoint of the name of the newest one replaces it: a ROLLBACK by that name goes to the
  // newer, and none can reach the older without going past both (a loop's SAVE per row).
  const top = stack[stack.length - 1];
  if (top !== undefined && top.name.toLowerCase() === name.toLowerCase()) await dropCopies(state, stack.splice(-1));
  stack.push({ name, where: state.place(s.span), tables: tablesOfRun(state), copies: new Map(), noted: new Set(), moves: identityMoves(state) });
}

/** Whether a savepoint is set in the open transaction (runtime.ts copies before writes then). */
export function hasSavepoints(state: EmulatorState): boolean {
  return (stacks.get(state)?.length ?? 0) > 0;
}

/** Before a write to the table `sqlName`: every savepoint that has not copied it yet copies its rows now. */
export async function copyForSavepoints(state: EmulatorState, sqlName: string): Promise<void> {
  for (const sp of stacks.get(state) ?? []) {
    const columns = sp.tables.get(sqlName);
    if (columns === undefined || sp.copies.has(sqlName)) continue;
    const copy = `__savepoint_${state.tempCounter++}`;
    await state.session.run(`CREATE TEMP TABLE ${quote(copy)} AS SELECT ${columns} FROM ${sqlName}`);
    sp.copies.set(sqlName, copy);
  }
}

/** Whether a write to `sqlName` may wait in the write buffer: only once every savepoint has copied the table. */
export function savepointsCopied(state: EmulatorState, sqlName: string): boolean {
  return (stacks.get(state) ?? []).every((sp) => sp.copies.has(sqlName) || !sp.tables.has(sqlName));
}

/** DML into `info` noted inside the transaction: each savepoint checks at its ROLLBACK that it copied the table. */
export function noteSavepointWrite(state: EmulatorState, info: TableInfo): void {
  for (const sp of stacks.get(state) ?? []) sp.noted.add(info);
}

/**
 * ROLLBACK TRANSACTION `name` to the most recent savepoint of that name: true when there is one
 * (the rows are back as it found them), false when no savepoint has that name. Names compare
 * case-insensitively, though SQL Server's are case-sensitive: a ROLLBACK spelled otherwise is
 * then refused, never taken for a rollback of the whole transaction.
 */
export async function rollbackToSavepoint(state: EmulatorState, s: Transaction, name: string): Promise<boolean> {
  const stack = stacks.get(state) ?? [];
  const at = stack.map((sp) => sp.name.toLowerCase()).lastIndexOf(name.toLowerCase());
  if (at < 0) return false;
  const sp = stack[at] as Savepoint;
  const refuse = (why: string): Error => state.unsupported(s, `ROLLBACK TRANSACTION to the savepoint ${sp.name} set at ${sp.where}: ${why}`);
  if (sp.name !== name) throw refuse(`spelled ${name} here (savepoint names are case-sensitive in SQL Server)`);
  if (state.doomed) throw refuse('after an error inside the transaction, which the emulator has already rolled back whole');
  if (identityMoves(state) !== sp.moves) throw refuse('an identity was moved since (TRUNCATE, DBCC CHECKIDENT or an explicit value), and whether SQL Server keeps the move is not documented');
  const now = tablesOfRun(state);
  const changed = [...now.keys()].filter((t) => sp.tables.get(t) !== now.get(t)).concat([...sp.tables.keys()].filter((t) => !now.has(t)));
  if (changed.length > 0) throw refuse(`${changed.join(', ')} was created, dropped or altered since`);
  for (const [key, info] of state.tables) {
    if (!key.startsWith('@') && isVersioned(state, info)) throw refuse(`the system-versioned table ${info.sqlName} is not restored`);
  }
  const variables = new Set([...state.tables].filter(([key]) => key.startsWith('@')).map(([, info]) => info));
  for (const info of sp.noted) {
    if (!variables.has(info) && now.has(info.sqlName) && !sp.copies.has(info.sqlName)) throw refuse(`${info.sqlName} was written since by a statement that took no copy of its rows first`);
  }
  // the savepoints set after it go (before the restore, which would copy for them); it stays, for another ROLLBACK to it
  await dropCopies(state, stack.splice(at + 1));
  for (const [sqlName, copy] of sp.copies) {
    const columns = sp.tables.get(sqlName) as string;
    await runSql(state, `DELETE FROM ${sqlName}`, [], s.span);
    await runSql(state, `INSERT INTO ${sqlName} (${columns}) SELECT ${columns} FROM ${quote(copy)}`, [], s.span);
  }
  noteAnyWrite(state);
  return true;
}

/** A transaction or savepoint name as written, or the first 32 characters of the variable holding it (SAVE TRANSACTION page). */
export function transactionName(state: EmulatorState, name: string): string {
  if (!name.startsWith('@')) return name;
  return (state.frame.variables.get(name.toLowerCase())?.value ?? '').slice(0, 32);
}
