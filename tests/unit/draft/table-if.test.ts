import { EngineSession } from '../../../src/engine';
import { draftOf, runDraft, type HarnessTable } from './draft-harness';

// IF whose branches change tables: each branch from the tables as before the IF, the THEN
// branch's rows when the condition holds, else (false or NULL) the ELSE branch's.
const proc = (body: string): string => `CREATE PROCEDURE dbo.usp_T @Mode varchar(10), @Cut int AS\nBEGIN\n${body}\nEND`;
const T: HarnessTable = { name: 'dbo.T', columns: ['K:int', 'V:int?'], rows: [[1, 10], [2, 20], [3, null]] };
const BODY = `IF @Mode = 'full'
  BEGIN
    DELETE FROM dbo.T;
    INSERT INTO dbo.T (K, V) VALUES (9, 90);
  END
ELSE
  UPDATE dbo.T SET V = V + 1 WHERE K >= @Cut;`;

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

describe('drafted IF over table changes', () => {
  it.each([
    ["'full'", ['9|90']],
    ["'delta'", ['1|10', '2|21', '3|NULL']],
    ['NULL', ['1|10', '2|21', '3|NULL']], // a NULL condition takes the ELSE branch
  ])('@Mode = %s', async (mode, rows) => {
    const body = draftOf(proc(BODY), { inputs: [T], output: T, params: { '@Mode': 'text?', '@Cut': 'int?' } });
    expect(body.refusals).toEqual([]);
    expect(await runDraft(session, body, [T], { '@Mode': mode === 'NULL' ? 'CAST(NULL AS VARCHAR)' : mode, '@Cut': '2' })).toEqual(rows);
  });

  it('an IF without ELSE leaves the table as it was when the condition fails', async () => {
    const body = draftOf(proc("IF @Cut > 1 TRUNCATE TABLE dbo.T;"), { inputs: [T], output: T, params: { '@Mode': 'text?', '@Cut': 'int?' } });
    expect(await runDraft(session, body, [T], { '@Cut': '0' })).toEqual(['1|10', '2|20', '3|NULL']);
    expect(await runDraft(session, body, [T], { '@Cut': '5' })).toEqual([]);
  });

  it('takes a variable a branch sets beside its changes as the value of the branch taken', async () => {
    // `SET @Rows = @@ROWCOUNT; SET @Step = 'full'` for a log line: here the value is read again
    const body = draftOf(proc(`DECLARE @n int = 0, @rows int;
IF @Cut > 1 BEGIN DELETE FROM dbo.T WHERE K >= @Cut; SET @rows = @@ROWCOUNT; SET @n = 1; END
ELSE BEGIN UPDATE dbo.T SET V = 0; SET @rows = @@ROWCOUNT; END
INSERT INTO dbo.T (K, V) VALUES (100 + @n, @rows);`), { inputs: [T], output: T, params: { '@Mode': 'text?', '@Cut': 'int?' } });
    expect(body.refusals).toEqual([]);
    expect(await runDraft(session, body, [T], { '@Cut': '2' })).toEqual(['1|10', '101|2']);
    expect(await runDraft(session, body, [T], { '@Cut': '0' })).toEqual(['1|0', '2|0', '3|0', '100|3']);
  });

  it('drafts the unknown member added when missing, SET IDENTITY_INSERT around its INSERT (scd probe)', async () => {
    const body = draftOf(proc(`IF NOT EXISTS (SELECT 1 FROM dbo.T WHERE K = -1)
BEGIN
    SET IDENTITY_INSERT dbo.T ON;
    INSERT INTO dbo.T (K, V) VALUES (-1, 0);
    SET IDENTITY_INSERT dbo.T OFF;
    PRINT 'unknown member added';
END`), { inputs: [T], output: T, params: { '@Mode': 'text?', '@Cut': 'int?' } });
    expect(body.refusals).toEqual([]);
    expect(await runDraft(session, body, [T], {})).toEqual(['-1|0', '1|10', '2|20', '3|NULL']);
    const withMember: HarnessTable = { ...T, rows: [[-1, 5], [1, 10]] };
    expect(await runDraft(session, body, [withMember], {})).toEqual(['-1|5', '1|10']);
  });

  it('still refuses a branch setting a session option that changes later statements (SET DATEFIRST)', () => {
    const body = draftOf(proc("IF @Cut > 1 BEGIN SET DATEFIRST 1; DELETE FROM dbo.T; END"), { inputs: [T], output: T, params: { '@Mode': 'text?', '@Cut': 'int?' } });
    expect(body.refusals.map((r) => r.construct)).toEqual(['IF']);
  });

  it('refuses a read of a variable whose branch value is refused, and only that read', () => {
    const body = draftOf(proc("DECLARE @e int;\nIF @Cut > 1 BEGIN DELETE FROM dbo.T; SET @e = @@ERROR; END\nINSERT INTO dbo.T (K, V) VALUES (1, @e);"), { inputs: [T], output: T, params: { '@Mode': 'text?', '@Cut': 'int?' } });
    expect(body.refusals.map((r) => r.construct)).toEqual(['@@ERROR']);
  });
});
