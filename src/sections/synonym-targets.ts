import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles, readSourceFile } from '../core';
import { forEachStatement, normalizeObjectName, parseScript } from '../tsql';
import type { WorkspaceConfig } from './workspace-config';

/**
 * The synonyms of the workspace's scripts (`CREATE SYNONYM dbo.Cust FOR Sales.Customer` under
 * procedures/): synonym key (`dbo.cust`) -> the key of what it stands for (`sales.customer`). A
 * section given a synonym reads its target's rows, which an export of the database holds in the
 * target's file; `migrate run` asks only when no data file has the synonym's name, so the scripts
 * are parsed then, once.
 */
export function synonymTargets(config: WorkspaceConfig): ReadonlyMap<string, string> {
  const dir = join(config.root, config.paths.procedures);
  const out = new Map<string, string>();
  for (const file of existsSync(dir) ? listFiles([dir], ['.sql']) : []) {
    // `migrate run` asks for every table a section writes: parse only the scripts that can hold one
    const text = readSourceFile(file).text;
    if (!/\bSYNONYM\b/i.test(text)) continue;
    forEachStatement(parseScript(text, { file }), (s) => {
      if (s.kind !== 'CreateOther' || s.objectType.toUpperCase() !== 'SYNONYM' || s.target === undefined) return;
      const key = normalizeObjectName(s.name, config.defaultSchema);
      if (!out.has(key)) out.set(key, normalizeObjectName(s.target, config.defaultSchema));
    });
  }
  return out;
}
