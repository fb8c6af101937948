import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

const repo = join(__dirname, '../..');

describe('migrate analyze --check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'migrate-check-'));
  const procs = join(dir, 'procedures');
  const out = join(dir, 'dataflow');
  const snapshot = (): string[] => readdirSync(out).sort().map((f) => `${f}:${statSync(join(out, f)).mtimeMs}:${readFileSync(join(out, f), 'utf8').length}`);
  beforeAll(async () => {
    cpSync(join(repo, 'procedures'), procs, { recursive: true });
    expect((await runMigrate(['analyze', procs, '--out', out])).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the repository\'s own dataflow/ current (the example\'s committed diagrams are what analyze writes now)', async () => {
    // run from the repository root, as `npm run example` writes them: a change to analyze that
    // changes the example's pages must commit them too (they went stale once, unnoticed)
    const r = await runMigrate(['analyze', join(repo, 'procedures'), '--out', join(repo, 'dataflow'), '--root', repo, '--check']);
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: expect.stringContaining('is up to date') });
  });

  it('exits 0 and writes nothing when the diagrams are current', async () => {
    const before = snapshot();
    const r = await runMigrate(['analyze', procs, '--out', out, '--check']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('is up to date (10 files checked)');
    expect(snapshot()).toEqual(before);
  });

  it.each([
    ['a diagram edited by hand', (): void => appendFileSync(join(out, 'index.md'), '\nmy note\n'), 'changed  ', 'index.md'],
    ['a diagram deleted', (): void => rmSync(join(out, 'dbo.usp_runnightlykpis.mmd')), 'missing  ', 'dbo.usp_runnightlykpis.mmd'],
    ['a procedure changed', (): void => writeFileSync(join(procs, 'dbo.usp_RunNightlyKpis.sql'), readFileSync(join(procs, 'dbo.usp_RunNightlyKpis.sql'), 'utf8').replace(/SET NOCOUNT ON;/i, 'SET NOCOUNT ON;\n    PRINT \'changed\';')), 'changed  ', 'dbo.usp_runnightlykpis.md'],
    ['the diagrams of a procedure that is gone', (): void => writeFileSync(join(out, 'dbo.usp_gone.json'), readFileSync(join(out, 'dbo.usp_countentityletters.json'), 'utf8')), 'orphaned ', 'dbo.usp_gone.json'],
  ])('exits 1 listing the stale file after %s, and still writes nothing', async (_what, breakIt, reason, file) => {
    breakIt();
    const before = snapshot();
    const r = await runMigrate(['analyze', procs, '--out', out, '--check']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`stale .*dataflow/: \\d+ files? differs? from what \`migrate analyze\` writes now`));
    expect(r.err).toMatch(new RegExp(`^  ${reason.trim()} +\\S*dataflow/${file.replace(/\./g, '\\.')}`, 'm'));
    expect(snapshot()).toEqual(before);
    // regenerating makes it current again (the orphan is left to the person to delete)
    rmSync(join(out, 'dbo.usp_gone.json'), { force: true });
    await runMigrate(['analyze', procs, '--out', out, '--force']);
    expect((await runMigrate(['analyze', procs, '--out', out, '--check'])).code).toBe(0);
  });
});
