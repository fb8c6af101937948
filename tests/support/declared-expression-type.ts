import { parseScript } from '../../src/tsql';
import { sqlExpressionType, sqlTypeOf, type SqlType } from '../../src/sections/sql-expression-type';
import { expressionOf } from './select-expression';

/** The SQL type of `SELECT <text>`, its columns declared as `declared` says (lower-case name ->
 * data type as a DECLARE writes it); a column not there has no known type. */
export function declaredExpressionType(text: string, declared: Readonly<Record<string, string>>): SqlType | undefined {
  return sqlExpressionType(expressionOf(text), (ref) => {
    const dataType = declared[(ref.parts.at(-1)?.name ?? '').toLowerCase()];
    if (dataType === undefined) return undefined;
    const d = parseScript(`DECLARE @x ${dataType}`, { file: 'd.sql' }).batches[0]?.statements[0];
    const v = d?.kind === 'Declare' ? d.declarations[0] : undefined;
    return v?.kind === 'VariableDeclaration' ? sqlTypeOf(v.dataType) : undefined;
  });
}

/** A type as the tests write it: `money`, `decimal(12,0)`; undefined where unknown. */
export const shownSqlType = (t: SqlType | undefined): string | undefined => (t === undefined ? undefined : t.precision === undefined ? t.name : `${t.name}(${t.precision},${t.scale ?? 0})`);
