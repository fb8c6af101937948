import { EngineSession } from '../../../src/engine';
import { draftOf, runDraft, type HarnessTable } from './draft-harness';

// A readmission KPI joins the admissions to themselves and inserts both sides' ids: the SELECT
// list names `[Admission Id]` twice (a1's and a2's), which INSERT … SELECT takes by position.
// The draft must carry each by its place, not by its name (the first would stand for both).
const DDL = `CREATE TABLE dbo.Admission ([Admission Id] int NOT NULL, [Patient Id] int NOT NULL, AdmitTime datetime NOT NULL, DischargeTime datetime NULL);
CREATE TABLE dbo.Readmit ([Patient Id] int NOT NULL, [Index Admission] int NOT NULL, [Readmission Id] int NOT NULL);`;
const ADMISSION: HarnessTable = {
  name: 'dbo.Admission', columns: ['Admission Id:int', 'Patient Id:int', 'AdmitTime:timestamp', 'DischargeTime:timestamp?'],
  rows: [[1, 7, '2016-01-04 09:00:00', '2016-01-06 12:00:00'], [2, 7, '2016-01-20 08:00:00', null], [3, 8, '2016-02-01 10:00:00', '2016-02-02 10:00:00']],
};
const READMIT: HarnessTable = { name: 'dbo.Readmit', columns: ['Patient Id:int', 'Index Admission:int', 'Readmission Id:int'] };
const PROC = `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.Readmit ([Patient Id], [Index Admission], [Readmission Id])
  SELECT a1.[Patient Id], a1.[Admission Id], a2.[Admission Id]
  FROM dbo.Admission a1
  JOIN dbo.Admission a2 ON a2.[Patient Id] = a1.[Patient Id] AND a2.AdmitTime > a1.DischargeTime
END`;

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

it('inserts each of two same-named SELECT columns into its own target column', async () => {
  const body = draftOf(PROC, { ddl: DDL, inputs: [ADMISSION, READMIT], output: READMIT });
  expect(await runDraft(session, body, [ADMISSION, READMIT])).toEqual(['7|1|2']);
});
