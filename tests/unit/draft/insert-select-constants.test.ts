import { EngineSession } from '../../../src/engine';
import { draftOf, runDraft, type HarnessTable } from './draft-harness';

// A Kimball load writes late-arriving (inferred) members with constants in the SELECT list:
// `INSERT dw.DimCustomer (…, EffectiveFrom, EffectiveTo, …) SELECT DISTINCT s.Code, '19000101',
// '99991231', … FROM stage.Sales s`. The constants are converted to the datetime columns by the
// INSERT, and yyyymmdd reads alike under every language and DATEFORMAT, so the draft converts
// them as it converts the same constant in VALUES; text it cannot read stays refused.
const DDL = `CREATE TABLE dbo.Stage (Code varchar(10) NULL);
CREATE TABLE dbo.Dim (Code varchar(10) NOT NULL, ValidFrom datetime NOT NULL, ValidTo datetime NOT NULL, Note varchar(5) NULL);`;
const STAGE: HarnessTable = { name: 'dbo.Stage', columns: ['Code:text?'], rows: [['A'], ['b'], ['A'], [null]] };
const DIM: HarnessTable = { name: 'dbo.Dim', columns: ['Code:text', 'ValidFrom:timestamp', 'ValidTo:timestamp', 'Note:text?'] };
const procedureOf = (select: string): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.Dim (Code, ValidFrom, ValidTo, Note)
  ${select}
END`;

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

describe('INSERT … SELECT of constants into typed columns', () => {
  it.each([
    ["SELECT DISTINCT s.Code, '19000101', '99991231', 'inf' FROM dbo.Stage s WHERE s.Code IS NOT NULL"],
    ["SELECT s.Code, '1900-01-01', '9999-12-31', N'inf' FROM dbo.Stage s WHERE s.Code IS NOT NULL GROUP BY s.Code"],
  ])('converts date constants as the INSERT does: %s', async (select) => {
    const body = draftOf(procedureOf(select), { ddl: DDL, inputs: [STAGE, DIM], output: DIM });
    // runDraft shows a TIMESTAMP as a JavaScript Date's text: read back as ISO
    const rows = (await runDraft(session, body, [STAGE, DIM])).map((r) => r.split('|').map((v, i) => (i === 1 || i === 2 ? new Date(v).toISOString() : v)).join('|'));
    expect(rows).toEqual([
      'A|1900-01-01T00:00:00.000Z|9999-12-31T00:00:00.000Z|inf',
      'b|1900-01-01T00:00:00.000Z|9999-12-31T00:00:00.000Z|inf',
    ]);
  });

  it('still refuses a date constant the language setting reads', () => {
    const body = draftOf(procedureOf("SELECT s.Code, '01/02/2019', '99991231', 'x' FROM dbo.Stage s"), { ddl: DDL, inputs: [STAGE, DIM], output: DIM });
    expect(body.sql).toBeUndefined();
    expect(body.refusals[0]?.line).toBe(4);
  });

  it('stops the query where a constant is too long for its column (error 2628), as the INSERT fails', async () => {
    const body = draftOf(procedureOf("SELECT s.Code, '19000101', '99991231', 'too long' FROM dbo.Stage s"), { ddl: DDL, inputs: [STAGE, DIM], output: DIM });
    await expect(runDraft(session, body, [STAGE, DIM])).rejects.toThrow(/column 'Note'/);
  });
});
