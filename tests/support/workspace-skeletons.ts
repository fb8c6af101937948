import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeWorkspace, findProcedure, loadWorkspaceConfig, proposeSections, renderSkeleton, specNameOf } from '../../src/sections';

/**
 * The skeletons `sections propose` writes for `proc`, given the scripts of a workspace (file name
 * under procedures/ -> T-SQL), read as the workspace reads them (tables of other files included).
 */
export function workspaceSkeletons(files: Readonly<Record<string, string>>, proc: string): string[] {
  const root = mkdtempSync(join(tmpdir(), 'ws-skeleton-'));
  try {
    mkdirSync(join(root, 'procedures'), { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(root, 'procedures', name), text);
    const analysis = analyzeWorkspace(loadWorkspaceConfig(root));
    const outline = findProcedure(analysis, proc);
    const graph = analysis.graphs.get(outline?.name ?? '');
    if (!outline || !graph) throw new Error('no procedure');
    const ctx = { procedure: outline.displayName, graph, catalog: analysis.catalog, source: analysis.sources.get(outline.name) ?? '' };
    return proposeSections(graph, (id) => specNameOf(ctx, id), outline.statements).map((s) => renderSkeleton(ctx, s));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
