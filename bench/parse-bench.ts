// Parser benchmark: our T-SQL front end on a generated corpus of legacy-style procedures
// (several hundred thousand lines), on one core, with peak memory; then the same procedures
// through Debian's sqlfluff (`sqlfluff parse --dialect tsql`) and python3-sqlglot
// (`sqlglot.parse(batch, read='tsql')`) on subsets sized to finish in minutes.
// Run: npm run bench (or node bench/run.js parse). Results: bench/out/parse.json + a Markdown table.
// Sizes: BENCH_PARSE_LINES (300000), BENCH_SQLGLOT_LINES (20000), BENCH_SQLFLUFF_LINES (600);
// 0 skips a tool.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { generateParseCorpus } from './parse-corpus';

type Tsql = typeof import('../src/tsql');

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'bench', 'out');
const CORPUS = join(OUT, 'parse-corpus');

// Measure what users run: the compiled dist/ when `npm run bench` has built it, else the sources
// (BENCH_FROM_SOURCES=1 forces the sources).
const DIST = join(ROOT, 'dist', 'tsql', 'index.js');
const useDist = existsSync(DIST) && process.env.BENCH_FROM_SOURCES !== '1';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tsql = (useDist ? require(DIST) : require('../src/tsql')) as Tsql;

const envInt = (name: string, dflt: number): number => {
  const v = process.env[name];
  return v === undefined || v === '' ? dflt : Number(v);
};

const countLines = (s: string): number => s.split(/\r\n|\n|\r/).length - 1;

interface ToolResult {
  readonly tool: string;
  readonly procedures: number;
  readonly lines: number;
  readonly seconds: number;
  readonly linesPerSecond: number;
  readonly failedProcedures: number;
  readonly note: string;
}

interface OurResult extends ToolResult {
  readonly statements: number;
  readonly unparsed: number;
  readonly peakRssMiB: number;
  readonly peakHeapMiB: number;
  /** CPU time of the process (user + system): less sensitive than wall time to a busy machine. */
  readonly cpuSeconds: number;
  readonly linesPerCpuSecond: number;
}

function benchOurs(procs: readonly string[]): OurResult {
  // Warm-up on a slice so the JIT has seen the code paths, then one measured pass.
  for (const p of procs.slice(0, Math.max(1, Math.floor(procs.length / 50)))) tsql.parseScript(p);
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  let statements = 0;
  let unparsed = 0;
  let failed = 0;
  let lines = 0;
  const started = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  procs.forEach((p, i) => {
    const script = tsql.parseScript(p, { file: `proc-${i}.sql` });
    const c = tsql.countStatements(script);
    statements += c.statements;
    unparsed += c.unparsed;
    if (c.unparsed > 0) failed++;
    lines += script.lineCount;
    if (i % 64 === 0) {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
  return {
    tool: 'tsql-migrate', procedures: procs.length, lines, seconds, linesPerSecond: lines / seconds, failedProcedures: failed,
    note: `${statements} statements, ${unparsed} unparsed; ${useDist ? 'dist build' : 'sources via swc'}`,
    statements, unparsed, peakRssMiB: peakRss / 2 ** 20, peakHeapMiB: peakHeap / 2 ** 20,
    cpuSeconds, linesPerCpuSecond: lines / cpuSeconds,
  };
}

/** The first procedures whose line total reaches `lines`. */
function subset(procs: readonly string[], lines: number): string[] {
  const out: string[] = [];
  let n = 0;
  for (const p of procs) {
    if (n >= lines) break;
    out.push(p);
    n += countLines(p);
  }
  return out;
}

function writeCorpus(dir: string, procs: readonly string[]): string[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return procs.map((p, i) => {
    const f = join(dir, `proc-${String(i + 1).padStart(5, '0')}.sql`);
    writeFileSync(f, p);
    return f;
  });
}

const SQLGLOT_SCRIPT = `
import json, re, sys, time
import sqlglot
files = sys.argv[1:]
failed = 0
lines = 0
texts = [open(f, encoding='utf-8').read() for f in files]
t0 = time.perf_counter()
for text in texts:
    lines += len(re.findall(r'\\r\\n|\\n|\\r', text))
    bad = False
    for batch in re.split(r'(?im)^[ \\t]*GO[ \\t]*$', text):
        if not batch.strip():
            continue
        try:
            sqlglot.parse(batch, read='tsql')
        except Exception:
            bad = True
    failed += 1 if bad else 0
print(json.dumps({'seconds': time.perf_counter() - t0, 'lines': lines, 'failed': failed, 'version': sqlglot.__version__}))
`;

function benchSqlglot(files: readonly string[], lines: number): ToolResult | undefined {
  if (files.length === 0) return undefined;
  const r = spawnSync('/usr/bin/python3', ['-c', SQLGLOT_SCRIPT, ...files], { encoding: 'utf8', timeout: 900_000, maxBuffer: 1 << 24 });
  if (r.status !== 0) {
    process.stderr.write(`sqlglot run failed: ${r.error?.message ?? r.stderr.slice(-500)}\n`);
    return undefined;
  }
  const j = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { seconds: number; lines: number; failed: number; version: string };
  return {
    tool: `sqlglot ${j.version}`, procedures: files.length, lines: j.lines || lines, seconds: j.seconds,
    linesPerSecond: (j.lines || lines) / j.seconds, failedProcedures: j.failed,
    note: 'in-process time, excluding interpreter start-up; a failure is a batch that raised',
  };
}

function benchSqlfluff(files: readonly string[], lines: number): ToolResult | undefined {
  if (files.length === 0 || !existsSync('/usr/bin/sqlfluff')) return undefined;
  const empty = join(OUT, 'parse-empty.sql');
  writeFileSync(empty, 'SELECT 1\n');
  const t0 = process.hrtime.bigint();
  spawnSync('/usr/bin/sqlfluff', ['parse', '--dialect', 'tsql', empty], { encoding: 'utf8', timeout: 120_000 });
  const startup = Number(process.hrtime.bigint() - t0) / 1e9;
  let failed = 0;
  let seconds = 0;
  for (const f of files) {
    const s = process.hrtime.bigint();
    const r = spawnSync('/usr/bin/sqlfluff', ['parse', '--dialect', 'tsql', f], { encoding: 'utf8', timeout: 600_000, maxBuffer: 1 << 26 });
    seconds += Math.max(0, Number(process.hrtime.bigint() - s) / 1e9 - startup);
    if (r.error !== undefined || /unparsable/i.test(r.stdout ?? '')) failed++;
  }
  const version = spawnSync('/usr/bin/sqlfluff', ['--version'], { encoding: 'utf8' }).stdout.trim().replace(/^sqlfluff, version /, '');
  return {
    tool: `sqlfluff ${version}`, procedures: files.length, lines, seconds, linesPerSecond: lines / seconds, failedProcedures: failed,
    note: `one process per procedure, ${startup.toFixed(2)} s start-up subtracted; a failure is an unparsable section`,
  };
}

function main(): void {
  mkdirSync(OUT, { recursive: true });
  const procs = generateParseCorpus(envInt('BENCH_PARSE_LINES', 300_000));
  const ours = benchOurs(procs);
  process.stdout.write(`tsql-migrate: ${ours.lines} lines in ${ours.seconds.toFixed(2)} s = ${Math.round(ours.linesPerSecond)} lines/s (${Math.round(ours.linesPerCpuSecond)} lines per CPU second)\n`);
  const glotProcs = subset(procs, envInt('BENCH_SQLGLOT_LINES', 20_000));
  const fluffProcs = subset(procs, envInt('BENCH_SQLFLUFF_LINES', 600));
  const glotFiles = writeCorpus(join(CORPUS, 'sqlglot'), glotProcs);
  const fluffFiles = writeCorpus(join(CORPUS, 'sqlfluff'), fluffProcs);
  const glot = benchSqlglot(glotFiles, glotProcs.reduce((n, p) => n + countLines(p), 0));
  const fluff = benchSqlfluff(fluffFiles, fluffProcs.reduce((n, p) => n + countLines(p), 0));
  // Our parser on exactly the subsets the others read, for a like-for-like failure count.
  const oursOnGlot = benchOurs(glotProcs);
  const oursOnFluff = benchOurs(fluffProcs);
  const rows = [ours, glot, fluff].filter((x): x is ToolResult => x !== undefined);
  const result = {
    date: new Date().toISOString(),
    machine: { node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), loadAverage: loadavg() },
    corpus: { procedures: procs.length, lines: ours.lines, seed: 20261122 },
    ours: { ...ours, onSqlglotSubset: { failedProcedures: oursOnGlot.failedProcedures, unparsed: oursOnGlot.unparsed }, onSqlfluffSubset: { failedProcedures: oursOnFluff.failedProcedures, unparsed: oursOnFluff.unparsed } },
    sqlglot: glot ?? null,
    sqlfluff: fluff ?? null,
    speedup: {
      vsSqlglot: glot ? ours.linesPerSecond / glot.linesPerSecond : null,
      vsSqlfluff: fluff ? ours.linesPerSecond / fluff.linesPerSecond : null,
    },
  };
  writeFileSync(join(OUT, 'parse.json'), `${JSON.stringify(result, null, 2)}\n`);
  const table = [
    '| parser | procedures | lines | seconds | lines/s | procedures failed | note |',
    '|---|---:|---:|---:|---:|---:|---|',
    ...rows.map((r) => `| ${r.tool} | ${r.procedures} | ${r.lines} | ${r.seconds.toFixed(2)} | ${Math.round(r.linesPerSecond).toLocaleString('en-US')} | ${r.failedProcedures} | ${r.note} |`),
  ];
  process.stdout.write(`\n${table.join('\n')}\n\n`);
  process.stdout.write(`peak memory (ours): rss ${ours.peakRssMiB.toFixed(0)} MiB, heap ${ours.peakHeapMiB.toFixed(0)} MiB\n`);
  if (glot) process.stdout.write(`on the sqlglot subset ours failed ${oursOnGlot.failedProcedures} procedures; speed ratio ${result.speedup.vsSqlglot?.toFixed(0)}x\n`);
  if (fluff) process.stdout.write(`on the sqlfluff subset ours failed ${oursOnFluff.failedProcedures} procedures; speed ratio ${result.speedup.vsSqlfluff?.toFixed(0)}x\n`);
  process.stdout.write(`load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores (wall-clock figures suffer when it exceeds the core count)\n`);
  if (ours.linesPerSecond < 100_000) process.stdout.write('WARNING: below the 100,000 lines/s target\n');
}

main();
