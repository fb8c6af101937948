import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// Audit columns name the session a procedure runs in (CreatedBy DEFAULT SUSER_SNAME(), the
// load's host and database in a lineage row). Those are facts of the connection: capture takes
// them from --context, and refuses a function it was not told rather than write a made-up login.
const TABLES = `CREATE TABLE [Ops].[Load Audit] (
  AuditId int IDENTITY(1,1) PRIMARY KEY,
  [Created By] nvarchar(128) NOT NULL DEFAULT SUSER_SNAME(),
  LoginAgain varchar(30) NULL,
  DbUser sysname NULL,
  Host nvarchar(128) NULL,
  Db sysname NULL,
  Server nvarchar(128) NULL,
  Session smallint NULL,
  NameLength int NULL
);
GO
`;

const PROCEDURE = `CREATE PROCEDURE Ops.usp_StampLoad
AS
BEGIN
  SET NOCOUNT ON;
  INSERT INTO [Ops].[Load Audit] (LoginAgain, DbUser, Host, Db, Server, Session, NameLength)
  VALUES (SYSTEM_USER, CURRENT_USER, HOST_NAME(), DB_NAME(), @@SERVERNAME, @@SPID, DATALENGTH(SUSER_SNAME()));
  IF SUSER_SNAME() LIKE 'CORP\\%' PRINT 'domain login';
END
GO
CREATE PROCEDURE Ops.usp_AsOwner
WITH EXECUTE AS OWNER
AS
  SELECT ORIGINAL_LOGIN() AS Caller, USER_NAME() AS Owner;
GO
CREATE PROCEDURE Ops.usp_CallerAsOwner
WITH EXECUTE AS OWNER
AS
  SELECT ORIGINAL_LOGIN() AS Caller;
GO
CREATE PROCEDURE Ops.usp_ById
AS
  SELECT DB_NAME(5) AS Other;
GO
`;

describe('migrate capture --context: the session functions', () => {
  const ws = mkdtempSync(join(tmpdir(), 'capture-context-'));
  afterAll(() => rmSync(ws, { recursive: true, force: true }));
  mkdirSync(join(ws, 'procedures/tables'), { recursive: true });
  mkdirSync(join(ws, 'data'));
  writeFileSync(join(ws, 'procedures/tables/tables.sql'), TABLES);
  writeFileSync(join(ws, 'procedures/ops.sql'), PROCEDURE);
  writeFileSync(join(ws, 'data/Ops.Load Audit.csv'), 'AuditId,Created By,LoginAgain,DbUser,Host,Db,Server,Session,NameLength\n');
  const capture = (proc: string, out: string, ...more: string[]) => runMigrate(['capture', proc, '--data', join(ws, 'data'), '--procedures', join(ws, 'procedures'), '--out', join(ws, out), ...more]);
  const context = ['--context', 'login=CORP\\etl_svc', '--context', 'user=etl', '--context', 'host=ETL01', '--context', 'database=Warehouse', '--context', 'server=SQLPROD01', '--context', 'spid=57'];

  it('gives what --context says, typed as SQL Server types it, and keeps it in manifest.json', async () => {
    const r = await capture('Ops.usp_StampLoad', 'out', ...context);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    // nvarchar(128): DATALENGTH counts two bytes a character
    expect(readFileSync(join(ws, 'out/Ops.Load Audit.csv'), 'utf8').trim().split('\n')).toEqual([
      'AuditId,Created By,LoginAgain,DbUser,Host,Db,Server,Session,NameLength',
      '1,CORP\\etl_svc,CORP\\etl_svc,etl,ETL01,Warehouse,SQLPROD01,57,24',
    ]);
    const manifest = JSON.parse(readFileSync(join(ws, 'out/manifest.json'), 'utf8')) as { context: Record<string, string>; messages: string[] };
    expect(manifest.context).toEqual({ login: 'CORP\\etl_svc', user: 'etl', host: 'ETL01', database: 'Warehouse', server: 'SQLPROD01', spid: '57' });
    expect(manifest.messages).toEqual(['domain login']);
  });

  it('refuses a function it was not told, where the procedure reads it, naming the option', async () => {
    const r = await capture('Ops.usp_StampLoad', 'out2', '--context', 'login=CORP\\etl_svc');
    expect(r.code).toBe(2);
    expect(r.err).toContain('ops.sql:6:24: CURRENT_USER is the database user of the session, which the emulator was not told');
    expect(r.err).toContain('migrate capture --context user=<value>');
  });

  it('refuses the login and user under EXECUTE AS OWNER, but gives ORIGINAL_LOGIN()', async () => {
    const r = await capture('Ops.usp_AsOwner', 'out3', ...context);
    expect(r.code).toBe(2);
    expect(r.err).toContain('ops.sql:13:38: the emulator does not support USER_NAME under EXECUTE AS OWNER');
    const caller = await capture('Ops.usp_CallerAsOwner', 'out3b', ...context);
    expect(caller.err).toBe('');
    expect(readFileSync(join(ws, 'out3b/result-set-1.csv'), 'utf8')).toBe('Caller\nCORP\\etl_svc\n');
  });

  it('refuses a lookup by id, and a bad --context', async () => {
    const byId = await capture('Ops.usp_ById', 'out4', ...context);
    expect(byId.code).toBe(2);
    expect(byId.err).toContain('DB_NAME with an argument');
    const bad = await capture('Ops.usp_StampLoad', 'out5', '--context', 'spid=fifty');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--context spid=fifty: a session id is a whole number');
    const unknown = await capture('Ops.usp_StampLoad', 'out6', '--context', 'workstation=PC1');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('names: login, user, host, app, database, server, spid');
  });
});
