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

/**
 * `&`, `|` and `^` over what the emulator computes exactly: integer and bit operands. A binary
 * operand (a hex mask such as `0x0F`) is valid in SQL Server, but the pages do not say how bytes
 * of another length than the integer's are read, so it is refused where written rather than left
 * to DuckDB (which cannot AND a BLOB and fails as an internal error). Decimal, float, text and
 * dates are error 402 in SQL Server: refused too, never computed.
 */
export function refuseBitwiseOperands(state: EmulatorState, op: string, left: SqlFragment, right: SqlFragment, node: Expression): void {
  const bad = [left, right].find((x) => ['binary', 'exact', 'approx', 'string', 'datetime', 'date', 'time'].includes(x.family));
  if (bad === undefined) return;
  if (bad.family === 'binary') {
    throw state.unsupported(node, `${op} with a ${bad.tsqlType?.name ?? 'binary'} operand (which bytes of a binary value SQL Server reads as the integer is not documented; write the mask as an integer, e.g. 15 for 0x0F)`);
  }
  throw state.unsupported(node, `${op} of a ${bad.tsqlType?.name ?? bad.family} value (SQL Server allows only integer, bit and binary operands: error 402)`);
}
