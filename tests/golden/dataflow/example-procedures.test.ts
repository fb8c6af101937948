import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles, readSourceFile } from '../../../src/core';
import { analyzeSources, type DataFlowGraph } from '../../../src/dataflow';
import { closeMermaidValidator, renderIndexMarkdown, renderObjectMarkdown, renderObjectMermaid, serializeGraph, validateMermaid } from '../../../src/render';

// Golden files of the example procedures' graphs and reports. GOLDEN_UPDATE=1 rewrites them;
// review the diff like any other change to the analysis.

const update = process.env.GOLDEN_UPDATE === '1';
const dir = join('tests', 'golden', 'dataflow');
const sources = listFiles(['procedures'], ['.sql']).map((f) => ({ file: f.split('\\').join('/'), text: readSourceFile(f).text }));
const result = analyzeSources(sources);
const procedures = result.graphs.filter((g) => g.object.kind === 'procedure');

function compareGolden(name: string, actual: string): void {
  const path = join(dir, name);
  if (update || !existsSync(path)) {
    writeFileSync(path, actual);
    if (!update) throw new Error(`golden file ${path} was missing and has been written; review it and run again`);
    return;
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
}

const markdownOf = (g: DataFlowGraph): string => renderObjectMarkdown(g, { sourceHref: `../../../${g.object.file}` });

describe('example procedures', () => {
  afterAll(closeMermaidValidator);

  it('analyses the three example procedures', () => {
    expect(procedures.map((g) => g.object.name)).toEqual(['dbo.usp_builddevicekpis', 'dbo.usp_countentityletters', 'dbo.usp_runnightlykpis']);
    expect(result.json.unparsed).toBe(0);
  });

  it.each(procedures.map((g) => [g.object.name, g] as const))('%s graph (.json)', (name, g) => {
    compareGolden(`${name}.json`, serializeGraph(g));
  });

  it.each(procedures.map((g) => [g.object.name, g] as const))('%s report (.md)', (name, g) => {
    compareGolden(`${name}.md`, markdownOf(g));
  });

  it('index (.md)', () => {
    compareGolden('index.md', renderIndexMarkdown(result.graphs));
  });

  it.each(result.graphs.map((g) => [g.object.name, g] as const))('%s: every diagram is valid mermaid', async (_name, g) => {
    const diagrams = [renderObjectMermaid(g), ...mermaidBlocks(markdownOf(g))];
    for (const text of diagrams) {
      const check = await validateMermaid(text);
      expect(check).toEqual({ ok: true });
    }
  });

  it('the index diagram is valid mermaid', async () => {
    for (const text of mermaidBlocks(renderIndexMarkdown(result.graphs))) expect(await validateMermaid(text)).toEqual({ ok: true });
  });

  it('shows the cursor loop, the temp tables, the MERGE target and the KPI lineage of usp_BuildDeviceKpis', () => {
    const g = procedures[0] as DataFlowGraph;
    const node = (name: string): string => g.nodes.find((n) => n.name === name)?.id ?? name;
    const loop = g.steps.find((s) => s.label === 'INSERT #UsageWithConfig')?.context.find((c) => c.kind === 'cursor-loop');
    expect(loop?.cursor).toBe(node('curdevice'));
    expect(g.summary.temps.map((id) => g.nodes.find((n) => n.id === id)?.name)).toEqual(['#batchconfigkey', '#candidate', '#configday', '#ranked', '#usagewithconfig']);
    const merge = g.steps.find((s) => s.kind === 'merge');
    expect(merge?.writes.map((w) => w.node)).toEqual([node('kpi.configurationkpi')]);
    const kpi = g.lineage.find((l) => l.target.node === node('kpi.configurationkpi') && l.target.column === 'avgbatterydrainmw');
    expect(kpi?.sources).toEqual([{ node: node('#configday'), column: 'avgbatterydrainmw' }]);
    const day = g.lineage.find((l) => l.target.node === node('#configday') && l.target.column === 'avgbatterydrainmw');
    expect(day).toMatchObject({ transform: 'aggregate', sources: [{ node: node('#usagewithconfig'), column: 'batterydrainmw' }] });
  });
});
