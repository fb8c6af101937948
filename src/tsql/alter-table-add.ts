import type { AlterTable, TableConstraint, TableDefinition } from './ast';

/**
 * A table's definition after `ALTER TABLE … ADD` of a script. An ADD naming a column (or a
 * constraint) the table already has never changes it on SQL Server: the idempotent upgrade script's
 * guard (`IF COL_LENGTH('rpt.[Bill Line]', 'Prorate Factor') IS NULL`, `IF NOT EXISTS (SELECT …
 * FROM sys.columns …)`) skips it, and without a guard the statement fails whole (2705 for a
 * column, 2714 for a constraint name), adding nothing. So the statement is left out, whatever its
 * guard says: a project whose CREATE TABLE script already holds the column an upgrade script adds
 * has the column once, as the CREATE defines it.
 */
export function withAddedColumns(d: TableDefinition, s: AlterTable): TableDefinition {
  const columns = new Set(d.columns.map((c) => c.name.name.toLowerCase()));
  const constraintNames = new Set([...d.constraints, ...d.columns.flatMap((c) => c.constraints)].flatMap(nameOf));
  const addedConstraints = [...s.constraints, ...s.columns.flatMap((c) => c.constraints)].flatMap(nameOf);
  if (s.columns.some((c) => columns.has(c.name.name.toLowerCase())) || addedConstraints.some((n) => constraintNames.has(n))) return d;
  return { ...d, columns: [...d.columns, ...s.columns], constraints: [...d.constraints, ...s.constraints] };
}

const nameOf = (k: TableConstraint): string[] => (k.name === undefined ? [] : [k.name.name.toLowerCase()]);
