import type { Cte, Expression, Merge, Node, OutputClause, QueryExpression, QuerySpec, Select, Statement, TableSource, TableTarget, UpdateAssignment } from '../../../tsql';
import { walk } from '../../../tsql';

/*
 * Which columns a statement's not-reproducible values reach (random-values.ts endTracking).
 * The statement read them at `seeds`: column references resolved to a single tainted column
 * (identity or sequence numbering in no defined order) and reads of tainted variables. A value
 * computed from one taints the column it is written into, the derived table's or CTE's column
 * it is named by (followed by name), the variable it is assigned to. A seed that can decide
 * which rows a statement reads, writes or how it numbers them (WHERE, ON, GROUP BY, HAVING,
 * DISTINCT, TOP, ORDER BY, a set operation removing duplicates, MERGE's ON and WHEN
 * conditions, a table function's argument) gives no column-level account: undefined, and the
 * caller keeps the whole-statement marking. So does anything this file does not know how to
 * follow (a statement kind, `*` over a tainted derived table, an INSERT without column list, a
 * seed this file's walk does not meet in the statement, which means the translator read a
 * rewritten copy of it): an over-marked column costs a comparison, an under-marked one a
 * silently wrong baseline.
 */

/** What a statement's tainted values reach: columns of its write targets (the target nodes as written, column names lower-cased) and variables (lower-cased). */
export interface ColumnAccount {
  readonly targets: Map<Node, Set<string>>;
  readonly variables: Set<string>;
}

/** Output columns of a query: tainted or not, by position, with their names (lower-cased; undefined when unnamed). */
interface QueryTaint {
  readonly names: readonly (string | undefined)[];
  readonly tainted: readonly boolean[];
}

/** Aliases of the row sources in scope -> their tainted column names (lower-cased); CTE names -> their taint. */
interface Scope {
  readonly aliases: Map<string, Set<string>>;
  readonly ctes: Map<string, QueryTaint>;
}

/** Thrown inside the walk when no column-level account is certain. */
class Coarse extends Error {}

export function columnAccountOf(s: Statement, seeds: ReadonlySet<Node>): ColumnAccount | undefined {
  const met = new Set<Node>();
  walk(s, (n) => { if (seeds.has(n)) met.add(n); });
  // The translator read a node this statement does not hold (a rewritten copy): its place is unknown.
  if (met.size !== seeds.size) return undefined;
  try {
    return accountOf(s, seeds);
  } catch (e) {
    if (e instanceof Coarse) return undefined;
    throw e;
  }
}

/**
 * Whether the seeds a cursor's query `q` read may decide which rows it gives (cursor-taint.ts):
 * one is read where it picks rows (WHERE, ON, GROUP BY, HAVING, DISTINCT, TOP, a set operation
 * removing duplicates) or where this file does not follow it. An ORDER BY without TOP or OFFSET
 * orders the rows without picking them (the values fetched are tainted either way).
 */
export function seedsDecideRows(q: Select, seeds: ReadonlySet<Node>): boolean {
  if (seeds.size === 0) return false;
  const met = new Set<Node>();
  walk(q, (n) => { if (seeds.has(n)) met.add(n); });
  if (met.size !== seeds.size) return true;
  const picks = q.offset !== undefined || q.fetch !== undefined || (q.body.kind === 'QuerySpec' && q.body.top !== undefined);
  try {
    queryTaint(picks ? q : { ...q, orderBy: [] }, seeds, emptyScope());
    return false;
  } catch (e) {
    if (e instanceof Coarse) return true;
    throw e;
  }
}

function accountOf(s: Statement, seeds: ReadonlySet<Node>): ColumnAccount {
  const account: ColumnAccount = { targets: new Map(), variables: new Set() };
  // A write through a CTE (cte-dml.ts) names the CTE's columns, not its table's.
  if ((s.kind === 'Insert' || s.kind === 'Update' || s.kind === 'Merge') && writesCte(s.target, s.ctes)) throw new Coarse();
  const lower = (name: string): string => name.toLowerCase();
  switch (s.kind) {
    case 'Select': {
      const scope = withCtes(s.ctes, seeds, emptyScope());
      const body = s.body;
      if (body.kind === 'QuerySpec' && body.items.some((i) => i.kind === 'SelectAssignment')) {
        const q = queryTaint(s, seeds, scope);
        body.items.forEach((item, i) => { if (item.kind === 'SelectAssignment' && q.tainted[i] === true) account.variables.add(lower(item.variable.name)); });
        return account;
      }
      // Only SELECT … INTO keeps a column-level account: a result set is listed whole.
      if (body.kind !== 'QuerySpec' || body.into === undefined) throw new Coarse();
      const q = queryTaint(s, seeds, scope);
      account.targets.set(body.into, taintedNames(q));
      return account;
    }
    case 'Insert': {
      const scope = withCtes(s.ctes, seeds, emptyScope());
      if (s.top !== undefined && tainted(s.top, seeds, scope)) throw new Coarse();
      if (s.columns.length === 0) throw new Coarse();
      const columns = s.columns.map((c) => lower(c.name));
      let byPosition: readonly boolean[];
      if (s.source.kind === 'Select') byPosition = queryTaint(s.source, seeds, scope).tainted;
      else if (s.source.kind === 'ValuesSource') byPosition = columns.map((_, i) => s.source.kind === 'ValuesSource' && s.source.rows.some((row) => row[i] !== undefined && tainted(row[i] as Expression, seeds, scope)));
      else if (s.source.kind === 'DefaultValues') byPosition = [];
      else throw new Coarse();
      const cols = new Set(columns.filter((_, i) => byPosition[i] === true));
      account.targets.set(s.target, cols);
      output(s.output, cols, seeds, scope, account);
      return account;
    }
    case 'Update': {
      let scope = withCtes(s.ctes, seeds, emptyScope());
      scope = withSources(s.from, seeds, scope);
      if ((s.top !== undefined && tainted(s.top, seeds, scope)) || (s.where !== undefined && tainted(s.where, seeds, scope)) || s.currentOf !== undefined) throw new Coarse();
      const cols = assigned(s.assignments, seeds, scope, account);
      account.targets.set(s.target, cols);
      output(s.output, cols, seeds, scope, account);
      return account;
    }
    case 'Merge': return mergeAccount(s, seeds, account);
    default: throw new Coarse();
  }
}

function mergeAccount(m: Merge, seeds: ReadonlySet<Node>, account: ColumnAccount): ColumnAccount {
  const scope = withSources([m.source], seeds, withCtes(m.ctes, seeds, emptyScope()));
  // Which rows match, and which WHEN applies to them, decide every column the MERGE writes.
  if (tainted(m.on, seeds, scope) || (m.top !== undefined && tainted(m.top, seeds, scope))) throw new Coarse();
  const cols = new Set<string>();
  for (const w of m.whens) {
    if (w.condition !== undefined && tainted(w.condition, seeds, scope)) throw new Coarse();
    const a = w.action;
    if (a.kind === 'MergeUpdate') for (const c of assigned(a.assignments, seeds, scope, account)) cols.add(c);
    if (a.kind === 'MergeInsert' && a.values.some((v) => tainted(v, seeds, scope))) {
      if (a.columns.length !== a.values.length) throw new Coarse();
      a.values.forEach((v, i) => { const c = a.columns[i]; if (c !== undefined && tainted(v, seeds, scope)) cols.add(c.name.toLowerCase()); });
    }
  }
  account.targets.set(m.target, cols);
  output(m.output, cols, seeds, scope, account);
  return account;
}

/** The target columns SET items assign a tainted value (their variables too, into `account`). */
function assigned(items: readonly UpdateAssignment[], seeds: ReadonlySet<Node>, scope: Scope, account: ColumnAccount): Set<string> {
  const cols = new Set<string>();
  for (const a of items) {
    if (!tainted(a.value, seeds, scope)) continue;
    // `col.WRITE(…)` and compound operators read the column too; the column is tainted either way.
    if (a.column !== undefined) cols.add((a.column.parts[a.column.parts.length - 1]?.name ?? '').toLowerCase());
    if (a.variable !== undefined) account.variables.add(a.variable.name.toLowerCase());
  }
  return cols;
}

/**
 * An OUTPUT clause: `inserted.<c>` of a column given a tainted value, a tainted source column
 * (MERGE), a seed; into a table its columns by position, into a result set refused at the
 * column level (result sets are listed whole).
 */
function output(out: OutputClause | undefined, written: ReadonlySet<string>, seeds: ReadonlySet<Node>, scope: Scope, account: ColumnAccount): void {
  if (out === undefined) return;
  const withInserted: Scope = { aliases: new Map([...scope.aliases, ['inserted', new Set(written)]]), ctes: scope.ctes };
  const byPosition = out.items.map((item) => {
    if (item.expression.kind === 'Star') return written.size > 0 || hasTaintedAlias(scope) ? 'star' : false;
    return tainted(item.expression, seeds, withInserted);
  });
  if (!byPosition.some((b) => b !== false)) {
    if (out.into !== undefined) account.targets.set(out.into, new Set());
    return;
  }
  if (out.into === undefined || out.intoColumns.length !== out.items.length || byPosition.includes('star')) throw new Coarse();
  account.targets.set(out.into, new Set(out.intoColumns.filter((_, i) => byPosition[i] === true).map((c) => c.name.toLowerCase())));
}

function writesCte(target: TableTarget, ctes: readonly Cte[]): boolean {
  return target.kind === 'TableRef' && target.name.parts.length === 1 && ctes.some((c) => c.name.name.toLowerCase() === (target.name.parts[0]?.name ?? '').toLowerCase());
}

function emptyScope(): Scope {
  return { aliases: new Map(), ctes: new Map() };
}

function hasTaintedAlias(scope: Scope): boolean {
  return [...scope.aliases.values()].some((cols) => cols.size > 0);
}

function taintedNames(q: QueryTaint): Set<string> {
  const out = new Set<string>();
  q.tainted.forEach((t, i) => {
    if (!t) return;
    const name = q.names[i];
    if (name === undefined) throw new Coarse();
    out.add(name);
  });
  return out;
}

/** The CTEs of a statement or query, each followed in turn (a later one may read an earlier one). */
function withCtes(ctes: readonly Cte[], seeds: ReadonlySet<Node>, outer: Scope): Scope {
  const scope: Scope = { aliases: new Map(outer.aliases), ctes: new Map(outer.ctes) };
  for (const c of ctes) {
    const q = queryTaint(c.query, seeds, scope);
    scope.ctes.set(c.name.name.toLowerCase(), c.columns.length === 0 ? q : { names: c.columns.map((n) => n.name.toLowerCase()), tainted: q.tainted });
  }
  return scope;
}

/** FROM items: joins' ON conditions and table functions' arguments must not read a tainted value; derived tables and CTEs give their tainted columns by alias. */
function withSources(from: readonly TableSource[], seeds: ReadonlySet<Node>, outer: Scope): Scope {
  const scope: Scope = { aliases: new Map(outer.aliases), ctes: outer.ctes };
  const add = (alias: string, q: QueryTaint, columns: readonly { readonly name: string }[]): void => {
    const names = columns.length === 0 ? q.names : columns.map((c) => c.name.toLowerCase());
    scope.aliases.set(alias.toLowerCase(), new Set(names.filter((n, i): n is string => {
      if (q.tainted[i] === true && n === undefined) throw new Coarse();
      return n !== undefined && q.tainted[i] === true;
    })));
  };
  const visit = (src: TableSource): void => {
    switch (src.kind) {
      case 'Join':
        visit(src.left);
        visit(src.right);
        if (src.on !== undefined && tainted(src.on, seeds, scope)) throw new Coarse();
        return;
      case 'DerivedTable':
        add(src.alias?.name ?? '', queryTaint(src.query, seeds, scope), src.columns);
        return;
      case 'TableRef': {
        const name = src.name.parts.length === 1 ? (src.name.parts[0]?.name ?? '').toLowerCase() : undefined;
        const cte = name === undefined ? undefined : scope.ctes.get(name);
        if (cte !== undefined) add(src.alias?.name ?? name ?? '', cte, []);
        return;
      }
      case 'TableVariableRef':
        return;
      default:
        // VALUES, table functions, PIVOT, composable DML: followed only when they read nothing tainted.
        if (tainted(src, seeds, scope)) throw new Coarse();
    }
  };
  for (const src of from) visit(src);
  return scope;
}

/** A query's output columns, tainted or not; Coarse when a tainted value decides its rows. */
function queryTaint(q: QueryExpression, seeds: ReadonlySet<Node>, outer: Scope): QueryTaint {
  if (q.kind === 'SetOperation') {
    const l = queryTaint(q.left, seeds, outer);
    const r = queryTaint(q.right, seeds, outer);
    const both = l.tainted.map((t, i) => t || r.tainted[i] === true);
    // UNION, EXCEPT and INTERSECT compare the rows' values to remove or keep them.
    if (q.operator !== 'UNION ALL' && both.some((t) => t)) throw new Coarse();
    return { names: l.names, tainted: both };
  }
  if (q.kind === 'Select') {
    const scope = withCtes(q.ctes, seeds, outer);
    const out = queryTaint(q.body, seeds, scope);
    // ORDER BY decides TOP's and OFFSET's rows, and the order identity values are given in.
    for (const o of q.orderBy) if (tainted(o, seeds, scope, out) || (o.expression.kind === 'Literal' && out.tainted.some((t) => t))) throw new Coarse();
    if ((q.offset !== undefined && tainted(q.offset, seeds, scope)) || (q.fetch !== undefined && tainted(q.fetch, seeds, scope))) throw new Coarse();
    return out;
  }
  return specTaint(q, seeds, outer);
}

function specTaint(spec: QuerySpec, seeds: ReadonlySet<Node>, outer: Scope): QueryTaint {
  const scope = withSources(spec.from, seeds, outer);
  for (const part of [spec.where, spec.having, spec.groupBy, spec.top]) if (part !== undefined && tainted(part, seeds, scope)) throw new Coarse();
  const names: (string | undefined)[] = [];
  const flags: boolean[] = [];
  for (const item of spec.items) {
    const e = item.expression;
    if (e.kind === 'Star') {
      // `*` over a source with tainted columns: which of its columns they are is not followed.
      const q = e.qualifier.map((p) => p.name.toLowerCase());
      const alias = q[q.length - 1];
      const cols = alias === undefined ? [...scope.aliases.values()].flatMap((s) => [...s]) : [...scope.aliases.get(alias) ?? []];
      if (cols.length > 0 || seeds.has(e)) throw new Coarse();
      names.push(undefined);
      flags.push(false);
      continue;
    }
    names.push(item.kind === 'SelectAssignment' ? undefined : (item.alias?.name ?? (e.kind === 'ColumnRef' ? e.parts[e.parts.length - 1]?.name : undefined))?.toLowerCase());
    flags.push(tainted(e, seeds, scope));
  }
  // DISTINCT compares the rows' values.
  if (spec.distinct && flags.some((f) => f)) throw new Coarse();
  // A `*` item stands for several columns: positions after it are not known here.
  if (spec.items.some((i) => i.expression.kind === 'Star') && flags.some((f) => f)) throw new Coarse();
  return { names, tainted: flags };
}

/**
 * Whether `node` reads a tainted value: a seed, a column reference naming a tainted column of a
 * derived table or CTE in scope (by name: a column of another source spelled the same counts
 * too, over-approximated), a reference to a CTE with tainted columns anywhere inside (a
 * subquery), an ORDER BY naming a tainted output column of the query (`own`).
 */
function tainted(node: Node, seeds: ReadonlySet<Node>, scope: Scope, own?: QueryTaint): boolean {
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    if (seeds.has(n)) found = true;
    else if (n.kind === 'ColumnRef') {
      const col = (n.parts[n.parts.length - 1]?.name ?? '').toLowerCase();
      const q = n.parts.length >= 2 ? (n.parts[n.parts.length - 2]?.name ?? '').toLowerCase() : undefined;
      if (q !== undefined) found = scope.aliases.get(q)?.has(col) === true;
      else found = [...scope.aliases.values()].some((cols) => cols.has(col)) || (own?.names.some((name, i) => name === col && own.tainted[i] === true) ?? false);
    } else if (n.kind === 'TableRef' && n.name.parts.length === 1) {
      found = scope.ctes.get((n.name.parts[0]?.name ?? '').toLowerCase())?.tainted.some((t) => t) === true;
    } else if (n.kind === 'Star') {
      found = hasTaintedAlias(scope);
    }
    return !found;
  });
  return found;
}
