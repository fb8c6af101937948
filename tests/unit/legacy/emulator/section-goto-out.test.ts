import { LegacyError } from '../../../../src/core';
import { parseScript } from '../../../../src/tsql';
import { runSection } from './emulator-helpers';

// A trailer-count loop with a safety valve: after @Max trailers it jumps to `finished:`, which
// lies after the section's statements (lines 8-16). Run alone, the section ends at the jump, as
// the procedure does; a jump back to `again:` (line 7, before the section's statements) cannot.
const PROC = `CREATE PROCEDURE dbo.usp_TrailerCount @Max int
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @i int, @n int;
    IF @Max < 0 GOTO again;
again:
    SET @i = 1;
    SELECT @n = COUNT(*) FROM dbo.Trailer;
    WHILE @i <= @n
    BEGIN
        IF @i > @Max GOTO finished;
        INSERT INTO dbo.[Trailer Seen] (Seq) VALUES (@i);
        IF @i > 5 GOTO again;
        SET @i = @i + 1;
    END
finished:
    RETURN 0;
END
GO`;
const TABLES = `CREATE TABLE dbo.Trailer (TrailerId int NOT NULL);
GO
CREATE TABLE dbo.[Trailer Seen] (Seq int NOT NULL);`;
const scripts = [parseScript(TABLES, { file: 'tables.sql' }), parseScript(PROC, { file: 'usp_TrailerCount.sql' })];

const run = (max: string, trailers: number, procs = scripts) => runSection({
  scripts: procs, procedure: 'dbo.usp_TrailerCount', lines: [{ start: 8, end: 16 }], params: { '@Max': max }, outputs: ['dbo.[Trailer Seen]'],
  tables: [
    { name: 'dbo.Trailer', columns: [{ name: 'TrailerId', type: 'int' }], rows: Array.from({ length: trailers }, (_, k) => [String(k + 1)]) },
    { name: 'dbo.[Trailer Seen]', columns: [{ name: 'Seq', type: 'int' }], rows: [] },
  ],
});

describe('a section whose GOTO jumps to a label outside it', () => {
  it('ends the section at the jump when the label lies after its statements', async () => {
    const r = await run('2', 4);
    expect(r.outputs.get('dbo.[Trailer Seen]')?.rows).toEqual([['1'], ['2']]);
    // only RETURN follows `finished:`: the jump ends the procedure, as a RETURN there would
    expect(r).toMatchObject({ returned: true, jumpedTo: 'finished' });
    expect((await run('9', 3)).returned).toBe(false);
  });

  it('goes on after the jump when the label is followed by a statement that writes', async () => {
    const stamped = PROC.replace('finished:\n    RETURN 0;', 'finished:\n    INSERT INTO dbo.[Trailer Seen] (Seq) VALUES (-1);\n    RETURN 0;');
    const r = await run('2', 4, [scripts[0] as (typeof scripts)[number], parseScript(stamped, { file: 'usp_TrailerCount.sql' })]);
    expect(r.outputs.get('dbo.[Trailer Seen]')?.rows).toEqual([['1'], ['2']]);
    expect(r).toMatchObject({ returned: false, jumpedTo: 'finished' });
  });

  it('refuses, located at the GOTO, a jump to a label before statements the section still holds', async () => {
    const err = await run('10', 7).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/GOTO again jumps out of the section to line 7, before statements the section still holds \(up to line 16\)/);
    expect((err as LegacyError).location?.span?.start.line).toBe(14);
  });
});
