import type { FunctionCall } from '../../tsql';
import type { SqlFragment, SqlTranslator } from './expressions';
import { callMarker } from './call-stops';
import { errorProcedureName } from './error-procedure';
import { TRUNCATION_ERROR, TRUNCATION_NUMBER_UNKNOWN } from './statement-errors';

/*
 * ERROR_MESSAGE(), ERROR_NUMBER() and friends in a CATCH block. Where the emulator cannot give
 * SQL Server's value (a message naming the database or a generated constraint name, a state that
 * varies with where the server raises the error), a guess would be stored or printed as if SQL
 * Server had written it, so the value is refused. The refusal is an error() in the statement's
 * SQL, raised only where the value is computed: a CATCH that logs
 * `CASE WHEN ERROR_NUMBER() IN (2601, 2627) THEN 'duplicate key' ELSE ERROR_MESSAGE() END`
 * runs, as SQL Server's CASE evaluates only the branch it picks, and is refused, located at the
 * call, only for an error whose text it would read.
 */

export type ErrorFunctionName = 'ERROR_MESSAGE' | 'ERROR_NUMBER' | 'ERROR_SEVERITY' | 'ERROR_STATE' | 'ERROR_LINE' | 'ERROR_PROCEDURE';

/** The value `name`() gives in the CATCH block running, or a refusal raised where it is evaluated. */
export function translateErrorFunction(t: SqlTranslator, call: FunctionCall, name: ErrorFunctionName): SqlFragment {
  const str = (sql: string): SqlFragment => ({ sql, family: 'string', duckType: 'VARCHAR' });
  const int = (sql: string): SqlFragment => ({ sql, family: 'integer', duckType: 'INTEGER' });
  const refuse = (construct: string, duck: 'VARCHAR' | 'INTEGER'): string =>
    `CAST(error('the emulator does not support ${construct.replace(/'/g, "''")}' || ${callMarker(t.state, call)}) AS ${duck})`;
  const e = t.state.caught[t.state.caught.length - 1];
  if (name === 'ERROR_MESSAGE' && e?.messageUnknown !== undefined) {
    return str(refuse(`ERROR_MESSAGE() of error ${e.number} (SQL Server's text ${e.messageUnknown}, which a capture cannot know)`, 'VARCHAR'));
  }
  if (name === 'ERROR_STATE' && e?.stateUnknown === true) return int(refuse(`ERROR_STATE() of error ${e.number} (its state varies with where SQL Server raises it)`, 'INTEGER'));
  if (name === 'ERROR_NUMBER' && e?.number === TRUNCATION_ERROR && t.state.compatibilityLevel === undefined) return int(refuse(`ERROR_NUMBER() of ${TRUNCATION_NUMBER_UNKNOWN}`, 'INTEGER'));
  const field = { ERROR_MESSAGE: e?.message, ERROR_NUMBER: e?.number, ERROR_SEVERITY: e?.severity, ERROR_STATE: e?.state, ERROR_LINE: e?.line, ERROR_PROCEDURE: e?.procedure }[name];
  const textual = name === 'ERROR_MESSAGE' || name === 'ERROR_PROCEDURE';
  // An error of a batch (dynamic SQL) was raised in no procedure: ERROR_PROCEDURE() is NULL.
  if (name === 'ERROR_PROCEDURE' && field === '') return str(t.bind(null, 'VARCHAR'));
  // schema-qualified from SQL Server 2017, the name alone before (error-procedure.ts)
  if (name === 'ERROR_PROCEDURE' && field !== undefined) return str(t.bind(errorProcedureName(t.state, call, String(field)), 'VARCHAR'));
  return textual ? str(t.bind(field === undefined ? null : String(field), 'VARCHAR')) : int(t.bind(field === undefined ? null : String(field), 'INTEGER'));
}
