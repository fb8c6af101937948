import type { CreateIndex } from '../../../tsql';
import { createKeyIndexes } from './key-constraints';
import { withKeyText } from './key-text';
import type { EmulatorState } from '../state';
import { replaceTableInfo } from './table-replacement';
import type { TableDefinitionSource } from './table-definitions';

/*
 * `CREATE UNIQUE [CLUSTERED|NONCLUSTERED] INDEX ix ON t (cols)` of the table scripts (SSDT keeps
 * them in files of their own): enforced like a UNIQUE constraint (key-constraints.ts), raising
 * 2601 instead of 2627. A filtered unique index (WHERE) or IGNORE_DUP_KEY = ON (repeats dropped
 * with a warning instead of an error) is refused at the index: DuckDB has neither.
 */

/** Adds the unique indexes the scripts create on the table `key` (just built by ensureTables). */
export async function addUniqueIndexes(state: EmulatorState, key: string, def: TableDefinitionSource): Promise<void> {
  const info = state.tables.get(key);
  if (info === undefined || def.uniqueIndexes.length === 0) return;
  const keys: string[][] = [];
  const saved = state.loading;
  try {
    for (const { index, script } of def.uniqueIndexes) {
      // A refusal points at the index, in the script that creates it (often not the table's).
      state.loading = { file: script.file, span: index.span, source: script.lineIndex.text };
      keys.push(indexColumns(state, index));
    }
  } finally {
    state.loading = saved;
  }
  const namings = def.uniqueIndexes.map(({ index }) => ({ number: 2601 as const, kind: 'index' as const, name: index.name.name }));
  const indexes = await createKeyIndexes(state, info, keys, def.definition, namings);
  state.keyErrorNumbers.add(2601);
  replaceTableInfo(state, info, { ...info, columns: withKeyText(info.columns, keys), uniqueKeys: [...(info.uniqueKeys ?? []), ...keys], keyIndexes: [...(info.keyIndexes ?? []), ...indexes] });
}

function indexColumns(state: EmulatorState, ix: CreateIndex): string[] {
  if (ix.where !== undefined) throw state.unsupported(ix, `the filtered unique index ${ix.name.name} (DuckDB has no partial index)`);
  if (/\bIGNORE_DUP_KEY\s*=\s*ON\b/i.test(ix.options ?? '')) throw state.unsupported(ix, `IGNORE_DUP_KEY = ON of the index ${ix.name.name} (SQL Server drops repeated rows with a warning)`);
  return ix.columns.map((c) => {
    if (c.expression.kind !== 'ColumnRef') throw state.unsupported(c, `an index key that is not a column (${ix.name.name})`);
    return c.expression.parts[c.expression.parts.length - 1]?.name ?? '';
  });
}
