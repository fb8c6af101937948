import type { ValuesTable } from '../tsql';
import { isRefusal, type DraftColumn, type Refusal, type Translated } from './draft-model';
import { freshName, refuseAt, type DraftScope, type SourceBinding } from './draft-scope';
import { toCommonType } from './convert-value';
import { quoteName } from './sql-text';
import { translateExpression } from './translate-expression';

/*
 * A table value constructor as a row source: `(VALUES (1), (1), …) AS v(n)` (the tally idiom's
 * ten rows), `CROSS APPLY (VALUES (t.Jan, 'Jan'), (t.Feb, 'Feb')) AS u(Amount, Month)` (the
 * unpivot idiom, which keeps NULLs where UNPIVOT drops them). SQL Server types each column as
 * the values of all rows would be typed together, by data type precedence (the Table Value
 * Constructor page: "the values … are implicitly converted to the data type with the higher
 * precedence"); mixed types the draft does not convert exactly are refused (toCommonType).
 */

/** The rows of a VALUES table as a DuckDB relation (LATERAL under APPLY), bound as a source of the query. */
export function translateValuesTable(src: ValuesTable, scope: DraftScope, sources: SourceBinding[], lateral = false): string | Refusal {
  const ctx = scope.ctx;
  const width = src.rows[0]?.length ?? 0;
  if (width === 0 || src.rows.some((r) => r.length !== width)) {
    return refuseAt(ctx, src.span, 'a VALUES table', 'its rows have different numbers of values (SQL Server does not compile it: 10709)');
  }
  if (src.columns.length !== width) {
    return refuseAt(ctx, src.span, 'a VALUES table', 'its alias does not name one column per value (SQL Server requires the column list)');
  }
  const cells: Translated[][] = src.rows.map(() => []);
  const columns: DraftColumn[] = [];
  for (let c = 0; c < width; c++) {
    const values: Translated[] = [];
    for (const row of src.rows) {
      const v = translateExpression(row[c] as NonNullable<(typeof row)[number]>, scope);
      if (isRefusal(v)) return v;
      values.push(v);
    }
    const common = toCommonType(values, scope, src.rows[0]?.[c] as NonNullable<(typeof src.rows)[number][number]>);
    if (isRefusal(common)) return common;
    common.values.forEach((v, r) => cells[r]?.push(v));
    columns.push({ name: src.columns[c]?.name ?? `col${c + 1}`, type: common.type });
  }
  const alias = src.alias?.name ?? freshName(ctx, 'values');
  const sqlAlias = /^[A-Za-z_][A-Za-z0-9_]*$/.test(alias) ? alias : freshName(ctx, alias);
  sources.push({ alias, tableKey: undefined, sqlAlias, columns });
  const rows = cells.map((r) => `(${r.map((v) => v.sql).join(', ')})`).join(', ');
  return `${lateral ? 'LATERAL ' : ''}(VALUES ${rows}) ${quoteName(sqlAlias)}(${columns.map((c) => quoteName(c.name)).join(', ')})`;
}
