// Golden files for the renderer: the exact Markdown, mermaid and JSON it writes for hand-built
// graphs. `npm run golden:update` (GOLDEN_UPDATE=1) rewrites them; review the diff.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderIndexMarkdown, renderObjectMarkdown, renderObjectMermaid, serializeGraph } from '../../../src/render';
import { closeMermaidValidator, validateMermaid } from '../../../src/render/mermaid-validator';
import { extractMermaidBlocks } from '../../unit/render/fixtures/mermaid-blocks';
import { KPI_GRAPH } from '../../unit/render/fixtures/kpi-graph';
import { KPI_SECTION_MAP } from '../../unit/render/fixtures/section-maps';
import { buildLargeGraph } from '../../unit/render/fixtures/large-graph';
import { SYSTEM_GRAPHS } from '../../unit/render/fixtures/system-graphs';

const STAMP = 'tsql-migrate:generated sha256=0000000000000000';
const update = process.env.GOLDEN_UPDATE === '1';

afterAll(closeMermaidValidator);

const cases: readonly [string, () => string][] = [
  ['dbo.usp_calcregionkpi.md', () => renderObjectMarkdown(KPI_GRAPH, { stamp: STAMP, sourceHref: '../procedures/kpi/usp_CalcRegionKpi.sql', sectionMap: KPI_SECTION_MAP })],
  ['dbo.usp_calcregionkpi.mmd', () => renderObjectMermaid(KPI_GRAPH, { stamp: STAMP })],
  ['dbo.usp_calcregionkpi.json', () => serializeGraph(KPI_GRAPH, { stamp: STAMP })],
  ['etl.usp_loadmart.md', () => renderObjectMarkdown(buildLargeGraph(), { stamp: STAMP })],
  ['etl.usp_loadmart.mmd', () => renderObjectMermaid(buildLargeGraph(), { stamp: STAMP })],
  ['index.md', () => renderIndexMarkdown(SYSTEM_GRAPHS, { stamp: STAMP })],
];

describe('renderer golden files', () => {
  it.each(cases)('%s', async (file, render) => {
    const path = join(__dirname, file);
    const actual = render();
    if (update) writeFileSync(path, actual);
    else {
      if (!existsSync(path)) throw new Error(`${path} is missing: run npm run golden:update and review it`);
      expect(actual).toBe(readFileSync(path, 'utf8'));
    }
    // The large report's diagrams are validated by the step and overview diagram unit tests.
    const diagrams = file.endsWith('.mmd') ? [actual] : file.startsWith('etl.') ? [] : extractMermaidBlocks(actual);
    for (const d of diagrams) expect(await validateMermaid(d)).toEqual({ ok: true });
  });
});
