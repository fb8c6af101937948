import type { ParsedScript } from './ast';
import { normalizeObjectName } from './names';
import { forEachStatement } from './statements';

const VERSIONING_ON = /SYSTEM_VERSIONING\s*=\s*ON\b/i;

/**
 * The DDL that makes a table system-versioned: `WITH (SYSTEM_VERSIONING = ON …)` in its CREATE
 * TABLE or an `ALTER TABLE … SET (SYSTEM_VERSIONING = ON …)`, in script order, each with the
 * table's normalised name and the clause's text (which names the HISTORY_TABLE, when it does).
 * The analysis reads the history tables from it, the drafts which tables are versioned.
 */
export function systemVersioningClauses(scripts: readonly ParsedScript[], defaultSchema = 'dbo'): { readonly table: string; readonly text: string }[] {
  const out: { table: string; text: string }[] = [];
  for (const script of scripts) {
    forEachStatement(script, (s) => {
      const text = s.kind === 'CreateTable' ? s.options : s.kind === 'AlterTable' ? s.text : undefined;
      if ((s.kind === 'CreateTable' || s.kind === 'AlterTable') && text !== undefined && VERSIONING_ON.test(text)) out.push({ table: normalizeObjectName(s.name, defaultSchema), text });
    });
  }
  return out;
}
