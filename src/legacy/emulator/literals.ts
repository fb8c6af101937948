import type { Literal } from '../../tsql';
import type { SqlFragment } from './expressions';
import { makeType } from './tsql-types';

/**
 * A literal as SQL Server types it: text as varchar(n)/nvarchar(n) of its length, an integer as
 * int (bigint past int's range), a decimal or money constant as decimal(p, s) of its digits, a
 * float in its text, 0x… as binary.
 */
export function translateLiteral(e: Literal): SqlFragment {
  switch (e.literalType) {
    case 'string':
    case 'nstring': {
      const chars = Math.max(1, [...e.value].length);
      return { sql: `'${e.value.replace(/'/g, "''")}'`, family: 'string', duckType: 'VARCHAR', tsqlType: makeType(e.literalType === 'nstring' ? 'nvarchar' : 'varchar', [String(chars)]), constant: { value: e.value } };
    }
    case 'integer': {
      const big = Math.abs(Number(e.value)) > 2147483647;
      return { sql: big ? `CAST(${e.value} AS BIGINT)` : `CAST(${e.value} AS INTEGER)`, family: 'integer', duckType: big ? 'BIGINT' : 'INTEGER', constantDigits: e.value.replace(/^[-+]?0*/, '').length || 1 };
    }
    case 'decimal':
    case 'money': {
      // A money constant starts with its currency symbol ($, €, £, ¥, …): the number follows it.
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
