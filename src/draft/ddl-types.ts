import { isTempName, normalizeObjectName, walk, type ParsedScript } from '../tsql';
import { sqlTypeOfDataType, type SqlType } from './sql-types';

/*
 * The T-SQL types of the workspace's tables as their CREATE TABLE scripts declare them. The
 * spec's column types say how values are stored (text, int); the translation needs SQL
 * Server's (varchar(30), smallint, decimal(5,2)) to reproduce lengths and arithmetic.
 */

/** Table key (`dbo.device`) -> column name (lower case) -> declared type, in declaration order. */
export type DdlTypes = ReadonlyMap<string, ReadonlyMap<string, { readonly name: string; readonly type: SqlType }>>;

/** Collects the declared column types of every permanent CREATE TABLE in the scripts. */
export function collectDdlTypes(scripts: readonly ParsedScript[], defaultSchema = 'dbo'): DdlTypes {
  const out = new Map<string, Map<string, { name: string; type: SqlType }>>();
  for (const script of scripts) {
    for (const batch of script.batches) {
      for (const top of batch.statements) {
        walk(top, (n) => {
          if (n.kind !== 'CreateTable' || isTempName(n.name)) return undefined;
          const key = normalizeObjectName(n.name, defaultSchema);
          if (out.has(key)) return undefined;
          const cols = new Map<string, { name: string; type: SqlType }>();
          for (const c of n.definition.columns) if (c.dataType) cols.set(c.name.name.toLowerCase(), { name: c.name.name, type: sqlTypeOfDataType(c.dataType) });
          out.set(key, cols);
          return undefined;
        });
      }
    }
  }
  return out;
}
