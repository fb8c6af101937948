import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';
import { inTempDir } from '../support/temp-dir';

/*
 * @AsOf is read by section 01 as the caller gave it, then `SELECT @AsOf = MAX([Posted On]) FROM
 * …` (in 01's lines) moves it to the last posting, which section 02 reads. migrate run cannot
 * compute that statement; where 01's transform does not declare the value, its RUN_VALUE_UNKNOWN
 * offered `--param @AsOf=<the value it leaves>`, and that one --param then went to 01 as the
 * caller's value too: 02 got 2026-03-10 for 2026-03-28 (balances 100.00/75.25 for 150.00/85.25),
 * exit 0. Now the run stops, naming both sections and the statement; declaring the value in 01's
 * transform gives capture's rows, and with no earlier reader the --param is still taken.
 */
const SCRIPT = `CREATE SCHEMA [Fin Ops];
GO
CREATE TABLE [Fin Ops].[Ledger Entry] ([Entry Id] int NOT NULL PRIMARY KEY, [Account No] varchar(10) NOT NULL, [Posted On] date NOT NULL, [Amount] decimal(12,2) NOT NULL);
GO
CREATE TABLE [Fin Ops].[Open Items] ([Entry Id] int NOT NULL PRIMARY KEY, [Account No] varchar(10) NOT NULL, [Amount] decimal(12,2) NOT NULL, [As Of] date NOT NULL);
GO
CREATE TABLE [Fin Ops].[Account Balance] ([Account No] varchar(10) NOT NULL PRIMARY KEY, [Balance] decimal(14,2) NOT NULL, [As Of] date NOT NULL);
GO
CREATE PROCEDURE [Fin Ops].[usp_Refresh Balances]
    @AsOf date
AS
BEGIN
    SET NOCOUNT ON;
    DELETE FROM [Fin Ops].[Open Items];
    INSERT INTO [Fin Ops].[Open Items] ([Entry Id], [Account No], [Amount], [As Of])
    SELECT le.[Entry Id], le.[Account No], le.[Amount], @AsOf
    FROM [Fin Ops].[Ledger Entry] AS le
    WHERE le.[Posted On] > @AsOf;
    SELECT @AsOf = MAX([Posted On]) FROM [Fin Ops].[Ledger Entry];
    DELETE FROM [Fin Ops].[Account Balance];
    INSERT INTO [Fin Ops].[Account Balance] ([Account No], [Balance], [As Of])
    SELECT le.[Account No], SUM(le.[Amount]), @AsOf
    FROM [Fin Ops].[Ledger Entry] AS le
    WHERE le.[Posted On] <= @AsOf
    GROUP BY le.[Account No];
END
GO
`;
const PROC = '[Fin Ops].[usp_Refresh Balances]';
const SECTIONS = 'sections/Fin_Ops.usp_Refresh_Balances';
const FIRST = 'src/transforms/Fin_Ops.usp_Refresh_Balances/01-open-items.ts';

describe('migrate run and one --param for a parameter read before and after a statement it cannot compute', () => {
  // propose, the SELECT @AsOf moved into 01 (which does not read what it leaves), scaffold --draft
  const prepare = async (ws: string, script = SCRIPT): Promise<{ retag: (file: string, from: string | RegExp, to: string) => void; run: (out: string) => Promise<{ code: number; out: string; err: string }> }> => {
    await scriptWorkspace(ws, { 'fin.sql': script });
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'data/Fin Ops.Ledger Entry.csv'), 'Entry Id,Account No,Posted On,Amount\n1,A-100,2026-03-02,100.00\n2,A-100,2026-03-20,50.00\n3,B-200,2026-03-05,75.25\n4,B-200,2026-03-28,10.00\n');
    expect((await runMigrate(['sections', 'propose', PROC, '--root', ws])).code).toBe(0);
    const retag = (file: string, from: string | RegExp, to: string): void => writeFileSync(join(ws, SECTIONS, file), readFileSync(join(ws, SECTIONS, file), 'utf8').replace(from, to));
    retag('01-open-items.feature', /@lines:\S+ /, '@lines:14-19 ');
    retag('02-account-balance.feature', /@lines:\S+ /, '@lines:20-25 ');
    expect((await runMigrate(['scaffold', PROC, '--draft', '--root', ws])).code).toBe(0);
    const run = (out: string): Promise<{ code: number; out: string; err: string }> => runMigrate(['run', PROC, '--data', join(ws, 'data'), '--format', 'csv', '--out', join(ws, out), '--root', ws, '--param', '@AsOf=2026-03-10']);
    return { retag, run };
  };

  it('stops where the --param would be both the caller\'s value and the reassigned one', async () => {
    await inTempDir('run-param-two-', async (ws) => {
      const { retag, run } = await prepare(ws);
      // 01 as a person writes it without the value it leaves for 02
      const drafted = readFileSync(join(ws, FIRST), 'utf8');
      const start = drafted.indexOf('  // what later sections read');
      expect(start).toBeGreaterThan(0);
      writeFileSync(join(ws, FIRST), drafted.slice(0, start) + drafted.slice(drafted.indexOf('});', start)));

      const refused = await run('out-refused');
      expect(refused.code).toBe(2);
      expect(refused.err).toContain('--param @AsOf would stand for two values of the legacy run');
      expect(refused.err).toContain('Fin_Ops.usp_Refresh_Balances/01-open-items (line 14) reads @AsOf as the caller gave it');
      expect(refused.err).toContain('Fin_Ops.usp_Refresh_Balances/02-account-balance (line 20) reads @AsOf as that statement leaves it');
      expect(refused.err).toContain('`SELECT @AsOf = MAX([Posted On]) FROM [Fin Ops].[Ledger Entry];` at ');
      expect(refused.err).toContain('fin.sql:19:5');
      expect(refused.err).toContain("declare @AsOf in the values of Fin_Ops.usp_Refresh_Balances/01-open-items's transform");
      expect(existsSync(join(ws, 'out-refused'))).toBe(false);

      // no earlier section reads it (01 left out of the run): the --param is the value line 19 leaves
      retag('01-open-items.feature', '@lines:14-19 ', '@lines:14-19 @ignored ');
      const alone = await run('out-alone');
      expect(alone.err).toBe('');
      expect(alone.code).toBe(0);
      expect(readFileSync(join(ws, 'out-alone/Fin Ops.Account Balance.csv'), 'utf8').trim().split('\n')).toEqual(['Account No,Balance,As Of', 'A-100,100.00,2026-03-10', 'B-200,75.25,2026-03-10']);
    });
  });

  it('stops where a value run computes from the caller\'s --param is read before the reassignment', async () => {
    await inTempDir('run-param-through-', async (ws) => {
      // 01 keeps entries after five days before the cut-off, a DECLARE run computes from @AsOf
      const script = SCRIPT.replace('    SET NOCOUNT ON;', '    SET NOCOUNT ON; DECLARE @Since date = DATEADD(DAY, -5, @AsOf);').replace('le.[Amount], @AsOf', 'le.[Amount], @Since').replace('> @AsOf;', '> @Since;');
      const { run } = await prepare(ws, script);
      const engine = readFileSync(join(ws, FIRST), 'utf8').match(/from '([^']+)'/)?.[1] as string;
      writeFileSync(join(ws, FIRST), `import { defineTransform, table } from '${engine}';\n`
        + `export const inputs = { '[Fin Ops].[Ledger Entry]': table({ 'Entry Id': 'int', 'Account No': 'text', 'Posted On': 'date', Amount: 'decimal(12,2)' }) };\n`
        + `export default defineTransform({ name: 'Fin_Ops.usp_Refresh_Balances/01-open-items', inputs, outputName: '[Fin Ops].[Open Items]',\n`
        + `  output: table({ 'Entry Id': 'int', 'Account No': 'text', Amount: 'decimal(12,2)', 'As Of': 'date' }), params: { '@Since': 'date?' },\n`
        + `  sql: ({ table, param }) => \`SELECT "Entry Id", "Account No", Amount, \${param('@Since')} AS "As Of" FROM \${table('[Fin Ops].[Ledger Entry]')} WHERE "Posted On" > \${param('@Since')}\` });\n`);
      const refused = await run('out');
      expect(refused.code).toBe(2);
      expect(refused.err).toContain('Fin_Ops.usp_Refresh_Balances/01-open-items (line 14) reads @Since, which migrate run computes from @AsOf as the caller gave it, and Fin_Ops.usp_Refresh_Balances/02-account-balance (line 20) reads @AsOf as that statement leaves it');
      expect(existsSync(join(ws, 'out'))).toBe(false);
    });
  });

  it('takes the --param as the caller\'s value where 01 declares the value it leaves, as capture computes it', async () => {
    await inTempDir('run-param-declared-', async (ws) => {
      const { run } = await prepare(ws);
      const declared = await run('out');
      expect(declared.err).toBe('');
      expect(declared.code).toBe(0);
      expect(declared.out).toContain('value @AsOf = 2026-03-28 (from Fin_Ops.usp_Refresh_Balances/01-open-items)');
      const capture = await runMigrate(['capture', PROC, '--data', join(ws, 'data'), '--out', join(ws, 'baseline'), '--param', '@AsOf=2026-03-10', '--procedures', join(ws, 'procedures'), '--tables', join(ws, 'procedures')]);
      expect(capture.code).toBe(0);
      for (const table of ['Fin Ops.Open Items', 'Fin Ops.Account Balance']) {
        expect(readFileSync(join(ws, 'out', `${table}.csv`), 'utf8')).toBe(readFileSync(join(ws, 'baseline', `${table}.csv`), 'utf8'));
      }
      expect(readFileSync(join(ws, 'out/Fin Ops.Account Balance.csv'), 'utf8')).toContain('A-100,150.00,2026-03-28');
    });
  });
});
