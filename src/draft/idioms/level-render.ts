import type { Expression, Variable } from '../../tsql';
import type { Refusal, Translated } from '../draft-model';
import { castTo } from '../convert-value';
import { locatedStop } from '../draft-scope';
import { quoteName, stringLiteral } from '../sql-text';
import { duckTypeOf, formatSqlType, type SqlType } from '../sql-types';
import { expressionIn, isRefusal, queryIn, refuseSpan, type Bindings, type IdiomContext } from './idiom-context';
import type { Guard, Level, LevelStep } from './loop-levels';
import { spelled, varKey } from './loop-shape';

/*
 * SQL for a tree of loop levels. Each nested loop becomes a `CROSS JOIN LATERAL (SELECT
 * aggregates FROM its rows …)`: one row per outer row even when the loop has no rows, so an
 * entity without words keeps its initial values exactly as the loop leaves them. Additions
 * are summed (with a flag remembering a NULL addition, which makes the T-SQL variable NULL for
 * good), MIN/MAX kept by IF become min()/max(). Positions and dates of a counting WHILE are
 * `generate_series` rows.
 */

/** What one level's rows contribute to each accumulator, as SQL over the current row. */
export interface Contributions {
  /** Pieces whose sum is the row's addition (NULL pieces are counted in `nulls`, not here). */
  readonly sums: Map<string, string[]>;
  /** Conditions under which the row adds a NULL. */
  readonly nulls: Map<string, string[]>;
  /** Candidate values of a MIN/MAX accumulator for this row. */
  readonly extremes: Map<string, { fn: 'min' | 'max'; values: string[]; orIsNull: boolean }>;
}

/** The rendered steps of one level: lateral joins for nested loops, contributions, final bindings. */
export interface RenderedSteps {
  readonly joins: string[];
  readonly contributions: Contributions;
  readonly bindings: Map<string, Translated>;
  /** Initial values of accumulators assigned at this level (lower-case name -> SQL). */
  readonly inits: Map<string, Translated>;
  /** Kinds of loops met (for the draft's header): 'cursor' and/or 'counter'. */
  readonly loopKinds: Set<'cursor' | 'counter'>;
}

/** Alias generator shared by one rewrite so nested laterals never clash. */
export interface AliasCounter { next: number }

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** SQL of the guards as one predicate that is true only when every IF would take its branch. */
function guardSql(ic: IdiomContext, guards: readonly Guard[], bindings: Bindings): string | Refusal | undefined {
  const parts: string[] = [];
  for (const g of guards) {
    const t = expressionIn(ic, g.condition, bindings);
    if (isRefusal(t)) return t;
    // IF takes its THEN branch only when the condition is true (not false, not unknown).
    parts.push(g.negated ? `NOT coalesce((${t.sql}), false)` : `coalesce((${t.sql}), false)`);
  }
  return parts.length === 0 ? undefined : parts.join(' AND ');
}

/** The value of a T-SQL variable after FETCH converts a column of type `col` into it, or why not. */
function fetchedValue(sql: string, col: SqlType, v: SqlType): string | undefined {
  if (v.family === 'string' && col.family === 'string') {
    if (v.length === undefined || (col.length !== undefined && col.length <= v.length && !v.unicode === !col.unicode)) return sql;
    // A longer value is cut to the variable's length, as SQL Server's implicit conversion does.
    return `left(${sql}, ${v.length})`;
  }
  if (v.family === 'int' && col.family === 'int') {
    const rank = { tinyint: 1, smallint: 2, int: 3, bigint: 4 };
    return rank[v.name] >= rank[col.name] ? sql : undefined;
  }
  if (v.family === col.family && JSON.stringify(v) === JSON.stringify(col)) return sql;
  if ((v.family === 'date' || v.family === 'datetime') && col.family === v.family) return sql;
  return undefined;
}

/**
 * Rows of a loop (cursor rows, or counter positions/dates) as a FROM item with its alias, and the
 * variables they bind. `hidden`: the cursor's query (`src.query`) ends with that many columns
 * FETCH does not fill (cursor-order-columns.ts), named h1… after the fetched c1…; `columns` holds
 * every column of a cursor row as the query returns it, before FETCH converts it.
 */
export function levelRows(ic: IdiomContext, level: Level, bindings: Bindings, alias: string, hidden = 0): {
  from: string; bound: Map<string, Translated>; names: readonly string[]; columns: readonly Translated[];
} | Refusal {
  const src = level.source;
  const bound = new Map<string, Translated>();
  if (src.kind === 'cursor') {
    const q = queryIn(ic, src.query, bindings);
    if (isRefusal(q)) return q;
    const returned = q.columns.length - hidden;
    if (returned !== src.into.length) return refuseSpan(ic, src.declare.span, `cursor ${src.name}`, `the cursor returns ${returned} columns but FETCH fills ${src.into.length} variables`);
    const names = [...src.into.map((_, i) => `c${i + 1}`), ...Array.from({ length: hidden }, (_, i) => `h${i + 1}`)];
    const columns = q.columns.map((c, i): Translated => ({ kind: 'translated', sql: `${alias}.${names[i] as string}`, type: c.type }));
    for (let i = 0; i < src.into.length; i++) {
      const v = src.into[i] as Variable;
      const col = q.columns[i] as { type: SqlType };
      const vt = ic.declared.get(varKey(v)) ?? col.type;
      const value = fetchedValue(`${alias}.${names[i]}`, col.type, vt);
      if (value === undefined) return refuseSpan(ic, v.span, `FETCH INTO ${v.name}`, `FETCH converts ${formatSqlType(col.type)} to ${formatSqlType(vt)}; the draft does not reproduce that conversion`);
      bound.set(varKey(v), { kind: 'translated', sql: value, type: vt });
    }
    return { from: `(${q.sql}) AS ${alias}(${names.join(', ')})`, bound, names, columns };
  }
  const start = expressionIn(ic, src.start, bindings);
  if (isRefusal(start)) return start;
  const end = expressionIn(ic, src.end, bindings);
  if (isRefusal(end)) return end;
  const vt = ic.declared.get(src.counter) ?? start.type;
  if (vt.family === 'int') {
    if (src.step.kind !== 'Literal') return refuseSpan(ic, src.step.span, 'loop step', 'a counter stepped by DATEADD is not an integer loop');
    const upper = src.exclusive ? `(${end.sql}) - 1` : end.sql;
    bound.set(src.counter, { kind: 'translated', sql: `CAST(${alias}.i AS ${duckTypeOf(vt)})`, type: vt });
    // WHILE with a NULL bound never runs: generate_series over NULL has no rows either.
    return { from: `generate_series(CAST(${start.sql} AS BIGINT), CAST(${upper} AS BIGINT), ${src.step.value}) AS ${alias}(i)`, bound, names: ['i'], columns: [] };
  }
  return dateRows(ic, src.step, start, end, src.exclusive, vt, alias, src.counter, bound);
}

const DATE_UNITS: Record<string, string> = { day: 'DAY', dd: 'DAY', d: 'DAY', week: 'WEEK', wk: 'WEEK', ww: 'WEEK', month: 'MONTH', mm: 'MONTH', m: 'MONTH', year: 'YEAR', yy: 'YEAR', yyyy: 'YEAR', hour: 'HOUR', hh: 'HOUR', minute: 'MINUTE', mi: 'MINUTE', n: 'MINUTE' };

/** Dates of `WHILE @d <= @end … SET @d = DATEADD(unit, k, @d)` as generate_series rows. */
function dateRows(ic: IdiomContext, step: Expression, start: Translated, end: Translated, exclusive: boolean, vt: SqlType, alias: string, counter: string, bound: Map<string, Translated>): {
  from: string; bound: Map<string, Translated>; names: readonly string[]; columns: readonly Translated[];
} | Refusal {
  if (step.kind !== 'FunctionCall') return refuseSpan(ic, step.span, 'loop step', 'a date loop must step with DATEADD');
  const unitArg = step.args[0] as Expression;
  const unitName = unitArg.kind === 'Literal' || unitArg.kind === 'ColumnRef' ? (unitArg.kind === 'Literal' ? unitArg.value : (unitArg.parts[0]?.name ?? '')) : '';
  const unit = DATE_UNITS[unitName.toLowerCase()];
  const k = step.args[1] as Expression;
  if (!unit || k.kind !== 'Literal') return refuseSpan(ic, step.span, 'DATEADD step', `DATEADD(${unitName}, …) steps are not drafted (day, week, month, year, hour, minute are)`);
  if (vt.family !== 'date' && vt.family !== 'datetime') return refuseSpan(ic, step.span, 'date loop', `the loop variable is ${formatSqlType(vt)}, not a date`);
  // DATEADD(month, 1, Jan 31) gives Feb 28 and the next step starts from Feb 28, not Jan 31: from
  // a day past the 28th the legacy dates drift, which generate_series does not reproduce. From
  // the 28th or before (a loop over month starts) every step keeps the day: the series is exact,
  // and a start past the 28th stops the query, naming the step.
  let first = start.sql;
  if (unit === 'MONTH' || unit === 'YEAR') {
    const stop = stringLiteral(locatedStop(ic.ctx, step.span, `DATEADD(${unitName}, …) from a day past the 28th drifts (Jan 31 -> Feb 28 -> Mar 28), which the draft does not reproduce`));
    first = `(CASE WHEN day(${start.sql}) > 28 THEN error(${stop}) ELSE ${start.sql} END)`;
  }
  const duck = duckTypeOf(vt) as string;
  const endSql = exclusive ? `(${end.sql})` : `(${end.sql})`;
  // generate_series over TIMESTAMP includes the end; `<` excludes it by filtering below.
  const series = `generate_series(CAST(${first} AS TIMESTAMP), CAST(${endSql} AS TIMESTAMP), INTERVAL ${k.value} ${unit})`;
  const from = exclusive
    ? `(SELECT i FROM ${series} AS g(i) WHERE i < CAST(${endSql} AS TIMESTAMP)) AS ${alias}(i)`
    : `${series} AS ${alias}(i)`;
  bound.set(counter, { kind: 'translated', sql: `CAST(${alias}.i AS ${duck})`, type: vt });
  return { from, bound, names: ['i'], columns: [] };
}

/**
 * Renders the steps of one loop iteration in order: locals bind their values for the steps
 * after them, accumulations become contributions, nested loops lateral joins.
 */
export function renderSteps(ic: IdiomContext, steps: readonly LevelStep[], bindings: Bindings, accs: ReadonlySet<string>, aliases: AliasCounter): RenderedSteps | Refusal {
  const out: RenderedSteps = {
    joins: [], contributions: { sums: new Map(), nulls: new Map(), extremes: new Map() },
    bindings: new Map(bindings), inits: new Map(), loopKinds: new Set(),
  };
  for (const st of steps) {
    if (st.kind === 'local') {
      const t = expressionIn(ic, st.value, out.bindings);
      if (isRefusal(t)) return t;
      const vt = ic.declared.get(st.variable);
      // What SET stores: converted as SQL Server converts an assignment (an int truncates a
      // decimal, where DuckDB's CAST rounds; money keeps four decimals).
      const value = vt ? castTo(t, vt, ic.rc.scope, st.value) : t;
      if (isRefusal(value)) return value;
      if (accs.has(st.variable)) out.inits.set(st.variable, value);
      else out.bindings.set(st.variable, value);
      continue;
    }
    const g = guardSql(ic, st.guards, out.bindings);
    if (g !== undefined && typeof g !== 'string') return g;
    if (st.kind === 'add') {
      const t = expressionIn(ic, st.value, out.bindings);
      if (isRefusal(t)) return t;
      const problem = additionProblem(ic, st.accumulator, t.type);
      if (problem) return refuseSpan(ic, st.node.span, `SET ${spelled(st.node, st.accumulator)}`, problem);
      // A numeric literal is never NULL: no coalesce, no NULL flag (keeps counters readable).
      const constant = /^-?\d+(\.\d+)?$/.test(t.sql.trim());
      const v = constant ? t.sql.trim() : `coalesce(${t.sql}, 0)`;
      push(out.contributions.sums, st.accumulator, g ? `(CASE WHEN ${g} THEN ${v} ELSE 0 END)` : v);
      if (!constant) push(out.contributions.nulls, st.accumulator, g ? `(${g} AND (${t.sql}) IS NULL)` : `((${t.sql}) IS NULL)`);
      continue;
    }
    if (st.kind === 'extreme') {
      const t = expressionIn(ic, st.value, out.bindings);
      if (isRefusal(t)) return t;
      if (!['int', 'decimal', 'date', 'datetime'].includes(t.type.family)) {
        return refuseSpan(ic, st.node.span, `MIN/MAX of ${spelled(st.node, st.accumulator)}`, `the compared values are ${formatSqlType(t.type)}: only numbers and dates order the same in DuckDB as under the SQL Server collation`);
      }
      const e = out.contributions.extremes.get(st.accumulator) ?? { fn: st.fn, values: [], orIsNull: st.orIsNull };
      if (e.fn !== st.fn || e.orIsNull !== st.orIsNull) return refuseSpan(ic, st.node.span, spelled(st.node, st.accumulator), 'kept by IFs of different shapes (minimum and maximum, or with and without OR … IS NULL)');
      e.values.push(g ? `(CASE WHEN ${g} THEN ${t.sql} END)` : t.sql);
      out.contributions.extremes.set(st.accumulator, e);
      continue;
    }
    const child = renderChild(ic, st.level, out.bindings, accs, aliases);
    if (isRefusal(child)) return child;
    out.joins.push(child.join);
    for (const k of child.loopKinds) out.loopKinds.add(k);
    for (const [acc, col] of child.sums) {
      push(out.contributions.sums, acc, g ? `(CASE WHEN ${g} THEN coalesce(${col}, 0) ELSE 0 END)` : `coalesce(${col}, 0)`);
    }
    for (const [acc, col] of child.nulls) push(out.contributions.nulls, acc, g ? `(${g} AND coalesce(${col}, false))` : `coalesce(${col}, false)`);
    for (const [acc, { fn, column, orIsNull }] of child.extremes) {
      const e = out.contributions.extremes.get(acc) ?? { fn, values: [], orIsNull };
      if (e.fn !== fn || e.orIsNull !== orIsNull) return refuseSpan(ic, st.level.source.span, spelled(st.level.source.loop, acc), 'kept by IFs of different shapes (minimum and maximum, or with and without OR … IS NULL)');
      e.values.push(g ? `(CASE WHEN ${g} THEN ${column} END)` : column);
      out.contributions.extremes.set(acc, e);
    }
  }
  return out;
}

/** Why adding a value of type `t` to accumulator `acc` may not be summed exactly, if so. */
function additionProblem(ic: IdiomContext, acc: string, t: SqlType): string | undefined {
  const at = ic.declared.get(acc);
  if (!at) return `${acc} is not declared in the procedure: its type (and so its rounding) is unknown`;
  if (at.family === 'int') return t.family === 'int' || t.family === 'bit' ? undefined : `adding ${formatSqlType(t)} to ${formatSqlType(at)} converts on every assignment; summing first would round differently`;
  if (at.family === 'decimal') {
    if (t.family === 'int') return undefined;
    if (t.family === 'decimal' && t.scale <= at.scale) return undefined;
    return `adding ${formatSqlType(t)} to ${formatSqlType(at)} rounds on every assignment; summing first would round differently`;
  }
  return `${acc} is ${formatSqlType(at)}: ${at.family === 'float' ? 'float sums depend on the order of the rows' : 'only integer and decimal accumulators are summed'}`;
}

/** A nested loop as a lateral aggregate: the join and the columns holding its contributions. */
function renderChild(ic: IdiomContext, level: Level, bindings: Bindings, accs: ReadonlySet<string>, aliases: AliasCounter): {
  join: string; sums: Map<string, string>; nulls: Map<string, string>; extremes: Map<string, { fn: 'min' | 'max'; column: string; orIsNull: boolean }>; loopKinds: Set<'cursor' | 'counter'>;
} | Refusal {
  aliases.next += 1;
  const n = aliases.next;
  const rowsAlias = `lp${n}`;
  const aggAlias = `ag${n}`;
  const rows = levelRows(ic, level, bindings, rowsAlias);
  if (isRefusal(rows)) return rows;
  const inner = new Map(bindings);
  for (const [k, v] of rows.bound) inner.set(k, v);
  const r = renderSteps(ic, level.steps, inner, accs, aliases);
  if (isRefusal(r)) return r;
  if (r.inits.size > 0) {
    const [name] = [...r.inits.keys()];
    const v = spelled(level.source.loop, name as string);
    return refuseSpan(ic, level.source.span, v, `${v} is reset inside a nested loop and accumulated there: a per-row total read later needs its own aggregate level`);
  }
  const select: string[] = [];
  const sums = new Map<string, string>();
  const nulls = new Map<string, string>();
  const extremes = new Map<string, { fn: 'min' | 'max'; column: string; orIsNull: boolean }>();
  for (const [acc, pieces] of r.contributions.sums) {
    const col = `s_${safe(acc)}`;
    select.push(`sum(${pieces.join(' + ')}) AS ${col}`);
    sums.set(acc, `${aggAlias}.${col}`);
  }
  for (const [acc, pieces] of r.contributions.nulls) {
    const col = `n_${safe(acc)}`;
    select.push(`bool_or(${pieces.join(' OR ')}) AS ${col}`);
    nulls.set(acc, `${aggAlias}.${col}`);
  }
  for (const [acc, { fn, values, orIsNull }] of r.contributions.extremes) {
    const col = `m_${safe(acc)}`;
    const v = values.length === 1 ? values[0] as string : `${fn === 'min' ? 'least' : 'greatest'}(${values.join(', ')})`;
    select.push(`${fn}(${v}) AS ${col}`);
    extremes.set(acc, { fn, column: `${aggAlias}.${col}`, orIsNull });
  }
  if (select.length === 0) select.push('count(*) AS rows_seen');
  const loopKinds = new Set(r.loopKinds);
  loopKinds.add(level.source.kind);
  const from = [rows.from, ...r.joins].join('\n    ');
  return { join: `CROSS JOIN LATERAL (\n    SELECT ${select.join(', ')}\n    FROM ${from}\n  ) AS ${aggAlias}`, sums, nulls, extremes, loopKinds };
}

/** A variable name as part of a SQL column name. */
function safe(name: string): string {
  return quoteName(name.replace(/^@+/, '').replace(/[^A-Za-z0-9_]+/g, '_').toLowerCase() || 'v');
}

/**
 * The final value of an accumulator after the loop of one entity: the initial value plus the
 * row's contributions (NULL when a NULL was ever added), or the MIN/MAX seen, cast to the
 * variable's type as every assignment does.
 */
export function finalValue(ic: IdiomContext, acc: string, init: Translated, c: Contributions): Translated | Refusal {
  const at = ic.declared.get(acc) ?? init.type;
  const duck = duckTypeOf(at);
  if (!duck) return refuseSpan(ic, { start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } }, acc, `unknown type ${formatSqlType(at)}`);
  const sums = c.sums.get(acc);
  const ext = c.extremes.get(acc);
  if (ext) {
    const v = ext.values.length === 1 ? ext.values[0] as string : `${ext.fn === 'min' ? 'least' : 'greatest'}(${ext.values.join(', ')})`;
    // least/greatest skip NULLs like the IF does (a NULL never compares true); a NULL start
    // stays NULL unless the IF also takes `OR @m IS NULL`, which extremeOf records.
    const best = `CAST(${ext.fn === 'min' ? 'least' : 'greatest'}(${init.sql}, ${v}) AS ${duck})`;
    // Without `OR @m IS NULL` a NULL start is never replaced: every comparison with it is unknown.
    return { kind: 'translated', sql: ext.orIsNull ? best : `(CASE WHEN (${init.sql}) IS NULL THEN NULL ELSE ${best} END)`, type: at };
  }
  const nulls = c.nulls.get(acc) ?? [];
  const sum = sums && sums.length > 0 ? sums.join(' + ') : '0';
  const isNull = nulls.length > 0 ? `coalesce(${nulls.join(' OR ')}, false)` : 'false';
  return { kind: 'translated', sql: `(CASE WHEN ${isNull} THEN NULL ELSE CAST((${init.sql}) + (${sum}) AS ${duck}) END)`, type: at };
}
