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

/**
 * Where an identity table's sequence stands before a MERGE that runs without RETURNING (dml.ts:
 * beside WHEN NOT MATCHED BY SOURCE THEN UPDATE): the rows it inserts are counted from the values
 * it draws. `last`: the last value drawn, undefined before the first; `start`: its first value.
 */
export interface SequenceMark { readonly last: bigint | undefined; readonly start: bigint }

export async function sequenceLastValue(state: EmulatorState, info: TableInfo): Promise<SequenceMark | undefined> {
  if (info.identity === undefined) return undefined;
  const rows = await state.session.all(`SELECT CAST(last_value AS VARCHAR) AS last, CAST(start_value AS VARCHAR) AS start FROM duckdb_sequences() WHERE sequence_name = $1`, [info.identity.sequence]);
  const r = rows[0];
  if (r === undefined) return undefined;
  return { last: r.last === null || r.last === undefined ? undefined : BigInt(String(r.last)), start: BigInt(String(r.start)) };
}

/** How many rows such a MERGE inserted: the identity values it drew (one per row, in steps of the increment). */
export async function bySourceInserts(state: EmulatorState, info: TableInfo, before: SequenceMark | undefined): Promise<number> {
  const after = info.identity === undefined ? undefined : await sequenceLastValue(state, info);
  if (after?.last === undefined) return 0;
  const step = BigInt(info.identity?.increment ?? 1);
  return before?.last === undefined ? Number((after.last - after.start) / step) + 1 : Number((after.last - before.last) / step);
}
