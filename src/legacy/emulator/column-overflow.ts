import { assignmentOverflow, type AssignedConversion } from './assignment-overflow';
import type { SqlFragment } from './expressions';
import { isMoney } from './tsql-types';
import type { TableInfo } from './state';

/*
 * Msg 8115 of an INSERT or UPDATE whose value is too large for its decimal column (`INSERT INTO
 * [COGS Detail] (…, [Extended Cost]) VALUES (…, ROUND(@Take * @LotCost, 2))` into a decimal(19,2),
 * `UPDATE … SET [Landed Unit Cost] = [Unit Cost] + …` into a decimal(9,4)).
 * The engine error alone cannot tell a value of scale 4 from money (engine-errors.ts), so
 * ERROR_MESSAGE() in the CATCH block that logs it would be refused. The statement knows the
 * columns' declared types and the values' types: as for an assignment (assignment-overflow.ts),
 * when no column and no value is money and the values compute without the conversions, the
 * failing cast is a decimal's into a decimal column: "converting numeric to data type numeric".
 * Only for a table whose every column is declared, none money, none computed and without CHECK
 * constraints, so no default, computed value or constraint of the row can be what overflowed.
 */

type Column = TableInfo['columns'][number];

/** The conversions of `rows` (the VALUES' translated values, the SELECT's columns, the SET's values) into `columns`; undefined where the table's own parts could raise the error. */
export function columnConversions(info: TableInfo, columns: readonly Column[], rows: readonly (readonly SqlFragment[])[]): AssignedConversion[] | undefined {
  if (info.checked === true || info.columns.some((c) => c.tsqlType === undefined || isMoney(c.tsqlType) || c.computed === true)) return undefined;
  const out: AssignedConversion[] = [];
  for (const row of rows) {
    for (const [i, value] of row.entries()) {
      const to = columns[i]?.tsqlType;
      if (to === undefined) return undefined;
      out.push({ from: value.tsqlType, fromDuckType: value.duckType, to });
    }
  }
  return out;
}

/**
 * `err` with a certain ERROR_MESSAGE() when it is the 8115 of converting the values into their
 * decimal columns (see above); `valuesSql` selects the values without the conversions and
 * `run` runs it. Anything else comes back as it was.
 */
export async function columnOverflow(err: unknown, conversions: readonly AssignedConversion[] | undefined, valuesSql: string, run: (sql: string) => Promise<unknown>): Promise<unknown> {
  if (conversions === undefined || conversions.length === 0) return err;
  return assignmentOverflow(err, conversions, valuesSql, run);
}

/** What an UPDATE's SET `values` over `from` (its FROM, or the table) and `where` would overflow into `columns`, to tell the 8115 apart as above. */
export function updateOverflowCheck(info: TableInfo, columns: readonly Column[], values: readonly SqlFragment[], from: string, where: string | undefined): { readonly conversions: AssignedConversion[] | undefined; readonly sql: string } {
  const sql = `SELECT ${values.map((v) => `CAST(${v.sql} AS VARCHAR)`).join(', ')} FROM ${from}${where === undefined ? '' : ` WHERE ${where}`}`;
  return { conversions: columnConversions(info, columns, [values]), sql };
}
