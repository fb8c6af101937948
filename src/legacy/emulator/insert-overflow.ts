import { assignmentOverflow, type AssignedConversion } from './assignment-overflow';
import type { SqlFragment } from './expressions';
import { isMoney } from './tsql-types';
import type { TableInfo } from './state';

/*
 * Msg 8115 of an INSERT whose value is too large for its decimal column (`INSERT INTO [COGS
 * Detail] (…, [Extended Cost]) VALUES (…, ROUND(@Take * @LotCost, 2))` into a decimal(19,2)).
 * The engine error alone cannot tell a value of scale 4 from money (engine-errors.ts), so
 * ERROR_MESSAGE() in the CATCH block that logs it would be refused. The INSERT knows the
 * columns' declared types and the values' types: as for an assignment (assignment-overflow.ts),
 * when no column and no value is money and the values compute without the conversions, the
 * failing cast is a decimal's into a decimal column: "converting numeric to data type numeric".
 * Only for a table whose every column is declared, none money, none computed and without CHECK
 * constraints, so no default, computed value or constraint of the row can be what overflowed.
 */

type Column = TableInfo['columns'][number];

/** The conversions of `rows` (the VALUES' translated values, or the SELECT's columns) into `columns`; undefined where the table's own parts could raise the error. */
export function insertConversions(info: TableInfo, columns: readonly Column[], rows: readonly (readonly SqlFragment[])[]): AssignedConversion[] | undefined {
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
export async function insertOverflow(err: unknown, conversions: readonly AssignedConversion[] | undefined, valuesSql: string, run: (sql: string) => Promise<unknown>): Promise<unknown> {
  if (conversions === undefined || conversions.length === 0) return err;
  return assignmentOverflow(err, conversions, valuesSql, run);
}
