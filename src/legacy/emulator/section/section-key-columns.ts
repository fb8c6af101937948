import { findAll, type Expression, type ParsedScript, type Statement } from '../../../tsql';
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

/** keyColumns of a section's statements (`lines` of `procedure`); undefined when the scripts do not hold the procedure. */
export function sectionKeyColumns(scripts: readonly ParsedScript[], procedure: string, lines: readonly SectionLines[]): Set<string> | undefined {
  const loaded = collectProcedures(scripts).get(normalizeObjectName(procedure));
  return loaded === undefined ? undefined : keyColumns(selectSectionStatements(loaded.procedure, loaded.script, lines));
}
