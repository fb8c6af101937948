import { findAll, normalizeNameParts, splitObjectName, systemVersioningClauses, walk, type ParsedScript, type Statement } from '../tsql';
import type { Refusal } from './draft-model';
import { refuseAt, type DraftContext } from './draft-scope';
import { dmlTargetCandidates } from './translate-dml';
import { tableKeyOf } from './translate-query';

/**
 * The system-versioned tables of the scripts (`SYSTEM_VERSIONING = ON` in a CREATE TABLE or an
 * ALTER TABLE … SET), by table key. SQL Server stamps their period columns with the transaction
 * time and copies changed rows to the history table; the draft translates neither.
 */
export function collectVersionedTables(scripts: readonly ParsedScript[], defaultSchema = 'dbo'): Set<string> {
  return new Set(systemVersioningClauses(scripts, defaultSchema).map((c) => c.table));
}

/** A write (INSERT, UPDATE, DELETE, MERGE) into a system-versioned table anywhere in `stmt`, as a refusal. */
export function versionedWrite(ctx: DraftContext, stmt: Statement): Refusal | undefined {
  const versioned = ctx.versioned;
  if (versioned === undefined || versioned.size === 0) return undefined;
  let found: Refusal | undefined;
  walk(stmt, (n) => {
    if (found !== undefined) return false;
    if (n.kind !== 'Insert' && n.kind !== 'Update' && n.kind !== 'Delete' && n.kind !== 'Merge') return undefined;
    if (n.target.kind !== 'TableRef') return undefined;
    const keys = n.kind === 'Update' || n.kind === 'Delete' ? dmlTargetCandidates(n).map((c) => c.key) : [tableKeyOf(n.target)];
    const hit = keys.find((k) => versioned.has(k));
    if (hit !== undefined) {
      // `UPDATE p … FROM Application.People p`: named as the FROM writes it
      const ref = findAll(n, 'TableRef').find((r) => tableKeyOf(r) === hit) ?? n.target;
      found = refuseAt(ctx, n.span, `${n.kind.toUpperCase()} of the system-versioned table ${ref.name.parts.map((p) => p.name).join('.')}`, 'SQL Server stamps its period columns with the transaction time and copies the changed rows to its history table; the draft does not translate it');
    }
    return undefined;
  });
  return found;
}

/**
 * The history tables (key and name as written) of the system-versioned tables `stmt` writes: SQL
 * Server copies the rows an UPDATE, DELETE or MERGE changes into them, so where such a write is
 * refused the history table is not known either (a section's `moreOutputs` history table must
 * not come out as its input, unchanged).
 */
export function historyTablesWritten(ctx: DraftContext, stmt: Statement): { key: string; name: string }[] {
  const history = ctx.versionedHistory;
  if (history === undefined || history.size === 0) return [];
  const out: { key: string; name: string }[] = [];
  walk(stmt, (n) => {
    // an INSERT adds current rows only; what it adds never reaches the history table
    if (n.kind !== 'Update' && n.kind !== 'Delete' && n.kind !== 'Merge') return undefined;
    if (n.target.kind !== 'TableRef') return undefined;
    const keys = n.kind === 'Merge' ? [tableKeyOf(n.target)] : dmlTargetCandidates(n).map((c) => c.key);
    for (const k of keys) {
      const name = history.get(k);
      if (name !== undefined) out.push({ key: normalizeNameParts(splitObjectName(name)), name });
    }
    return undefined;
  });
  return out;
}
