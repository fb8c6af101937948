import { CLASS_DEFS, classLines, shapeNode } from './mermaid-styles';
import { quoteLabel, truncateText } from './mermaid-text';

/** One section of a procedure as the section map draws it: plain data, so render does not
 * depend on src/sections (the CLI builds it from the loaded specs). */
export interface SectionMapEntry {
  /** `<schema>.<proc>/<nn>-<slug>`, as `migrate scaffold` names it. */
  readonly id: string;
  readonly title: string;
  /** The .feature file relative to the page the map is written in (forward slashes). */
  readonly href: string;
  /** Tables its scenarios are given, as written, in order of first use. */
  readonly given: readonly string[];
  /** Tables its scenarios expect (and its declared outputs), as written. */
  readonly then: readonly string[];
  /** Housekeeping: covered, never implemented; drawn greyed. */
  readonly ignored: boolean;
  /** The procedure lines it covers, e.g. `L34–67, L70–78`. */
  readonly lines?: string;
}

/** The sections of one procedure, in their numbered order. */
export interface SectionMap {
  readonly sections: readonly SectionMapEntry[];
}

/** Edges one drawing of a table may carry, and sections between two uses, before the table
 * is drawn again next to the later section (as in the step diagrams: no hubs, no long edges). */
const MAX_TABLE_EDGES = 6;
const MAX_SECTION_GAP = 2;

const SECTION_CLASSES: readonly string[] = [
  'classDef sec fill:#ffffff,stroke:#0f766e,stroke-width:2px,color:#0f172a',
  'classDef ign fill:#f3f4f6,stroke:#9ca3af,stroke-dasharray:4 3,color:#6b7280',
  'classDef again stroke-dasharray:1 3,stroke-width:2px',
];

interface TableDrawing {
  readonly id: string;
  lastSection: number;
  edges: number;
}

/** A relative link safe in a mermaid `click` string (taken as is: no entity codes) and in a
 * Markdown link: spaces, quotes, `#` (a fragment) and parentheses (the end of a Markdown
 * link) are percent-encoded. */
export function encodeLink(href: string): string {
  return encodeURI(href).replace(/#/g, '%23').replace(/\(/g, '%28').replace(/\)/g, '%29');
}

/** How a name in a spec is drawn: `#t` and `@t` are temp structures, `result` (`result2`, …)
 * is how specs name a result set, anything else is a table. */
function tableKind(name: string): 'temp-table' | 'table' | 'result-set' {
  if (name.startsWith('#') || name.startsWith('@')) return 'temp-table';
  return /^result\d*$/i.test(name) ? 'result-set' : 'table';
}

/** `sec_1`, `sec_2`, … in section order. */
const sectionNodeId = (position: number): string => `sec_${position + 1}`;

/** The file name at the end of a relative link. */
function fileName(href: string): string {
  return href.split('/').pop() ?? href;
}

/**
 * The section map: the procedure's sections top to bottom in their order, each a box (id,
 * title, lines) with the tables its scenarios are given flowing in and the tables it
 * produces flowing out, so a table one section produces and the next consumes links them.
 * Ignored (housekeeping) sections are greyed. Each box links to its .feature with a mermaid
 * `click … href` (Azure DevOps wikis, VS Code and the SVG follow it; GitHub draws mermaid in a
 * sandboxed frame where relative links do not resolve, so the page lists the same links under
 * the map). A table used by sections far apart, or already carrying six edges, is drawn again
 * (marked ↺) next to its later use.
 */
export function renderSectionMap(map: SectionMap): string {
  const out = ['flowchart TB'];
  const classes = new Map<string, string>();
  const again: string[] = [];
  const edges: string[] = [];
  const clicks: string[] = [];
  const drawings = new Map<string, TableDrawing>();
  const drawn = new Set<string>();
  const tableNumbers = new Map<string, number>();
  const produced = new Set(map.sections.flatMap((s) => s.then.map((t) => t.toLowerCase())));
  const drawingFor = (table: string, position: number): string => {
    const key = table.toLowerCase();
    const current = drawings.get(key);
    if (current && position - current.lastSection <= MAX_SECTION_GAP && current.edges < MAX_TABLE_EDGES) {
      current.lastSection = position;
      current.edges++;
      return current.id;
    }
    // Ids by number: two names that differ only in characters an id cannot hold
    // (`dbo.a_b`, `dbo.a.b`) must not become one node.
    const number = tableNumbers.get(key) ?? tableNumbers.size + 1;
    tableNumbers.set(key, number);
    const repeat = drawn.has(key);
    const id = repeat ? `t${number}_${position + 1}` : `t${number}`;
    drawn.add(key);
    drawings.set(key, { id, lastSection: position, edges: 1 });
    const kind = tableKind(table);
    out.push(`  ${shapeNode(id, kind, quoteLabel(repeat ? `${table} ↺` : table))}`);
    // A permanent table some section produces is an output of the procedure: styled as one.
    classes.set(id, kind === 'temp-table' ? 'tmp' : kind === 'result-set' || produced.has(key) ? 'out' : 'tbl');
    if (repeat) again.push(id);
    return id;
  };
  map.sections.forEach((section, position) => {
    const id = sectionNodeId(position);
    // Inputs are defined before the box and outputs after it, so rows read top to bottom.
    const inputs = section.given.map((t) => drawingFor(t, position));
    const title = `${truncateText(section.title, 48)}${section.ignored ? ' (ignored)' : ''}`;
    out.push(`  ${id}[${quoteLabel(fileName(section.id), title, ...(section.lines ? [section.lines] : []))}]`);
    classes.set(id, section.ignored ? 'ign' : 'sec');
    const outputs = section.then.map((t) => drawingFor(t, position));
    for (const from of new Set(inputs)) edges.push(`  ${from} --> ${id}`);
    for (const to of new Set(outputs)) edges.push(`  ${id} ==> ${to}`);
    clicks.push(`  click ${id} href "${encodeLink(section.href)}" "open ${fileName(section.href).replace(/["#<>&|`]/g, '')}"`);
  });
  // Sections in their order even where no table links them.
  for (let i = 1; i < map.sections.length; i++) {
    edges.push(`  ${sectionNodeId(i - 1)} ~~~ ${sectionNodeId(i)}`);
  }
  out.push(...edges, ...clicks);
  for (const d of CLASS_DEFS) out.push(`  ${d}`);
  for (const d of SECTION_CLASSES) out.push(`  ${d}`);
  for (const c of classLines(classes)) out.push(`  ${c}`);
  if (again.length > 0) out.push(`  class ${again.sort().join(',')} again`);
  return `${out.join('\n')}\n`;
}
