import { LegacyError } from '../../core';
import type { Node } from '../../tsql';
import { isDynamicSql } from './dynamic-sql-scope';
import type { EmulatorState } from './state';

// ERROR_PROCEDURE() (its reference page): "SQL Server 2017 (14.x) and later versions return
// schema_name.stored_procedure_name; SQL Server 2016 (13.x) … return stored_procedure_name".
// Which one a legacy CATCH block logs depends on the server, which no script states: a bare
// name where the server gives `DQ.usp_CheckRule` would be a silently wrong value in an error
// log table. The release comes from --server-version (legacy.serverVersion), or from a
// compatibility level of 140 or more, which only SQL Server 2017 and later have.

/** True for SQL Server 2017 and later, false for earlier releases, undefined when the run does not know. */
function from2017(state: EmulatorState): boolean | undefined {
  if (state.serverVersion !== undefined) return state.serverVersion >= 2017;
  return state.compatibilityLevel !== undefined && state.compatibilityLevel >= 140 ? true : undefined;
}

/**
 * What ERROR_PROCEDURE() gives for an error raised in the procedure named `bare` (as its CREATE
 * writes it): the name alone before 2017; from 2017 with its schema, taken from the CREATE of the
 * one loaded procedure of that name (dbo when it names none, as the emulator resolves it).
 * Refused, at the call, when the release is not known, and where the schema is not certain (no
 * procedure or several of that name: a trigger, the same name in two schemas).
 */
export function errorProcedureName(state: EmulatorState, call: Node, bare: string): string {
  if (state.serverVersion !== undefined && state.serverVersion < 2017 && state.compatibilityLevel !== undefined && state.compatibilityLevel >= 140) {
    throw new LegacyError('LEGACY_SERVER_VERSION', `the server version ${state.serverVersion} and the compatibility level ${state.compatibilityLevel} contradict each other: a level of 140 or more exists only on SQL Server 2017 and later`, {
      location: state.locate(call.span), hint: 'state the legacy server\'s release (SELECT SERVERPROPERTY(\'ProductMajorVersion\')) and the database\'s level (sys.databases) as they are',
    });
  }
  const qualified = from2017(state);
  if (qualified === false) return bare;
  if (qualified === undefined) {
    throw new LegacyError('LEGACY_SERVER_VERSION', `ERROR_PROCEDURE() of an error in ${bare} depends on the server version: SQL Server 2017 and later give schema_name.${bare}, 2016 and earlier ${bare} alone`, {
      location: state.locate(call.span),
      hint: 'state it with --server-version <year> (capture, sections record) or legacy.serverVersion in migrate.config.yaml; --compatibility-level 140 or more also says 2017 or later',
    });
  }
  const found = [...state.procedures.values()].filter((p) => !isDynamicSql(p.procedure) && p.procedure.name.parts.at(-1)?.name === bare);
  const parts = found.length === 1 ? found[0]?.procedure.name.parts : undefined;
  if (parts === undefined) {
    throw new LegacyError('LEGACY_SERVER_VERSION', `ERROR_PROCEDURE() of an error in ${bare}: from SQL Server 2017 it names the schema too, and ${found.length === 0 ? `${bare} is no procedure of the scripts (a trigger's schema form is not documented)` : `${found.length} procedures of the scripts are named ${bare}`}`, {
      location: state.locate(call.span), hint: 'capture from SQL Server with MIGRATE_MSSQL_URL, or rewrite the CATCH block not to store the name',
    });
  }
  const schema = parts.length >= 2 ? parts[parts.length - 2]?.name ?? 'dbo' : 'dbo';
  return `${schema.toLowerCase() === 'dbo' ? 'dbo' : schema}.${bare}`;
}
