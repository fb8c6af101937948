import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from '../core';
import { buildScriptGraphs, collectTableCatalog, type DataFlowGraph } from '../dataflow';
import { parseScript } from '../tsql';
import { buildCatalog, catalogTables, outlineProcedures, type ProcedureOutline } from './procedure-outline';
import type { CatalogTable, SpecCatalog } from './spec-model';
import type { WorkspaceConfig } from './workspace-config';

/** Everything sections need to know about a workspace's legacy code. */
export interface WorkspaceAnalysis {
  readonly kind: 'workspace-analysis';
  readonly procedures: readonly ProcedureOutline[];
  readonly graphs: ReadonlyMap<string, DataFlowGraph>;
  readonly sources: ReadonlyMap<string, string>;
  readonly catalog: SpecCatalog;
}

/**
 * Parses every .sql under procedures/: procedure outlines (statements with lines), their
 * data-flow graphs, and a catalog of tables (CREATE TABLE scripts, #temp tables and table
 * variables the procedures declare) for typing and checking specs.
 */
export function analyzeWorkspace(config: WorkspaceConfig): WorkspaceAnalysis {
  const dir = join(config.root, config.paths.procedures);
  const files = existsSync(dir) ? listFiles([dir], ['.sql']) : [];
  const procedures: ProcedureOutline[] = [];
  const graphs = new Map<string, DataFlowGraph>();
  const sources = new Map<string, string>();
  const tables: CatalogTable[] = [];
  const scripts = files.map((file) => {
    const text = readFileSync(file, 'utf8');
    return { file, text, script: parseScript(text, { file }) };
  });
  const tableCatalog = collectTableCatalog(scripts.map((s) => s.script), config.defaultSchema);
  for (const { file, text, script } of scripts) {
    const outlines = outlineProcedures(text, file);
    procedures.push(...outlines);
    tables.push(...catalogTables(text, file));
    if (outlines.length === 0) continue;
    for (const g of buildScriptGraphs(script, { defaultSchema: config.defaultSchema, catalog: tableCatalog })) {
      if (g.object.kind === 'procedure') graphs.set(g.object.name, g);
    }
    for (const o of outlines) sources.set(o.name, text);
  }
  return { kind: 'workspace-analysis', procedures, graphs, sources, catalog: buildCatalog(tables, procedures) };
}

/** Finds a procedure by name (`dbo.usp_X`, `usp_X`, any case). */
export function findProcedure(analysis: WorkspaceAnalysis, name: string): ProcedureOutline | undefined {
  const wanted = name.toLowerCase().includes('.') ? name.toLowerCase() : `dbo.${name.toLowerCase()}`;
  return analysis.procedures.find((p) => p.name === wanted);
}
