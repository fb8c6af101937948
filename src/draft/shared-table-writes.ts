import { normalizeObjectName, type Statement } from '../tsql';
import { refuseAt, type DraftContext, type TableState } from './draft-scope';
import type { Refusal } from './draft-model';
import { tablesBehind } from './tables-behind';

/*
 * The draft holds each name's rows apart (ctx.tables, by key), but SQL Server has one table
 * behind several names: a synonym is its target wherever it is named, a view reads its tables'
 * rows as they are when it is read, an updatable view writes its table. A write by one name
 * must therefore reach the section's other names of the same table, or a later read by another
 * name reads the rows as they were before the write (silently: a reminder run that marks the
 * invoices through a synonym and then picks the marked ones by the table's name drafted none).
 * So after every write:
 *   - a synonym of the written table, or the table of a written synonym, takes the new rows
 *     (the same relation), when the spec gives it no column the written rows do not carry;
 *   - a view reading the written table is refused: the section is given its rows as they were
 *     before the write, and the draft does not recompute the view's query;
 *   - a write through a view is refused for the view and every name of its tables: the draft
 *     does not follow it to the table (nor what the view shows after it).
 * Refusals are located at the statement that wrote, which names what is refused and why.
 */

/** #temp tables, table variables and a statement's CTEs have one name only. */
function hasOneName(key: string): boolean {
  return key.startsWith('#') || key.startsWith('@') || key.startsWith('cte:');
}

/** The object a name stands for after its synonyms are followed (a table or a view), by key. */
export function namedObject(ctx: DraftContext, key: string): string {
  return followSynonyms(ctx, key).key;
}

/** The key a name leads to through synonyms, and that object's name as the last synonym writes it (undefined: no synonym). */
function followSynonyms(ctx: DraftContext, key: string): { key: string; written: string | undefined } {
  const synonyms = ctx.viewsAndSynonyms?.synonyms;
  const seen = new Set<string>();
  let k = key;
  let written: string | undefined;
  for (let target = synonyms?.get(k); target !== undefined && !seen.has(k); target = synonyms?.get(k)) {
    seen.add(k);
    k = normalizeObjectName(target);
    written = target.parts.map((p) => p.name).join('.');
  }
  return { key: k, written };
}

/** The permanent tables whose rows a name gives (its own, its synonym's target, those its view reads): key -> name as written. */
function tablesOfName(ctx: DraftContext, key: string): ReadonlyMap<string, string> {
  const object = followSynonyms(ctx, key);
  const view = ctx.viewsAndSynonyms?.views.get(object.key);
  if (view !== undefined) return new Map(tablesBehind(ctx, view.query).map((t) => [t.key, t.written]));
  return new Map([[object.key, object.written ?? ctx.tables.get(object.key)?.displayName ?? ctx.tables.get(key)?.displayName ?? object.key]]);
}

function isView(ctx: DraftContext, key: string): boolean {
  return ctx.viewsAndSynonyms?.views.has(namedObject(ctx, key)) === true;
}

const VERBS: Partial<Record<Statement['kind'], string>> = { Update: 'UPDATE', Insert: 'INSERT INTO', Delete: 'DELETE FROM', Merge: 'MERGE', Truncate: 'TRUNCATE TABLE', Select: 'SELECT … INTO' };

/** A refusal at the statement that wrote `written` (the statement translateStatements is translating). */
function refusedAtWrite(ctx: DraftContext, written: string, reason: string): Refusal {
  const s = ctx.statement;
  // translateStatements sets it before any write; the file's start only if a caller did not
  const span = s?.span ?? { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
  return refuseAt(ctx, span, `${s === undefined ? 'a write to' : VERBS[s.kind] ?? `${s.kind.toUpperCase()} writing`} ${written}`, reason);
}

function refused(state: TableState, why: Refusal): TableState {
  return { ...state, refused: why };
}

/**
 * After `state` became the rows of the table named `key` (setTable, or a refused write): the
 * section's other names of the same table take them, or are refused (see above).
 */
export function reachOtherNames(ctx: DraftContext, key: string, state: TableState): void {
  const known = ctx.viewsAndSynonyms;
  if (known === undefined || (known.views.size === 0 && known.synonyms.size === 0) || hasOneName(key)) return;
  const written = tablesOfName(ctx, key);
  const object = namedObject(ctx, key);
  const name = state.displayName;
  const throughView = isView(ctx, key);
  const viewWrite = (): Refusal => refusedAtWrite(ctx, name, `${[...written.values()].join(', ')} is written through the view ${name}: SQL Server writes the view's table, and the draft does not follow a write through a view to it (nor what the view shows after it); write the table by its own name, with the view's WHERE in the statement`);
  if (throughView && state.refused === undefined) ctx.tables.set(key, refused(state, viewWrite()));
  for (const [other, was] of ctx.tables) {
    if (other === key || hasOneName(other)) continue;
    const table = [...tablesOfName(ctx, other).keys()].find((t) => written.has(t));
    if (table === undefined) continue;
    if (state.refused !== undefined) { ctx.tables.set(other, { ...was, refused: state.refused }); continue; }
    if (throughView) { ctx.tables.set(other, refused(was, viewWrite())); continue; }
    if (namedObject(ctx, other) === object) { ctx.tables.set(other, sameTable(ctx, was, state, object)); continue; }
    const via = object === key ? '' : ` (through ${name})`;
    ctx.tables.set(other, refused(was, refusedAtWrite(ctx, name, `the view ${was.displayName} reads ${written.get(table) ?? table}, which this statement writes${via}: the draft reads the view's rows as the section is given them, before the write; read the view before the write, or read its tables in the statement instead of the view`)));
  }
}

/** `was` (another name of the table `object`) holding the rows `state` now gives, or refused when its columns are not all there. */
function sameTable(ctx: DraftContext, was: TableState, state: TableState, object: string): TableState {
  const columns = [];
  for (const c of was.columns) {
    const found = state.columns.find((x) => x.name.toLowerCase() === c.name.toLowerCase());
    if (found === undefined || JSON.stringify(found.type) !== JSON.stringify(c.type)) {
      return refused(was, refusedAtWrite(ctx, state.displayName, `${was.displayName} is the same table (${object}), but the section gives it ${found === undefined ? `column ${c.name}, which the rows written by ${state.displayName} do not carry` : `column ${c.name} in another type than ${state.displayName}`}: give both names the same columns`));
    }
    columns.push(found);
  }
  return { ...state, displayName: was.displayName, columns };
}

/**
 * The rows a table the section does not give starts with when another name of it is given (the
 * output table, given through its synonym): that name's, as SQL Server holds one table.
 */
export function givenByAnotherName(ctx: DraftContext, key: string): TableState | undefined {
  if (ctx.viewsAndSynonyms === undefined || hasOneName(key) || isView(ctx, key)) return undefined;
  const object = namedObject(ctx, key);
  for (const [other, state] of ctx.tables) {
    if (other !== key && !hasOneName(other) && namedObject(ctx, other) === object) return state;
  }
  return undefined;
}

/**
 * `key` and the section's other names of the tables it writes (its synonym or target, the views
 * reading them): a loop rewriter that proves its iterations independent by the tables they write
 * and read must see a read of any of these as a read of the written table.
 */
export function namesOfWrittenTables(ctx: DraftContext, key: string): string[] {
  if (ctx.viewsAndSynonyms === undefined || hasOneName(key)) return [key];
  const written = tablesOfName(ctx, key);
  const out = new Set([key, ...written.keys()]);
  for (const other of ctx.tables.keys()) {
    if (!hasOneName(other) && [...tablesOfName(ctx, other).keys()].some((t) => written.has(t))) out.add(other);
  }
  return [...out];
}
