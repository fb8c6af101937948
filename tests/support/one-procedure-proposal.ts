import { buildScriptGraphs, collectTableCatalog } from '../../src/dataflow';
import { parseScript } from '../../src/tsql';
import { buildCatalog, catalogTables, checkProcedureSections, outlineProcedures, parseFeature, proposeSections, renderSkeleton, specNameOf, type SectionSpec } from '../../src/sections';

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

/**
 * The proposal's first lines (tags), with the problems its skeletons give when parsed as specs
 * (in `sections/<folder>/`) and what `sections check` says of them: a fresh proposal has none.
 */
export async function checkedProposal(sql: string, folder: string) {
  const { graph, outline, catalog, sections } = proposalOf(sql);
  const specs: SectionSpec[] = [];
  const parseProblems: unknown[] = [];
  for (const { section: s, skeleton } of sections) {
    const { spec, problems } = await parseFeature(skeleton, `sections/${folder}/${s.number}-${s.slug}.feature`, { catalog });
    parseProblems.push(...problems);
    if (spec !== undefined) specs.push(spec);
  }
  return { headers: sections.map((s) => s.skeleton.split('\n')[0] as string), parseProblems, checkProblems: checkProcedureSections(outline, graph, specs) };
}
