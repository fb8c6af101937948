import { deployedWhenOf, type Diagnostic } from '../core';
import { quoteNamePart } from '../tsql';
import type { TableCatalog } from './build-graph';
import type { ObjectKind } from './graph';
import { writtenName, type ColumnFinding } from './missing-columns';
import type { CatalogColumnChange, CatalogEntries } from './table-catalog';

/** The column findings of one object of a file (missing-columns.ts), with what names it. */
export interface ObjectColumnFindings {
  /** The object's position among its file's graphs (objects first, as analyzeFile lists them). */
  readonly object: number;
  readonly kind: ObjectKind;
  readonly displayName: string;
  readonly file: string;
  readonly findings: readonly ColumnFinding[];
}

/** What happened to a column after the CREATE TABLE in effect, in file order. */
type ColumnStep = { readonly to: string; readonly at: string } | { readonly dropped: true; readonly at: string };

/** A table as the scripts leave it, with why each name it no longer has is gone. */
interface TableHistory {
  columns: string[];
  /** Where the CREATE TABLE in effect is (`file:line`), and its columns. */
  created: string;
  createColumns: readonly string[];
  /** Lower-case column name -> what the scripts did to it (renames followed to the last name). */
  gone: Map<string, ColumnStep[]>;
  /** Every name the table had (a doubt naming any of them counts). */
  readonly names: Set<string>;
  /** The files of the changes after its CREATE (an SSDT pre-deployment script's do not last). */
  readonly changedIn: Set<string>;
  /** The scripts leave the shape uncertain: a second CREATE with other columns and no DROP
   * between (it fails, or an IF skips it: the scripts do not say which), a DROP TABLE no CREATE
   * follows, or a CREATE that does not list every column (CatalogColumnChange.unlisted). */
  uncertain: boolean;
}

/** The last part of a normalised name (`dbo.price` -> `price`). */
const baseOf = (name: string): string => name.slice(name.lastIndexOf('.') + 1);

const sameColumns = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((c) => b.includes(c));

const placeOf = (file: string, c: CatalogColumnChange): string => `${file}:${c.at?.[0] ?? 1}`;

/** The last name a chain of renames gave a column (lower-case), or undefined once it is dropped. */
function currentName(steps: readonly ColumnStep[]): string | undefined {
  const last = steps[steps.length - 1];
  return last === undefined || 'dropped' in last ? undefined : last.to.toLowerCase();
}

/** Applies one column change to a table's history (the rules of mergeTableCatalog). */
function applyChange(h: TableHistory, c: CatalogColumnChange, at: string): void {
  const gone = (from: string, step: ColumnStep): void => {
    for (const steps of h.gone.values()) if (currentName(steps) === from) steps.push(step);
    h.gone.set(from, [step]);
  };
  if (c.rename !== undefined && h.columns.includes(c.rename[0])) {
    const [from, to] = c.rename;
    h.columns = h.columns.map((x) => (x === from ? to : x));
    gone(from, { to: c.renamedAs ?? to, at });
    h.gone.delete(to);
  }
  for (const d of c.drop ?? []) {
    if (!h.columns.includes(d)) continue;
    h.columns = h.columns.filter((x) => x !== d);
    gone(d, { dropped: true, at });
  }
  for (const a of c.add ?? []) {
    if (!h.columns.includes(a)) h.columns.push(a);
    h.gone.delete(a);
  }
}

/**
 * The history of every table the scripts create, replayed from the files' catalog entries (in
 * the order they run) as mergeTableCatalog builds the catalog: the first CREATE stands, a CREATE
 * after a DROP TABLE rebuilds it, column changes and renames apply in file order, wherever they
 * stand relative to the first CREATE. Linear in the number of table changes.
 */
function tableHistories(files: readonly { readonly file: string; readonly catalog: CatalogEntries }[]): Map<string, TableHistory> {
  const changes = files.flatMap((f) => (f.catalog.changes ?? []).map((c) => ({ c, at: placeOf(f.file, c), file: f.file })));
  const tables = new Map<string, TableHistory>();
  for (const { c, at } of changes) {
    if (c.create !== undefined && !tables.has(c.table)) tables.set(c.table, { columns: [...c.create], created: at, createColumns: c.create, gone: new Map(), names: new Set([c.table]), changedIn: new Set(), uncertain: c.unlisted === true });
  }
  const removed = new Set<string>();
  const firstCreate = new Set<string>();
  for (const { c, at, file } of changes) {
    const h = tables.get(c.table);
    if (h === undefined) continue;
    if (c.create === undefined) h.changedIn.add(file);
    if (c.dropTable === true) { removed.add(c.table); continue; }
    if (c.create !== undefined) {
      if (removed.delete(c.table)) Object.assign(h, { columns: [...c.create], created: at, createColumns: c.create, gone: new Map(), uncertain: c.unlisted === true });
      else if (firstCreate.has(c.table) && !sameColumns(c.create, h.createColumns)) h.uncertain = true;
      firstCreate.add(c.table);
      continue;
    }
    if (c.renameTo !== undefined) {
      tables.delete(c.table);
      h.names.add(c.renameTo);
      tables.set(c.renameTo, h);
      continue;
    }
    applyChange(h, c, at);
  }
  for (const name of removed) { const h = tables.get(name); if (h !== undefined) h.uncertain = true; }
  return tables;
}

const KIND_WORD: Readonly<Record<ObjectKind, string>> = { procedure: 'procedure', function: 'function', trigger: 'trigger', view: 'view', script: 'script' };

/** Why the column is not there, and what to do, in words. */
function whyAndWhat(h: TableHistory, steps: readonly ColumnStep[] | undefined): { why: string; what: string } {
  if (steps === undefined || steps.length === 0) {
    return { why: `its CREATE TABLE at ${h.created} has no such column and no script adds it`, what: 'correct the name, or add the column to the table in a script (ALTER TABLE … ADD)' };
  }
  const words = steps.map((s, i) => `${i > 0 ? 'then ' : ''}${'dropped' in s ? 'dropped' : `renamed to ${quoteNamePart(s.to)}`} by ${s.at}`);
  const last = steps[steps.length - 1] as ColumnStep;
  return {
    why: words.join(', '),
    what: 'dropped' in last
      ? 'take the column out of it (or read what replaced it), or drop the object in a later script if it is retired'
      : `name the column ${quoteNamePart(last.to)}, as the scripts leave it`,
  };
}

/**
 * True when an SSDT project deploys one of the files that change the table in its pre-deployment
 * script: the publish then brings the table to the shape its project declares, so the change
 * does not last (what the replay assumes does not hold).
 */
function changedBeforeDeployment(h: TableHistory, preDeployment: (file: string) => boolean): boolean {
  for (const f of h.changedIn) if (preDeployment(f)) return true;
  return false;
}

/** True when a statement the catalog could not read may change the table (it names one of its names). */
function doubted(h: TableHistory, doubts: readonly string[]): boolean {
  if (doubts.length === 0) return false;
  const bases = [...h.names].map(baseOf);
  return doubts.some((d) => bases.some((b) => d.includes(b)));
}

/**
 * `COLUMN_NOT_IN_TABLE` warnings: for each object in effect, each column it surely gives a table
 * the scripts create that the table lacks once every script has run (an upgrade script renamed or
 * dropped it, or the CREATE never had it), at the reference, saying which script did it and what
 * to do. SQL Server fails the object when it runs (error 207). Tables whose final shape the
 * scripts leave uncertain (see TableHistory, CatalogEntries.doubts), or that differ from
 * `catalog`, get none. `files` are every analysed file's catalog entries in the order they run.
 */
export function missingColumnDiagnostics(files: readonly { readonly file: string; readonly catalog: CatalogEntries }[], objects: readonly ObjectColumnFindings[], catalog: TableCatalog): Diagnostic[] {
  if (objects.length === 0) return [];
  const histories = tableHistories(files);
  const doubts = files.flatMap((f) => f.catalog.doubts ?? []);
  const phases = new Map<string, boolean>();
  const preDeployment = (file: string): boolean => {
    let pre = phases.get(file);
    if (pre === undefined) phases.set(file, pre = deployedWhenOf(file)?.phase === 'pre-deployment');
    return pre;
  };
  // a one-part name resolves by the caller's default schema: where the scripts create that name
  // in another schema too, which table it reads is not certain
  const schemas = new Map<string, number>();
  for (const name of histories.keys()) { const base = baseOf(name); schemas.set(base, (schemas.get(base) ?? 0) + 1); }
  const certain = new Map<string, TableHistory | undefined>();
  const historyOf = (table: string): TableHistory | undefined => {
    if (certain.has(table)) return certain.get(table);
    const h = histories.get(table);
    const final = catalog.get(table);
    const ok = h !== undefined && final !== undefined && sameColumns(final, h.columns) && !h.uncertain && !doubted(h, doubts) && !changedBeforeDeployment(h, preDeployment) ? h : undefined;
    certain.set(table, ok);
    return ok;
  };
  const out: Diagnostic[] = [];
  for (const o of objects) {
    for (const f of o.findings) {
      const h = historyOf(f.table);
      if (h === undefined || (f.bare === true && (schemas.get(baseOf(f.table)) ?? 0) > 1)) continue;
      const { why, what } = whyAndWhat(h, h.gone.get(f.key));
      const kind = KIND_WORD[o.kind];
      out.push({
        file: o.file, line: f.line, column: f.column, severity: 'warning', code: 'COLUMN_NOT_IN_TABLE',
        message: `${kind} ${writtenName(o.displayName)} names ${f.name} of ${f.tableLabel}, a column the table does not have once the scripts have run (${why}): `
          + `SQL Server fails the ${kind} when it runs (Invalid column name, error 207), and capture refuses it; ${what}`,
      });
    }
  }
  return out;
}
