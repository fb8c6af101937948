import { createSectionDrafter } from '../../../src/draft';
import { draftBody } from '../../../src/draft/draft-section';
import { EngineSession } from '../../../src/engine';
import { parseScript } from '../../../src/tsql';
import { draftInputOf, runDraft, type HarnessTable } from './draft-harness';

// A procedure created under SET ANSI_NULLS OFF (scripted above its CREATE) compares a NULL
// variable as a value: `Region = @Region` matches the rows whose Region is NULL when @Region is
// NULL. DuckDB compares as under ON, so the draft is made from the procedure as
// asUnderAnsiNullsOn rewrites it (the emulator runs the same rewrite).
const CUSTOMERS: HarnessTable = { name: 'Sales.Customer List', columns: ['Id:int', 'Region:text'], rows: [[1, 'EU'], [2, null], [3, 'US']] };
const OUT: HarnessTable = { name: 'dbo.Picked', columns: ['Id:int'] };
const DDL = 'CREATE TABLE dbo.Picked (Id int NOT NULL);';
const proc = (settings: string, where: string): string => `${settings}\nGO\nCREATE PROCEDURE dbo.usp_T @Region varchar(10) AS\nBEGIN\n  INSERT INTO dbo.Picked (Id) SELECT Id FROM Sales.[Customer List] WHERE ${where};\nEND\n`;
const opts = { inputs: [CUSTOMERS], output: OUT, params: { '@Region': 'text' }, ddl: DDL };

describe('a procedure created under SET ANSI_NULLS OFF', () => {
  let session: EngineSession;
  beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
  afterAll(() => session.close());

  const picked = async (settings: string, where: string, region: string): Promise<string[]> => {
    const text = proc(settings, where);
    const off = parseScript(text, { file: 'proc.sql' }).batches[1]?.settings?.ansiNullsOff;
    const body = draftBody({ ...draftInputOf(text, opts), ...(off ? { ansiNullsOff: off } : {}) });
    return runDraft(session, body, [CUSTOMERS], { '@Region': region });
  };

  it.each<[string, string, string[], string[]]>([
    ['Region = @Region', 'NULL', ['2'], []],
    ['Region = @Region', "'EU'", ['1'], ['1']],
    ['Region <> @Region', 'NULL', ['1', '3'], []],
    ['NOT (Region = @Region)', "'EU'", ['3'], ['3']],
    ["Region IN (@Region, 'US')", 'NULL', ['2', '3'], ['3']],
  ])('drafts WHERE %s with @Region = %s as SQL Server runs it under OFF (and ON)', async (where, region, off, on) => {
    expect(await picked('SET ANSI_NULLS OFF', where, region)).toEqual(off);
    expect(await picked('SET ANSI_NULLS ON', where, region)).toEqual(on);
  });

  it('is found by scaffold --draft from the script the procedure is in', () => {
    const text = proc('SET ANSI_NULLS OFF', 'Region = @Region');
    const input = draftInputOf(text, opts);
    const drafter = createSectionDrafter('/w', [
      { file: '/w/procedures/proc.sql', text, script: parseScript(text, { file: '/w/procedures/proc.sql' }) },
      { file: '/w/procedures/ddl.sql', text: DDL, script: parseScript(DDL, { file: '/w/procedures/ddl.sql' }) },
    ]);
    const rendered = drafter(input.info, input.spec);
    // the OFF meaning: the NULL test of the variable, then ON's comparison
    expect(rendered).toMatch(/IS NULL/);
    expect(rendered).not.toContain('NOT TRANSLATED');
  });
});
