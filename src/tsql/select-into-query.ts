import type { QueryExpression, QuerySpec, TableTarget } from './ast';

/**
 * The query of a SELECT that holds its `INTO`: the SELECT's own, or the first query of a UNION,
 * EXCEPT or INTERSECT, the only place SQL Server takes it (`SELECT … INTO #t FROM home UNION ALL
 * SELECT … FROM away` fills #t with the rows of both). Undefined for a SELECT without INTO.
 */
export function selectIntoQuery(body: QueryExpression): QuerySpec | undefined {
  let q = body;
  while (q.kind === 'SetOperation') q = q.left;
  return q.kind === 'QuerySpec' && q.into !== undefined ? q : undefined;
}

/** The table a SELECT … INTO creates (see selectIntoQuery), undefined without INTO. */
export function selectIntoTarget(body: QueryExpression): TableTarget | undefined {
  return selectIntoQuery(body)?.into;
}

/** The query expression with its first query replaced by `spec` (the INTO taken off, the SELECT list rewritten). */
export function withFirstQuery(body: QueryExpression, spec: QuerySpec): QueryExpression {
  return body.kind === 'SetOperation' ? { ...body, left: withFirstQuery(body.left, spec) } : spec;
}
