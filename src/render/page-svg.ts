import type { DataFlowGraph } from '../dataflow';
import { renderOverviewDiagram } from './overview-diagram';
import { renderSectionMap, type SectionMap } from './section-map';
import { renderStepDiagrams } from './step-diagram';

/** Space between two diagrams stacked in one SVG, in SVG user units. */
const GAP = 32;

/**
 * The diagrams a page's `.svg` shows, top to bottom: the section map (when the procedure has
 * sections), the overview, and the step diagram when the steps fit in one (longer step
 * diagrams stay in the Markdown page, split, where each renders on its own).
 */
export function pageDiagrams(graph: DataFlowGraph, sectionMap?: SectionMap, overviewMaxNodes = 24): string[] {
  const out: string[] = [];
  if (sectionMap !== undefined && sectionMap.sections.length > 0) out.push(renderSectionMap(sectionMap));
  out.push(renderOverviewDiagram(graph, { maxNodes: overviewMaxNodes }));
  const steps = renderStepDiagrams(graph);
  if (steps.length === 1) out.push((steps[0] as { text: string }).text);
  return out;
}

interface Box {
  readonly width: number;
  readonly height: number;
  readonly viewBox: string;
}

/** The drawing size of a mermaid SVG, from its viewBox (mermaid writes width="100%"). */
function boxOf(svg: string): Box {
  const open = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const view = /\bviewBox="([^"]*)"/.exec(open)?.[1];
  const numbers = (view ?? '').trim().split(/[\s,]+/).map(Number);
  if (numbers.length === 4 && numbers.every((n) => Number.isFinite(n))) {
    return { width: numbers[2] as number, height: numbers[3] as number, viewBox: view as string };
  }
  const width = Number(/\bwidth="([\d.]+)"/.exec(open)?.[1] ?? 0);
  const height = Number(/\bheight="([\d.]+)"/.exec(open)?.[1] ?? 0);
  return { width, height, viewBox: `0 0 ${width} ${height}` };
}

/**
 * Stacks SVG documents into one, top to bottom with a gap: each becomes a nested `<svg>`
 * placed at its offset with its own viewBox, so its styles and ids stay as mermaid wrote them
 * (ids must already differ between the parts: render them in one renderSvg call). One part
 * is returned unchanged.
 */
export function stackSvgs(svgs: readonly string[]): string {
  if (svgs.length === 1) return svgs[0] as string;
  let y = 0;
  let width = 0;
  const parts: string[] = [];
  for (const svg of svgs) {
    const body = svg.replace(/^\s*<\?xml[^>]*>\s*/, '');
    const box = boxOf(body);
    // The part's own size attributes (width="100%", a max-width style) would size it to the
    // whole page: replace them with its place in the stack.
    const placed = body.replace(/<svg\b[^>]*>/, (tag) => tag
      .replace(/\s(width|height|x|y|style)="[^"]*"/g, '')
      .replace(/^<svg/, `<svg x="0" y="${y}" width="${box.width}" height="${box.height}"`));
    parts.push(placed);
    y += box.height + GAP;
    width = Math.max(width, box.width);
  }
  const height = Math.max(0, y - GAP);
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}

/** Splits a flat list of rendered SVGs back into pages (as many for page i as `pages[i]`
 * has diagrams) and stacks each page's into one SVG. */
export function stackPageSvgs(pages: readonly (readonly string[])[], svgs: readonly string[]): string[] {
  let next = 0;
  return pages.map((diagrams) => {
    const mine = svgs.slice(next, next + diagrams.length);
    next += diagrams.length;
    return stackSvgs(mine);
  });
}
