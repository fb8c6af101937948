import { aliasOfOnePartName, maxRecursionOf, recursiveMembers, type Cte, type QueryExpression, type QuerySpec, type Select } from '../tsql';
import { isRefusal, type DraftColumn, type Refusal } from './draft-model';
import { DraftScope, freshName, refuseAt, type DraftContext } from './draft-scope';
import { quoteName, stringLiteral } from './sql-text';
import { duckTypeOf, INT } from './sql-types';

/** Where a MAXRECURSION 0 recursion stops instead of running forever. */
const UNLIMITED_CAP = 100_000;
const LEVEL = '__draft_level';

/** A query translated to SQL with its output columns (translateSelect's result). */
type TranslateSelect = (select: Select, scope: DraftScope) => { readonly sql: string; readonly columns: readonly DraftColumn[] } | Refusal;

/**
 * A recursive CTE (`WITH days AS (SELECT @From AS Day UNION ALL SELECT DATEADD(day, 1, Day) FROM
 * days WHERE Day < @To)`, the calendar and the hierarchy walk) as DuckDB's WITH RECURSIVE, which
 * iterates UNION ALL members as SQL Server does. The anchor members decide the columns and their
 * types (SQL Server requires the recursive members to match them: their values are cast to them).
 * A hidden level counts the recursion: a row at level MAXRECURSION + 1 (default 100, as the
 * emulator counts it, ctes.ts) stops the query with SQL Server's error 530. Returns the relation
 * that stands for the CTE (its columns without the level), or a refusal. `key` is the name's key
 * among the draft's tables while the members translate.
 */
export function translateRecursiveCte(cte: Cte, key: string, option: string | undefined, ctx: DraftContext, translateSelect: TranslateSelect): { relation: string; columns: DraftColumn[] } | Refusal {
  const refuse = (why: string): Refusal => refuseAt(ctx, cte.span, 'WITH RECURSIVE / a recursive CTE', why);
  const { operators, anchors, steps } = recursiveMembers(cte);
  if (operators.some((o) => o !== 'UNION ALL') || cte.query.orderBy.length > 0 || cte.query.ctes.length > 0) return refuse('only members combined by UNION ALL are translated');
  const name = cte.name.name;
  if (anchors.length === 0) return refuse('a recursive CTE needs an anchor member');
  const union = (list: readonly QueryExpression[]): QueryExpression => list.reduce((l, r) => ({ kind: 'SetOperation', operator: 'UNION ALL', left: l, right: r, span: cte.span }));
  const asSelect = (q: QueryExpression): Select => ({ ...cte.query, ctes: [], orderBy: [], body: q });
  const anchor = translateSelect(asSelect(union(anchors)), new DraftScope(ctx));
  if (isRefusal(anchor)) return anchor;
  const columns = anchor.columns.map((c, i) => ({ name: cte.columns[i]?.name ?? c.name, type: c.type }));
  const types = columns.map((c) => duckTypeOf(c.type));
  if (types.some((t) => t === undefined)) return refuse('a column type the draft cannot hold');
  const max = maxRecursionOf(option);
  const cap = max === 0 ? UNLIMITED_CAP : max;
  const stop = max === 0
    ? `the recursion of ${name} passed ${UNLIMITED_CAP} levels (MAXRECURSION 0): the draft stops it`
    : `Msg 530: The statement terminated. The maximum recursion ${max} has been exhausted before statement completion.`;
  const recursiveName = freshName(ctx, name);
  const saved = ctx.tables.get(key);
  // While the recursive members translate, the CTE's name is its own rows, level included.
  ctx.tables.set(key, { displayName: name, relation: recursiveName, columns: [...columns, { name: LEVEL, type: INT }], cte: true });
  const parts = [`SELECT ${columns.map((c, i) => `CAST(a.${quoteName(anchor.columns[i]?.name ?? c.name)} AS ${types[i] as string}) AS ${quoteName(c.name)}`).join(', ')}, 0 AS ${LEVEL}\nFROM (${anchor.sql}) a`];
  try {
    for (const step of steps) {
      const alias = aliasOfOnePartName(step.from, name) as string;
      const withLevel: QuerySpec = {
        ...step,
        items: [...step.items, { kind: 'SelectItem', expression: { kind: 'ColumnRef', parts: [{ kind: 'Identifier', name: alias, quote: 'none', span: step.span }, { kind: 'Identifier', name: LEVEL, quote: 'none', span: step.span }], span: step.span }, alias: { kind: 'Identifier', name: LEVEL, quote: 'none', span: step.span }, aliasStyle: 'as', span: step.span }],
      };
      const q = translateSelect(asSelect(withLevel), new DraftScope(ctx));
      if (isRefusal(q)) return q;
      if (q.columns.length !== columns.length + 1) return refuse('a recursive member with another number of columns than the anchor');
      const items = columns.map((c, i) => `CAST(s.${quoteName(q.columns[i]?.name ?? c.name)} AS ${types[i] as string}) AS ${quoteName(c.name)}`);
      parts.push(`SELECT ${items.join(', ')}, CASE WHEN s.${LEVEL} + 1 > ${cap} THEN error(${stringLiteral(stop)}) ELSE s.${LEVEL} + 1 END AS ${LEVEL}\nFROM (${q.sql}) s`);
    }
  } finally {
    if (saved) ctx.tables.set(key, saved); else ctx.tables.delete(key);
  }
  ctx.ctes.push({ name: recursiveName, sql: parts.join('\nUNION ALL\n'), recursive: true });
  const relation = freshName(ctx, name);
  ctx.ctes.push({ name: relation, sql: `SELECT ${columns.map((c) => quoteName(c.name)).join(', ')} FROM ${recursiveName}` });
  return { relation, columns };
}
