import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles, readSourceFile } from '../core';
import { isTempName, normalizeObjectName, parseScript, walk } from '../tsql';
import type { WorkspaceConfig } from './workspace-config';

/**
 * The computed columns of the workspace's tables (`[Line Total] AS (Qty * [Unit Price])` in a
 * CREATE TABLE under procedures/): table key (`dbo.orderline`) -> column (lower case) -> its
 * definition as written. `migrate run` asks it only when a data file lacks a declared column,
 * so the scripts are parsed then, once.
 */
export function computedColumnDefinitions(config: WorkspaceConfig): ReadonlyMap<string, ReadonlyMap<string, string>> {
  const dir = join(config.root, config.paths.procedures);
  const out = new Map<string, Map<string, string>>();
  const added: { readonly key: string; readonly column: string; readonly definition: string }[] = [];
  for (const file of existsSync(dir) ? listFiles([dir], ['.sql']) : []) {
    const text = readSourceFile(file).text;
    for (const batch of parseScript(text, { file }).batches) {
      for (const top of batch.statements) {
        walk(top, (n) => {
          // an upgrade script's ALTER TABLE … ADD [Gross Qty Per] AS (…) adds one (its file may sort
          // before the CREATE's: applied once every table is known)
          if (n.kind === 'AlterTable' && n.action === 'ADD' && !isTempName(n.name)) {
            for (const c of n.columns) if (c.computed) added.push({ key: normalizeObjectName(n.name, config.defaultSchema), column: c.name.name.toLowerCase(), definition: text.slice(c.computed.span.start.offset, c.computed.span.end.offset) });
            return undefined;
          }
          if (n.kind !== 'CreateTable' || isTempName(n.name)) return undefined;
          const key = normalizeObjectName(n.name, config.defaultSchema);
          if (out.has(key)) return undefined; // the first definition, as the other readers of the scripts take it
          const columns = new Map<string, string>();
          for (const c of n.definition.columns) if (c.computed) columns.set(c.name.name.toLowerCase(), text.slice(c.computed.span.start.offset, c.computed.span.end.offset));
          out.set(key, columns);
          return undefined;
        });
      }
    }
  }
  for (const a of added) out.get(a.key)?.set(a.column, a.definition);
  return out;
}
