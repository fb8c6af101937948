import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// A statement the parser could only skip lands in the housekeeping section of a proposal. check
// names it as a warning (what it reads and writes is unknown) but a fresh proposal still passes:
// the contract lets it fail only with placeholders, and `migrate analyze` exits 1 for it already.
const SCRIPT = `CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY, A int NULL);
GO
CREATE PROCEDURE dbo.usp_Broken AS
BEGIN
  SET NOCOUNT ON;
  UPDATE dbo.T SET A = ;
  INSERT INTO dbo.T (Id, A) VALUES (1, 2);
END
GO
`;

describe('sections check over a statement the parser could not read', () => {
  const ws = mkdtempSync(join(tmpdir(), 'migrate-unparsed-'));
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('passes a fresh proposal with a warning naming the statement, in text and in --json', async () => {
    mkdirSync(join(ws, 'procedures'), { recursive: true });
    writeFileSync(join(ws, 'procedures/p.sql'), SCRIPT);
    const proposed = await runMigrate(['sections', 'propose', 'dbo.usp_Broken', '--root', ws]);
    expect(proposed.code).toBe(0);
    expect(proposed.out).toMatch(/warning.* dbo\.usp_Broken has 1 statement the parser could not read/);
    const text = await runMigrate(['sections', 'check', '--root', ws]);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/warning procedures\/p\.sql:6:1: the statement at line 6 of dbo\.usp_Broken \(in dbo\.usp_Broken\/00-housekeeping\) was not parsed/);
    // a warning never reads as a failure: the summary says ok and counts it apart
    expect(text.out).toMatch(/ok dbo\.usp_Broken: \d+ statements, \d+ sections, 0 problems, 1 warning\n/);
    expect(text.out).not.toContain('FAIL');
    const json = await runMigrate(['sections', 'check', '--root', ws, '--json']);
    expect(json.code).toBe(0);
    const out = JSON.parse(json.out) as { ok: boolean; procedures: { problems: number; warnings: number }[]; problems: unknown[]; warnings: { code: string; line: number }[] };
    expect(out.ok).toBe(true);
    expect(out.procedures.map((p) => [p.problems, p.warnings])).toEqual([[0, 1]]);
    expect(out.problems).toEqual([]);
    expect(out.warnings.map((w) => [w.code, w.line])).toEqual([['SECTIONS_UNPARSED', 6]]);
  });
});
