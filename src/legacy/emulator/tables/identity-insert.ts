import type { Insert, MergeInsert, SetOption } from '../../../tsql';
import { quote, SqlTranslator } from '../expressions';
import { resolveTable, tableKeyOf } from '../queries';
import { TsqlRuntimeError, type EmulatorState, type TableInfo } from '../state';
import { restartIdentityAfter } from './tables';
import { identityLostAt, noteIdentityMove } from '../transactions/transaction-writes';

// SET IDENTITY_INSERT t ON|OFF and the INSERTs that give an identity column its value: the errors
// SQL Server raises (544, 545, 8101, 8106, 8107) and the identity's current value afterwards
// ("If the value inserted is larger than the current identity value for the table, SQL Server
// automatically uses the new inserted value as the current identity value", SET IDENTITY_INSERT page).

function fail(state: EmulatorState, node: Pick<Insert, 'span'>, number: number, message: string, messageUnknown?: string): TsqlRuntimeError {
  return new TsqlRuntimeError({
    number, message, severity: 16, state: 1, line: state.tsqlLine(node.span), procedure: state.procedureName,
    ...(messageUnknown === undefined ? {} : { messageUnknown }),
  }, { location: state.locate(node.span) });
}

/** The table name as SQL Server's identity messages print it: the name alone, without its schema. */
function shortName(info: TableInfo): string {
  return info.sqlName.replace(/^.*\./, '').replace(/^"|"$/g, '').replace(/""/g, '"');
}

/** A #temp table or table variable: SQL Server's messages name it as tempdb holds it (`#t___…_0000000000A1`). */
function tempName(info: TableInfo): string | undefined {
  return /^[#@]/.test(shortName(info)) ? 'names the temporary table as tempdb holds it' : undefined;
}

/** SET IDENTITY_INSERT t ON|OFF: one table of the session at a time, a table with an identity. */
export function setIdentityInsert(state: EmulatorState, s: SetOption): void {
  if (s.target === undefined) throw state.unsupported(s, 'SET IDENTITY_INSERT without a table');
  const written = s.target.parts.map((p) => p.name).join('.');
  const info = resolveTable(new SqlTranslator(state), written);
  const on = s.value.trim().toUpperCase() === 'ON';
  if (info.identity === undefined) throw fail(state, s, 8106, `Table '${written}' does not have the identity property. Cannot perform SET operation.`);
  if (!on) {
    if (state.identityInsert === info.sqlName) state.identityInsert = undefined;
    return;
  }
  if (state.identityInsert !== undefined && state.identityInsert !== info.sqlName) {
    throw fail(state, s, 8107, `IDENTITY_INSERT is already ON for table '${state.identityInsert}'. Cannot perform SET operation for table '${written}'.`, 'names the database');
  }
  state.identityInsert = info.sqlName;
}

/**
 * Checks an INSERT into a table with an identity against IDENTITY_INSERT: an explicit value needs
 * it ON (544), it ON needs an explicit value (545) and a column list (8101). True when the INSERT
 * gives the identity its values.
 */
export function explicitIdentity(state: EmulatorState, ins: Insert, info: TableInfo): boolean {
  const identity = info.identity;
  if (identity === undefined) return false;
  refuseLostIdentity(state, ins, info);
  const listed = ins.columns.some((c) => c.name.toLowerCase() === identity.column.toLowerCase());
  // A section whose SET IDENTITY_INSERT lies outside it: the INSERT as written is what the
  // procedure runs without error (explicit values with it ON, none with it OFF).
  if (setOutsideSection(state, info)) return listed;
  const on = state.identityInsert === info.sqlName;
  if (listed && !on) throw fail(state, ins, 544, `Cannot insert explicit value for identity column in table '${shortName(info)}' when IDENTITY_INSERT is set to OFF.`, tempName(info));
  if (on && ins.columns.length === 0 && ins.source.kind !== 'DefaultValues') throw fail(state, ins, 8101, `An explicit value for the identity column in table '${shortName(info)}' can only be specified when a column list is used and IDENTITY_INSERT is ON.`, tempName(info));
  if (on && !listed) throw fail(state, ins, 545, `Explicit value must be specified for identity column in table '${shortName(info)}' either when IDENTITY_INSERT is set to ON or when a replication user is inserting into a NOT FOR REPLICATION identity column.`, tempName(info));
  return listed;
}

function setOutsideSection(state: EmulatorState, info: TableInfo): boolean {
  return state.identityInsertOutside.some((written) => state.tables.get(tableKeyOf(state, written)) === info);
}

/** The RETURNING clause that gives back the identity values an INSERT wrote explicitly. */
export function explicitIdentityReturning(info: TableInfo): string {
  return `CAST(${quote(info.identity?.column ?? '')} AS VARCHAR) AS "__identity"`;
}

/**
 * After an INSERT wrote `values` into the identity column: the identity's current value moves up
 * to the largest of them when it is larger, and SCOPE_IDENTITY()/@@IDENTITY give the value of a
 * one-row INSERT (of several rows, the last in SQL Server's plan order: refused where read).
 */
export async function noteExplicitIdentity(state: EmulatorState, ins: Insert, info: TableInfo, values: readonly string[]): Promise<void> {
  const identity = info.identity;
  if (identity === undefined || values.length === 0) return;
  const increment = BigInt(identity.increment ?? 1);
  if (increment < 0n) throw state.unsupported(ins, 'explicit values for an identity with a negative increment (how SQL Server moves its current value is not documented)');
  const largest = values.map((v) => BigInt(v)).reduce((a, b) => (b > a ? b : a));
  const seq = await state.session.all(`SELECT CAST(last_value AS VARCHAR) AS last, CAST(start_value AS VARCHAR) AS start FROM duckdb_sequences() WHERE sequence_name = $1`, [identity.sequence]);
  const row = seq[0] as { last: string | null; start: string } | undefined;
  if (row === undefined) throw new Error(`emulator: the identity sequence ${identity.sequence} of ${info.sqlName} is missing`);
  // The current value: the sequence's last, or the one before its start (loaded rows, TRUNCATE).
  // A sequence at the seed that drew nothing stands for a new table, which has no current value.
  const fresh = row.last === null && BigInt(row.start) === BigInt(identity.seed ?? 1);
  const current = row.last === null ? BigInt(row.start) - increment : BigInt(row.last);
  if (fresh && largest <= current) {
    throw state.unsupported(ins, `an explicit identity value below the seed of ${shortName(info)}, which has no current identity value yet (what SQL Server's next value is then is not documented)`);
  }
  state.identityUsed.add(info.sqlName);
  if (largest > current) {
    await restartIdentityAfter(state, info, largest + increment);
    state.identityByTable.set(info.sqlName, largest.toString());
    noteIdentityMove(state, info.sqlName, state.place(ins.span));
  }
  if (values.length === 1) {
    state.lastIdentity = values[0] ?? null;
    state.sessionIdentity = state.lastIdentity;
    state.identityUnknownWhy = undefined;
    state.sessionIdentityUnknownWhy = undefined;
  } else {
    state.identityUnknownWhy = `SCOPE_IDENTITY() or @@IDENTITY after the INSERT of several explicit identity values at ${state.place(ins.span)} (SQL Server gives the last in its plan's order)`;
    state.sessionIdentityUnknownWhy = state.identityUnknownWhy;
  }
}

/** A MERGE's INSERT of the identity column: 544 with IDENTITY_INSERT OFF; with it ON, not emulated. */
export function refuseMergedIdentity(state: EmulatorState, action: MergeInsert, info: TableInfo): void {
  const identity = info.identity;
  if (identity === undefined) return;
  refuseLostIdentity(state, action, info);
  const listed = action.columns.some((c) => c.name.toLowerCase() === identity.column.toLowerCase());
  if (listed && state.identityInsert !== info.sqlName && !setOutsideSection(state, info)) throw fail(state, action, 544, `Cannot insert explicit value for identity column in table '${shortName(info)}' when IDENTITY_INSERT is set to OFF.`, tempName(info));
  if (state.identityInsert === info.sqlName) throw state.unsupported(action, 'a MERGE inserting into a table whose IDENTITY_INSERT is ON');
}

/** An INSERT (or IDENT_CURRENT) of a table whose identity a rolled-back transaction had moved (transaction-writes.ts). */
export function refuseLostIdentity(state: EmulatorState, node: Pick<Insert, 'span'>, info: TableInfo): void {
  const where = identityLostAt(state, info.sqlName);
  if (where !== undefined) throw state.unsupported(node, `the identity of ${shortName(info)} after the rollback of a transaction that moved it at ${where} (whether SQL Server keeps the move is not documented)`);
}
