import type { TableFunctionRef } from '../../tsql';
import type { SqlTranslator } from './expressions';
import type { SqlScope } from './sql-scope';

/** OPENJSON(json [, path]) [WITH (…)] as a row source. */
export function translateOpenJson(t: SqlTranslator, source: TableFunctionRef, _scope: SqlScope, _argScope: SqlScope, _alias: string): string {
  throw t.state.unsupported(source, 'OPENJSON');
}
