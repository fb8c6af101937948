import type { Delete, TableSource, Update } from '../tsql';
import { isRefusal, type DraftColumn, type Refusal, type Translated } from './draft-model';
import { DraftScope, locatedStop, refuseAt, type DraftContext, type SourceBinding, type TableState } from './draft-scope';
import { storeAs } from './store-value';
import { quoteName } from './sql-text';
import { BIGINT, INT } from './sql-types';
import { translateExpression } from './translate-expression';
import { cteKey, tableKeyOf, translateSource, withStatementCtes } from './translate-query';
import { addCte, setTable, targetName } from './translate-statements';
import { outputInto, type ChangedRows } from './output-into';

/*
 * UPDATE and DELETE (MERGE in translate-merge.ts) as the table's new rows. The target's rows are numbered once
 * (a MATERIALIZED CTE, so the numbers are stable), the statement computes the new values per
 * row number, and the new state joins them back: updated rows take the new values, the others
 * stay. Where SQL Server would pick an arbitrary match (UPDATE … FROM matching a row twice) or
 * fail (MERGE updating a row twice), the SQL fails too (error()), never silently picks.
 */

/** The column that numbers a DML target's rows while a statement changes it. */
export const ROW = '__draft_row';

/** The note for a written column the draft does not carry (the spec does not declare it). */
export function untracked(table: string, column: string): string {
  return `${table}.${column} is written by the legacy code but not declared in the spec: the draft leaves it out`;
}

export function numbered(ctx: DraftContext, key: string, state: TableState): { rel: string; state: TableState } {
  const cols = state.columns.map((c) => quoteName(c.name)).join(', ');
  const rel = addCte(ctx, `${key}_rows`, `SELECT ${cols}, row_number() OVER () AS ${ROW} FROM ${state.relation}`, true);
  return { rel, state: { ...state, relation: rel, columns: [...state.columns, { name: ROW, type: BIGINT }] } };
}

/** Runs `fn` with table `key` temporarily standing for `state` (the numbered rows). */
export function withTable<T>(ctx: DraftContext, key: string, state: TableState, fn: () => T): T {
  const old = ctx.tables.get(key);
  ctx.tables.set(key, state);
  try { return fn(); } finally {
    // Restore unless the statement set the table's new state.
    if (ctx.tables.get(key) === state) { if (old) ctx.tables.set(key, old); else ctx.tables.delete(key); }
  }
}

export function cols(columns: readonly DraftColumn[], alias: string): string {
  return columns.map((c) => `${alias}.${quoteName(c.name)}`).join(', ');
}

/**
 * The FROM items an `UPDATE x … FROM …` / `DELETE x FROM …` can target: the one whose alias
 * (or last name part) is x, or the one that is x's table. Exactly one is the target; none or
 * several mean the target is unknown. Without FROM, the target itself.
 */
export function dmlTargetCandidates(s: Update | Delete): { key: string; alias: string }[] {
  const t = s.target;
  if (t.kind === 'TableFunctionRef') return [];
  const written = t.kind === 'TableRef' ? t.name.parts.map((p) => p.name) : [t.variable.name];
  if (s.from.length === 0) return [{ key: tableKeyOf(t), alias: t.alias?.name ?? (written[written.length - 1] as string) }];
  const found: { key: string; alias: string }[] = [];
  const visit = (src: TableSource): void => {
    if (src.kind === 'Join') { visit(src.left); visit(src.right); return; }
    if (src.kind !== 'TableRef' && src.kind !== 'TableVariableRef') return;
    const alias = src.alias?.name ?? (src.kind === 'TableRef' ? (src.name.parts[src.name.parts.length - 1]?.name ?? '') : src.variable.name);
    const key = tableKeyOf(src);
    if (written.length === 1 && alias.toLowerCase() === (written[0] as string).toLowerCase()) found.push({ key, alias });
    else if (key === tableKeyOf(t)) found.push({ key, alias });
  };
  s.from.forEach(visit);
  return found;
}

/** Which FROM item an `UPDATE x … FROM …` / `DELETE x FROM …` targets, or a refusal. */
function resolveTarget(ctx: DraftContext, s: Update | Delete): { key: string; alias: string } | Refusal {
  const t = s.target;
  if (t.kind === 'TableFunctionRef') return refuseAt(ctx, t.span, 'DML into a rowset function', 'not translated');
  const found = dmlTargetCandidates(s);
  if (found.length !== 1) {
    const written = t.kind === 'TableRef' ? t.name.parts.map((p) => p.name) : [t.variable.name];
    return refuseAt(ctx, t.span, `${s.kind.toUpperCase()} ${written.join('.')} … FROM`, found.length === 0 ? 'the target is not one of the FROM tables' : 'the target matches more than one FROM table');
  }
  return found[0] as { key: string; alias: string };
}

export function fromClause(ctx: DraftContext, from: readonly TableSource[], sources: SourceBinding[]): string | Refusal {
  const parts: string[] = [];
  const level = (): DraftScope => new DraftScope(ctx, sources);
  for (const f of from) {
    const t = translateSource(f, level, sources);
    if (isRefusal(t)) return t;
    parts.push(t);
  }
  return parts.join(', ');
}

/** The parts of UPDATE/DELETE … [FROM …] every translation needs, with the target's rows numbered. */
interface DmlFrame {
  readonly state: TableState;
  readonly key: string;
  readonly rows: string;
  readonly from: string;
  readonly scope: DraftScope;
  readonly alias: string;
}

/** Resolves the target of UPDATE/DELETE, numbers its rows and translates FROM, then runs `body`. */
function withDmlTarget(s: Update | Delete, ctx: DraftContext, body: (f: DmlFrame) => Refusal | undefined): Refusal | undefined {
  const verb = s.kind === 'Update' ? 'UPDATE' : 'DELETE';
  if (s.top || s.currentOf) return refuseAt(ctx, s.span, s.currentOf ? 'WHERE CURRENT OF' : `${verb} TOP`, 'not translated');
  // OUTPUT … INTO a table is drafted (output-into.ts); OUTPUT as a result set is not
  if (s.output && !s.output.into) return refuseAt(ctx, s.output.span, `${verb} … OUTPUT without INTO`, 'a result set of the changed rows is not translated');
  if (s.ctes.length > 0) return withStatementCtes(s.ctes, ctx, () => withDmlTarget({ ...s, ctes: [] }, ctx, body), s.option);
  const target = resolveTarget(ctx, s);
  if (isRefusal(target)) return target;
  const state = ctx.tables.get(target.key) ?? (s.target.kind === 'TableRef' && s.target.name.parts.length === 1 && s.from.length === 0 ? ctx.tables.get(cteKey(s.target.name.parts[0]?.name ?? '')) : undefined);
  if (!state) return refuseAt(ctx, s.target.span, `table ${targetName(s.target)}`, 'its rows before the statement are unknown: it is neither an input (Given) of the section nor created by it');
  if (state.refused) return state.refused;
  if (state.cte) return refuseAt(ctx, s.target.span, `DML through the CTE ${targetName(s.target)}`, 'changing a table through a CTE is not translated');
  const n = numbered(ctx, target.key, state);
  return withTable(ctx, target.key, n.state, () => {
    const sources: SourceBinding[] = [];
    const from = fromClause(ctx, s.from.length > 0 ? s.from : [s.target], sources);
    if (isRefusal(from)) return from;
    const alias = sources.find((b) => b.alias.toLowerCase() === target.alias.toLowerCase())?.sqlAlias ?? target.alias;
    return body({ state, key: target.key, rows: n.rel, from, scope: new DraftScope(ctx, sources), alias });
  });
}

/**
 * The new values an UPDATE's SET gives, by the lower-cased name of the target's column, each cast
 * to its type; `columnOf` names the target column an assigned name stands for (or refuses).
 */
export function translateAssignments(s: Update, state: TableState, scope: DraftScope, columnOf: (written: string, a: Update['assignments'][number]) => string | Refusal): Map<string, Translated> | Refusal {
  const ctx = scope.ctx;
  const newValues = new Map<string, Translated>();
  for (const a of s.assignments) {
    if (a.variable || !a.column) return refuseAt(ctx, a.span, 'SET @variable in UPDATE', 'the variable takes a value per row (order undefined)');
    const written = a.column.parts[a.column.parts.length - 1]?.name ?? '';
    const colName = columnOf(written, a);
    if (isRefusal(colName)) return colName;
    const col = state.columns.find((c) => c.name.toLowerCase() === colName.toLowerCase());
    // A column the section's tables do not carry (not in the spec) cannot reach its output.
    if (!col) { ctx.notes.push(untracked(state.displayName, colName)); continue; }
    if (a.operator !== '=') return refuseAt(ctx, a.span, `SET ${written} ${a.operator}`, 'compound assignment in UPDATE is not translated');
    const v = translateExpression(a.value, scope);
    if (isRefusal(v)) return v;
    const c = storeAs(v, col.type, scope, a.value, state.displayName, col.name);
    if (isRefusal(c)) return c;
    newValues.set(col.name.toLowerCase(), c);
  }
  return newValues;
}

/** UPDATE [FROM]: a CTE of the target's rows with the assigned columns replaced where the WHERE holds. */
export function translateUpdate(s: Update, ctx: DraftContext): Refusal | undefined {
  return withDmlTarget(s, ctx, ({ state, key, rows, from, scope, alias: tAlias }) => {
    const newValues = translateAssignments(s, state, scope, (written) => written);
    if (isRefusal(newValues)) return newValues;
    let where = '';
    if (s.where) {
      const w = translateExpression(s.where, scope);
      if (isRefusal(w)) return w;
      where = `\nWHERE ${w.sql}`;
    }
    const assigned = state.columns.filter((c) => newValues.has(c.name.toLowerCase()));
    // A target row several FROM rows match is updated once; SQL Server picks one of their values,
    // so only rows giving it different values stop the query (compared exactly: 'a' and 'A' differ).
    // DISTINCT keeps one of several matches that agree.
    const values = assigned.map((c) => `${(newValues.get(c.name.toLowerCase()) as Translated).sql} AS ${quoteName(c.name)}`);
    const differing = assigned.length === 0 ? '1' : `row(${assigned.map((c) => quoteName(c.name)).join(', ')})`;
    const u = addCte(ctx, `${key}_set`, `SELECT DISTINCT *, count(DISTINCT ${differing}) OVER (PARTITION BY ${ROW}) AS __draft_matches\nFROM (SELECT ${[`${quoteName(tAlias)}.${ROW}`, ...values].join(', ')}\nFROM ${from}${where})`);
    const items = state.columns.map((c) => (newValues.has(c.name.toLowerCase()) ? `CASE WHEN u.${ROW} IS NULL THEN r.${quoteName(c.name)} ELSE u.${quoteName(c.name)} END AS ${quoteName(c.name)}` : `r.${quoteName(c.name)}`));
    // Located at the UPDATE's target, like a refusal, and naming the table (not only its alias)
    const twice = locatedStop(ctx, s.target.span, `UPDATE … FROM matched a row of ${state.displayName} (${targetName(s.target)}) with several rows giving it different values: SQL Server would pick one arbitrarily`).replace(/'/g, "''");
    const once = `CASE WHEN u.__draft_matches > 1 THEN error('${twice}') ELSE true END`;
    const sql = `SELECT ${items.join(', ')}\nFROM ${rows} r LEFT JOIN ${u} u ON u.${ROW} = r.${ROW}\nWHERE ${once}`;
    // OUTPUT … INTO: the rows the UPDATE found, their new values and (deleted) their old ones
    const output = s.output ? outputInto(s.output, changedRows(ctx, key, state, `${rows} r JOIN ${u} u ON u.${ROW} = r.${ROW} WHERE ${once}`, 'UPDATE', (c) => (newValues.has(c.name.toLowerCase()) ? `u.${quoteName(c.name)}` : `r.${quoteName(c.name)}`)), key, ctx, 'UPDATE') : undefined;
    if (output) return output;
    setTable(ctx, key, { displayName: state.displayName, relation: addCte(ctx, key, sql), columns: state.columns });
    // @@ROWCOUNT: the rows the UPDATE found, each once however many FROM rows matched it
    // (a row given different values stops the query here too: the table's rows would)
    ctx.rowCountLeft = { kind: 'translated', sql: `(SELECT CASE WHEN max(__draft_matches) > 1 THEN error('${twice}') ELSE CAST(count(DISTINCT ${ROW}) AS INTEGER) END FROM ${u})`, type: INT };
    return undefined;
  });
}

/** DELETE [FROM]: the rows for which the WHERE does not hold (is false or unknown). */
export function translateDelete(s: Delete, ctx: DraftContext): Refusal | undefined {
  return withDmlTarget(s, ctx, ({ state, key, rows, from, scope, alias: tAlias }) => {
    let where = '';
    if (s.where) {
      const w = translateExpression(s.where, scope);
      if (isRefusal(w)) return w;
      where = `\nWHERE ${w.sql}`;
    }
    const gone = addCte(ctx, `${key}_deleted`, `SELECT DISTINCT ${quoteName(tAlias)}.${ROW}\nFROM ${from}${where}`);
    // OUTPUT deleted.* INTO an archive: each row deleted, once (inserted is NULL)
    const output = s.output ? outputInto(s.output, changedRows(ctx, key, state, `${rows} r WHERE r.${ROW} IN (SELECT ${ROW} FROM ${gone})`, 'DELETE', (c) => `r.${quoteName(c.name)}`), key, ctx, 'DELETE') : undefined;
    if (output) return output;
    const sql = `SELECT ${cols(state.columns, 'r')}\nFROM ${rows} r\nWHERE r.${ROW} NOT IN (SELECT ${ROW} FROM ${gone})`;
    setTable(ctx, key, { displayName: state.displayName, relation: addCte(ctx, key, sql), columns: state.columns });
    ctx.rowCountLeft = { kind: 'translated', sql: `(SELECT CAST(count(*) AS INTEGER) FROM ${gone})`, type: INT };
    return undefined;
  });
}

/** The rows an UPDATE or DELETE changed (`from`: the table's numbered rows `r` and what finds them), as OUTPUT reads them: new values by `newValue`, the old ones beside them. */
function changedRows(ctx: DraftContext, key: string, state: TableState, from: string, action: 'UPDATE' | 'DELETE', newValue: (c: DraftColumn) => string): ChangedRows {
  const items = [
    ...state.columns.map((c) => `${newValue(c)} AS ${quoteName(c.name)}`),
    ...state.columns.map((c, i) => `r.${quoteName(c.name)} AS __draft_old_${i}`),
    `'${action}' AS __draft_action`,
  ];
  return { relation: addCte(ctx, `${key}_output`, `SELECT ${items.join(', ')}\nFROM ${from}`), action: '__draft_action', columns: state.columns, old: (i) => `__draft_old_${i}`, sources: [] };
}
