import { renderDraftTransform } from '../../../src/draft';
import { parseColumnType, type ColumnType } from '../../../src/engine';
import type { StubInfo } from '../../../src/sections';
import { draftOf, type HarnessTable } from './draft-harness';

// GROUP BY text under SQL Server's case-insensitive collation: 'North' and 'north' are one
// group, and which spelling the group shows is SQL Server's choice. The draft shows min(…) and
// says so in a `// Check:` note naming the grouped column's file:line:col (docs/drafts.md); the
// draft used to pick min(…) without a word.
const proc = (body: string): string => `CREATE PROCEDURE dbo.usp_T AS\nBEGIN\n${body}\nEND`;
const CUSTOMER: HarnessTable = { name: 'dbo.Customer', columns: ['CustomerId:int', 'Region:text?', 'Score:int?'] };
const COUNTS: HarnessTable = { name: 'dbo.RegionCount', columns: ['Region:text', 'N:int'] };

describe('a case-insensitive group of text shows one spelling, noted for review', () => {
  it('notes the grouped column at its file:line:col, and the file writes the note as // Check:', () => {
    const body = draftOf(proc('INSERT INTO dbo.RegionCount (Region, N)\nSELECT c.Region, COUNT(*) FROM dbo.Customer c WHERE c.Region IS NOT NULL GROUP BY c.Region;'), { inputs: [CUSTOMER, COUNTS], output: COUNTS });
    expect(body.refusals).toEqual([]);
    expect(body.sql).toContain('min(c.Region)');
    const note = body.notes.find((n) => /grouped case-insensitively/.test(n));
    expect(note).toMatch(/^c\.Region at proc\.sql:4:8 is grouped case-insensitively: .*SQL Server shows one of their spellings \(which one is not defined\); the draft shows min\(…\)/);
    const info: StubInfo = {
      id: 'dbo.usp_T/01-t', title: 't', procedure: 'dbo.usp_T', lines: '3-4', inputs: [], params: [], entity: undefined,
      output: { name: 'dbo.RegionCount', columns: [{ name: 'N', type: parseColumnType('int') as ColumnType }] },
      engineImport: 'x', sectionsImport: 'x', transformFromTest: 'x', rootFromTest: '.',
    };
    expect(renderDraftTransform(info, body).split('\n')).toContain(`// Check: ${note ?? ''}`);
  });

  it.each<[string, string]>([
    ['a number grouped', 'INSERT INTO dbo.RegionCount (Region, N)\nSELECT CAST(c.Score AS varchar(12)), COUNT(*) FROM dbo.Customer c GROUP BY c.Score;'],
    ['text only inside an aggregate', "INSERT INTO dbo.RegionCount (Region, N)\nSELECT 'all', COUNT(DISTINCT c.Region) FROM dbo.Customer c;"],
  ])('no note for %s', (_what, body) => {
    const draft = draftOf(proc(body), { inputs: [CUSTOMER, COUNTS], output: COUNTS });
    expect(draft.refusals).toEqual([]);
    expect(draft.notes.filter((n) => /grouped case-insensitively/.test(n))).toEqual([]);
  });
});
