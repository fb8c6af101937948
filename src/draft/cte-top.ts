import type { Select } from '../tsql';
import { isRefusal, type Refusal } from './draft-model';
import { refuseAt, type DraftScope } from './draft-scope';
import { quoteName } from './sql-text';
import { translateResultSelect } from './translate-order';
import type { TranslatedQuery } from './translate-query';
import { translateTopOrdered } from './translate-top';

/*
 * A CTE whose query is `SELECT TOP (n) [WITH TIES] … ORDER BY …` (ranking code's `WITH best AS
 * (SELECT TOP (1) WITH TIES … ORDER BY [GPA Change] DESC) UPDATE best SET Standing = …`): SQL
 * Server takes the CTE's rows by that ORDER BY. WITH TIES keeps every row ranked within the
 * first n, so its rows do not depend on the plan (drafted as a result set's, translate-order.ts);
 * without it, ties across the n-th place stop the draft's SQL, as in a subquery
 * (translate-top.ts). Any other query is the caller's to translate.
 */

type SelectTranslator = (s: Select, scope: DraftScope, correlated: boolean) => TranslatedQuery | Refusal;

/** Whether a CTE's query picks its rows by `TOP … ORDER BY`. */
export function isOrderedTopQuery(query: Select): boolean {
  return query.body.kind === 'QuerySpec' && query.body.top !== undefined && query.orderBy.length > 0;
}

/** Translates a CTE's `TOP (n) [WITH TIES] … ORDER BY` query to its rows (no order: a CTE's rows have none). */
export function translateOrderedTopCte(query: Select, scope: DraftScope, translateSelect: SelectTranslator): TranslatedQuery | Refusal {
  const top = query.body.kind === 'QuerySpec' ? query.body.top : undefined;
  if (top === undefined || !top.withTies || top.percent) return translateTopOrdered(query, scope, translateSelect);
  const r = translateResultSelect(query, scope);
  if (isRefusal(r)) return r;
  // the ranked rows carry their sort keys and rank beside the columns: the CTE is its columns alone
  const names = r.columns.map((c) => c.name.toLowerCase());
  if (new Set(names).size !== names.length) return refuseAt(scope.ctx, top.span, 'TOP … WITH TIES', 'two columns of the CTE\'s query have the same name');
  return { kind: 'query', sql: `SELECT ${r.columns.map((c) => `top_ties.${quoteName(c.name)}`).join(', ')} FROM (${r.sql}) top_ties`, columns: r.columns, orderBy: undefined };
}
