import type { Step } from '../dataflow';
import * as tsql from '../tsql';

/** The ORDER BY of a result set as the columns of the result it sorts by, or why it cannot be named so. */
export type ResultOrder =
  | { readonly kind: 'columns'; readonly columns: readonly string[] }
  | { readonly kind: 'not-columns'; readonly text: string };

/** A select item's output name: its alias, else the column it copies; undefined for an unnamed expression. */
function outputName(item: tsql.SelectItemLike): string | undefined {
  if (item.kind !== 'SelectItem') return undefined;
  if (item.alias) return item.alias.name;
  return item.expression.kind === 'ColumnRef' ? item.expression.parts[item.expression.parts.length - 1]?.name : undefined;
}

/**
 * How the SELECT of a result-set step orders its rows: undefined without ORDER BY (its rows are
 * a set; SQL Server gives no order), else the result columns it sorts by (a position, an alias, a
 * column the result copies), or the ORDER BY's text when a key is no column of the result (an
 * expression, a column the SELECT does not return). The statement is read again from the
 * procedure's source (`source`, the whole file, and the step's lines).
 */
export function resultOrderOf(source: string, step: Step): ResultOrder | undefined {
  const text = source.split(/\r?\n/).slice(step.lines.start - 1, step.lines.end).join('\n');
  let select: tsql.Select | undefined;
  try {
    for (const batch of tsql.parseScript(text, { file: 'result.sql' }).batches) {
      select ??= batch.statements.find((s): s is tsql.Select => s.kind === 'Select');
    }
  } catch {
    return undefined;
  }
  if (select === undefined || select.orderBy.length === 0) return undefined;
  const spec = select.body.kind === 'QuerySpec' ? select.body : undefined;
  const items = spec?.items ?? [];
  const columns: string[] = [];
  for (const o of select.orderBy) {
    const e = o.expression;
    let name: string | undefined;
    if (e.kind === 'Literal' && e.literalType === 'integer') name = items[Number(e.value) - 1] ? outputName(items[Number(e.value) - 1] as tsql.SelectItemLike) : undefined;
    else if (e.kind === 'ColumnRef') {
      const last = (e.parts[e.parts.length - 1]?.name ?? '').toLowerCase();
      // an alias first (SQL Server resolves ORDER BY names to the select list), then a copied column
      const byAlias = e.parts.length === 1 ? items.find((i) => i.kind === 'SelectItem' && i.alias?.name.toLowerCase() === last) : undefined;
      const copies = (i: tsql.SelectItemLike): boolean => i.kind === 'SelectItem' && i.expression.kind === 'ColumnRef'
        && (i.expression.parts[i.expression.parts.length - 1]?.name ?? '').toLowerCase() === last
        && (e.parts.length === 1 || i.expression.parts.length === 1 || (i.expression.parts[0]?.name ?? '').toLowerCase() === (e.parts[0]?.name ?? '').toLowerCase());
      // a column the result copies under its own name, else under an alias (`p.[Item No] AS [Parent Item]`
      // ordered by p.[Item No]: the alias's column holds the same values)
      const copied = items.find((i) => copies(i) && i.kind === 'SelectItem' && !i.alias) ?? items.find(copies);
      const item = byAlias ?? copied;
      name = item ? outputName(item) : undefined;
    }
    if (name === undefined) return { kind: 'not-columns', text: select.orderBy.map((x) => text.slice(x.span.start.offset, x.span.end.offset)).join(', ') };
    if (!columns.some((c) => c.toLowerCase() === name?.toLowerCase())) columns.push(name);
  }
  return { kind: 'columns', columns };
}
