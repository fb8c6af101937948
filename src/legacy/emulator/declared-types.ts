import type { DataType } from '../../tsql';
import { objectKey } from './catalog';
import { dataTypeOf } from './expressions';
import type { EmulatorState } from './state';
import type { TsqlType } from './tsql-types';

/**
 * The T-SQL type a declaration names, alias types (`CREATE TYPE dbo.Name FROM nvarchar(50)`)
 * resolved to their base type, as SQL Server stores values of an alias type as its base type.
 */
export function declaredType(state: EmulatorState, dataType: DataType, inCast = false): TsqlType {
  const parts = dataType.name.parts;
  const alias = state.catalog.types.get(objectKey(parts));
  if (alias?.base !== undefined && (parts.length > 1 || !isBuiltin(parts[0]?.name ?? ''))) {
    return dataTypeOf(alias.base.name.parts.map((p) => p.name).slice(-1)[0] ?? '', alias.base.args, inCast);
  }
  return dataTypeOf(parts.map((p) => p.name).slice(-1)[0] ?? '', dataType.args, inCast);
}

const BUILTIN = new Set([
  'bigint', 'int', 'integer', 'smallint', 'tinyint', 'bit', 'decimal', 'numeric', 'money', 'smallmoney', 'float', 'real',
  'date', 'datetime', 'datetime2', 'smalldatetime', 'datetimeoffset', 'time', 'char', 'varchar', 'nchar', 'nvarchar',
  'text', 'ntext', 'binary', 'varbinary', 'image', 'uniqueidentifier', 'xml', 'sysname', 'sql_variant', 'rowversion',
  'timestamp', 'hierarchyid', 'geography', 'geometry',
]);

function isBuiltin(name: string): boolean {
  return BUILTIN.has(name.toLowerCase());
}
