import { LegacyError } from '../../core';
import type { Statement } from '../../tsql';
import { selectIntoQuery } from '../../tsql';
import { TsqlRuntimeError, type EmulatorState } from './state';
import { STATEMENT_LEVEL } from './transactions/xact-state';
import { refuseErrorInOrderInsensitiveLoop } from './reproducibility/order-insensitive-runs';

/*
 * A T-SQL error outside TRY, as legacy code without TRY/CATCH meets it (`INSERT …; IF @@ERROR <>
 * 0 GOTO ErrorHandler`). SQL Server sends the error to the client and then, by the error:
 * - ends only the statement, which it rolls back, and goes on with the next one, @@ERROR set:
 *   key and constraint violations (the @@ERROR page's examples test 547 after an UPDATE; the SET
 *   XACT_ABORT page's transaction keeps the rows around a foreign key violation), and arithmetic
 *   errors under the default ANSI_WARNINGS ON (SET ARITHABORT: "the query ends, but the batch
 *   doesn't abort"); RAISERROR of severity 11-18 (it never aborts the batch, and XACT_ABORT does
 *   not apply to it);
 * - ends the batch, callers included: every error under SET XACT_ABORT ON (its transaction rolled
 *   back), THROW ("If a TRY...CATCH construct isn't available, the statement batch is
 *   terminated"), severity 19 and above (Database Engine error severities), 241 (BATCH_LEVEL);
 * - for other errors (conversion errors above all) the documentation does not say which. The
 *   emulator then goes on only until something else would run: the next statement is refused,
 *   naming the error, and a run that ends right there ends with the error as both would.
 * Inside TRY (in this frame or a caller's) the CATCH block takes every error, as before.
 */

/** @@ERROR when it is not known (after an IF, WHILE or block whose last statement failed, after an EXEC whose callee met an error). */
export const ERROR_UNKNOWN = -1;

/** Errors a statement handler already passed on (to a CATCH block, or ending the batch): enclosing statements pass them on too. */
const decided = new WeakSet<TsqlRuntimeError>();

/**
 * What an error met while running `s` does. Returns true when the batch goes on after `s`
 * (@@ERROR and @@ROWCOUNT set, the error recorded as sent to the client), false when the error
 * goes on up (to a CATCH block, or ending the run); throws a refusal where SQL Server's outcome
 * cannot be reproduced. `writesBefore` is state.dmlWrites when `s` started.
 */
export function continuesAfterError(state: EmulatorState, s: Statement, err: unknown, writesBefore: number): boolean {
  // Every error a statement meets comes here first, the innermost statement first: one inside a
  // loop the order check takes in either order is the order's (order-insensitive-runs.ts).
  refuseErrorInOrderInsensitiveLoop(state, s, err);
  if (!(err instanceof TsqlRuntimeError) || decided.has(err)) return false;
  // A function's error ends the statement that called it: that statement decides.
  if (state.frames.length === 0 || state.frame.procedure.kind === 'CreateFunction') return false;
  decided.add(err);
  // SQL Server rolls the whole statement back; a statement the emulator runs in steps (an INSERT
  // before its OUTPUT INTO) may have written a first step when a later one failed. Inside a
  // transaction DuckDB's rollback at the error took that step with the rest (xact-state.ts).
  const partial = state.dmlWrites !== writesBefore && !COMPOUND.has(s.kind) && s.kind !== 'Execute' && !(state.tranCount > 0 && state.doomed);
  const { number, severity } = err.error;
  if (partial) throw state.unsupported(s, `error ${number} (${err.error.message}) in a statement that had already written part of its work (SQL Server rolls the whole statement back)`);
  if (number === MAXRECURSION_ERROR && (state.tryDepth > 0 || state.tryUnknown !== undefined) && !rolledBackWhole(s)) throw state.unsupported(s, MAXRECURSION_PARTIAL);
  if (state.tryDepth > 0) return false;
  if (state.tryUnknown !== undefined) throw state.unsupported(s, `error ${err.error.number} (${err.error.message}) in a section ${state.tryUnknown}`);
  if (s.kind === 'Throw' || severity >= 19 || BATCH_LEVEL.has(number)) return false;
  if (!err.raiserror) {
    if (state.xactAbort === undefined) throw state.unsupported(s, `error ${number} (${err.error.message}) outside TRY, with SET XACT_ABORT set inside an IF or a loop before the section (ON ends the batch, OFF only the statement)`);
    if (state.xactAbort) return false;
  }
  if (!err.raiserror && !STATEMENT_LEVEL.has(number)) state.pendingAbort = { error: err, location: state.locate(s.span) };
  state.clientErrors.push(err.error);
  state.errorNumber = number;
  // The failed statement affected no row (SQL Server reports `(0 rows affected)` for it).
  state.rowCount = 0;
  return true;
}

const COMPOUND = new Set<Statement['kind']>(['Block', 'If', 'While', 'TryCatch']);

/** Msg 530: a recursive CTE went past its MAXRECURSION limit (severity 16 in the Database Engine's error list). */
const MAXRECURSION_ERROR = 530;
const MAXRECURSION_PARTIAL = 'error 530 (MAXRECURSION exhausted) taken by a CATCH block after a statement that hands rows out as they come (a result set, a SELECT assigning variables, a cursor, OUTPUT): SQL Server may have returned partial results or none before the error, which the run after it would show';

/**
 * Whether SQL Server's documented outcome of a query stopped at its MAXRECURSION limit is all
 * there is to `s`: "all effects of the statement are rolled back" (the query hints page), so a
 * write without OUTPUT, SELECT … INTO, or a single assignment or condition evaluated after the
 * query leaves nothing. A result set, a SELECT assigning variables row by row, a cursor or an
 * OUTPUT clause may have handed out part of the rows first ("partial results or no results may
 * be returned"): which, the documentation does not say, and the code after a CATCH could read it.
 */
function rolledBackWhole(s: Statement): boolean {
  switch (s.kind) {
    case 'Insert': return s.output === undefined && s.source.kind !== 'Execute';
    case 'Delete': case 'Merge': return s.output === undefined;
    case 'Update': return s.output === undefined && s.assignments.every((a) => a.variable === undefined);
    case 'Select': return selectIntoQuery(s.body) !== undefined;
    case 'SetVariable': return s.cursor === undefined;
    case 'If': case 'While': case 'Declare': case 'Return': return true;
    default: return false;
  }
}

/**
 * Errors documented to end the batch: 241, a date the text does not spell under SET DATEFORMAT
 * (the SET DATEFORMAT page's example shows the error and no result of the SELECT after it).
 */
const BATCH_LEVEL: ReadonlySet<number> = new Set([241]);

/** @@ERROR after `s` ran without an error of its own, when an error was sent to the client while it ran. */
export function errorAfterInnerErrors(state: EmulatorState, s: Statement): number {
  // Not documented: @@ERROR after an IF, WHILE or block whose last statement failed, and after
  // an EXEC whose procedure met an error it went on past.
  return s.kind === 'Execute' || state.errorNumber !== 0 ? ERROR_UNKNOWN : 0;
}

/**
 * The refusal once something would run after an error whose kind (statement- or batch-ending)
 * the documentation does not give: located at the statement that failed.
 */
export function pendingAbortRefusal(state: EmulatorState): LegacyError {
  const pending = state.pendingAbort;
  const e = pending?.error.error;
  return new LegacyError('LEGACY_UNSUPPORTED', `the emulator does not support going on after error ${e?.number ?? '?'} (${e?.message ?? ''}) outside TRY: SQL Server ends either this statement or the whole batch (rolling back its transaction), and the documentation does not say which for this error`, {
    location: pending?.location,
    hint: pending?.error.inputHint ?? 'handle the error with TRY … CATCH, make the input avoid it, or capture from SQL Server with MIGRATE_MSSQL_URL',
  });
}

/**
 * A truncation of text or binary data is error 2628 on SQL Server 2019 and later at database
 * compatibility level 150 or higher (VERBOSE_TRUNCATION_WARNINGS, on by default there) and 8152
 * before: which one the legacy database raises is not in the scripts, so without the level
 * (compatibility-level.ts) its number is not read (ERROR_NUMBER(), @@ERROR), where a CATCH would
 * log or compare it.
 */
export const TRUNCATION_ERROR = 2628;
export const TRUNCATION_NUMBER_UNKNOWN = 'the number of a truncation error: 2628 on SQL Server 2019 and later at compatibility level 150 or higher, 8152 on earlier versions and levels, which the scripts do not say (give the legacy database\'s level: legacy.compatibilityLevel in migrate.config.yaml, or --compatibility-level)';

/** What reading @@ERROR is refused as when it is ERROR_UNKNOWN (expressions.ts). */
export const UNKNOWN_ERROR_NUMBER = '@@ERROR after an IF, WHILE or BEGIN … END whose last statement failed, or after an EXEC whose procedure met an error (what SQL Server gives then is not documented)';
