import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// A system-versioned table (learn.microsoft.com/sql/relational-databases/tables/modifying-data-in-a-system-versioned-temporal-table):
// UPDATE and DELETE copy the old row versions to the history table with ROW END = the
// transaction's begin time (the run's clock), so a capture's outputs hold the history table too.
// No script creates the history table: SQL Server makes it from the current table's columns.
const TABLES = `CREATE TABLE Application.People (
  PersonID int NOT NULL PRIMARY KEY,
  FullName nvarchar(50) NOT NULL,
  ValidFrom datetime2(7) GENERATED ALWAYS AS ROW START NOT NULL,
  ValidTo datetime2(7) GENERATED ALWAYS AS ROW END NOT NULL,
  PERIOD FOR SYSTEM_TIME (ValidFrom, ValidTo)
) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = Application.People_Archive));
GO
`;

const PROCEDURE = `CREATE PROCEDURE Application.usp_RenamePerson @PersonID int, @FullName nvarchar(50)
AS
BEGIN
  SET NOCOUNT ON;
  UPDATE Application.People SET FullName = @FullName WHERE PersonID = @PersonID;
  DELETE FROM Application.People WHERE FullName = N'Gone';
  INSERT INTO Application.People (PersonID, FullName) VALUES (9, N'New');
END
GO
`;

describe('migrate capture of a procedure writing a system-versioned table', () => {
  it('writes the history rows SQL Server writes, and lists the history table among the outputs', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'capture-temporal-'));
    try {
      mkdirSync(join(ws, 'procedures/tables'), { recursive: true });
      mkdirSync(join(ws, 'data'));
      writeFileSync(join(ws, 'procedures/tables/tables.sql'), TABLES);
      writeFileSync(join(ws, 'procedures/usp_RenamePerson.sql'), PROCEDURE);
      writeFileSync(join(ws, 'data/Application.People.csv'), [
        'PersonID,FullName,ValidFrom,ValidTo',
        '1,Amy Trefl,2016-05-31 23:14:00.0000000,9999-12-31 23:59:59.9999999',
        '2,Gone,2016-05-31 23:14:00.0000000,9999-12-31 23:59:59.9999999',
        '3,Kayla Woodcock,2016-05-31 23:14:00.0000000,9999-12-31 23:59:59.9999999',
        '',
      ].join('\n'));
      const out = join(ws, 'out');
      const r = await runMigrate(['capture', 'Application.usp_RenamePerson', '--param', 'PersonID=1', '--param', 'FullName=Amy Trefl-Smith',
        '--clock', '2026-03-08T02:30:00Z', '--data', join(ws, 'data'), '--procedures', join(ws, 'procedures'), '--out', out, '--json']);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const manifest = JSON.parse(r.out) as { tables: { name: string; rows: number; file: string }[] };
      expect(manifest.tables.map((t) => [t.name, t.rows])).toEqual([['application.people', 3], ['application.people_archive', 2]]);
      const archive = manifest.tables.find((t) => t.name === 'application.people_archive');
      const rows = readFileSync(join(out, archive?.file ?? ''), 'utf8').trim().split('\n');
      expect(rows).toEqual([
        'PersonID,FullName,ValidFrom,ValidTo',
        '1,Amy Trefl,2016-05-31 23:14:00.0000000,2026-03-08 02:30:00.0000000',
        '2,Gone,2016-05-31 23:14:00.0000000,2026-03-08 02:30:00.0000000',
      ]);
      const people = readFileSync(join(out, manifest.tables[0]?.file ?? ''), 'utf8').trim().split('\n');
      expect(people).toContain('1,Amy Trefl-Smith,2026-03-08 02:30:00.0000000,9999-12-31 23:59:59.9999999');
      expect(people).toContain('9,New,2026-03-08 02:30:00.0000000,9999-12-31 23:59:59.9999999');
      // The period columns hold UTC: a clock without the server's offset (the default one too) is refused, never taken as UTC
      const local = await runMigrate(['capture', 'Application.usp_RenamePerson', '--param', 'PersonID=1', '--param', 'FullName=X',
        '--clock', '2026-03-08T02:30:00', '--data', join(ws, 'data'), '--procedures', join(ws, 'procedures'), '--out', join(ws, 'out3')]);
      expect(local.code).toBe(2);
      expect(local.err).toMatch(/writing to the system-versioned table Application\.People without the server's UTC offset[\s\S]*hint: give the offset after the clock: --clock 2026-03-08T02:30:00Z for a server running at UTC/);
      // At 2000-01-01 (UTC) the transaction time is before the rows' periods: SQL Server's 13535 (here refused, as it is
      // not documented whether it ends the batch and statements follow), with a hint at the clock
      const early = await runMigrate(['capture', 'Application.usp_RenamePerson', '--param', 'PersonID=1', '--param', 'FullName=X',
        '--clock', '2000-01-01T00:00:00Z', '--data', join(ws, 'data'), '--procedures', join(ws, 'procedures'), '--out', join(ws, 'out2')]);
      expect(early.code).toBe(2);
      expect(early.err).toMatch(/13535[\s\S]*hint: the transaction time is the run's clock, 2000-01-01 00:00:00, earlier than the ROW START of rows it changes: give the time the run stands for with --clock/);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});
