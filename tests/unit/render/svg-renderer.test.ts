import { RenderError } from '../../../src/core';
import { renderOverviewDiagram } from '../../../src/render/overview-diagram';
import { renderStepDiagrams } from '../../../src/render/step-diagram';
import { findChromium, renderSvg } from '../../../src/render/svg-renderer';
import { itWithBrowser } from '../../support/browser';
import { KPI_GRAPH } from './fixtures/kpi-graph';

describe('renderSvg', () => {
  itWithBrowser('renders diagrams to SVG in a real headless chromium, in order', async () => {
    const diagrams = [renderOverviewDiagram(KPI_GRAPH), ...renderStepDiagrams(KPI_GRAPH).map((d) => d.text)];
    const svgs = await renderSvg(diagrams);
    expect(svgs).toHaveLength(2);
    for (const svg of svgs) expect(svg).toMatch(/^<svg[^>]*id="diagram\d"/);
    // A .svg file is XML: HTML void elements in labels must be self-closed, or viewers reject it.
    for (const svg of svgs) expect(svg).not.toMatch(/<(br|hr|img|input)\b(?:[^>]*[^/>])?>/);
    expect(svgs[1]).toMatch(/<br\s*\/>/);
    expect(svgs[0]).toContain('dbo.regionkpi');
    expect(svgs[1]).toContain('cursor loop: WHILE @@FETCH_STATUS = 0');
    // Entity codes come out as the characters they stand for.
    expect(svgs[1]).toContain('#kpi');
  });

  it('returns nothing for nothing, without starting a browser', async () => {
    expect(await renderSvg([], { chromiumPath: '/nonexistent/chromium' })).toEqual([]);
  });

  itWithBrowser('names the diagram mermaid rejects', async () => {
    await expect(renderSvg(['flowchart LR\n  a --> b\n', 'flowchart LR\n  a --> end\n'])).rejects.toThrow(/mermaid could not render diagram 2/);
  });
});

describe('findChromium', () => {
  const saved = process.env.MIGRATE_CHROMIUM;
  afterEach(() => {
    if (saved === undefined) delete process.env.MIGRATE_CHROMIUM;
    else process.env.MIGRATE_CHROMIUM = saved;
  });

  it.each([
    ['an explicit path', '/nonexistent/chromium', undefined, /browser not found at \/nonexistent\/chromium \(from the options\)/],
    ['MIGRATE_CHROMIUM', undefined, '/nonexistent/from-env', /browser not found at \/nonexistent\/from-env \(from MIGRATE_CHROMIUM\)/],
  ])('reports a missing browser from %s with a hint', (_name, explicit, env, message) => {
    if (env !== undefined) process.env.MIGRATE_CHROMIUM = env;
    let error: unknown;
    try {
      findChromium(explicit);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(RenderError);
    expect((error as RenderError).code).toBe('RENDER_NO_BROWSER');
    expect((error as RenderError).message).toMatch(message);
    expect((error as RenderError).format()).toContain('apt-get install chromium');
  });

  it('uses MIGRATE_CHROMIUM when it exists', () => {
    process.env.MIGRATE_CHROMIUM = process.execPath;
    expect(findChromium()).toBe(process.execPath);
  });
});
