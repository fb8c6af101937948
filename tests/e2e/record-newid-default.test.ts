import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// A partner table keyed by a uniqueidentifier whose DEFAULT is NEWID(): the INSERT leaves the key
// out, so SQL Server draws it. A Then header naming the key is refused (its value would be the
// emulator's draw); without it the rest of the row is recorded.
const TABLES = `CREATE TABLE dbo.Partner ([Partner Key] uniqueidentifier NOT NULL CONSTRAINT DF_Partner_Key DEFAULT (NEWID()),
  PartnerId int NOT NULL, [External Ref] varchar(20) NOT NULL)
GO
`;
const PROC = `CREATE PROCEDURE dbo.usp_AddPartner
AS
BEGIN
  SET NOCOUNT ON;
  INSERT INTO dbo.Partner (PartnerId, [External Ref]) VALUES (99, 'ERP-099');
END
GO
`;
const HEADER = '| [Partner Key]:uniqueidentifier | PartnerId:int | [External Ref]:text |';

let ws: string;

beforeEach(() => {
  ws = mkdtempSync(join(tmpdir(), 'record-newid-default-'));
  mkdirSync(join(ws, 'procedures/tables'), { recursive: true });
  writeFileSync(join(ws, 'procedures/tables/partner.sql'), TABLES);
  writeFileSync(join(ws, 'procedures/usp_AddPartner.sql'), PROC);
});

afterEach(() => rmSync(ws, { recursive: true, force: true }));

/** Proposes the section and writes its Given (one partner) and the Then header. */
async function sectionWith(thenHeader: string): Promise<{ file: string; before: string }> {
  expect((await runMigrate(['sections', 'propose', 'dbo.usp_AddPartner', '--root', ws])).code).toBe(0);
  const file = join(ws, 'sections/dbo.usp_AddPartner/01-partner.feature');
  const proposed = readFileSync(file, 'utf8');
  const given = `Given table dbo.Partner:\n      ${HEADER}\n`;
  const then = `Then table dbo.Partner:\n      ${HEADER}\n`;
  expect(proposed).toContain(given);
  expect(proposed).toContain(then);
  const before = proposed
    .replace(given, `${given}      | 6F9619FF-8B86-D011-B42D-00C04FC964FF | 1 | ERP-001 |\n`)
    .replace(then, `Then table dbo.Partner:\n      ${thenHeader}\n`);
  writeFileSync(file, before);
  return { file, before };
}

describe('migrate sections record of an INSERT whose NEWID() DEFAULT draws the key', () => {
  it('refuses the key column, naming the DEFAULT and the INSERT, and writes nothing', async () => {
    const { file, before } = await sectionWith(HEADER);
    const run = await runMigrate(['sections', 'record', 'dbo.usp_AddPartner/01-partner', '--root', ws, '--json']);
    expect(run.code).toBe(2);
    const reason = (JSON.parse(run.out) as { refused: { reason: string }[] }).refused[0]?.reason ?? '';
    expect(reason).toMatch(/dbo\.Partner\.\[Partner Key\] cannot be recorded: its values depend on NEWID\(\) values the DEFAULT of dbo\.Partner\.\[Partner Key\] drew for the INSERT at .*usp_AddPartner\.sql:5:3/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('records the other columns when the Then header leaves the key out', async () => {
    const { file } = await sectionWith('| PartnerId:int | [External Ref]:text |');
    const run = await runMigrate(['sections', 'record', 'dbo.usp_AddPartner/01-partner', '--root', ws]);
    expect(run.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/\| 1 +\| ERP-001 +\|\n +\| 99 +\| ERP-099 +\|/);
  });
});
