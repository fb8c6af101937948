import { EngineSession } from '../../../src/engine';
import { draftOf, runDraft } from './draft-harness';

// CONCAT and CONCAT_WS are nvarchar when any argument is nvarchar (the CONCAT page), varchar
// otherwise. The draft typed them varchar always, so DATALENGTH of a CONCAT over an nvarchar
// column counted one byte a character where SQL Server counts two (a silently wrong number),
// and HASHBYTES of it would hash other bytes. (The emulator refuses DATALENGTH of a CONCAT, so
// the numbers are SQL Server's by the documented types: two bytes a character of nvarchar.)
const DDL = `CREATE TABLE dbo.Person (Id int NOT NULL, Name varchar(20) NULL, Nick nvarchar(20) NULL);
CREATE TABLE dbo.Bytes (Id int NOT NULL, Narrow int NULL, Wide int NULL, WideWs int NULL);`;
const PROCEDURE = `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.Bytes (Id, Narrow, Wide, WideWs)
  SELECT Id, DATALENGTH(CONCAT(Name, '|', Id)), DATALENGTH(CONCAT(Name, '|', Nick)), DATALENGTH(CONCAT_WS('|', Name, Nick))
  FROM dbo.Person;
END`;

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

describe('drafts of CONCAT and CONCAT_WS', () => {
  it('type the result nvarchar when an argument is', async () => {
    const person = { name: 'dbo.Person', columns: ['Id:int', 'Name:text?', 'Nick:text?'], rows: [[1, 'Ann', 'Zoë'], [2, null, null]] };
    const output = { name: 'dbo.Bytes', columns: ['Id:int', 'Narrow:int?', 'Wide:int?', 'WideWs:int?'] };
    const body = draftOf(PROCEDURE, { ddl: DDL, inputs: [person], output });
    // 'Ann|1' varchar; 'Ann|Zoë' nvarchar, 7 characters; '|' and '' when both are NULL
    expect(await runDraft(session, body, [person])).toEqual(['1|5|14|14', '2|2|2|0']);
  });
});
