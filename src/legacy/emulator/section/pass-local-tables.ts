import { andTerms, baseName, findAll, isTempName, type Expression, type Node, type QuerySpec, type Statement, type TableRef, type TableSource, type While } from '../../../tsql';

/*
 * A table variable or #temp a loop empties at the start of every pass and fills within the pass
 * from tables without the entity's column or from variables (`DELETE FROM @Issues` first in the
 * body of a cursor loop over service points, then `INSERT INTO @Issues VALUES ('ROLLOVER', …)` and
 * `SELECT MIN([Code]) … FROM @Issues` in the same pass): at every read it holds the rows of this
 * pass only, so a TOP or an aggregate over it combines no entities. What the pass puts into it from
 * variables is judged where those variables are (cursor-carried-state.ts).
 *
 * Only where that is certain: the whole-table DELETE (no WHERE, TOP, FROM or OUTPUT; or TRUNCATE
 * TABLE) runs unconditionally in the loop body's own statement list before any other statement
 * there names the table; every statement naming the table lies in the loop body; and every write
 * into it is an INSERT … VALUES/SELECT, an UPDATE or a DELETE each of whose queries reads, besides
 * such tables and derived tables, only tables that hold no entity's rows, or a table the slice
 * cuts through a key (a rate table) where that query's WHERE pins a column of it to a variable
 * (`[Rate Code] = @RateCode`, the pass's own value); a MERGE, SELECT … INTO, OUTPUT INTO or
 * INSERT … EXEC into it keeps it out.
 */

/** How a query's source table is judged: false when it may bring rows of several entities. */
export type SourceJudge = (t: TableRef, query: QuerySpec, local: ReadonlySet<string>) => boolean;

/** The lower-case keys (`@issues`, `#due`) of the tables that hold one pass's rows only. */
export function passLocalTables(statements: readonly Statement[], keepsPass: SourceJudge): Set<string> {
  const loops = statements.flatMap((st) => findAll(st, 'While'));
  const candidates = new Map<string, While>();
  for (const loop of loops) {
    const body = loop.body.kind === 'Block' ? loop.body.statements : [loop.body];
    const seen = new Set<string>();
    for (const st of body) {
      const emptied = emptiedTable(st);
      if (emptied !== undefined && !seen.has(emptied) && !candidates.has(emptied)) candidates.set(emptied, loop);
      for (const k of tablesNamed(st)) seen.add(k);
    }
  }
  // every statement naming the table inside its loop
  for (const [key, loop] of [...candidates]) {
    const outside = statements.flatMap((st) => namingStatements(st, key)).some((n) => n.span.start.offset < loop.body.span.start.offset || n.span.end.offset > loop.body.span.end.offset);
    if (outside) candidates.delete(key);
  }
  // every write into it reads nothing of the entities but such tables (to a fixed point)
  for (let changed = true; changed;) {
    changed = false;
    const local: ReadonlySet<string> = new Set(candidates.keys());
    for (const key of [...candidates.keys()]) {
      if (statements.every((st) => writesKeepLocal(st, key, local, keepsPass))) continue;
      candidates.delete(key);
      changed = true;
    }
  }
  return new Set(candidates.keys());
}

/** A table variable's or #temp's key, undefined for a permanent table. */
export function localTableKey(t: Node): string | undefined {
  if (t.kind === 'TableVariableRef') return t.variable.name.toLowerCase();
  return t.kind === 'TableRef' && isTempName(t.name) ? baseName(t.name).toLowerCase() : undefined;
}

/** The local table a statement empties whole: `DELETE FROM @t`, `TRUNCATE TABLE #t`. */
function emptiedTable(st: Statement): string | undefined {
  if (st.kind === 'Truncate') return localTableKey(st.target);
  if (st.kind !== 'Delete' || st.where !== undefined || st.top !== undefined || st.output !== undefined || st.from.length > 0 || st.currentOf !== undefined) return undefined;
  return localTableKey(st.target);
}

function tablesNamed(st: Node): string[] {
  return [...findAll(st, 'TableVariableRef'), ...findAll(st, 'TableRef')].flatMap((t) => localTableKey(t) ?? []);
}

/** The innermost statements (not blocks, IFs or loops) under `st` that name the table. */
function namingStatements(st: Statement, key: string): Statement[] {
  if (st.kind === 'Block') return st.statements.flatMap((s) => namingStatements(s, key));
  if (st.kind === 'If') return [...(tablesNamed(st.condition).includes(key) ? [st] : []), ...namingStatements(st.then, key), ...(st.else === undefined ? [] : namingStatements(st.else, key))];
  if (st.kind === 'While') return [...(tablesNamed(st.condition).includes(key) ? [st] : []), ...namingStatements(st.body, key)];
  if (st.kind === 'TryCatch') return [...st.tryStatements, ...st.catchStatements].flatMap((s) => namingStatements(s, key));
  return tablesNamed(st).includes(key) ? [st] : [];
}

/** Whether every write into `key` under `st` brings only this pass's rows (see the top of this file). */
function writesKeepLocal(st: Statement, key: string, local: ReadonlySet<string>, keepsPass: SourceJudge): boolean {
  const isKey = (t: Node | undefined): boolean => t !== undefined && localTableKey(t) === key;
  const queriesKeepPass = (n: Node): boolean => findAll(n, 'QuerySpec').every((q) => q.from.every((src) => sourceKeepsPass(src, q, local, keepsPass)));
  for (const n of namingStatements(st, key)) {
    if (findAll(n, 'Merge').length > 0 || findAll(n, 'OutputClause').some((o) => isKey(o.into)) || findAll(n, 'QuerySpec').some((q) => isKey(q.into))) return false;
    for (const i of findAll(n, 'Insert')) {
      if (!isKey(i.target)) continue;
      if ((i.source.kind !== 'ValuesSource' && i.source.kind !== 'Select') || !queriesKeepPass(i.source)) return false;
    }
    for (const u of findAll(n, 'Update')) {
      // an UPDATE of the table, by its name or by the alias of a FROM source naming it
      const sources = u.from.flatMap((x) => [...findAll(x, 'TableRef'), ...findAll(x, 'TableVariableRef')]);
      const targetName = u.target.kind === 'TableRef' && u.target.name.parts.length === 1 ? (u.target.name.parts[0]?.name ?? '').toLowerCase() : undefined;
      const aliased = sources.find((x) => targetName !== undefined && (x.alias?.name ?? '').toLowerCase() === targetName);
      if (!isKey(u.target) && !isKey(aliased)) continue;
      const where = u.where;
      const asQuery = { kind: 'QuerySpec', from: u.from, where, items: [], span: u.span } as unknown as QuerySpec;
      if (!u.from.every((src) => sourceKeepsPass(src, asQuery, local, keepsPass)) || !queriesKeepPass(u)) return false;
    }
  }
  return true;
}

/** A FROM item of `q`: pass-local tables and derived tables (judged as queries of their own) keep the pass; tables as `keepsPass` says. */
function sourceKeepsPass(src: TableSource, q: QuerySpec, local: ReadonlySet<string>, keepsPass: SourceJudge): boolean {
  switch (src.kind) {
    case 'TableVariableRef': return local.has(localTableKey(src) ?? '');
    case 'TableRef': return (localTableKey(src) !== undefined && local.has(localTableKey(src) ?? '')) || keepsPass(src, q, local);
    case 'DerivedTable': return true;
    case 'Join': return sourceKeepsPass(src.left, q, local, keepsPass) && sourceKeepsPass(src.right, q, local, keepsPass);
    default: return false;
  }
}

/** Whether `q`'s WHERE pins a column of `t` to a variable: `[Rate Code] = @RateCode` (unqualified, or by t's alias or name). */
export function pinnedToVariable(q: QuerySpec, t: TableRef): boolean {
  if (q.where === undefined) return false;
  const names = new Set([t.alias?.name, t.name.parts[t.name.parts.length - 1]?.name].flatMap((x) => (x === undefined ? [] : [x.toLowerCase()])));
  const column = (e: Expression): boolean => e.kind === 'ColumnRef' && (e.parts.length === 1 || names.has((e.parts[e.parts.length - 2]?.name ?? '').toLowerCase()));
  return andTerms(q.where).some((c) => c.kind === 'Binary' && c.operator === '=' && ((column(c.left) && c.right.kind === 'Variable') || (column(c.right) && c.left.kind === 'Variable')));
}
