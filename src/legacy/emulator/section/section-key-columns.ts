import { findAll, type Expression, type Node, type ParsedScript, type Statement } from '../../../tsql';
import { normalizeObjectName } from '../../legacy-run';
import { collectProcedures } from '../emulate-procedure';
import { selectSectionStatements, type SectionLines } from './section-statements';

// `sections record --from-data` suggests an `@entity` column for a section without one. A column
// every output carries is not enough: a measure may merely share its name across the outputs
// (`Points` of a lot, of a redemption line and of a request), and slicing the data by it would
// record scenarios of one amount each. An entity is what the statements keep rows apart by: a
// column they compare to another row's or to a variable (a filter, a join, a MERGE's ON), group
// or partition on, or a cursor's key; a column they sum or compute with is a measure.

/** Aggregates of amounts: a column summed or averaged is a measure (MIN/MAX of an id is not). */
const MEASURE_AGGREGATES = new Set(['sum', 'avg', 'stdev', 'stdevp', 'var', 'varp']);
const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);

const nameOf = (e: Expression): string | undefined => (e.kind === 'ColumnRef' ? e.parts[e.parts.length - 1]?.name.toLowerCase() : undefined);

/**
 * The columns (lower-case names) `statements` treat as keys: compared by `=` to a column or a
 * variable (not to a constant: `[Status] = 'PENDING'` filters, it does not key) in a WHERE,
 * HAVING, ON or MERGE ON, or by IN to a subquery; grouped or partitioned on; a cursor's column
 * FETCHed into a variable so compared. A column also summed, averaged or used in arithmetic
 * (`Remaining - @Take`) anywhere is left out.
 */
export function keyColumns(statements: readonly Statement[]): Set<string> {
  const keys = new Set<string>();
  const measures = new Set<string>();
  const comparedVariables = new Set<string>();
  const add = (set: Set<string>, e: Expression): void => { const n = nameOf(e); if (n !== undefined) set.add(n); };
  const conditions: Expression[] = [];
  for (const st of statements) {
    for (const q of findAll(st, 'QuerySpec')) {
      conditions.push(...(q.where === undefined ? [] : [q.where]), ...(q.having === undefined ? [] : [q.having]));
      if (q.groupBy !== undefined) for (const c of findAll(q.groupBy, 'ColumnRef')) add(keys, c);
    }
    for (const j of findAll(st, 'Join')) if (j.on !== undefined) conditions.push(j.on);
    for (const m of findAll(st, 'Merge')) conditions.push(m.on);
    for (const u of [...findAll(st, 'Update'), ...findAll(st, 'Delete')]) if (u.where !== undefined) conditions.push(u.where);
    for (const f of findAll(st, 'FunctionCall')) {
      if (f.over !== undefined) for (const p of f.over.partitionBy) for (const c of findAll(p, 'ColumnRef')) add(keys, c);
      else if (MEASURE_AGGREGATES.has((f.name.parts[f.name.parts.length - 1]?.name ?? '').toLowerCase())) for (const a of f.args) for (const c of findAll(a, 'ColumnRef')) add(measures, c);
    }
    for (const b of findAll(st, 'Binary')) if (ARITHMETIC.has(b.operator)) { add(measures, b.left); add(measures, b.right); }
    for (const p of findAll(st, 'Pivot')) for (const k of pivotGroupColumns(p)) keys.add(k);
  }
  for (const condition of conditions) {
    for (const b of findAll(condition, 'Binary')) {
      if (b.operator !== '=') continue;
      for (const [col, other] of [[b.left, b.right], [b.right, b.left]] as const) {
        if (col.kind !== 'ColumnRef' || other.kind === 'Literal') continue;
        add(keys, col);
        if (other.kind === 'Variable') comparedVariables.add(other.name.toLowerCase());
      }
    }
    for (const i of findAll(condition, 'In')) if (i.query !== undefined) add(keys, i.expression);
  }
  // a cursor's column fetched into a variable that keys a statement (`[Member Id] = @MemberId`)
  for (const st of statements) {
    for (const cursor of findAll(st, 'DeclareCursor')) {
      const items = cursor.query.body.kind === 'QuerySpec' ? cursor.query.body.items : [];
      const fetches = statements.flatMap((s) => findAll(s, 'Fetch')).filter((f) => f.cursor.name.toLowerCase() === cursor.name.toLowerCase());
      for (const fetch of fetches) {
        fetch.into.forEach((v, i) => {
          const item = items[i];
          if (item?.kind === 'SelectItem' && comparedVariables.has(v.name.toLowerCase())) add(keys, item.expression);
        });
      }
    }
  }
  return new Set([...keys].filter((k) => !measures.has(k)));
}

/**
 * A PIVOT groups its source's rows by every column its aggregate and FOR column do not name
 * (`PIVOT (COUNT([Course Code]) FOR Letter IN ([A], [B]))` over `[Student Id], [Term Code], …`
 * keeps a row per student and term): those columns of a derived table that names its columns.
 * A table source's columns are not known here: none.
 */
function pivotGroupColumns(p: Extract<Node, { kind: 'Pivot' }>): string[] {
  const src = p.source;
  if (src.kind !== 'DerivedTable' || src.columns.length > 0 || src.query.body.kind !== 'QuerySpec') return [];
  const used = new Set([...findAll(p.aggregate, 'ColumnRef').map(columnOf), columnOf(p.forColumn)]);
  const names = src.query.body.items.map((i) => (i.kind !== 'SelectItem' ? undefined : i.alias !== undefined ? i.alias.name.toLowerCase() : nameOf(i.expression)));
  // `*` or an unnamed expression: the grouping columns are not all known
  if (names.some((n) => n === undefined)) return [];
  return (names as string[]).filter((n) => !used.has(n));
}

/** keyColumns of a section's statements (`lines` of `procedure`); undefined when the scripts do not hold the procedure. */
export function sectionKeyColumns(scripts: readonly ParsedScript[], procedure: string, lines: readonly SectionLines[]): Set<string> | undefined {
  const loaded = collectProcedures(scripts).get(normalizeObjectName(procedure));
  return loaded === undefined ? undefined : keyColumns(selectSectionStatements(loaded.procedure, loaded.script, lines));
}

// `--from-data` cuts a table without the entity column through a column it shares with a table
// already cut (an order's lines by OrderId). A lookup read by other keys must not be cut so: the
// rate table `[FX Rate]` shares `[Ccy Code]` with the positions, but the statements read it for
// the functional currency too (through a #temp, a variable, another column), and cut to the
// positions' currencies it lost the rates the scenario needed: every cross rate came out NULL.
// Only a column the statements compare that table's rows by, and only to a column of the same
// name or a variable, is a way to cut it (sliceLinks in slice-entities.ts).

/** The tables (normalised names) a statement's column reference may belong to: by its qualifier, else every table the statement reads. */
function tablesOfColumn(c: Extract<Expression, { kind: 'ColumnRef' }>, aliases: ReadonlyMap<string, Set<string>>, all: ReadonlySet<string>): ReadonlySet<string> {
  if (c.parts.length < 2) return all;
  return aliases.get((c.parts[c.parts.length - 2]?.name ?? '').toLowerCase()) ?? new Set();
}

const columnOf = (c: Extract<Expression, { kind: 'ColumnRef' }>): string => (c.parts[c.parts.length - 1]?.name ?? '').toLowerCase();

/**
 * Per table the statements name (normalised name), per column (lower-case), what they compare its rows
 * by that column to: `column:<name>` (another column, in a WHERE, HAVING, ON or MERGE ON, or a
 * variable a cursor's column is FETCHed into), `variable` (any other variable; the cursor's own
 * column FETCHed into a variable compared so), `subquery` (IN).
 * A column only selected, or compared to a constant, has none. (An alias used for two tables in
 * one statement counts for both.)
 */
export function tableComparisons(statements: readonly Statement[]): Map<string, Map<string, Set<string>>> {
  const out = new Map<string, Map<string, Set<string>>>();
  const add = (tables: ReadonlySet<string>, column: string, partner: string): void => {
    for (const t of tables) {
      const columns = out.get(t) ?? new Map<string, Set<string>>();
      columns.set(column, new Set([...(columns.get(column) ?? []), partner]));
      out.set(t, columns);
    }
  };
  const comparedVariables = new Set<string>();
  // a variable a cursor's column is FETCHed into stands for that column (`r.[Ccy Code] = @BookCcy`
  // from `t.[Book Ccy]` reads the rate of another column's currency)
  const fetchedFrom = new Map<string, string>();
  for (const st of statements) {
    for (const cursor of findAll(st, 'DeclareCursor')) {
      const items = cursor.query.body.kind === 'QuerySpec' ? cursor.query.body.items : [];
      for (const fetch of statements.flatMap((s) => findAll(s, 'Fetch')).filter((f) => f.cursor.name.toLowerCase() === cursor.name.toLowerCase())) {
        fetch.into.forEach((v, i) => { const item = items[i]; if (item?.kind === 'SelectItem' && item.expression.kind === 'ColumnRef') fetchedFrom.set(v.name.toLowerCase(), columnOf(item.expression)); });
      }
    }
  }
  const partnerOf = (other: Expression): string => (other.kind === 'ColumnRef' ? `column:${columnOf(other)}` : other.kind === 'Variable' && fetchedFrom.has(other.name.toLowerCase()) ? `column:${fetchedFrom.get(other.name.toLowerCase()) ?? ''}` : 'variable');
  const aliasesOf = (node: Node): { aliases: Map<string, Set<string>>; all: Set<string> } => {
    const aliases = new Map<string, Set<string>>();
    const all = new Set<string>();
    for (const r of findAll(node, 'TableRef')) {
      const table = normalizeObjectName(r.name.parts.map((p) => p.name).join('.'));
      all.add(table);
      for (const a of [r.alias?.name, r.name.parts[r.name.parts.length - 1]?.name]) if (a !== undefined) aliases.set(a.toLowerCase(), new Set([...(aliases.get(a.toLowerCase()) ?? []), table]));
    }
    return { aliases, all };
  };
  for (const st of statements) {
    const { aliases, all } = aliasesOf(st);
    // every table read has an entry: one without comparisons is read whole
    for (const t of all) if (!out.has(t)) out.set(t, new Map());
    const conditions: Expression[] = [];
    for (const q of findAll(st, 'QuerySpec')) conditions.push(...(q.where === undefined ? [] : [q.where]), ...(q.having === undefined ? [] : [q.having]));
    for (const j of findAll(st, 'Join')) if (j.on !== undefined) conditions.push(j.on);
    for (const m of findAll(st, 'Merge')) conditions.push(m.on);
    for (const u of [...findAll(st, 'Update'), ...findAll(st, 'Delete')]) if (u.where !== undefined) conditions.push(u.where);
    for (const condition of conditions) {
      for (const b of findAll(condition, 'Binary')) {
        if (b.operator !== '=') continue;
        for (const [col, other] of [[b.left, b.right], [b.right, b.left]] as const) {
          if (col.kind !== 'ColumnRef' || (other.kind !== 'ColumnRef' && other.kind !== 'Variable')) continue;
          add(tablesOfColumn(col, aliases, all), columnOf(col), partnerOf(other));
          if (other.kind === 'Variable') comparedVariables.add(other.name.toLowerCase());
        }
      }
      for (const i of findAll(condition, 'In')) if (i.query !== undefined && i.expression.kind === 'ColumnRef') add(tablesOfColumn(i.expression, aliases, all), columnOf(i.expression), 'subquery');
    }
  }
  for (const st of statements) {
    for (const cursor of findAll(st, 'DeclareCursor')) {
      const items = cursor.query.body.kind === 'QuerySpec' ? cursor.query.body.items : [];
      const { aliases, all } = aliasesOf(cursor.query);
      for (const fetch of statements.flatMap((s) => findAll(s, 'Fetch')).filter((f) => f.cursor.name.toLowerCase() === cursor.name.toLowerCase())) {
        fetch.into.forEach((v, i) => {
          const item = items[i];
          if (item?.kind === 'SelectItem' && item.expression.kind === 'ColumnRef' && comparedVariables.has(v.name.toLowerCase())) add(tablesOfColumn(item.expression, aliases, all), columnOf(item.expression), 'variable');
        });
      }
    }
  }
  return out;
}

/** tableComparisons of a section's statements (`lines` of `procedure`); undefined when the scripts do not hold the procedure or the lines split a statement. */
export function sectionTableComparisons(scripts: readonly ParsedScript[], procedure: string, lines: readonly SectionLines[]): Map<string, Map<string, Set<string>>> | undefined {
  const loaded = collectProcedures(scripts).get(normalizeObjectName(procedure));
  if (loaded === undefined) return undefined;
  try {
    return tableComparisons(selectSectionStatements(loaded.procedure, loaded.script, lines));
  } catch {
    return undefined;
  }
}
