import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

// `migrate analyze` on worker threads (src/cli/analyze-threads.ts) must write the same files,
// print the same summary, JSON, diagnostics and stderr (progress is drawn only on a terminal, so
// piped it is empty on both paths), and exit the same as on one thread.
// Threads start only from the compiled CLI, so this runs the real process on dist/ (skipped,
// and named so in the report, when dist/ is not built: run npm run build first).
// TSQL_MIGRATE_ANALYZE_THREADS picks the path: 1 = one thread, 2 = a builder and a renderer, 4 = two pairs.

const bin = resolve('bin/migrate.js');
const built = existsSync(resolve('dist/cli/main.js'));

let dir: string;
let src: string;

/** Every file under `root`, by relative path, with its bytes. */
function tree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(root, p), readFileSync(p, 'latin1'));
    }
  };
  walk(root);
  return out;
}

// NODE_DEBUG=migrate-analyze makes the CLI say on stderr whether worker threads did the run:
// those lines (they carry the process id) are taken out of stderr before it is compared.
const TRACE = /^MIGRATE-ANALYZE \d+: (.*)\n/gm;

/** One CLI run in `dir` (relative paths, so both runs print the same paths), and what it traced. */
function analyze(threads: string, ...args: string[]): { status: number | null; stdout: string; stderr: string; trace: string[] } {
  const p = spawnSync(process.execPath, [bin, 'analyze', 'src', '--out', 'out', ...args], {
    cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, TSQL_MIGRATE_ANALYZE_THREADS: threads, NODE_DEBUG: 'migrate-analyze' },
  });
  return { status: p.status, stdout: p.stdout, stderr: p.stderr.replace(TRACE, ''), trace: [...p.stderr.matchAll(TRACE)].map((m) => m[1] as string) };
}

const write = (name: string, text: string): void => {
  const p = join(src, name);
  mkdirSync(resolve(p, '..'), { recursive: true });
  writeFileSync(p, text);
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'analyze-threads-'));
  src = join(dir, 'src');
  // Real-world styles (the parser and stress fixtures, the bundled example) ...
  cpSync(resolve('tests/fixtures/sql'), join(src, 'fixtures'), { recursive: true, filter: (p) => !p.endsWith('.json') });
  cpSync(resolve('procedures'), join(src, 'example'), { recursive: true });
  // ... with the example's sections in the workspace, so its procedures' pages start with their
  // section maps (loaded on this thread while the workers already build: analyze-threads.ts).
  cpSync(resolve('sections'), join(dir, 'sections'), { recursive: true });
  // ... and what crosses files: an object CREATEd in one file and ALTERed in another, a second
  // plain CREATE, names differing only in case, a bad statement, a schema script, top-level code
  // beside an object, and two scripts of the same file name in different folders.
  write('a/orders.sql', 'CREATE TABLE Sales.[Order Lines] (id int, qty int);\nGO\n');
  write('b/load.sql', 'CREATE PROCEDURE etl.[Load Lines] AS\n  INSERT INTO Sales.[Order Lines] SELECT * FROM stage.lines;\nGO\n');
  write('c/upgrade.sql', 'ALTER PROCEDURE etl.[Load Lines] AS\n  INSERT INTO Sales.[Order Lines] (id) SELECT id FROM stage.lines2;\nGO\nCREATE PROCEDURE etl.[load lines] AS SELECT 1;\nGO\n');
  write('d/case.sql', 'CREATE PROCEDURE dbo.Report AS SELECT id FROM Sales.[Order Lines];\nGO\nCREATE VIEW dbo.report_v AS SELECT id FROM dbo.Report_Source;\nGO\n');
  write('e/bad.sql', 'CREATE PROCEDURE dbo.p AS\nBEGIN\n  SELECT a FROM dbo.t;\n  UPDATE dbo.t SET = 1 WHERE;\n  INSERT INTO dbo.u (a) SELECT a FROM dbo.t;\nEND\n');
  write('f/mixed.sql', 'INSERT INTO audit.log (msg) SELECT name FROM sys.objects;\nGO\nCREATE PROCEDURE dbo.Mixed AS EXEC etl.[Load Lines];\nGO\n');
  write('g/run.sql', 'EXEC dbo.Mixed;\nDELETE FROM audit.log;\n');
  write('h/run.sql', 'TRUNCATE TABLE audit.log;\n');
  // Context the workers' first guess gets wrong (they build those files again): a table and a
  // procedure defined where the scan for definitions cannot see them (a nested comment between
  // the keywords), in a file after the one that uses them, and a procedure named only in a comment.
  write('0/report.sql', 'CREATE PROCEDURE rpt.Totals AS\n  INSERT INTO rpt.[Daily Totals] SELECT * FROM stage.totals;\n  EXEC rpt.[Send Mail];\n  EXEC rpt.Ghost;\nGO\n');
  write('y/notes.sql', '-- CREATE PROCEDURE rpt.Ghost was dropped in 2019\nSELECT 1 AS x;\n');
  // A DROP in one file and the CREATE again in a later one: that CREATE is the one in effect.
  write('j/v1.sql', 'CREATE PROCEDURE dbo.Recreated AS SELECT 1 AS v;\nGO\n');
  write('k/drop.sql', 'DROP PROCEDURE IF EXISTS dbo.Recreated;\nGO\n');
  write('l/v2.sql', 'CREATE PROCEDURE dbo.Recreated AS SELECT 2 AS v;\nGO\n');
  // DML triggers, which the pages of the procedures writing their tables name: one in a later
  // file than the procedure, one an upgrade script drops, one a MERGE fires for its INSERT only.
  write('m/audit.sql', 'CREATE TRIGGER Sales.[trg Lines Audit] ON Sales.[Order Lines] AFTER INSERT, UPDATE\nAS INSERT INTO audit.log (msg) SELECT CAST(id AS varchar(10)) FROM inserted;\nGO\nCREATE TRIGGER dbo.trg_old ON Sales.[Order Lines] FOR DELETE AS SELECT 1;\nGO\n');
  write('n/drop.sql', 'DROP TRIGGER dbo.trg_old;\nGO\n');
  write('o/merge.sql', 'CREATE PROCEDURE etl.MergeLines AS\n  MERGE Sales.[Order Lines] t USING stage.lines s ON t.id = s.id\n    WHEN MATCHED THEN DELETE WHEN NOT MATCHED THEN INSERT (id, qty) VALUES (s.id, s.qty);\nGO\n');
  // Procedures that EXEC procedures of the set: each EXEC carries what its callee reads and writes
  // (the builders hold those graphs back until the main thread has every procedure's effects).
  // An orchestrator first in path order, nested calls, a callee ALTERed in another file (etl.[Load
  // Lines], through dbo.Mixed), one whose context the guess gets wrong (rpt.Totals), mutual and
  // self recursion, and a callee that fills its caller's #temp table.
  write('00/nightly.sql', 'CREATE PROCEDURE etl.usp_Nightly @RunDate date AS\nBEGIN\n  SET NOCOUNT ON;\n  EXEC dbo.Mixed;\n  EXEC rpt.Totals;\n  EXEC rpt.usp_BomReport @Part = 42;\n  EXEC dbo.usp_Tick 3;\n  UPDATE etl.RunLog SET finished_at = GETDATE() WHERE run_date = @RunDate;\nEND\nGO\n');
  write('p/bom.sql', 'CREATE PROCEDURE dbo.usp_ExplodeBom @Part int, @Depth int = 0 AS\nBEGIN\n  DECLARE @Next int = @Depth + 1;\n  INSERT INTO #BomLines (part_id, depth) SELECT child_id, @Depth FROM dbo.BomLinks WHERE parent_id = @Part;\n  IF @Depth < 10 EXEC dbo.usp_ExplodeBom @Part, @Next;\nEND\nGO\n');
  write('q/bom-report.sql', 'CREATE PROCEDURE rpt.usp_BomReport @Part int AS\nBEGIN\n  CREATE TABLE #BomLines (part_id int, depth int);\n  EXEC dbo.usp_ExplodeBom @Part;\n  INSERT INTO rpt.BomSummary (part_id, levels) SELECT part_id, MAX(depth) FROM #BomLines GROUP BY part_id;\nEND\nGO\n');
  write('r/tick.sql', 'CREATE PROCEDURE dbo.usp_Tick @n int AS\nBEGIN\n  DECLARE @m int = @n - 1;\n  INSERT INTO dbo.TickLog (n) VALUES (@n);\n  IF @n > 0 EXEC dbo.usp_Tock @m;\nEND\nGO\n');
  write('s/tock.sql', 'CREATE PROCEDURE dbo.usp_Tock @n int AS\nBEGIN\n  DECLARE @m int = @n - 1;\n  UPDATE dbo.Counters SET tocks = tocks + 1 WHERE id = 1;\n  IF @n > 0 EXEC dbo.usp_Tick @m;\nEND\nGO\n');
  write('z/late-ddl.sql', 'CREATE /* daily /* totals */ sums */ TABLE rpt.[Daily Totals] (day date, total money);\nGO\nCREATE /* mail /* sender */ */ PROCEDURE rpt.[Send Mail] AS SELECT 1;\nGO\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migrate analyze on worker threads', () => {
  (built ? it : it.skip)('writes the same files and prints the same JSON, summary, diagnostics and progress as one thread', () => {
    // 1: this thread; 2: one builder and renderer pair; 4: two pairs, each with a share of the files.
    const runs = ['1', '2', '4'].map((threads) => {
      rmSync(join(dir, 'out'), { recursive: true, force: true });
      const json = analyze(threads, '--json');
      const files = tree(join(dir, 'out'));
      // Again into the same folder, as text: every report unchanged.
      const again = analyze(threads);
      // A report someone edited is kept, and said so, the same way.
      const edited = join(dir, 'out', 'etl.load lines.md');
      writeFileSync(edited, `${readFileSync(edited, 'utf8')}\nMy notes.\n`);
      const kept = analyze(threads);
      return { json, files, again, kept };
    });
    const [one, ...others] = runs as [typeof runs[number], ...typeof runs];
    // The one-thread run is what the contract describes: check it is a real run first.
    expect(one.json.status).toBe(1);
    const parsed = JSON.parse(one.json.stdout) as { files: number; objects: number; unparsed: number; diagnostics: { file: string; line: number; column: number; code: string }[] };
    expect(parsed.files).toBeGreaterThan(90);
    expect(parsed.unparsed).toBeGreaterThan(0);
    expect(parsed.diagnostics).toEqual(expect.arrayContaining([
      expect.objectContaining({ file: 'src/e/bad.sql', line: 4, column: 20, code: 'TSQL_UNEXPECTED' }),
      expect.objectContaining({ file: 'src/c/upgrade.sql', code: 'DUPLICATE_DEFINITION' }),
      expect.objectContaining({ file: 'src/j/v1.sql', code: 'DUPLICATE_DEFINITION' }),
    ]));
    expect(parsed.diagnostics).not.toContainEqual(expect.objectContaining({ file: 'src/l/v2.sql', code: 'DUPLICATE_DEFINITION' }));
    expect([...one.files.keys()]).toEqual(expect.arrayContaining(['etl.load lines.md', 'etl.load lines~2.md', 'etl.load lines~3.md', 'script.run.md', 'script.run~2.md', 'index.md']));
    expect(one.files.size).toBe(parsed.objects * 3 + 1);
    expect(one.again.stdout).toMatch(/src\/e\/bad\.sql:4:20: error /);
    expect(one.again.stdout).toContain(`0 files written to out/ (${one.files.size} unchanged)`);
    expect(one.kept.stderr).toContain('kept 1 generated file that someone edited');
    expect(one.files.get('etl.load lines.md')).toContain('| Triggers fired | `Sales.trg Lines Audit` |');
    expect(one.files.get('dbo.usp_builddevicekpis.md')).toMatch(/## Section map[\s\S]*\.\.\/sections\/dbo\.usp_BuildDeviceKpis\/01-/);
    expect(one.files.get('etl.mergelines.md')).toContain('| `Sales.trg Lines Audit` | `Sales.Order Lines` | AFTER INSERT | s1 (2');
    expect(one.files.get('etl.mergelines.md')).not.toContain('trg_old');
    // EXECs carry their callees' tables, to the end of the calls and around the cycles.
    const nightly = one.files.get('etl.usp_nightly.json') ?? '';
    for (const table of ['sales.order lines', 'rpt.daily totals', 'rpt.bomsummary', 'dbo.bomlinks', 'dbo.ticklog', 'dbo.counters']) expect({ table, reached: nightly.includes(`"${table}"`) }).toEqual({ table, reached: true });
    // the caller's own #temp stays inside it: the orchestrator never sees #BomLines
    expect(nightly).not.toContain('#bomlines');
    expect(one.files.get('rpt.usp_bomreport.json')).toContain('"via": ["dbo.usp_ExplodeBom"]');
    expect(one.json.trace).toEqual([]);
    for (const [k, other] of others.entries()) {
      // Every run of the others on worker threads: none fell back to one thread.
      const threads = ['2', '4'][k] as string;
      for (const run of [other.json, other.again, other.kept]) expect(run.trace).toEqual([`analysed on ${threads} worker threads`]);
      for (const run of [one.json, one.again, one.kept, other.json, other.again, other.kept]) run.trace = [];
      expect(other.json).toEqual(one.json);
      expect([...other.files.keys()].sort()).toEqual([...one.files.keys()].sort());
      for (const [path, bytes] of one.files) expect({ path, same: other.files.get(path) === bytes }).toEqual({ path, same: true });
      expect(other.again).toEqual(one.again);
      expect(other.kept).toEqual(one.kept);
    }
  }, 120_000);

  (built ? it : it.skip)('removes the reports it staged when interrupted, and ends by the signal', async () => {
    // Reports are staged (written under temporary names in the output folder) as they render;
    // Ctrl-C mid-run must not leave thousands of them behind. Enough procedures that the run
    // is still going when the first staged file appears.
    const big = join(dir, 'big');
    const proc = (i: number): string => `CREATE PROCEDURE etl.usp_load_${i} AS\nBEGIN\n  INSERT INTO rpt.t${i % 40} (a, b) SELECT a, SUM(b) FROM stage.s${i % 70} WHERE c > ${i} GROUP BY a;\n  UPDATE rpt.t${i % 40} SET b = b + 1 WHERE a IN (SELECT a FROM stage.s${(i + 1) % 70});\nEND\nGO\n`;
    for (let f = 0; f < 60; f++) {
      mkdirSync(big, { recursive: true });
      writeFileSync(join(big, `f${f}.sql`), Array.from({ length: 60 }, (_, k) => proc(f * 60 + k)).join(''));
    }
    const out = join(dir, 'big-out');
    const child = spawn(process.execPath, [bin, 'analyze', big, '--out', out], { env: { ...process.env, TSQL_MIGRATE_ANALYZE_THREADS: '2' }, stdio: 'ignore' });
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
    let exited = false;
    void ended.then(() => { exited = true; });
    const staged = (): string[] => (existsSync(out) ? readdirSync(out).filter((n) => n.endsWith('.tmp')) : []);
    while (!exited && staged().length === 0) await new Promise((r) => setTimeout(r, 2));
    expect({ stagedBeforeTheEnd: !exited }).toEqual({ stagedBeforeTheEnd: true });
    child.kill('SIGINT');
    expect(await ended).toEqual({ code: null, signal: 'SIGINT' });
    expect(staged()).toEqual([]);
  }, 120_000);
});
