import { readableTableName } from '../../baseline-names';
import { noteUnorderedIdentity } from '../reproducibility/taint-sources';
import type { EmulatorState, TableInfo } from '../state';

/**
 * After a MERGE that inserted `inserts` rows into a table with an identity: SCOPE_IDENTITY() and
 * @@IDENTITY give the last value it drew; several rows are numbered in the order SQL Server's
 * plan yields them (no ORDER BY can say it), so their values are marked non-reproducible: the
 * identity column alone (`columnOnly`, no OUTPUT or trigger carrying them elsewhere), else every table.
 */
export async function noteMergedIdentity(state: EmulatorState, info: TableInfo, inserts: number, place: string, columnOnly: boolean): Promise<void> {
  if (inserts === 0 || info.identity === undefined) return;
  if (inserts > 1) noteUnorderedIdentity(state, readableTableName(info.sqlName), `the MERGE at ${place}`, columnOnly ? info : undefined);
  await noteIdentityDrawn(state, info);
}

/** The last identity value a statement drew for `info` (its sequence's current value), for SCOPE_IDENTITY() and the others. */
export async function noteIdentityDrawn(state: EmulatorState, info: TableInfo): Promise<void> {
  if (info.identity === undefined) return;
  const v = await state.session.scalar(`SELECT currval('${info.identity.sequence}')`);
  state.identityDrawn(info.sqlName, v === null || v === undefined ? null : String(v));
}
