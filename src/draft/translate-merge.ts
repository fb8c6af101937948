import { type Merge, type MergeWhen, type TableSource } from '../tsql';
import { isRefusal, type DraftColumn, type Refusal } from './draft-model';
import { DraftScope, locatedStop, refuseAt, type DraftContext, type SourceBinding } from './draft-scope';
import { storeAs } from './store-value';
import { quoteName } from './sql-text';
import { duckTypeOf } from './sql-types';
import { translateExpression } from './translate-expression';
import { translateSource, withStatementCtes } from './translate-query';
import { addCte, defaultItem, setTable, targetState } from './translate-statements';
import { numbered, ROW, untracked, withTable } from './translate-dml';
import { outputInto, type ChangedRows } from './output-into';

/*
 * MERGE as a classification of rows, as SQL Server runs it: every target row the ON matches with
 * a source row takes the first WHEN MATCHED clause whose AND condition holds (an unknown condition
 * does not hold), every target row no source row matches the first WHEN NOT MATCHED BY SOURCE
 * clause, every source row no target row matches the WHEN NOT MATCHED [BY TARGET] clause; a row
 * no clause takes stays as it is. The three kinds become one relation (`<target>_merge`) holding,
 * per row, the target's new values, its old values, the source's columns and the action taken
 * ('INSERT', 'UPDATE', 'DELETE' or NULL): the target's final rows are those not deleted, and
 * `OUTPUT … INTO` (output-into.ts) reads the rows an action took. A target row the ON matches
 * with two source rows fails (SQL Server's Msg 8672) instead of taking one of them.
 */

const ACTION = '__draft_action';
const KEEP = '__draft_keep';
const oldName = (i: number): string => `__draft_old_${i}`;
const srcName = (j: number, i: number): string => `__draft_s${j}_${i}`;
const nullOf = (c: DraftColumn): string => `CAST(NULL AS ${duckTypeOf(c.type) ?? 'VARCHAR'})`;
const actionOf = (w: MergeWhen): string => (w.action.kind === 'MergeInsert' ? 'INSERT' : w.action.kind === 'MergeUpdate' ? 'UPDATE' : 'DELETE');

/** The new value of each target column a WHEN … THEN UPDATE assigns, stored as the column's type. */
function updateValues(w: MergeWhen, columns: readonly DraftColumn[], displayName: string, scope: DraftScope): Map<string, string> | Refusal {
  const ctx = scope.ctx;
  const values = new Map<string, string>();
  if (w.action.kind !== 'MergeUpdate') return values;
  for (const a of w.action.assignments) {
    if (a.variable || !a.column || a.operator !== '=') return refuseAt(ctx, a.span, 'MERGE … UPDATE SET', 'only column = value assignments are translated');
    const colName = a.column.parts[a.column.parts.length - 1]?.name ?? '';
    const col = columns.find((c) => c.name.toLowerCase() === colName.toLowerCase());
    if (!col) { ctx.notes.push(untracked(displayName, colName)); continue; }
    const v = translateExpression(a.value, scope);
    if (isRefusal(v)) return v;
    const c = storeAs(v, col.type, scope, a.value, displayName, col.name);
    if (isRefusal(c)) return c;
    values.set(col.name.toLowerCase(), c.sql);
  }
  return values;
}

/**
 * The SELECT items of one kind of row (matched, or not matched by source) under its WHEN clauses,
 * tried in order: the new column values, the action, whether the row stays. `T` is the target's alias.
 */
function classified(whens: readonly MergeWhen[], columns: readonly DraftColumn[], displayName: string, scope: DraftScope, T: string): string[] | Refusal {
  const conds: string[] = [];
  const updates: Map<string, string>[] = [];
  for (const w of whens) {
    if (w.action.kind === 'MergeInsert') return refuseAt(scope.ctx, w.span, `WHEN ${w.match} THEN INSERT`, 'invalid');
    let cond = 'true';
    if (w.condition) {
      const c = translateExpression(w.condition, scope);
      if (isRefusal(c)) return c;
      cond = `coalesce(${c.sql}, false)`;
    }
    const u = updateValues(w, columns, displayName, scope);
    if (isRefusal(u)) return u;
    conds.push(cond);
    updates.push(u);
  }
  const caseOf = (value: (k: number) => string, otherwise: string): string => (whens.length === 0 ? otherwise
    : `CASE ${whens.map((_, k) => `WHEN ${conds[k] as string} THEN ${value(k)}`).join(' ')} ELSE ${otherwise} END`);
  const items = columns.map((c) => {
    const old = `${T}.${quoteName(c.name)}`;
    const changed = updates.some((u) => u.has(c.name.toLowerCase()));
    return `${changed ? caseOf((k) => updates[k]?.get(c.name.toLowerCase()) ?? old, old) : old} AS ${quoteName(c.name)}`;
  });
  items.push(`${caseOf((k) => `'${actionOf(whens[k] as MergeWhen)}'`, 'CAST(NULL AS VARCHAR)')} AS ${ACTION}`);
  items.push(`${caseOf((k) => (whens[k]?.action.kind === 'MergeDelete' ? 'false' : 'true'), 'true')} AS ${KEEP}`);
  return items;
}

/** The target's final rows after a MERGE (and the OUTPUT INTO table's), or a refusal. */
export function translateMerge(s: Merge, ctx: DraftContext): Refusal | undefined {
  if (s.top) return refuseAt(ctx, s.span, 'MERGE TOP', 'not translated');
  if (s.ctes.length > 0) return withStatementCtes(s.ctes, ctx, () => translateMerge({ ...s, ctes: [] }, ctx), s.option);
  const t = targetState(ctx, s.target);
  if (isRefusal(t)) return t;
  if (s.target.kind !== 'TableRef' && s.target.kind !== 'TableVariableRef') return refuseAt(ctx, s.target.span, 'MERGE target', 'not translated');
  const by = (m: MergeWhen['match']): MergeWhen[] => s.whens.filter((w) => w.match === m);
  const matched = by('MATCHED');
  const insert = by('NOT MATCHED BY TARGET');
  const bySource = by('NOT MATCHED BY SOURCE');
  // SQL Server allows one INSERT clause, and two of the others only when the first has an AND condition.
  if (insert.length > 1) return refuseAt(ctx, insert[1]?.span ?? s.span, 'a second WHEN NOT MATCHED BY TARGET', 'SQL Server allows one');
  const state = t.state;
  const n = numbered(ctx, t.key, state);
  return withTable(ctx, t.key, n.state, () => {
    const sources: SourceBinding[] = [];
    const level = (): DraftScope => new DraftScope(ctx, sources);
    const tgtSql = translateSource(s.target as TableSource, level, sources);
    if (isRefusal(tgtSql)) return tgtSql;
    const tgt = sources[0] as SourceBinding;
    const srcSql = translateSource(s.source, level, sources);
    if (isRefusal(srcSql)) return srcSql;
    const srcBindings = sources.slice(1);
    const scope = new DraftScope(ctx, sources);
    const on = translateExpression(s.on, scope);
    if (isRefusal(on)) return on;
    const T = quoteName(tgt.sqlAlias);
    const olds = state.columns.map((c, i) => `${T}.${quoteName(c.name)} AS ${oldName(i)}`);
    const srcCols = (present: boolean): string[] => srcBindings.flatMap((b, j) => b.columns.map((c, i) => `${present ? `${quoteName(b.sqlAlias)}.${quoteName(c.name)}` : nullOf(c)} AS ${srcName(j, i)}`));
    const parts: string[] = [];

    // Target rows the ON matches: each with one source row at most when a WHEN MATCHED clause acts.
    const m = classified(matched, state.columns, state.displayName, scope, T);
    if (isRefusal(m)) return m;
    const check = matched.length === 0 ? 'true'
      : `CASE WHEN __draft_matches > 1 THEN error('${locatedStop(ctx, s.span, `MERGE matched a row of ${state.displayName} with more than one source row (SQL Server fails: Msg 8672)`).replace(/'/g, "''")}') ELSE true END`;
    const all = [...m, ...olds, ...srcCols(true)];
    parts.push(`SELECT * EXCLUDE (__draft_matches) FROM (SELECT ${all.join(', ')}, count(*) OVER (PARTITION BY ${T}.${ROW}) AS __draft_matches\nFROM ${tgtSql}\nJOIN ${srcSql} ON ${on.sql}) WHERE ${check}`);

    // Target rows no source row matches: their conditions see the target only.
    const b = classified(bySource, state.columns, state.displayName, new DraftScope(ctx, [tgt]), T);
    if (isRefusal(b)) return b;
    parts.push(`SELECT ${[...b, ...olds, ...srcCols(false)].join(', ')}\nFROM ${tgtSql}\nWHERE NOT EXISTS (SELECT 1 FROM ${srcSql} WHERE ${on.sql})`);

    // Source rows no target row matches: inserted when the clause (and its condition) says so.
    const ins = insert[0];
    if (ins && ins.action.kind === 'MergeInsert') {
      const a = ins.action;
      if (a.defaultValues) return refuseAt(ctx, ins.span, 'INSERT DEFAULT VALUES', 'not translated');
      const srcScope = new DraftScope(ctx, srcBindings);
      const named = a.columns.length > 0 ? a.columns.map((c) => c.name) : state.columns.filter((c) => c.identity === undefined).map((c) => c.name);
      for (const x of named) if (!state.columns.some((c) => c.name.toLowerCase() === x.toLowerCase())) ctx.notes.push(untracked(state.displayName, x));
      const items: string[] = [];
      for (const c of state.columns) {
        const idx = named.findIndex((x) => x.toLowerCase() === c.name.toLowerCase());
        // a column the MERGE's INSERT does not name gets its DEFAULT, as an INSERT's does, or NULL
        const d = idx < 0 ? defaultItem(c, srcScope, ins) : undefined;
        if (isRefusal(d)) return d;
        if (d !== undefined) { items.push(d); continue; }
        if (idx < 0) { items.push(`${nullOf(c)} AS ${quoteName(c.name)}`); continue; }
        const v = translateExpression(a.values[idx] as never, srcScope);
        if (isRefusal(v)) return v;
        const cv = storeAs(v, c.type, srcScope, a.values[idx] as never, state.displayName, c.name);
        if (isRefusal(cv)) return cv;
        items.push(`${cv.sql} AS ${quoteName(c.name)}`);
      }
      let cond = '';
      if (ins.condition) {
        const c = translateExpression(ins.condition, srcScope);
        if (isRefusal(c)) return c;
        cond = ` AND coalesce(${c.sql}, false)`;
      }
      const olds0 = state.columns.map((c, i) => `${nullOf(c)} AS ${oldName(i)}`);
      parts.push(`SELECT ${[...items, `'INSERT' AS ${ACTION}`, `true AS ${KEEP}`, ...olds0, ...srcCols(true)].join(', ')}\nFROM ${srcSql}\nWHERE NOT EXISTS (SELECT 1 FROM ${tgtSql} WHERE ${on.sql})${cond}`);
    }
    // Materialized: the target's rows and the OUTPUT rows are read from one classification.
    const rows = addCte(ctx, `${t.key}_merge`, parts.join('\nUNION ALL\n'), true);
    const names = state.columns.map((c) => quoteName(c.name)).join(', ');
    const merged: ChangedRows = {
      relation: rows, action: ACTION, columns: state.columns, old: oldName,
      sources: srcBindings.map((sb, j) => ({ binding: sb, column: (i: number) => srcName(j, i) })),
    };
    setTable(ctx, t.key, { displayName: state.displayName, relation: addCte(ctx, t.key, `SELECT ${names} FROM ${rows} WHERE ${KEEP}`), columns: state.columns });
    return s.output ? outputInto(s.output, merged, t.key, ctx, 'MERGE') : undefined;
  });
}
