import type { Expression } from '../../tsql';
import type { SqlFragment } from './expressions';
import type { EmulatorState } from './state';

/**
 * `~x` in x's type, as SQL Server computes it: bit flips (1 - x, never -1/-2, which a bit column
 * would not hold), tinyint stays unsigned (255 - x), smallint/int/bigint are two's complement in
 * their own width. Other types are error 8117 in SQL Server, which does not compile them: refused.
 */
export function bitwiseNot(state: EmulatorState, x: SqlFragment, node: Expression): SqlFragment {
  if (x.family === 'bit') return { sql: `CAST(1 - ${x.sql} AS TINYINT)`, family: 'bit', duckType: 'TINYINT', tsqlType: x.tsqlType };
  if (x.family === 'integer') {
    const sql = x.tsqlType?.name === 'tinyint' ? `(~CAST(${x.sql} AS UTINYINT))` : `(~${x.sql})`;
    return { sql, family: 'integer', duckType: x.duckType, tsqlType: x.tsqlType };
  }
  if (x.family === 'unknown' && x.constant?.value === null) return { sql: 'CAST(NULL AS INTEGER)', family: 'integer', duckType: 'INTEGER' };
  throw state.unsupported(node, `~ of a ${x.tsqlType?.name ?? x.family} value (SQL Server does not compile it: error 8117, only integer and bit operands are valid for ~)`);
}
