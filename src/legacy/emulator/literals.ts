import type { Literal } from '../../tsql';
import type { SqlFragment } from './expressions';
import { makeType } from './tsql-types';

/**
 * A literal as SQL Server types it: text as varchar(n)/nvarchar(n) of its length, an integer as
 * int (numeric(digits, 0) past int's range), a decimal constant as decimal(p, s) of its digits, a money
 * constant ($12.5) as money, a float in its text, 0x… as binary.
 */
export function translateLiteral(e: Literal): SqlFragment {
  switch (e.literalType) {
    case 'string':
    case 'nstring': {
      const chars = Math.max(1, [...e.value].length);
      return { sql: `'${e.value.replace(/'/g, "''")}'`, family: 'string', duckType: 'VARCHAR', tsqlType: makeType(e.literalType === 'nstring' ? 'nvarchar' : 'varchar', [String(chars)]), constant: { value: e.value } };
    }
    case 'integer': {
      const digits = e.value.replace(/^[-+]?0*/, '').length || 1;
      // Past int's range SQL Server types the constant numeric(digits, 0), not bigint (so
      // 3000000000 / 7 divides as decimals); past 38 digits no numeric holds it.
      const n = BigInt(e.value);
      if (n > 2147483647n || n < -2147483648n) {
        const sql = digits <= 38 ? `CAST('${e.value}' AS DECIMAL(${digits},0))` : `error('the emulator does not support the integer constant ${e.value}, longer than 38 digits')`;
        return { sql, family: 'exact', duckType: `DECIMAL(${Math.min(digits, 38)},0)` };
      }
      return { sql: `CAST(${e.value} AS INTEGER)`, family: 'integer', duckType: 'INTEGER', constantDigits: digits };
    }
    case 'money': {
      // A money constant starts with its currency symbol ($, €, £, ¥, …): the number follows it.
      // It is money (the Constants page), so arithmetic on it keeps money's four decimals
      // ($1 / 3 is no decimal quotient); past four decimals how it is rounded is not documented.
      const v = e.value.replace(/^[^\d.]/, '');
      const frac = v.split('.')[1] ?? '';
      const sql = frac.length <= 4 ? `CAST('${v}' AS DECIMAL(19,4))`
        : `error('the emulator does not support the money constant ${e.value.replace(/'/g, "''")}, which has more than four decimals (how SQL Server rounds it is not documented)')`;
      return { sql, family: 'exact', duckType: 'DECIMAL(19,4)', tsqlType: makeType('money', []) };
    }
    case 'decimal': {
      const v = e.value.replace(/^[^\d.]/, '');
      const [int = '', frac = ''] = v.replace(/^[-+]/, '').split('.');
      const scale = frac.length;
      const precision = Math.min(38, Math.max(1, int.replace(/^0+/, '').length + scale, scale));
      return { sql: `CAST('${v}' AS DECIMAL(${precision},${scale}))`, family: 'exact', duckType: `DECIMAL(${precision},${scale})` };
    }
    case 'float': return { sql: `CAST('${e.value}' AS DOUBLE)`, family: 'approx', duckType: 'DOUBLE' };
    case 'null': return { sql: 'NULL', family: 'unknown', constant: { value: null } };
    case 'binary': return { sql: `from_hex('${e.value.replace(/^0x/i, '')}')`, family: 'binary' };
    case 'datepart': return { sql: e.value, family: 'unknown' };
    default: return { sql: 'DEFAULT', family: 'unknown' };
  }
}
