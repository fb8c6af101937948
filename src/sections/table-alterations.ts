import * as tsql from '../tsql';

/** A change a script makes to a permanent table after its CREATE TABLE. */
export type TableChange =
  | { readonly kind: 'alter'; readonly statement: tsql.AlterTable }
  | { readonly kind: 'rename'; readonly from: string; readonly to: string }
  /** `sp_rename 'dbo.Old', 'New'`: the table's name from here on (normalised, and its parts as written). */
  | { readonly kind: 'rename-table'; readonly to: string; readonly parts: readonly string[] };

/**
 * The ALTER TABLE … ADD / DROP / ALTER COLUMN statements and `sp_rename … 'COLUMN'` calls of the
 * scripts, per table (keyed as catalogTables keys it), in the order the scripts run: an upgrade
 * script (`V002__add_column.sql`) changes a table another file created, and the procedure in
 * effect reads the changed table. Statements inside procedures, functions and triggers change
 * a table only when they run, so only the scripts' own statements (IF guards included) count,
 * as the emulator builds its tables. A table renamed by `sp_rename 'dbo.Old', 'New'` keeps its
 * changes under the name its CREATE TABLE gave it: later scripts' changes by its new name join
 * them, and {@link tableNameAfter} gives the name the procedures read.
 */
export function tableChangesOf(scripts: readonly tsql.ParsedScript[], defaultSchema = 'dbo'): Map<string, TableChange[]> {
  const out = new Map<string, TableChange[]>();
  // a renamed table's new name -> the name its changes are kept under
  const origin = new Map<string, string>();
  const add = (name: string, change: TableChange): void => {
    const key = origin.get(name) ?? name;
    out.set(key, [...(out.get(key) ?? []), change]);
  };
  // changes before a DROP TABLE that rebuilt the table were of the table dropped
  const effect = tsql.tablesInEffect(scripts, defaultSchema);
  for (const script of scripts) {
    for (const batch of script.batches) {
      for (const top of batch.statements) {
        tsql.walk(top, (n) => {
          if (n.kind === 'CreateProcedure' || n.kind === 'CreateFunction' || n.kind === 'CreateTrigger') return false;
          if (n.kind === 'AlterTable' && !tsql.isTempName(n.name) && effect.appliesTo(tsql.normalizeObjectName(n.name, defaultSchema), n, script)) add(tsql.normalizeObjectName(n.name, defaultSchema), { kind: 'alter', statement: n });
          if (n.kind === 'Execute') {
            const rename = tsql.columnRenameOf(n);
            if (rename !== undefined && effect.appliesTo(tsql.normalizeNameParts(rename.table, defaultSchema), n, script)) add(tsql.normalizeNameParts(rename.table, defaultSchema), { kind: 'rename', from: rename.from, to: rename.to });
            const renamed = tsql.objectRenameOf(n);
            if (renamed !== undefined) {
              const from = tsql.normalizeNameParts(renamed.object, defaultSchema);
              const parts = tsql.renamedObjectParts(renamed);
              const to = tsql.normalizeNameParts(parts, defaultSchema);
              add(from, { kind: 'rename-table', to, parts });
              origin.set(to, origin.get(from) ?? from);
              origin.delete(from);
            }
          }
          return undefined;
        });
      }
    }
  }
  return out;
}

/** A table's definition with the scripts' later changes applied (see {@link tableChangesOf}). */
export function withTableChanges(def: tsql.TableDefinition, changes: readonly TableChange[] | undefined): tsql.TableDefinition {
  let d = def;
  const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
  for (const change of changes ?? []) {
    if (change.kind === 'rename-table') continue;
    if (change.kind === 'rename') { d = tsql.renameColumnIn(d, change.from, change.to); continue; }
    const s = change.statement;
    if (s.action === 'ADD') d = tsql.withAddedColumns(d, s);
    else if (s.action === 'DROP') {
      const dropped = s.dropped.map((x) => x.name);
      const kept = (k: tsql.TableConstraint): boolean => k.name === undefined || !dropped.some((x) => same(x, k.name?.name ?? ''));
      d = { ...d, columns: d.columns.filter((c) => !dropped.some((x) => same(x, c.name.name))), constraints: d.constraints.filter(kept) };
    } else if (s.action === 'ALTER COLUMN') {
      d = { ...d, columns: d.columns.map((c) => s.columns.find((x) => same(x.name.name, c.name.name)) ?? c) };
    }
  }
  return d;
}

/** The name a table has after the scripts' changes: the last `sp_rename` of it, else undefined. */
export function tableNameAfter(changes: readonly TableChange[] | undefined): string | undefined {
  const last = [...(changes ?? [])].reverse().find((c) => c.kind === 'rename-table');
  return last?.kind === 'rename-table' ? last.to : undefined;
}
