import type { Node, ObjectName, ParsedScript, Statement } from '../../../tsql';
import { walk } from '../../../tsql';
import { sectionTableKey } from './section-statements';

/*
 * A table a section empties before anything reads it (`DELETE FROM dbo.[Recon Match];` then the
 * rules that fill it, reading it back in NOT EXISTS): the rows it held when the section starts
 * never reach its result, so a scenario need not give them (record --from-data needs no CSV of it).
 *
 * Only where the start rows surely leave no trace: a TRUNCATE TABLE (no triggers, the identity
 * back to its seed, @@ROWCOUNT 0 whatever it removed), or a plain `DELETE FROM t` (no WHERE, TOP,
 * FROM, OUTPUT) on a table with no DML trigger, no identity column (its next value goes on from the
 * rows deleted), no system versioning (the rows go to its history) and no foreign key naming it
 * (a referenced row makes the DELETE fail), not followed by a statement reading its @@ROWCOUNT.
 * (A DML trigger on it, in any script, counts too.) The statement must run unconditionally: at the section's top level (BEGIN…END opened).
 */

/** The keys (sectionTableKey) of the tables the section's statements empty before any read of them. */
export function tablesEmptiedFirst(statements: readonly Statement[], scripts: readonly ParsedScript[]): Set<string> {
  const top = opened(statements);
  const touched = new Set<string>();
  const emptied = new Set<string>();
  top.forEach((st, i) => {
    const key = clearedBy(st);
    if (key !== undefined && !touched.has(key) && (st.kind === 'Truncate' || deleteLeavesNoTrace(key, top[i + 1], scripts))) emptied.add(key);
    for (const k of tablesNamed(st)) touched.add(k);
  });
  return emptied;
}

const keyOf = (name: ObjectName | undefined): string | undefined => (name === undefined ? undefined : sectionTableKey(name.parts.map((p) => p.name).join('.')));

function opened(list: readonly Statement[]): Statement[] {
  return list.flatMap((s) => (s.kind === 'Block' ? opened(s.statements) : [s]));
}

/** The table a TRUNCATE or a whole-table DELETE names, as a key. */
function clearedBy(st: Statement): string | undefined {
  if (st.kind === 'Truncate') return keyOf(st.target.name);
  if (st.kind !== 'Delete' || st.target.kind !== 'TableRef' || st.where !== undefined || st.top !== undefined || st.output !== undefined
    || st.from.length > 0 || st.ctes.length > 0 || st.currentOf !== undefined) return undefined;
  return keyOf(st.target.name);
}

function tablesNamed(st: Node): string[] {
  const out: string[] = [];
  walk(st, (n) => {
    if (n.kind === 'TableRef') out.push(keyOf(n.name) as string);
    return undefined;
  });
  return out;
}

function deleteLeavesNoTrace(key: string, next: Statement | undefined, scripts: readonly ParsedScript[]): boolean {
  if (key.startsWith('#') || key.startsWith('@')) return false;
  let countRead = false;
  if (next !== undefined) walk(next, (n) => { if (n.kind === 'SystemVariable' && n.name.toUpperCase() === '@@ROWCOUNT') countRead = true; return undefined; });
  if (countRead) return false;
  let traced = false;
  // only a table its CREATE TABLE describes (a synonym's or a view's rows live elsewhere)
  let created = false;
  for (const script of scripts) {
    for (const batch of script.batches) {
      for (const s of batch.statements) {
        walk(s, (n) => {
          if (n.kind === 'CreateTrigger' && keyOf(n.table) === key) traced = true;
          if (n.kind === 'TableConstraint' && keyOf(n.references) === key) traced = true;
          const own = (n.kind === 'CreateTable' || n.kind === 'AlterTable') && keyOf(n.name) === key;
          if (own && n.kind === 'CreateTable') created = true;
          if (own && n.kind === 'CreateTable' && (n.definition.columns.some((c) => c.identity) || /SYSTEM_VERSIONING/i.test(n.options ?? ''))) traced = true;
          if (own && n.kind === 'AlterTable' && (n.columns.some((c) => c.identity) || /SYSTEM_VERSIONING/i.test(n.text))) traced = true;
          return undefined;
        });
      }
    }
  }
  return created && !traced;
}
