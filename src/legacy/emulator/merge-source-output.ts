import type { Expression, Identifier, Merge, MergeInsert, OutputClause, SelectItem } from '../../tsql';
import { quote, SqlTranslator } from './expressions';
import { columnTypesOf, translateSource } from './queries';
import { coerceToColumn, runSql } from './runtime';
import type { EmulatorState, TableInfo } from './state';
import { SqlScope, type ColumnType } from './sql-scope';
import { defineCtes } from './ctes';
import { readableTableName } from '../baseline-names';

/**
 * Source columns in a MERGE's OUTPUT (`OUTPUT $action, src.CustomerCode …`, the SCD type 2
 * idiom). DuckDB's RETURNING sees only the target, so each changed row is paired with its source
 * row by what SQL Server guarantees about it: an UPDATE or DELETE of WHEN MATCHED changed the one
 * target row its source row matched (error 8672 otherwise), found by the target's PRIMARY KEY
 * (which no UPDATE of the MERGE assigns); a row WHEN NOT MATCHED BY SOURCE deleted has no source
 * row (NULLs, as SQL Server outputs; so has a row WHEN NOT MATCHED BY SOURCE THEN UPDATE changed,
 * whose rows merge-changes-by-key.ts reads); an INSERT holds the values its clause computed from its
 * source row, so it pairs with the unmatched source row that yields those values. Source rows
 * that yield the same inserted values but differ in a column the OUTPUT reads would pair in
 * SQL Server's plan order: refused before the MERGE runs.
 */
export interface MergeSourcePlan {
  /** Each source column the OUTPUT reads, keyed `qualifier.column` (lower-case), as the column of the paired rows table. */
  readonly columns: ReadonlyMap<string, ColumnType & { readonly written: string }>;
  /** Target key values and source values of every matched pair, taken before the MERGE. */
  readonly matched: string | undefined;
  /** Inserted values (`v0`, …, the listed target columns) and source values of every source row an INSERT clause takes. */
  readonly unmatched: { readonly table: string; readonly columns: readonly string[]; readonly count: number } | undefined;
  readonly key: readonly string[];
}

/** The paired source values of the changed rows: a table with `__rid` and one column per source column read. */
export interface MergeSourceRows {
  readonly table: string;
  readonly columns: MergeSourcePlan['columns'];
}

const refName = (parts: readonly Identifier[]): string | undefined => (parts.length >= 2 ? `${(parts[parts.length - 2]?.name ?? '').toLowerCase()}.${(parts[parts.length - 1]?.name ?? '').toLowerCase()}` : undefined);

/**
 * Plans the pairing when the OUTPUT names a column of the MERGE's source (anything but
 * inserted., deleted. and $action); undefined when it names none. Runs before the MERGE: the
 * matched pairs and the unmatched source rows are read from the tables as the MERGE finds them.
 */
export async function planMergeSourceOutput(state: EmulatorState, m: Merge, output: OutputClause, info: TableInfo, targetAlias: string, defaultColumns: readonly string[]): Promise<MergeSourcePlan | undefined> {
  const t = new SqlTranslator(state);
  const ctes = defineCtes(t, m.ctes, m.option, undefined);
  const scope = new SqlScope();
  scope.add(targetAlias, columnTypesOf(info));
  const using = translateSource(t, m.source, scope, undefined);
  const sourceAliases = new Set(scope.starColumns(undefined).map((c) => c.alias).filter((a) => a !== targetAlias.toLowerCase()));
  const columns = new Map<string, ColumnType & { readonly written: string }>();
  const note = (qualifier: string, column: ColumnType): void => {
    const k = `${qualifier}.${column.name.toLowerCase()}`;
    if (!columns.has(k)) columns.set(k, { ...column, name: `s${columns.size}`, written: column.name });
  };
  const visit = (x: unknown): void => {
    if (x === null || typeof x !== 'object') return;
    if (Array.isArray(x)) { x.forEach(visit); return; }
    const n = x as { kind?: string; parts?: readonly Identifier[]; qualifier?: readonly Identifier[] };
    if (n.kind === 'ColumnRef' && n.parts !== undefined && n.parts.length >= 2) {
      const q = (n.parts[n.parts.length - 2]?.name ?? '').toLowerCase();
      const c = scope.lookupRef(n.parts);
      if (sourceAliases.has(q) && c !== undefined) note(q, c);
      return;
    }
    if (n.kind === 'Star' && n.qualifier !== undefined && n.qualifier.length > 0) {
      const q = (n.qualifier[n.qualifier.length - 1]?.name ?? '').toLowerCase();
      if (sourceAliases.has(q)) for (const c of scope.columnsOf(q) ?? []) note(q, c);
      return;
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'span') visit(v);
  };
  visit(output.items);
  if (columns.size === 0) return undefined;

  refuseDrawingValues(state, [m.ctes, m.source]);
  const changesTarget = m.whens.some((w) => w.action.kind !== 'MergeInsert');
  const key = info.key;
  if (changesTarget) {
    const keyLower = key.map((k) => k.toLowerCase());
    const assigned = m.whens.flatMap((w) => (w.action.kind === 'MergeUpdate' ? w.action.assignments : [])).find((a) => keyLower.includes((a.column?.parts[a.column.parts.length - 1]?.name ?? '').toLowerCase()));
    if (key.length === 0 || assigned !== undefined) {
      throw state.unsupported(assigned ?? output, `a source column in the OUTPUT of a MERGE that updates or deletes rows of ${key.length === 0 ? 'a table without a PRIMARY KEY' : 'a column of the PRIMARY KEY'} (each changed row is paired with its source row by that key)`);
    }
  }
  const on = t.condition(m.on, scope);
  const target = `${info.sqlName} AS ${quote(targetAlias)}`;
  const sourceList = [...columns].map(([k, c]) => `${quote(k.slice(0, k.indexOf('.')))}.${quote(c.written)} AS ${quote(c.name)}`).join(', ');
  const made: string[] = [];
  try {
    let matched: string | undefined;
    if (m.whens.some((w) => w.match === 'MATCHED')) {
      matched = quote(`__merge_matched_${state.tempCounter++}`);
      const keys = key.map((k, j) => `${quote(targetAlias)}.${quote(k)} AS ${quote(`k${j}`)}`);
      await runSql(state, `CREATE TEMP TABLE ${matched} AS ${ctes.sql}SELECT ${[...keys, sourceList].join(', ')} FROM ${target} JOIN ${using} ON ${on}`, [...t.params], m.span);
      made.push(matched);
    }
    const unmatched = await planUnmatched(state, t, m, info, scope, { ctes: ctes.sql, using, on, target, sourceList, columns, defaultColumns }, made);
    return { columns, matched, unmatched, key };
  } catch (err) {
    for (const name of made) await state.session.run(`DROP TABLE IF EXISTS ${name}`).catch(() => undefined);
    throw err;
  }
}

interface Translated {
  readonly ctes: string; readonly using: string; readonly on: string; readonly target: string; readonly sourceList: string;
  readonly columns: MergeSourcePlan['columns'];
  /** The columns an INSERT without a column list fills. */
  readonly defaultColumns: readonly string[];
}

/** The source rows the INSERT clauses take, each with the values it inserts; refuses pairings SQL Server's plan decides. */
async function planUnmatched(state: EmulatorState, t: SqlTranslator, m: Merge, info: TableInfo, scope: SqlScope, x: Translated, made: string[]): Promise<MergeSourcePlan['unmatched']> {
  const clauses = m.whens.filter((w) => w.match === 'NOT MATCHED BY TARGET');
  const inserts = clauses.flatMap((w) => (w.action.kind === 'MergeInsert' ? [w.action] : []));
  if (inserts.length === 0) return undefined;
  const columnNamed = (name: string): TableInfo['columns'][number] | undefined => info.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
  const listed = (a: MergeInsert): string[] => (a.defaultValues ? [] : a.columns.length > 0 ? a.columns.map((c) => columnNamed(c.name)?.name ?? c.name) : [...x.defaultColumns]);
  // Every clause must list the same columns, so each inserted row is compared on all of them.
  const names = listed(inserts[0] as MergeInsert);
  for (const a of inserts) {
    const l = listed(a);
    if (l.length !== names.length || l.some((n, i) => n.toLowerCase() !== (names[i] ?? '').toLowerCase())) throw state.unsupported(a, 'a source column in the OUTPUT of a MERGE whose WHEN NOT MATCHED clauses insert different column lists');
  }
  refuseDrawingValues(state, inserts.map((a) => a.values));
  const earlier: string[] = [];
  const parts = clauses.map((w) => {
    const cond = w.condition === undefined ? 'TRUE' : t.condition(w.condition, scope);
    const taken = [`NOT EXISTS (SELECT 1 FROM ${x.target} WHERE ${x.on})`, ...earlier.map((c) => `(${c}) IS NOT TRUE`), `(${cond})`].join(' AND ');
    earlier.push(cond);
    const a = w.action as MergeInsert;
    const values = a.defaultValues ? [] : a.values.map((e: Expression, i) => {
      const col = columnNamed(names[i] ?? '');
      if (col === undefined) throw state.unsupported(a, `a column the MERGE's INSERT lists that ${readableTableName(info.sqlName)} does not have`);
      return `${coerceToColumn(t.expr(e, scope), col, state.dateFormat, readableTableName(info.sqlName))} AS ${quote(`v${i}`)}`;
    });
    return `SELECT ${[...values, x.sourceList].join(', ')} FROM ${x.using} WHERE ${taken}`;
  });
  const table = quote(`__merge_unmatched_${state.tempCounter++}`);
  await runSql(state, `CREATE TEMP TABLE ${table} AS ${x.ctes}${parts.join(' UNION ALL ')}`, [...t.params], m.span);
  made.push(table);
  const v = names.map((_, i) => quote(`v${i}`));
  const s = [...x.columns.values()].map((c) => quote(c.name));
  const ambiguous = await runSql(state, `SELECT 1 AS ambiguous FROM ${table} GROUP BY ${v.length === 0 ? 'TRUE' : v.join(', ')} HAVING count(DISTINCT struct_pack(${s.map((c, i) => `f${i} := ${c}`).join(', ')})) > 1 LIMIT 1`, [], m.span);
  if (ambiguous.length > 0) {
    throw state.unsupported(inserts[0], 'a source column in the OUTPUT of a MERGE whose INSERT makes the same row from source rows that differ in that column (which source row SQL Server pairs with which inserted row is its plan\'s choice)');
  }
  const count = Number((await runSql(state, `SELECT count(*) AS n FROM ${table}`, [], m.span))[0]?.n ?? 0);
  return { table, columns: names, count };
}

/** Values drawn per row (NEXT VALUE FOR, NEWID()) in the source or an INSERT would be drawn again by the pairing queries. */
export function refuseDrawingValues(state: EmulatorState, nodes: readonly unknown[], construct = 'a source column in the OUTPUT of a MERGE whose source or INSERT draws a new value per row'): void {
  const visit = (x: unknown): void => {
    if (x === null || typeof x !== 'object') return;
    if (Array.isArray(x)) { x.forEach(visit); return; }
    const n = x as { kind?: string; name?: { parts?: readonly Identifier[] } };
    const fn = n.kind === 'FunctionCall' ? (n.name?.parts?.[n.name.parts.length - 1]?.name ?? '').toUpperCase() : '';
    if (n.kind === 'NextValueFor' || ['NEWID', 'NEWSEQUENTIALID', 'RAND', 'CRYPT_GEN_RANDOM'].includes(fn)) throw state.unsupported(n as never, construct);
    for (const [k, v] of Object.entries(n)) if (k !== 'span') visit(v);
  };
  nodes.forEach(visit);
}

/**
 * After the MERGE: the source values of each changed row (`inserted`/`deleted` numbered by
 * `__rid`, as mergedFromReturning made them), by the plan's pairing. A count that does not
 * agree with the plan (a source read twice giving other rows) stops the run rather than pairing
 * wrongly.
 */
export async function pairMergeSourceRows(state: EmulatorState, m: Merge, plan: MergeSourcePlan, inserted: string, deleted: string): Promise<MergeSourceRows> {
  const table = quote(`__merge_source_${state.tempCounter++}`);
  const s = [...plan.columns.values()].map((c) => quote(c.name));
  const byKey = (side: string): string => plan.key.map((k, j) => `${side}.${quote(k)} IS NOT DISTINCT FROM __m.${quote(`k${j}`)}`).join(' AND ');
  const parts: string[] = [];
  const nulls = s.map((c) => `NULL AS ${c}`).join(', ');
  if (plan.matched !== undefined) {
    parts.push(`SELECT __i."__rid", ${s.map((c) => `__m.${c}`).join(', ')} FROM ${inserted} AS __i LEFT JOIN ${plan.matched} AS __m ON ${byKey('__i')} WHERE __i."__action" = 'UPDATE'`);
    parts.push(`SELECT __d."__rid", ${s.map((c) => `__m.${c}`).join(', ')} FROM ${deleted} AS __d LEFT JOIN ${plan.matched} AS __m ON ${byKey('__d')} WHERE __d."__action" = 'DELETE'`);
  } else {
    parts.push(`SELECT __i."__rid", ${nulls} FROM ${inserted} AS __i WHERE __i."__action" IN ('UPDATE', 'DELETE')`);
  }
  if (plan.unmatched !== undefined) {
    const u = plan.unmatched;
    const ins = u.columns.map((n) => `__i.${quote(n)}`);
    const vs = u.columns.map((_, i) => `__u.${quote(`v${i}`)}`);
    const part = (list: readonly string[]): string => (list.length === 0 ? 'TRUE' : list.join(', '));
    const same = ins.map((c, i) => `__a.${quote(`x${i}`)} IS NOT DISTINCT FROM __b.${quote(`x${i}`)}`);
    parts.push(`SELECT __a."__rid", ${s.map((c) => `__b.${c}`).join(', ')} FROM (SELECT __i."__rid", ${ins.map((c, i) => `${c} AS ${quote(`x${i}`)}`).concat('0 AS "__z"').join(', ')}, row_number() OVER (PARTITION BY ${part(ins)} ORDER BY __i."__rid") AS "__n" FROM ${inserted} AS __i WHERE __i."__action" = 'INSERT') AS __a`
      + ` JOIN (SELECT ${vs.map((c, i) => `${c} AS ${quote(`x${i}`)}`).concat('0 AS "__z"').join(', ')}, ${s.map((c) => `__u.${c}`).join(', ')}, row_number() OVER (PARTITION BY ${part(vs)}) AS "__n" FROM ${u.table} AS __u) AS __b ON ${[...same, '__a."__n" = __b."__n"'].join(' AND ')}`);
  }
  await runSql(state, `CREATE TEMP TABLE ${table} AS ${parts.join(' UNION ALL ')}`, [], m.span);
  const check = await runSql(state, `SELECT (SELECT count(*) FROM ${inserted} WHERE "__action" = 'INSERT') AS inserted, (SELECT count(*) FROM ${inserted}) AS changed, (SELECT count(*) FROM ${table}) AS paired`, [], m.span);
  const c = check[0] ?? {};
  if (Number(c.inserted) !== (plan.unmatched?.count ?? 0) || Number(c.changed) !== Number(c.paired)) {
    await state.session.run(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    throw state.unsupported(m, 'a source column in the OUTPUT of a MERGE whose source gave other rows when read again (its inserted rows could not be paired with their source rows)');
  }
  return { table, columns: plan.columns };
}

/** Drops the plan's tables. */
export async function dropMergeSourcePlan(state: EmulatorState, plan: MergeSourcePlan | undefined): Promise<void> {
  if (plan === undefined) return;
  for (const name of [plan.matched, plan.unmatched?.table]) if (name !== undefined) await state.session.run(`DROP TABLE IF EXISTS ${name}`).catch(() => undefined);
}

/**
 * OUTPUT items with their source column references read from the paired rows (`__merge_source`,
 * joined by `__rid`); a bare `src.Col` keeps its name as its result column's name.
 */
export function withSourceColumns(items: readonly SelectItem[], source: MergeSourceRows, alias: string, id: (n: string) => Identifier): SelectItem[] {
  const map = (x: unknown): unknown => {
    if (x === null || typeof x !== 'object') return x;
    if (Array.isArray(x)) return x.map(map);
    const n = x as { kind?: string; parts?: readonly Identifier[]; span?: Expression['span'] };
    if (n.kind === 'ColumnRef' && n.parts !== undefined) {
      const k = refName(n.parts);
      const c = k === undefined ? undefined : source.columns.get(k);
      if (c !== undefined) return { ...n, parts: [id(alias), id(c.name)] };
      return n;
    }
    return Object.fromEntries(Object.entries(n).map(([k, v]) => [k, k === 'span' ? v : map(v)]));
  };
  return items.flatMap((item): SelectItem[] => {
    const e = item.expression;
    if (e.kind === 'Star' && e.qualifier.length > 0) {
      const q = (e.qualifier[e.qualifier.length - 1]?.name ?? '').toLowerCase();
      const cols = [...source.columns].filter(([k]) => k.startsWith(`${q}.`));
      if (cols.length > 0) return cols.map(([, c]) => ({ kind: 'SelectItem', expression: { kind: 'ColumnRef', parts: [id(alias), id(c.name)], span: e.span }, alias: id(c.written), aliasStyle: 'as', span: item.span }));
    }
    const named = item.alias === undefined && e.kind === 'ColumnRef' && source.columns.has(refName(e.parts) ?? '')
      ? { alias: id(e.parts[e.parts.length - 1]?.name ?? ''), aliasStyle: 'as' as const } : {};
    return [{ ...item, ...named, expression: map(e) as Expression }];
  });
}

