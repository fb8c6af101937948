import type { Transaction } from '../../tsql';
import { quote } from './expressions';
import { runSql } from './runtime';
import type { EmulatorState } from './state';
import { noteAnyWrite } from './table-versions';
import { isVersioned } from './temporal-writes';
import { identityMoves } from './transaction-writes';

/*
 * SAVE TRANSACTION and ROLLBACK TRANSACTION <savepoint> (the SAVE TRANSACTION page): a rollback
 * to a savepoint undoes the changes made since it and keeps the transaction open, @@TRANCOUNT
 * unchanged; the savepoint stays, the savepoints set after it go; of several savepoints of one
 * name, the most recent is the one rolled back to. DuckDB has no savepoints, so SAVE copies the
 * rows of every table of the run (temp and permanent; not table variables, which no rollback
 * touches) and the rollback puts them back. What the copy cannot put back is refused at the
 * ROLLBACK: tables created, dropped or altered since, a system-versioned table, an identity
 * moved by TRUNCATE, DBCC CHECKIDENT or an explicit value, and a transaction the emulator has
 * already rolled back after an error. Identity and sequence values drawn since stay drawn, as
 * in SQL Server, since the copy restores rows, never counters.
 */

interface Savepoint {
  /** The name as written or held by the variable; matched case-insensitively (see below). */
  readonly name: string;
  readonly where: string;
  /** The run's tables when it was set: DuckDB name -> copy, and their columns. */
  readonly copies: ReadonlyMap<string, { readonly copy: string; readonly columns: string }>;
  readonly moves: number;
}

const stacks = new WeakMap<EmulatorState, Savepoint[]>();

/** The outermost BEGIN TRANSACTION: no savepoint of an earlier transaction counts any more. */
export function startSavepoints(state: EmulatorState): void {
  stacks.set(state, []);
}

/** Before the outermost COMMIT: the copies go (a ROLLBACK takes them with the transaction). */
export async function dropSavepoints(state: EmulatorState): Promise<void> {
  const stack = stacks.get(state) ?? [];
  stacks.set(state, []);
  for (const sp of stack) for (const { copy } of sp.copies.values()) await state.session.run(`DROP TABLE IF EXISTS ${quote(copy)}`);
}

/** The run's tables a savepoint copies and restores: every table but table variables, once each. */
function tablesOfRun(state: EmulatorState): Map<string, string> {
  const tables = new Map<string, string>();
  for (const [key, info] of state.tables) {
    if (key.startsWith('@') || tables.has(info.sqlName)) continue;
    // computed columns are DuckDB's generated columns: neither copied nor written back
    tables.set(info.sqlName, info.columns.filter((c) => c.computed !== true).map((c) => quote(c.name)).join(', '));
  }
  return tables;
}

/** SAVE TRANSACTION `name`: copies the rows every table of the run holds now. */
export async function saveTransaction(state: EmulatorState, s: Transaction, name: string): Promise<void> {
  if (state.tranCount === 0) throw state.unsupported(s, 'SAVE TRANSACTION outside a transaction (SQL Server raises an error the emulator does not reproduce)');
  if (state.doomed) throw state.unsupported(s, 'SAVE TRANSACTION after an error inside the transaction (the emulator has already rolled it back)');
  const stack = stacks.get(state) ?? [];
  stacks.set(state, stack);
  // A savepoint of the name of the newest one replaces it: a ROLLBACK by that name goes to the
  // newer, and none can reach the older without going past both (a loop's SAVE per row).
  const top = stack[stack.length - 1];
  if (top !== undefined && top.name.toLowerCase() === name.toLowerCase()) {
    stack.pop();
    for (const { copy } of top.copies.values()) await state.session.run(`DROP TABLE IF EXISTS ${quote(copy)}`);
  }
  const copies = new Map<string, { copy: string; columns: string }>();
  for (const [sqlName, columns] of tablesOfRun(state)) {
    const copy = `__savepoint_${state.tempCounter++}`;
    await state.session.run(`CREATE TEMP TABLE ${quote(copy)} AS SELECT ${columns} FROM ${sqlName}`);
    copies.set(sqlName, { copy, columns });
  }
  stack.push({ name, where: state.place(s.span), copies, moves: identityMoves(state) });
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
  const changed = [...now.keys()].filter((t) => sp.copies.get(t)?.columns !== now.get(t)).concat([...sp.copies.keys()].filter((t) => !now.has(t)));
  if (changed.length > 0) throw refuse(`${changed.join(', ')} was created, dropped or altered since`);
  for (const [key, info] of state.tables) {
    if (!key.startsWith('@') && isVersioned(state, info)) throw refuse(`the system-versioned table ${info.sqlName} is not restored`);
  }
  for (const [sqlName, { copy, columns }] of sp.copies) {
    await runSql(state, `DELETE FROM ${sqlName}`, [], s.span);
    await runSql(state, `INSERT INTO ${sqlName} (${columns}) SELECT ${columns} FROM ${quote(copy)}`, [], s.span);
  }
  noteAnyWrite(state);
  // the savepoints set after it go; it stays, for another ROLLBACK to it
  for (const later of stack.splice(at + 1)) for (const { copy } of later.copies.values()) await state.session.run(`DROP TABLE IF EXISTS ${quote(copy)}`);
  return true;
}

/** A transaction or savepoint name as written, or the first 32 characters of the variable holding it (SAVE TRANSACTION page). */
export function transactionName(state: EmulatorState, name: string): string {
  if (!name.startsWith('@')) return name;
  return (state.frame.variables.get(name.toLowerCase())?.value ?? '').slice(0, 32);
}
