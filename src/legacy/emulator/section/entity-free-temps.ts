import { baseName, dmlTargetName, findAll, isTempName, type Node, type ObjectName, type QuerySpec, type Statement } from '../../../tsql';

/*
 * A #temp table a section builds itself from tables without the entity's column only (a month
 * spine `SELECT EOMONTH(@YearStart, n.N - 1) AS [Month End] … INTO #months FROM dbo.Numbers n`)
 * holds the same rows in every entity's slice, as a rate table the slice keeps whole does: a
 * `COUNT(*)` over it combines no entities. Without this, a #temp counted as a table that may
 * carry the entity, and such a section was refused for `--from-data` though its slices are
 * independent. Only a #temp made in the same statements qualifies (an earlier section's could
 * hold rows of every entity), and only when every write into it is known to read no entity's
 * rows: SELECT … INTO and INSERT … SELECT/VALUES whose every query (subqueries too) reads only
 * such tables and calls no user function (which may read any table). An UPDATE, MERGE, OUTPUT
 * INTO or INSERT … EXEC into it, or a #temp made twice, keeps it out: those may bring an
 * entity's values in without its column (a per-entity total whose entity column was dropped).
 */

/** The lower-case names (`#months`) of the #temps `statements` make from entity-free tables only. */
export function entityFreeTemps(statements: readonly Statement[], readsEntity: (q: QuerySpec, free: ReadonlySet<string>) => boolean): Set<string> {
  const made = new Map<string, number>();
  const fills = new Map<string, Node[]>();
  const tainted = new Set<string>();
  const key = (name: ObjectName): string | undefined => (isTempName(name) ? baseName(name).toLowerCase() : undefined);
  const fill = (k: string | undefined, source: Node): void => {
    if (k !== undefined) fills.set(k, [...(fills.get(k) ?? []), source]);
  };
  for (const st of statements) {
    for (const c of findAll(st, 'CreateTable')) {
      const k = key(c.name);
      if (k !== undefined) made.set(k, (made.get(k) ?? 0) + 1);
    }
    for (const q of findAll(st, 'QuerySpec')) {
      const k = q.into?.kind === 'TableRef' ? key(q.into.name) : undefined;
      if (k === undefined) continue;
      made.set(k, (made.get(k) ?? 0) + 1);
      fill(k, q);
    }
    for (const i of findAll(st, 'Insert')) {
      const k = i.target.kind === 'TableRef' ? key(i.target.name) : undefined;
      if (k === undefined) continue;
      if (i.source.kind === 'Select' || i.source.kind === 'ValuesSource') fill(k, i.source);
      else if (i.source.kind !== 'DefaultValues') tainted.add(k);
    }
    // (`UPDATE w … FROM #weeks w` names the #temp by its alias)
    for (const w of [...findAll(st, 'Update'), ...findAll(st, 'Merge')]) if (w.target.kind === 'TableRef') tainted.add(key(dmlTargetName(w, w.target)) ?? '');
    for (const o of findAll(st, 'OutputClause')) if (o.into?.kind === 'TableRef') tainted.add(key(o.into.name) ?? '');
  }
  // a #temp filled from another entity-free #temp is entity-free too: settle in rounds
  const free = new Set<string>();
  for (let changed = true; changed;) {
    changed = false;
    for (const [k, count] of made) {
      if (free.has(k) || count !== 1 || tainted.has(k)) continue;
      const sources = fills.get(k) ?? [];
      const clean = sources.every((s) => findAll(s, 'FunctionCall').every((f) => f.name.parts.length < 2) && findAll(s, 'QuerySpec').every((q) => !readsEntity(q, free)));
      if (clean) { free.add(k); changed = true; }
    }
  }
  return free;
}
