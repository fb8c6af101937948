import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles, readSourceFile } from '../core';
import { forEachStatement, normalizeObjectName, parseScript } from '../tsql';
import type { WorkspaceConfig } from './workspace-config';

/**
 * The views the workspace's scripts create (`CREATE VIEW dbo.vw_RecentOrders …` under
 * procedures/), by key (`dbo.vw_recentorders`). A database export holds a file per table, never
 * one per view: a section given a view's rows reads nothing in `migrate run` unless someone
 * exported the view itself, and an empty view would give plausible wrong rows. `migrate run`
 * asks only when an input has no data file, so the scripts are parsed then, once.
 */
export function viewNames(config: WorkspaceConfig): ReadonlySet<string> {
  const dir = join(config.root, config.paths.procedures);
  const out = new Set<string>();
  for (const file of existsSync(dir) ? listFiles([dir], ['.sql']) : []) {
    const text = readSourceFile(file).text;
    if (!/\bVIEW\b/i.test(text)) continue;
    forEachStatement(parseScript(text, { file }), (s) => {
      if (s.kind === 'CreateView') out.add(normalizeObjectName(s.name, config.defaultSchema));
    });
  }
  return out;
}
