import { createSectionDrafter } from '../../../src/draft';
import { draftBody } from '../../../src/draft/draft-section';
import { parseScript } from '../../../src/tsql';
import { draftInputOf, draftOf, type HarnessTable } from './draft-harness';

// A procedure created under SET ANSI_NULLS OFF (scripted above its CREATE) compares a NULL
// variable as a value: `Region = @Region` matches the rows whose Region is NULL when @Region is
// NULL. DuckDB compares as under ON, so the draft refuses such a comparison, never drafts it.
const CUSTOMERS: HarnessTable = { name: 'Sales.Customer List', columns: ['Id:int', 'Region:text'] };
const OUT: HarnessTable = { name: 'dbo.Picked', columns: ['Id:int'] };
const DDL = 'CREATE TABLE dbo.Picked (Id int NOT NULL);';
const proc = (settings: string, where: string): string => `${settings}\nGO\nCREATE PROCEDURE dbo.usp_T @Region varchar(10) AS\nBEGIN\n  INSERT INTO dbo.Picked (Id) SELECT Id FROM Sales.[Customer List] WHERE ${where};\nEND\n`;

describe('a procedure created under SET ANSI_NULLS OFF', () => {
  it('refuses a comparison of a variable the setting changes, at that comparison, naming the SET', () => {
    const text = proc('SET ANSI_NULLS OFF', 'Region = @Region');
    const input = draftInputOf(text, { inputs: [CUSTOMERS], output: OUT, params: { '@Region': 'text' }, ddl: DDL });
    const off = parseScript(text, { file: 'proc.sql' }).batches[1]?.settings?.ansiNullsOff;
    expect(off).toBeDefined();
    const draft = draftBody({ ...input, ansiNullsOff: off });
    expect(draft.sql).toBeUndefined();
    expect(draft.refusals.map((r) => `${r.line}:${r.col} ${r.construct}`)).toEqual(['5:74 comparison under SET ANSI_NULLS OFF']);
    expect(draft.refusals[0]?.reason).toContain('SET ANSI_NULLS OFF (proc.sql:1)');
  });

  it('drafts one whose comparisons the setting does not change, and any under ON', () => {
    const input = draftInputOf(proc('SET ANSI_NULLS OFF', "Region = 'EU'"), { inputs: [CUSTOMERS], output: OUT, params: { '@Region': 'text' }, ddl: DDL });
    expect(draftBody({ ...input, ansiNullsOff: parseScript(proc('SET ANSI_NULLS OFF', "Region = 'EU'")).batches[1]?.settings?.ansiNullsOff }).sql).toBeDefined();
    expect(draftOf(proc('SET ANSI_NULLS ON', 'Region = @Region'), { inputs: [CUSTOMERS], output: OUT, params: { '@Region': 'text' }, ddl: DDL }).sql).toBeDefined();
  });

  it('is found by scaffold --draft from the script the procedure is in', () => {
    const text = proc('SET ANSI_NULLS OFF', 'Region <> @Region');
    const input = draftInputOf(text, { inputs: [CUSTOMERS], output: OUT, params: { '@Region': 'text' }, ddl: DDL });
    const drafter = createSectionDrafter('/w', [{ file: '/w/procedures/proc.sql', text, script: parseScript(text, { file: '/w/procedures/proc.sql' }) }]);
    const rendered = drafter(input.info, input.spec);
    expect(rendered).toContain('comparison under SET ANSI_NULLS OFF');
    expect(rendered).toContain('procedures/proc.sql:1');
  });
});
