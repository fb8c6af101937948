import { buildScriptGraphs, collectTableCatalog } from '../../src/dataflow';
import { parseScript } from '../../src/tsql';
import { buildCatalog, catalogTables, outlineProcedures, proposeSections, renderSkeleton, specNameOf } from '../../src/sections';

/**
 * What `sections propose` works from for a script (file `p.sql`) holding tables and one
 * procedure: its graph, outline, the spec catalog, and each proposed section with the skeleton
 * it would write. The propose tests of real-code shapes share it.
 */
export function proposalOf(sql: string) {
  const script = parseScript(sql, { file: 'p.sql' });
  const graph = buildScriptGraphs(script, { catalog: collectTableCatalog([script]) }).find((g) => g.object.kind === 'procedure');
  const outline = outlineProcedures(sql, 'p.sql')[0];
  if (!graph || !outline) throw new Error('no procedure');
  const catalog = buildCatalog(catalogTables(sql, 'p.sql'), [outline]);
  const ctx = { procedure: outline.displayName, graph, catalog, source: sql };
  const sections = proposeSections(graph, (id) => specNameOf(ctx, id), outline.statements).map((s) => ({ section: s, skeleton: renderSkeleton(ctx, s) }));
  return { graph, outline, catalog, sections };
}
