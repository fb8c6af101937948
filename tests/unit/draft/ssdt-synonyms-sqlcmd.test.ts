import { draftBody } from '../../../src/draft';
import { EngineSession } from '../../../src/engine';
import { draftInputOf, runDraft } from './draft-harness';

// An SSDT procedure archives through a synonym of another database's table and stamps the
// environment with a SQLCMD variable. The draft wrote NULL for the target's DEFAULT (GETDATE())
// and the text '$(EnvName)', which the deployed procedure never holds.
const DDL = `CREATE TABLE dbo.Line (Id int NOT NULL PRIMARY KEY, Qty int NOT NULL);
CREATE TABLE [$(ArchiveDb)].dbo.LineArchive (Id int NOT NULL, Qty int NOT NULL, Tag varchar(10) NOT NULL DEFAULT ('archived'), Env varchar(10) NULL);
CREATE SYNONYM dbo.Archive FOR [$(ArchiveDb)].dbo.LineArchive;`;
const LINE = { name: 'dbo.Line', columns: ['Id:int', 'Qty:int'], rows: [[1, 5], [2, 7]] };
const OUT = { name: 'dbo.Archive', columns: ['Id:int', 'Qty:int', 'Tag:text', 'Env:text?'] };
const proc = (env: string): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.Archive (Id, Qty, Env) SELECT Id, Qty, ${env} FROM dbo.Line;
END`;

describe('drafts of an SSDT procedure', () => {
  it('know a synonym by its target table\'s declared columns', () => {
    const ddl = draftInputOf(proc('NULL'), { ddl: DDL, inputs: [LINE], output: OUT }).ddl;
    expect(ddl.get('dbo.archive')).toBe(ddl.get('$(archivedb).dbo.linearchive'));
    expect(ddl.get('dbo.archive')?.get('tag')?.default).toBeDefined();
  });

  it('fill a column the INSERT leaves out with the synonym target\'s DEFAULT', async () => {
    const session = await EngineSession.open({ threads: 1 });
    try {
      const body = draftBody(draftInputOf(proc("'PROD'"), { ddl: DDL, inputs: [LINE], output: OUT }));
      expect(await runDraft(session, body, [LINE, { ...OUT, rows: [] }])).toEqual(['1|5|archived|PROD', '2|7|archived|PROD']);
    } finally {
      session.close();
    }
  });

  it('refuse a string constant holding a SQLCMD variable, at the constant', () => {
    const body = draftBody(draftInputOf(proc("'$(EnvName)'"), { ddl: DDL, inputs: [LINE], output: OUT }));
    expect(body.sql).toBeUndefined();
    expect(body.refusals.map((x) => `${x.line}:${x.col} ${x.construct}`)).toEqual(["3:58 '$(EnvName)'"]);
  });
});
