import { EngineSession } from '../../../src/engine';
import { draftOf, runDraft, type HarnessTable } from './draft-harness';

// A section reads a table with a computed column it never reads itself (a payslip's
// TotalDeductions AS (Pension + UnionDues + ISNULL(Tax, 0)), where the department report reads
// NetPayable and Pension): its Given has only the columns it reads, so the definition cannot be
// computed there. That must not refuse the whole draft; reading the column, by name or through
// `*`, still refuses at the definition.
const DDL = `CREATE TABLE dbo.Payslip (Id int NOT NULL, Dept char(4) NOT NULL, Pension money NOT NULL, UnionDues money NOT NULL,
  Tax money NULL, TotalDeductions AS (Pension + UnionDues + ISNULL(Tax, 0)));
GO
CREATE TABLE dbo.DeptPension (Dept varchar(4) NOT NULL, Pension money NULL);
`;
const proc = (body: string): string => `CREATE PROCEDURE dbo.usp_T AS\nBEGIN\n${body}\nEND`;
const SLIPS: HarnessTable = { name: 'dbo.Payslip', columns: ['Id:int', 'Dept:text', 'Pension:decimal(19,4)'], rows: [[1, 'FIN', '10.50'], [2, 'FIN', '0.25'], [3, 'IT', '1.00']] };
const OUT: HarnessTable = { name: 'dbo.DeptPension', columns: ['Dept:text', 'Pension:decimal(19,4)?'], rows: [] };

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

describe('a computed column the section does not read', () => {
  it('does not stop the draft of a query over its table', async () => {
    const body = draftOf(proc('INSERT INTO dbo.DeptPension (Dept, Pension) SELECT RTRIM(Dept), SUM(Pension) FROM dbo.Payslip GROUP BY Dept;'), { ddl: DDL, inputs: [SLIPS, OUT], output: OUT });
    expect(body.refusals).toEqual([]);
    expect(await runDraft(session, body, [SLIPS, OUT])).toEqual(['FIN|10.75', 'IT|1']);
  });

  it.each([
    ['by name', 'INSERT INTO dbo.DeptPension (Dept, Pension) SELECT Dept, TotalDeductions FROM dbo.Payslip;'],
    ['through *', 'INSERT INTO dbo.DeptPension (Dept, Pension) SELECT d.Dept, d.TotalDeductions FROM (SELECT * FROM dbo.Payslip) d;'],
  ])('refuses at the definition when read %s', (_how, body) => {
    const draft = draftOf(proc(body), { ddl: DDL, inputs: [SLIPS, OUT], output: OUT });
    expect(draft.sql).toBeUndefined();
    expect(draft.refusals.map((r) => `${r.file}:${r.line}:${r.col} ${r.construct}`)).toEqual(['ddl.sql:2:49 computed column TotalDeductions (column UnionDues)']);
  });
});
