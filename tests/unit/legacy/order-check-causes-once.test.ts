import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EngineSession } from '../../../src/engine';
import { emulateProcedure } from '../../../src/legacy/emulator/emulate-procedure';
import { checkUnorderedReads } from '../../../src/legacy/order-check';
import { parseScript } from '../../../src/tsql';
import { inTempDir } from '../../support/temp-dir';

// A wave-picking loop takes the next line with SELECT TOP 1 … ORDER BY Priority; two lines share
// a priority, so which goes first (and gets the lower task number) is SQL Server's pick. The loop
// meets that SELECT once per line: the capture's cause named the same place once per pass.
const TABLES = `CREATE TABLE dbo.[Wave Line] ([Order No] varchar(10) NOT NULL PRIMARY KEY, Priority tinyint NOT NULL, Done bit NOT NULL)
GO
CREATE TABLE dbo.[Pick Task] ([Task No] int IDENTITY(1,1) PRIMARY KEY, [Order No] varchar(10) NOT NULL)
GO
`;
const PROC = `CREATE PROCEDURE dbo.[usp Pick Wave] AS
SET NOCOUNT ON
DECLARE @o varchar(10)
WHILE 1 = 1
BEGIN
    SET @o = NULL
    SELECT TOP 1 @o = [Order No] FROM dbo.[Wave Line] WHERE Done = 0 ORDER BY Priority
    IF @o IS NULL BREAK
    INSERT dbo.[Pick Task] ([Order No]) VALUES (@o)
    UPDATE dbo.[Wave Line] SET Done = 1 WHERE [Order No] = @o
END
GO
`;

describe('order check causes', () => {
  it('names a read met on every pass of a loop once', async () => {
    await inTempDir('causes-once-', async (dir) => {
      writeFileSync(join(dir, 'lines.csv'), 'Order No,Priority,Done\nSO-1,1,0\nSO-2,1,0\nSO-3,1,0\nSO-4,2,0\n');
      const options = { scripts: [parseScript(TABLES, { file: 'tables.sql' }), parseScript(PROC, { file: 'wave.sql' })], procedure: 'dbo.usp Pick Wave', params: {}, inputs: [{ table: 'dbo.Wave Line', file: join(dir, 'lines.csv') }], clock: '2014-03-05T06:00:00', allowDynamicSql: false };
      const session = await EngineSession.open({ threads: 1 });
      try {
        const r = await checkUnorderedReads(options, await emulateProcedure({ ...options, session }));
        expect(r.columns).toContain('dbo.Pick Task.Order No');
        expect(r.causes).toHaveLength(1);
        expect(r.causes[0]?.match(/wave\.sql:7:5/g)).toHaveLength(1);
      } finally {
        session.close();
      }
    });
  });
});
