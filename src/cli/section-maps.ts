import { join, relative, resolve, sep } from 'node:path';
import type { SectionMap, SectionMapEntry } from '../render';
import { loadSpecs, loadWorkspaceConfig, type SectionSpec } from '../sections';

/** Names as first written, without repeats that differ only in case (matching is
 * case-insensitive; what people read keeps the first spelling). */
function firstSpellings(names: Iterable<string>): string[] {
  const seen = new Map<string, string>();
  for (const n of names) if (!seen.has(n.toLowerCase())) seen.set(n.toLowerCase(), n);
  return [...seen.values()];
}

/** `L34–67, L70–78 +4`: the first three line ranges of a section, then how many more. */
function lineRanges(spec: SectionSpec): string {
  const ranges = spec.lines.map((r) => (r.end > r.start ? `L${r.start}–${r.end}` : `L${r.start}`));
  return ranges.length > 3 ? `${ranges.slice(0, 3).join(', ')} +${ranges.length - 3}` : ranges.join(', ');
}

/** One section as the map draws it, with its .feature linked relative to `outDir`. */
export function toSectionMapEntry(spec: SectionSpec, outDir: string): SectionMapEntry {
  const scenarios = spec.scenarios;
  return {
    id: spec.id,
    title: spec.title,
    href: relative(resolve(outDir), resolve(spec.file)).split(sep).join('/'),
    given: firstSpellings(scenarios.flatMap((s) => s.inputs.map((t) => t.name))),
    then: firstSpellings([...scenarios.flatMap((s) => s.expected.map((e) => e.table.name)), ...spec.outputs]),
    ignored: spec.ignored,
    ...(spec.lines.length > 0 ? { lines: lineRanges(spec) } : {}),
  };
}

/**
 * The section maps of every procedure that has sections in the workspace at `root` (its
 * `sections/` folder, or the one its config names), keyed by the procedure's normalised name
 * (`dbo.usp_x`), sections in file order (their numbers). A spec that does not parse is left
 * out of the map (`migrate sections check` reports it); no sections folder means no maps.
 */
export async function loadSectionMaps(root: string, outDir: string): Promise<ReadonlyMap<string, SectionMap>> {
  const config = loadWorkspaceConfig(resolve(root));
  const { specs } = await loadSpecs(join(config.root, config.paths.sections));
  const byProcedure = new Map<string, SectionMapEntry[]>();
  for (const spec of specs) {
    const list = byProcedure.get(spec.procedure) ?? [];
    list.push(toSectionMapEntry(spec, outDir));
    byProcedure.set(spec.procedure, list);
  }
  return new Map([...byProcedure].map(([name, sections]) => [name, { sections }]));
}
