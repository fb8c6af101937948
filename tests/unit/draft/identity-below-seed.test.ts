import { EngineSession } from '../../../src/engine';
import { draftOf, runDraft, type HarnessTable } from './draft-harness';

// A Kimball dimension holds its unknown member -1, inserted under SET IDENTITY_INSERT ON below
// the IDENTITY(1,1) seed; an audit table IDENTITY(100,1) may hold older batch ids below 100.
// Such keys never moved the counter: `migrate capture` and `sections record` load the table so
// (the emulator's tables.ts resetIdentity), and the first new row gets the seed. The draft once
// took the largest key whatever its side of the seed (0 after the -1 member, 96 after batch 95):
// a key SQL Server never gives, silently.
const DDL = `CREATE TABLE dw.Dim ([Key] int IDENTITY(1,1) NOT NULL PRIMARY KEY, Code varchar(10) NOT NULL);
CREATE TABLE dw.Batch (BatchId int IDENTITY(100,1) NOT NULL PRIMARY KEY, Code varchar(10) NOT NULL);
CREATE TABLE dw.Down (DownId int IDENTITY(-10,-1) NOT NULL PRIMARY KEY, Code varchar(10) NOT NULL);`;
const proc = (table: string): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO ${table} (Code) VALUES ('new');
END`;

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

describe('drafted identity values after keys below the seed', () => {
  it.each<[string, HarnessTable, string]>([
    ['the unknown member -1 alone: the seed', { name: 'dw.Dim', columns: ['Key:int', 'Code:text'], rows: [[-1, 'UNKNOWN']] }, '1|new'],
    ['the unknown member beside real members: the next after the largest', { name: 'dw.Dim', columns: ['Key:int', 'Code:text'], rows: [[-1, 'UNKNOWN'], [7, 'x']] }, '8|new'],
    ['older ids below a seed of 100: the seed', { name: 'dw.Batch', columns: ['BatchId:int', 'Code:text'], rows: [[80, 'a'], [95, 'b']] }, '100|new'],
    ['a negative increment with a key above its seed: the seed', { name: 'dw.Down', columns: ['DownId:int', 'Code:text'], rows: [[0, 'zero']] }, '-10|new'],
  ])('%s', async (_name, table, added) => {
    const body = draftOf(proc(table.name), { ddl: DDL, inputs: [table], output: { name: table.name, columns: table.columns } });
    const rows = await runDraft(session, body, [table]);
    expect(rows).toContain(added);
    expect(rows).toHaveLength((table.rows ?? []).length + 1);
  });
});
