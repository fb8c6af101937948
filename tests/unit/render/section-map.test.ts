import { closeMermaidValidator, validateMermaid } from '../../../src/render/mermaid-validator';
import { renderSectionMap } from '../../../src/render/section-map';
import { measureDiagram } from '../../../src/render/diagram-metrics';
import { KPI_SECTION_MAP, NASTY_SECTION_MAP } from './fixtures/section-maps';

afterAll(closeMermaidValidator);

describe('renderSectionMap', () => {
  const kpi = renderSectionMap(KPI_SECTION_MAP);

  it.each([
    ['a box per section with file, title and lines', 'sec_3["02-region-kpi<br/>KPI per region<br/>L20–60"]'],
    ['ignored sections say so', 'sec_1["00-housekeeping<br/>Housekeeping (ignored)<br/>L3–10, L88–89"]'],
    ['Given tables flow in', 't2 --> sec_3'],
    ['Then tables flow out', 'sec_3 ==> t4'],
    ['a table produced by one section feeds the next', 'sec_2 ==> t2'],
    ['each box links to its .feature', 'click sec_4 href "../sections/dbo.usp_CalcRegionKpi/03-publish.feature" "open 03-publish.feature"'],
    ['sections keep their order', 'sec_1 ~~~ sec_2'],
    ['ignored sections are greyed', 'class sec_1 ign'],
  ])('%s', (_name, line) => {
    expect(kpi).toContain(`  ${line}\n`);
  });

  it('is valid mermaid', async () => {
    expect(await validateMermaid(kpi)).toEqual({ ok: true });
  });

  it('escapes hostile names and links, draws shared tables again instead of a hub', async () => {
    const text = renderSectionMap(NASTY_SECTION_MAP);
    expect(text).toContain('href "../sections/sales.Order%20%22Details%22/01-end%20%231.feature"');
    expect(text).toContain('#quot;x#quot;');
    expect(text).toMatch(/t\d+_\d+\[\("dbo.Shared ↺"\)\]/);
    // end and #end are two tables, whatever their ids.
    expect(text).toMatch(/t1\[\("\[Order Details\]"\)\]\n {2}t2\[\("end"\)\]\n {2}sec_1\[/);
    expect(text).toMatch(/^ {2}class [^\n]+ again$/m);
    expect(measureDiagram(text.replace(/sec_/g, 's_')).maxNodeEdges).toBeLessThanOrEqual(6);
    expect(await validateMermaid(text)).toEqual({ ok: true });
  });

  it('draws an empty map as an empty, valid flowchart', async () => {
    expect(await validateMermaid(renderSectionMap({ sections: [] }))).toEqual({ ok: true });
  });
});
