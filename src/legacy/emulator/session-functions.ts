import { LegacyError } from '../../core';
import { quoteLiteral } from '../../engine';
import type { Expression, FunctionCall } from '../../tsql';
import type { SqlFragment, SqlTranslator } from './expressions';
import type { EmulatorState } from './state';
import { makeType } from './tsql-types';

// The functions that name the session a procedure runs in: its login, database user, client
// host and application, the database and server, the session id. They are facts of the
// connection, not of the data: audit columns (`CreatedBy = SUSER_SNAME()`) and lineage rows
// write them. The emulator gives what `migrate capture --context name=value` says, and refuses
// one it was not told rather than invent a value a baseline would then hold. A value is written
// into the SQL as a literal, not bound: it is one for the whole run, and a column DEFAULT
// (`CreatedBy DEFAULT SUSER_SNAME()`) becomes part of a DuckDB table's definition.

/** The names `--context` takes, with what each one is. */
export const SESSION_CONTEXT_NAMES = {
  login: 'the login (SUSER_SNAME(), SUSER_NAME(), SYSTEM_USER, ORIGINAL_LOGIN())',
  user: 'the database user (USER_NAME(), CURRENT_USER, SESSION_USER, USER)',
  host: 'the client computer (HOST_NAME())',
  app: 'the client application (APP_NAME())',
  database: 'the database (DB_NAME())',
  server: 'the server (@@SERVERNAME)',
  spid: 'the session id (@@SPID)',
} as const;

export type SessionContextName = keyof typeof SESSION_CONTEXT_NAMES;

/** The context name of each function without arguments (niladic ones included: SYSTEM_USER, USER). */
const FUNCTIONS: Readonly<Record<string, SessionContextName>> = {
  SUSER_SNAME: 'login', SUSER_NAME: 'login', SYSTEM_USER: 'login', ORIGINAL_LOGIN: 'login',
  USER_NAME: 'user', CURRENT_USER: 'user', SESSION_USER: 'user', USER: 'user',
  HOST_NAME: 'host', APP_NAME: 'app', DB_NAME: 'database',
};

/**
 * SUSER_SNAME(), HOST_NAME(), DB_NAME()… as the `--context` value, typed nvarchar(128) (their
 * pages' return type). With an argument (a SID, a user or database id) they look the catalog
 * up, which the scripts do not hold: refused. Under `EXECUTE AS` other than CALLER (a procedure's
 * `WITH EXECUTE AS OWNER`) the login and user functions name the impersonated context, which the
 * emulator does not know; ORIGINAL_LOGIN() names the caller's login even then.
 */
export function sessionFunction(t: SqlTranslator, call: FunctionCall, name: string): SqlFragment {
  const context = FUNCTIONS[name] as SessionContextName;
  if (call.args.length > 0) throw t.state.unsupported(call, `${name} with an argument (it looks the server's catalog up, which the scripts do not hold)`);
  if ((context === 'login' || context === 'user') && name !== 'ORIGINAL_LOGIN') refuseImpersonated(t.state, call, name);
  const value = contextValue(t.state, call, name === 'SYSTEM_USER' || name === 'CURRENT_USER' || name === 'SESSION_USER' || name === 'USER' ? name : `${name}()`, context);
  return { sql: quoteLiteral(value), family: 'string', duckType: 'VARCHAR', tsqlType: makeType('nvarchar', ['128']) };
}

/** @@SPID (smallint) and @@SERVERNAME (nvarchar(128)) from the `--context` values. */
export function sessionVariable(t: SqlTranslator, node: Expression, name: '@@SPID' | '@@SERVERNAME'): SqlFragment {
  if (name === '@@SPID') return { sql: `CAST(${quoteLiteral(contextValue(t.state, node, name, 'spid'))} AS SMALLINT)`, family: 'integer', duckType: 'SMALLINT', tsqlType: makeType('smallint', []) };
  return { sql: quoteLiteral(contextValue(t.state, node, name, 'server')), family: 'string', duckType: 'VARCHAR', tsqlType: makeType('nvarchar', ['128']) };
}

function contextValue(state: EmulatorState, at: Expression, written: string, context: SessionContextName): string {
  const value = state.sessionContext.get(context);
  if (value !== undefined) return value;
  throw new LegacyError('LEGACY_UNSUPPORTED', `${written} is ${SESSION_CONTEXT_NAMES[context].replace(/ \(.*/, '')} of the session, which the emulator was not told`, {
    location: state.locate(at.span),
    hint: `give it with \`migrate capture --context ${context}=<value>\` (what SQL Server gives in the session the legacy job runs in; kept in manifest.json); \`sections record\` is not told it, so a section reading it cannot be recorded`,
  });
}

function refuseImpersonated(state: EmulatorState, at: Expression, name: string): void {
  for (const frame of state.frames) {
    const options = 'options' in frame.procedure ? frame.procedure.options : [];
    const as = options.find((o) => /^EXEC(?:UTE)?\s+AS\b/i.test(o) && !/\bCALLER$/i.test(o));
    if (as !== undefined) throw state.unsupported(at, `${name} under ${as} (it names the impersonated context, which the emulator does not know)`);
  }
}
