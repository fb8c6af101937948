import { columnRenameOf, displayObjectName, objectRenameOf, renamedObjectParts, type Statement } from '../tsql';

/** A file of table definitions only: schema, not work to migrate. */
export interface SchemaScript {
  readonly kind: 'schema-script';
  readonly file: string;
  /** What it declares, as written: `Application.Cities`, `Sequences.CityKey`, `dbo.[a.b]` (brackets only around a part holding a dot or a bracket). */
  readonly declares: readonly string[];
}

const SCHEMA_DROPS = new Set(['TABLE', 'INDEX', 'SEQUENCE', 'TYPE', 'SYNONYM', 'STATISTICS', 'SCHEMA', 'CONSTRAINT']);
// sp_rename too: an upgrade script renaming a table or a column changes schema, it moves no rows
const PROPERTY_PROCS = /(^|\.)sp_((add|update|drop)extendedproperty|rename)$/i;
// `EXEC (N'CREATE SCHEMA kpi')`: CREATE SCHEMA must start a batch, so table scripts run it as a string
const DDL_TEXT = /^\s*(CREATE|ALTER|DROP)\s+(SCHEMA|TABLE|INDEX|TYPE|SEQUENCE|SYNONYM)\b/i;

/** Whether one top-level statement only defines schema (or is harmless plumbing around it). */
function isSchemaStatement(s: Statement): boolean {
  switch (s.kind) {
    case 'CreateTable': return !s.temp;
    case 'AlterTable': case 'CreateIndex': case 'CreateOther': case 'SetOption': case 'Use': case 'Print': return true;
    case 'Drop': return SCHEMA_DROPS.has(s.objectType.toUpperCase());
    case 'Execute':
      if (s.dynamic.length > 0) return s.dynamic.every((d) => d.kind === 'Literal' && DDL_TEXT.test(d.value));
      return s.procedure?.kind === 'ObjectName' && PROPERTY_PROCS.test(s.procedure.parts.map((p) => p.name).join('.'));
    case 'OpaqueStatement': return /^(GRANT|DENY|REVOKE)\b/i.test(s.command);
    case 'Block': return s.statements.every(isSchemaStatement);
    // IF OBJECT_ID(…) IS NOT NULL DROP TABLE …, IF NOT EXISTS (…) CREATE INDEX …
    case 'If': return isSchemaStatement(s.then) && (!s.else || isSchemaStatement(s.else));
    default: return false;
  }
}

/**
 * The schema script a file's top-level statements make, when they only create or alter tables,
 * indexes, constraints, sequences, types and their extended properties (at least one such
 * definition): such a file is no migration object. Undefined when any statement does work.
 */
export function schemaScriptOf(file: string, statements: readonly Statement[]): SchemaScript | undefined {
  if (statements.length === 0 || !statements.every(isSchemaStatement)) return undefined;
  const declares: string[] = [];
  for (const s of statements) {
    if (s.kind === 'CreateTable' || s.kind === 'CreateOther') declares.push(displayObjectName(s.name.parts.map((p) => p.name).filter((p) => p !== '')));
    // a rename is what a reader of an upgrade script looks for: the procedures use the new name
    const table = objectRenameOf(s);
    const column = columnRenameOf(s);
    if (table !== undefined) declares.push(`${displayObjectName(table.object)} → ${displayObjectName(renamedObjectParts(table))}`);
    if (column !== undefined) declares.push(`${displayObjectName([...column.table, column.from])} → ${displayObjectName([column.to])}`);
  }
  const defines = statements.some((s) => s.kind === 'CreateTable' || s.kind === 'AlterTable' || s.kind === 'CreateIndex' || s.kind === 'CreateOther' || s.kind === 'Execute');
  return defines ? { kind: 'schema-script', file, declares } : undefined;
}
