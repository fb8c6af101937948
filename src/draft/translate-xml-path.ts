import { stuffedXmlPathList, type FunctionCall, type OrderByItem, type Select, type SelectItem, type Subquery } from '../tsql';
import { isRefusal, translated, type Refusal, type Translated } from './draft-model';
import { locatedStop, refuseAt, type DraftScope } from './draft-scope';
import { collationOrderKey, stringLiteral, TEXT_ORDER_CHARS, TEXT_ORDER_NOTE } from './sql-text';
import { draftSortDoubtSql, TEXT_ORDER_DOUBT } from './text-order-doubt';
import type { TranslatedQuery } from './translate-query';

/*
 * `(SELECT ';' + x FROM … [ORDER BY …] FOR XML PATH(''))`: SQL Server's string aggregation
 * idiom. One unnamed column: every row's text, XML-escaped as a text node (& < > become
 * &amp; &lt; &gt;; a carriage return &#x0D;), concatenated without separator, NULL rows adding
 * nothing, NULL when there are no rows. Drafted as string_agg in the ORDER BY's order.
 *
 * Where SQL Server leaves the order open the draft never picks one: rows that tie on the
 * ORDER BY (all rows, without one) but carry different texts stop the query with an error,
 * since the legacy text would depend on the plan. So do texts holding other control
 * characters (entitized as &#x…; in a form not reproduced here) and rows that are all NULL
 * (an empty result whose NULL-or-'' the draft does not claim to know), except under STUFF.
 */

type SelectTranslator = (s: Select, scope: DraftScope, correlated: boolean) => TranslatedQuery | Refusal;

/** Whether a query ends with `FOR XML PATH('')` (the string-aggregation form). */
export function isXmlPathConcat(select: Select): boolean {
  return /^\s*(FOR\s+)?XML\s+PATH\s*\(\s*N?''\s*\)\s*$/i.test(select.forClause ?? '');
}

/** The draft error messages of the checks above, so tests and reviewers can find them. */
export const XML_PATH_TIE = 'FOR XML PATH concatenates rows that tie on its ORDER BY (or has no ORDER BY) with different texts: SQL Server leaves their order undefined';
export const XML_PATH_CONTROL = 'FOR XML PATH over text holding control characters: SQL Server entitizes them in a form the draft does not reproduce';
export const XML_PATH_ALL_NULL = 'FOR XML PATH over rows whose texts are all NULL: the draft does not reproduce that result';

/** FOR XML PATH('') lists only STUFF reads so that an all-NULL list gives NULL whichever it is (stuffedXmlPathList): they give '' there. */
const stuffed = new WeakSet<Subquery>();

/** Before STUFF's arguments are translated (translate-functions.ts): marks its first argument when the call has that shape (the TYPE form stays refused). */
export function noteStuffOverXmlPath(call: FunctionCall): void {
  const list = stuffedXmlPathList(call);
  if (list !== undefined && isXmlPathConcat(list.query)) stuffed.add(list);
}

/** Translates a `FOR XML PATH('')` scalar subquery to string_agg, or refuses it. */
export function translateXmlPathConcat(e: Subquery, scope: DraftScope, translateSelect: SelectTranslator): Translated | Refusal {
  const select = e.query;
  const spec = select.body;
  const refuse = (why: string): Refusal => refuseAt(scope.ctx, select.span, "FOR XML PATH('')", why);
  if (spec.kind !== 'QuerySpec') return refuse('only a single SELECT (no UNION) is drafted as string aggregation');
  const item = spec.items[0];
  // A column named [text()] or [*] is written as bare text, as an unnamed one (the "Use PATH mode with FOR XML" page).
  const bareText = item?.kind === 'SelectItem' && (item.alias === undefined || (item.alias.quote !== 'none' && ['text()', '*'].includes(item.alias.name.toLowerCase())));
  if (spec.items.length !== 1 || !item || item.kind !== 'SelectItem' || !bareText || item.expression.kind === 'Star') {
    return refuse('only one unnamed column is drafted (a named column becomes an XML element; one named [text()] or [*] is bare text)');
  }
  if (spec.top || spec.distinct || spec.groupBy || spec.having || select.ctes.length > 0 || select.offset || select.fetch) {
    return refuse('TOP, DISTINCT, GROUP BY, HAVING, WITH or OFFSET in the concatenated query are not drafted');
  }
  // The rows: the text and each ORDER BY key as columns of one query, translated as usual.
  const keyItem = (o: OrderByItem, i: number): SelectItem => ({ kind: 'SelectItem', expression: o.expression, alias: { kind: 'Identifier', name: `k${i + 1}`, quote: 'none', span: o.span }, aliasStyle: 'as', span: o.span });
  const rowsQuery: Select = {
    ...select,
    forClause: undefined,
    orderBy: [],
    body: { ...spec, items: [{ ...item, alias: { kind: 'Identifier', name: 'v', quote: 'none', span: item.span }, aliasStyle: 'as' }, ...select.orderBy.map(keyItem)] },
  };
  const rows = translateSelect(rowsQuery, scope, true);
  if (isRefusal(rows)) return rows;
  const value = rows.columns[0];
  if (!value || value.type.family !== 'string') return refuse(`the concatenated value is ${value ? value.type.family : 'missing'}: only text is drafted (SQL Server writes numbers and dates in XML's format)`);
  const keys = (alias: string): string[] => rows.columns.slice(1).map((c, i) => (c.type.family === 'string' ? collationOrderKey(`${alias}.k${i + 1}`, locatedStop(scope.ctx, select.orderBy[i]?.span ?? select.span, TEXT_ORDER_CHARS)) : `${alias}.k${i + 1}`));
  const order: string[] = [];
  for (let i = 0; i < select.orderBy.length; i++) {
    const col = rows.columns[i + 1];
    const o = select.orderBy[i] as OrderByItem;
    if (!col) return refuse('an ORDER BY key could not be translated');
    if (col.type.family === 'string') scope.ctx.notes.push(TEXT_ORDER_NOTE);
    order.push(`${keys('r')[i] as string} ${o.direction === 'DESC' ? 'DESC NULLS LAST' : 'ASC NULLS FIRST'}`);
  }
  const names = ['v', ...select.orderBy.map((_, i) => `k${i + 1}`)].join(', ');
  // Bytes, not text: under a case-insensitive collation 'a' and 'A' would look alike.
  const tieWindow = `OVER (${order.length > 0 ? `PARTITION BY ${keys('q').join(', ')}` : ''})`;
  // Texts side by side in that order whose order is in doubt stop it (text-order-doubt.ts).
  const doubt = draftSortDoubtSql(rows.columns.slice(1).map((c, i) => ({ key: keys('q')[i] as string, text: c.type.family === 'string' ? `q.k${i + 1}` : undefined, stop: locatedStop(scope.ctx, select.orderBy[i]?.span ?? select.span, `ORDER BY: ${TEXT_ORDER_DOUBT}`) })), []);
  const escaped = `replace(replace(replace(replace(r.v, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), chr(13), '&#x0D;')`;
  const sql = `(SELECT CASE WHEN count(*) = 0 THEN NULL${doubt === undefined ? '' : ' WHEN count(r.doubt) > 0 THEN NULL'}
    WHEN bool_or(r.tied) THEN error(${stringLiteral(locatedStop(scope.ctx, select.span, XML_PATH_TIE))})
    WHEN bool_or(regexp_matches(r.v, '[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]')) THEN error(${stringLiteral(XML_PATH_CONTROL)})
    WHEN count(r.v) = 0 THEN ${stuffed.has(e) ? "''" : `error(${stringLiteral(XML_PATH_ALL_NULL)})`}
    ELSE string_agg(${escaped}, ''${order.length > 0 ? ` ORDER BY ${order.join(', ')}` : ''}) END
  FROM (SELECT q.*, min(encode(q.v)) ${tieWindow} IS DISTINCT FROM max(encode(q.v)) ${tieWindow} AS tied${doubt === undefined ? '' : `, ${doubt} AS doubt`}
        FROM (${rows.sql}) q(${names})) r)`;
  return translated(sql, { family: 'string', unicode: true, length: undefined });
}
