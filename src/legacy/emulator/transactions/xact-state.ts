import { walk, type FunctionCall, type Statement } from '../../../tsql';
import { TsqlRuntimeError, type EmulatorState } from '../state';
import { noteAnyWrite } from '../tables/table-versions';
import { noteRolledBack } from './transaction-writes';
import { inUndoLog } from './undo-transaction';

// DuckDB aborts a transaction at any error; SQL Server keeps it open for the CATCH block, either
// committable (XACT_STATE() 1: the work before the error stays and COMMIT keeps it) or
// uncommittable (XACT_STATE() -1: only ROLLBACK is allowed, COMMIT raises 3930). The emulator
// rolls back at once and remembers which of the two SQL Server has, so XACT_STATE() and COMMIT
// answer as SQL Server does, or refuse where it cannot know. Where the code goes on past errors
// under XACT_ABORT OFF, the emulator holds the transaction instead (undo-transaction.ts), and a
// statement-level error then leaves it as SQL Server does: committable, its rows in place.

/** What SQL Server's transaction is after the error that rolled the emulator's back. */
export interface TransactionDoom {
  /** The error's number (0 when it was not a T-SQL error). */
  readonly number: number;
  /** 'no' under XACT_ABORT ON, 'yes' after a statement-level error, 'unknown' otherwise. */
  readonly committable: 'yes' | 'no' | 'unknown';
}

/**
 * Errors that end only their statement, leaving the transaction committable without XACT_ABORT:
 * key and constraint violations (the SET XACT_ABORT page's example keeps the rows around a
 * foreign key violation), NULL into NOT NULL, truncated text, and arithmetic errors (SET
 * ARITHABORT: with ANSI_WARNINGS ON, overflow, divide-by-zero and domain errors end the query,
 * not the batch). Others, conversion errors above all, abort the batch, which inside TRY dooms
 * the transaction; the documentation lists none of them, so they stay unknown.
 */
export const STATEMENT_LEVEL: ReadonlySet<number> = new Set([2627, 2601, 547, 515, 2628, 8152, 8134, 8115, 220, 232, 3623]);

/**
 * Rolls DuckDB's transaction back after an error inside one (@@TRANCOUNT is kept, so the
 * procedure's own ROLLBACK finds nothing left to undo) and notes what SQL Server's is now.
 */
export async function doomTransaction(state: EmulatorState, err: unknown): Promise<void> {
  if (state.tranCount === 0 || state.doomed) return;
  const number = err instanceof TsqlRuntimeError ? err.error.number : 0;
  const committable = state.xactAbort === undefined ? 'unknown' : state.xactAbort ? 'no' : STATEMENT_LEVEL.has(number) ? 'yes' : 'unknown';
  // A transaction the emulator holds (undo-transaction.ts): DuckDB's autocommit took back only
  // the failing statement, as SQL Server does for a statement-level error, which leaves the
  // transaction as it was. Otherwise it is doomed with its rows still in place, until the
  // ROLLBACK puts them back (the writes and reads refused meanwhile are refused as below).
  if (inUndoLog(state)) {
    if (committable !== 'yes' || !(err instanceof TsqlRuntimeError)) { state.doomed = true; state.doom = { number, committable }; }
    return;
  }
  state.doomed = true;
  state.doom = { number, committable };
  noteAnyWrite(state);
  try { await state.session.run('ROLLBACK'); } catch { /* already rolled back */ }
  noteRolledBack(state);
}

/**
 * A T-SQL error the interpreter raised itself (THROW, 2714…) reaching a CATCH block: DuckDB's
 * transaction is intact, but under XACT_ABORT ON SQL Server's is doomed (RAISERROR excepted:
 * XACT_ABORT does not apply to it).
 */
export async function caughtUnderXactAbort(state: EmulatorState, err: TsqlRuntimeError): Promise<void> {
  // Not knowing XACT_ABORT (a section after a conditional SET), the transaction counts as doomed
  // with an unknown state: XACT_STATE() and COMMIT then refuse rather than guess.
  if (state.xactAbort !== false && !err.raiserror) await doomTransaction(state, err);
}

const isXactAbort = (s: { readonly options: readonly string[] }): boolean => s.options.some((o) => o.toUpperCase() === 'XACT_ABORT');

/**
 * SET XACT_ABORT as the statements before a section (not run by it) leave it: the last one
 * met, or undefined when one sits inside an IF or a loop (whether it ran depends on the data).
 */
export function xactAbortBefore(statements: readonly Statement[]): boolean | undefined {
  let on: boolean | undefined = false;
  for (const s of statements) {
    if (s.kind === 'SetOption' && isXactAbort(s)) {
      on = s.value.trim().toUpperCase() === 'ON';
      continue;
    }
    walk(s, (n) => { if (n.kind === 'SetOption' && isXactAbort(n)) on = undefined; });
  }
  return on;
}

/** XACT_STATE(): 0 without a transaction, 1 when it can commit, -1 when it cannot. */
export function xactState(state: EmulatorState, call: FunctionCall): number {
  if (state.tranCount === 0) return 0;
  if (!state.doomed) return 1;
  if (state.doom.committable === 'unknown') {
    throw state.unsupported(call, state.xactAbort === undefined
      ? `XACT_STATE() after error ${state.doom.number} inside a transaction, with SET XACT_ABORT set inside an IF or a loop before the section (whether it is ON is not known)`
      : `XACT_STATE() after error ${state.doom.number} inside a transaction without SET XACT_ABORT ON (whether that error leaves SQL Server's transaction committable is not documented)`);
  }
  return state.doom.committable === 'yes' ? 1 : -1;
}

/** COMMIT of a transaction an error rolled back in the emulator: 3930 when SQL Server's is uncommittable, else refused. */
export function commitAfterError(state: EmulatorState, s: Statement): never {
  if (state.doom.committable === 'no') {
    throw new TsqlRuntimeError({
      number: 3930, message: 'The current transaction cannot be committed and cannot support operations that write to the log file. Roll back the transaction.',
      severity: 16, state: 1, line: state.tsqlLine(s.span), procedure: state.procedureName,
    }, { location: state.locate(s.span) });
  }
  if (state.doom.committable === 'yes') {
    throw state.unsupported(s, `COMMIT after error ${state.doom.number} inside the transaction (SQL Server keeps the work done before the error and commits it; the emulator rolled it back)`);
  }
  throw state.unsupported(s, `COMMIT after error ${state.doom.number} inside the transaction${state.xactAbort === undefined ? ', SET XACT_ABORT not known' : ' without SET XACT_ABORT ON'} (SQL Server either commits the work done before the error or raises 3930, which is not documented for that error; the emulator rolled it back)`);
}
