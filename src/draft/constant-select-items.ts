import type { Select } from '../tsql';
import { isRefusal, type Translated } from './draft-model';
import type { DraftScope } from './draft-scope';
import { translateExpression } from './translate-expression';

/*
 * INSERT … SELECT converts each selected value to its target column, as VALUES does. The
 * draft reads the SELECT's rows through a CTE (`n.col3`), where a text constant has lost what
 * made its conversion exact: a date written '19000101' or '9999-12-31' (an inferred dimension
 * member's validity, an end-of-time sentinel) is then just text of unknown form. A constant is the
 * same in every row the query yields, whatever its DISTINCT, GROUP BY or TOP keep, so the value
 * stored may be the constant itself, converted by the same rules as in VALUES.
 */

/** Per selected column, the text constant it selects (translated), or undefined. */
export function constantSelectItems(source: Select, scope: DraftScope): readonly (Translated | undefined)[] {
  const body = source.body;
  // `SELECT *` stands for several columns: positions no longer name the INSERT's columns
  if (body.kind !== 'QuerySpec' || body.items.some((i) => i.kind === 'SelectItem' && i.expression.kind === 'Star')) return [];
  return body.items.map((item) => {
    if (item.kind !== 'SelectItem') return undefined;
    const e = item.expression;
    if (e.kind !== 'Literal' || (e.literalType !== 'string' && e.literalType !== 'nstring')) return undefined;
    const t = translateExpression(e, scope);
    return isRefusal(t) ? undefined : t;
  });
}
