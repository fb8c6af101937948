import type { OpaqueStatement } from '../../../tsql';
import { readableTableName } from '../../baseline-names';
import { SqlTranslator } from '../expressions';
import { resolveTable } from '../queries';
import type { EmulatorState, TableInfo } from '../state';
import { restartIdentityAfter } from './tables';
import { noteIdentityMove } from '../transactions/transaction-writes';

// DBCC CHECKIDENT ('table', RESEED, n) [WITH NO_INFOMSGS], the reseed after a staging table's
// DELETE. The DBCC CHECKIDENT page: the current identity value becomes n; the next row gets n
// itself when no row was inserted since the table was created or TRUNCATEd, else n + increment
// (rows present, or all removed by DELETE). Other forms only report, and are refused.

const CHECKIDENT = /^DBCC\s+CHECKIDENT\s*\(\s*(N?'(?:[^']|'')*'|[^,()\s]+)\s*(?:,\s*(\w+)\s*(?:,\s*(@\w+|[-+]?\s*\d+)\s*)?)?\)\s*(WITH\s+NO_INFOMSGS\s*)?;?\s*$/i;

/** The table a `DBCC CHECKIDENT ('t', …)` names, as written, if the statement is one. */
export function checkidentTable(s: OpaqueStatement): string | undefined {
  const raw = CHECKIDENT.exec(s.text.trim())?.[1];
  return raw === undefined ? undefined : raw.replace(/^N?'|'$/g, '').replace(/''/g, "'");
}

export async function dbccCheckident(state: EmulatorState, s: OpaqueStatement): Promise<void> {
  const m = CHECKIDENT.exec(s.text.trim());
  if (m === null) throw state.unsupported(s, `${s.text.trim().split(/\s+/).slice(0, 2).join(' ')} (only DBCC CHECKIDENT ('table', RESEED, value) is emulated)`);
  const [, rawName = '', option, rawValue, noInfo] = m;
  if (option?.toUpperCase() !== 'RESEED' || rawValue === undefined) {
    throw state.unsupported(s, 'DBCC CHECKIDENT without RESEED and a new value (it reports the identity\'s history, which a capture does not know)');
  }
  const written = checkidentTable(s) ?? rawName;
  const info = resolveTable(new SqlTranslator(state), written);
  const identity = info.identity;
  if (identity === undefined) throw state.unsupported(s, `DBCC CHECKIDENT of ${written}, which has no identity column (error 7997)`);
  if ((identity.increment ?? 1) < 0) throw state.unsupported(s, `DBCC CHECKIDENT of ${written}, whose identity decreases`);
  const value = reseedValue(state, s, rawValue);
  const rows = Number(await state.session.scalar(`SELECT count(*) FROM ${info.sqlName}`));
  const fresh = rows === 0 ? freshIdentity(state, info) : false;
  if (fresh === undefined) {
    throw state.unsupported(s, `DBCC CHECKIDENT RESEED of ${written}, empty and not written by the run (whether its next value is the new seed depends on whether rows were ever inserted into it)`);
  }
  if (noInfo === undefined) state.messages.push(...infoMessages(state, s, info, fresh));
  await restartIdentityAfter(state, info, fresh ? value : value + BigInt(identity.increment ?? 1));
  state.identityByTable.set(info.sqlName, value.toString());
  noteIdentityMove(state, info.sqlName, state.place(s.span));
  state.rowCount = 0;
}

function reseedValue(state: EmulatorState, s: OpaqueStatement, raw: string): bigint {
  if (!raw.startsWith('@')) return BigInt(raw.replace(/\s+/g, ''));
  const v = state.frame.variables.get(raw.toLowerCase())?.value;
  if (v === null || v === undefined || !/^-?\d+$/.test(v)) throw state.unsupported(s, `DBCC CHECKIDENT RESEED with ${raw} holding ${v === null || v === undefined ? 'NULL' : v}`);
  return BigInt(v);
}

/**
 * Whether an empty table's identity has had no row since it was created or truncated: true for
 * a #temp table or table variable the run created and a table it truncated, with no insert since;
 * false when the run inserted into it or loaded rows; undefined for an input table loaded empty.
 */
function freshIdentity(state: EmulatorState, info: TableInfo): boolean | undefined {
  if (state.identityUsed.has(info.sqlName)) return false;
  if (state.identityTruncated.has(info.sqlName)) return true;
  const key = [...state.tables].find(([, x]) => x === info)?.[0] ?? '';
  return key.startsWith('#') || key.startsWith('@') ? true : undefined;
}

/** The informational messages SQL Server prints without WITH NO_INFOMSGS: the current identity value before the reseed. */
function infoMessages(state: EmulatorState, s: OpaqueStatement, info: TableInfo, fresh: boolean): string[] {
  const known = state.identityUsed.has(info.sqlName) ? state.identityByTable.get(info.sqlName) : fresh && !state.identityTruncated.has(info.sqlName) ? 'NULL' : undefined;
  if (known === undefined) throw state.unsupported(s, `DBCC CHECKIDENT's message of the current identity value of ${readableTableName(info.sqlName)}, which depends on its history (add WITH NO_INFOMSGS)`);
  return [
    `Checking identity information: current identity value '${known}'.`,
    'DBCC execution completed. If DBCC printed error messages, contact your system administrator.',
  ];
}
