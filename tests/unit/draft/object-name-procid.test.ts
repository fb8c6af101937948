import { EngineSession } from '../../../src/engine';
import { draftOf, runDraft, type HarnessTable } from './draft-harness';

// An ETL batch table records which procedure ran: `INSERT dw.EtlBatch (ProcName) VALUES
// (OBJECT_NAME(@@PROCID))`. The value is the name the procedure's CREATE gave it (without its
// schema, as the emulator gives it), the same on every run: drafted as that constant. @@PROCID
// on its own (an object id the database assigned) stays refused.
const DDL = 'CREATE TABLE dw.EtlBatch (BatchNo int NOT NULL, ProcName sysname NOT NULL);';
const BATCH: HarnessTable = { name: 'dw.EtlBatch', columns: ['BatchNo:int', 'ProcName:text'] };
const procedureOf = (value: string): string => `CREATE PROCEDURE [dw].[usp_Load Batch] AS
BEGIN
  INSERT INTO dw.EtlBatch (BatchNo, ProcName) VALUES (1, ${value});
END`;

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

describe('OBJECT_NAME(@@PROCID) in a draft', () => {
  it('is the procedure name its CREATE gives, without the schema', async () => {
    const body = draftOf(procedureOf('OBJECT_NAME(@@PROCID)'), { ddl: DDL, inputs: [], output: BATCH });
    expect(await runDraft(session, body, [])).toEqual(['1|usp_Load Batch']);
  });

  it('still refuses @@PROCID itself (an id the database assigned)', () => {
    const body = draftOf(procedureOf('CAST(@@PROCID AS varchar(20))'), { ddl: DDL, inputs: [], output: BATCH });
    expect(body.sql).toBeUndefined();
    expect(body.refusals[0]?.construct).toBe('@@PROCID');
  });
});
