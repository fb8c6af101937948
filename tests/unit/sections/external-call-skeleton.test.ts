import { workspaceSkeletons } from '../../support/workspace-skeletons';
import { externalEffectOf } from '../../../src/tsql';

describe('procedures whose effect leaves the database', () => {
  it.each([
    ['msdb.dbo.sp_send_dbmail', 'sends mail'],
    ['[msdb].[dbo].[sp_send_dbmail]', 'sends mail'],
    ['SP_SEND_DBMAIL', 'sends mail'],
    ['msdb..sp_start_job', 'starts a SQL Agent job'],
    ['master.dbo.xp_cmdshell', 'runs a shell command'],
  ])('%s %s', (name, effect) => {
    expect(externalEffectOf(name)).toBe(effect);
  });

  it.each(['dbo.usp_send_dbmail_log', 'dbo.sp_send_dbmail_wrapper', 'sp_executesql'])('%s is not one', (name) => {
    expect(externalEffectOf(name)).toBeUndefined();
  });
});

// Probed with a registry's report-card run: a cursor mails each student (sp_send_dbmail) and logs
// the mail. The proposed section showed the log table only, so the migrated pipeline would stop
// mailing report cards with every scenario green.
describe('a proposed section that sends mail', () => {
  it('says which line sends it and that the new code does not', () => {
    const files = {
      'tables.sql': 'CREATE TABLE dbo.Student (StudentId int NOT NULL PRIMARY KEY, Email varchar(100) NULL);\nGO\nCREATE TABLE dbo.MailLog (StudentId int NOT NULL, Recipient varchar(100) NOT NULL);\nGO\n',
      'p.sql': `CREATE PROCEDURE dbo.usp_SendCards AS
BEGIN
    DECLARE @Id int, @To varchar(100)
    DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT StudentId, Email FROM dbo.Student WHERE Email IS NOT NULL
    OPEN c
    FETCH NEXT FROM c INTO @Id, @To
    WHILE @@FETCH_STATUS = 0
    BEGIN
        EXEC msdb.dbo.sp_send_dbmail @profile_name = 'Registry', @recipients = @To, @subject = 'Report card'
        INSERT INTO dbo.MailLog (StudentId, Recipient) VALUES (@Id, @To)
        FETCH NEXT FROM c INTO @Id, @To
    END
    CLOSE c
    DEALLOCATE c
END
`,
    };
    const skeletons = workspaceSkeletons(files, 'dbo.usp_SendCards');
    const mailing = skeletons.filter((s) => s.includes('EXEC msdb.dbo.sp_send_dbmail;'));
    expect(mailing).toHaveLength(1);
    expect((mailing[0] as string).replace(/\n {2}/g, ' ')).toContain('Line 9 EXECs msdb.dbo.sp_send_dbmail, which sends mail: an effect outside the database that no Then table shows');
    expect(skeletons.filter((s) => s.includes('EXECs'))).toHaveLength(1);
  });
});
