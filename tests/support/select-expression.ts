import { parseScript, type Expression } from '../../src/tsql';

/** The expression of `SELECT <text>;` (file `case.sql`), for the translators' expression tests. */
export function expressionOf(text: string): Expression {
  const st = parseScript(`SELECT ${text};`, { file: 'case.sql' }).batches[0]?.statements[0];
  if (st?.kind !== 'Select' || st.body.kind !== 'QuerySpec') throw new Error(`not a SELECT: ${text}`);
  const item = st.body.items[0];
  if (item?.kind !== 'SelectItem') throw new Error(`no item: ${text}`);
  return item.expression;
}
