// Analyze benchmark: `migrate analyze` throughput (parse + data-flow graph + render) on the
// parser benchmark's generated corpus of legacy-style procedures. Two measurements: the
// pipeline in memory, phase by phase (parse, graphs, render of .md/.mmd/.json/index.md), and
// the real CLI end to end (`node bin/migrate.js analyze <dir> --out <dir> --json`: file
// reading, decoding, writing every report).
// Run: npm run bench (or node bench/run.js analyze). Results: bench/out/analyze.json.
// The CLI runs twice: into an empty folder (every report created) and again into the same
// folder (every report compared and left unchanged, as when a team re-runs analyze), each with
// its CPU time and peak RSS (bench/cli-usage.js), since wall-clock times move with the load;
// then once more on one thread (TSQL_MIGRATE_ANALYZE_THREADS=1) as the same-run comparison for
// the worker threads the CLI uses on a set this large. Before them, the kernel's floor: creating
// as many empty files the way analyze does, alone (file creation costs differ widely between
// machines and file systems).
// Between them, the same code warm, file by file as the workers take it, phase by phase: what
// the CLI's cores could do at best, so the CLI's gap to the parser splits into the work itself
// and what the CLI adds to it.
// Size: BENCH_ANALYZE_LINES (200000). Target (issue 13): >= 50,000 lines/s end to end.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { generateParseCorpus } from './parse-corpus';

type Dataflow = typeof import('../src/dataflow');
type Render = typeof import('../src/render');
type Tsql = typeof import('../src/tsql');

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'bench', 'out');
const CORPUS = join(OUT, 'analyze-corpus');
const REPORTS = join(OUT, 'analyze-reports');
// The one-thread comparison writes into a folder of its own: emptying REPORTS right before it
// freed 9,682 inodes, and on this machine's ext4 (no journal) creating a file next to recently
// freed inodes costs the kernel up to ~0.8 ms each (it skips them one by one), which charged the
// comparison run seconds of system time the first run did not pay.
const REPORTS_ONE_THREAD = join(OUT, 'analyze-reports-one-thread');
const FLOOR = join(OUT, 'analyze-file-floor');

// Measure what users run: the compiled dist/ when `npm run bench` has built it.
const useDist = existsSync(join(ROOT, 'dist', 'dataflow', 'index.js')) && process.env.BENCH_FROM_SOURCES !== '1';
/* eslint-disable @typescript-eslint/no-require-imports */
const dataflow = (useDist ? require(join(ROOT, 'dist', 'dataflow')) : require('../src/dataflow')) as Dataflow;
const render = (useDist ? require(join(ROOT, 'dist', 'render')) : require('../src/render')) as Render;
const tsql = (useDist ? require(join(ROOT, 'dist', 'tsql')) : require('../src/tsql')) as Tsql;
/* eslint-enable @typescript-eslint/no-require-imports */

const envInt = (name: string, dflt: number): number => {
  const v = process.env[name];
  return v === undefined || v === '' ? dflt : Number(v);
};

const seconds = (since: bigint): number => Number(process.hrtime.bigint() - since) / 1e9;

function main(): void {
  mkdirSync(OUT, { recursive: true });
  const procs = generateParseCorpus(envInt('BENCH_ANALYZE_LINES', 200_000));
  const sources = procs.map((text, i) => ({ file: `bench/proc-${String(i + 1).padStart(5, '0')}.sql`, text }));
  // Warm-up on a slice so the JIT has seen the code paths.
  const warm = dataflow.analyzeSources(sources.slice(0, Math.max(1, Math.floor(sources.length / 50))));
  for (const g of warm.graphs) render.renderObjectMarkdown(g);

  let t = process.hrtime.bigint();
  const parseCpu = process.cpuUsage();
  let lines = 0;
  for (const s of sources) lines += tsql.parseScript(s.text, { file: s.file }).lineCount;
  const parseSeconds = seconds(t);
  const parseCpuUsed = process.cpuUsage(parseCpu);
  const parseCpuSeconds = (parseCpuUsed.user + parseCpuUsed.system) / 1e6;

  t = process.hrtime.bigint();
  const result = dataflow.analyzeSources(sources);
  const analyzeSeconds = seconds(t);

  t = process.hrtime.bigint();
  let bytes = 0;
  for (const g of result.graphs) {
    bytes += render.renderObjectMarkdown(g).length + render.renderObjectMermaid(g).length + render.serializeGraph(g).length;
  }
  bytes += render.renderIndexMarkdown(result.graphs).length;
  const renderSeconds = seconds(t);
  const memory = process.memoryUsage();

  const inMemory = parseSeconds > 0 ? analyzeSeconds + renderSeconds : 0;
  const graphSeconds = Math.max(0, analyzeSeconds - parseSeconds);
  process.stdout.write(`in memory: ${lines} lines, ${result.graphs.length} objects, ${result.json.statements} statements (${result.json.unparsed} unparsed)\n`);
  process.stdout.write(`  parse ${parseSeconds.toFixed(2)} s, graphs ${graphSeconds.toFixed(2)} s, render ${renderSeconds.toFixed(2)} s (${(bytes / 2 ** 20).toFixed(0)} MiB of reports)\n`);
  process.stdout.write(`  = ${Math.round(lines / inMemory).toLocaleString('en-US')} lines/s (graphs alone ${Math.round(lines / graphSeconds).toLocaleString('en-US')} lines/s)\n`);
  const warmPerFile = measureWarmPerFile(sources, lines);

  // The real CLI, end to end, on the corpus written as files.
  for (const dir of [REPORTS, REPORTS_ONE_THREAD, FLOOR]) rmSync(dir, { recursive: true, force: true });
  writeCorpus(procs);
  const floor = useDist ? measureFileFloor(result.graphs.length * 3 + 1) : null;
  type CliRun = { seconds: number; linesPerSecond: number; cpuSeconds: number; linesPerCpuSecond: number; peakRssMiB: number; exit: number | null };
  const cli: { fresh: CliRun; again: CliRun; oneThread: CliRun } | null = useDist ? {
    fresh: runCli('into an empty folder', lines),
    again: runCli('again, every report unchanged', lines),
    oneThread: runCli('on one thread (TSQL_MIGRATE_ANALYZE_THREADS=1), into an empty folder', lines, { TSQL_MIGRATE_ANALYZE_THREADS: '1' }, REPORTS_ONE_THREAD),
  } : null;
  if (cli === null) process.stdout.write('CLI end to end skipped: dist/ is not built (npm run bench builds it)\n');
  const parseRate = lines / parseSeconds;
  if (cli !== null) {
    process.stdout.write(`comparison in this run: the parser alone ${Math.round(parseRate).toLocaleString('en-US')} lines/s; the CLI end to end is ${(cli.fresh.linesPerSecond / parseRate * 100).toFixed(0)}% of it (${(cli.fresh.linesPerCpuSecond / parseRate * 100).toFixed(0)}% per CPU second)\n`);
    process.stdout.write(`comparison in this run: the warm best on ${cpus().length} cores is ${(warmPerFile.bestLinesPerSecond * parseCpuSeconds / lines * 100).toFixed(0)}% of the parser alone, CPU for CPU (its timed pass is less warm); `
      + `the CLI end to end is ${(cli.fresh.linesPerSecond / warmPerFile.bestLinesPerSecond * 100).toFixed(0)}% of that warm best on ${cpus().length} cores (the rest: cold start, hand-over, GC, main thread, writes; compare on a quiet host)\n`);
    process.stdout.write(`comparison in this run: worker threads vs one thread, ${(cli.oneThread.seconds / cli.fresh.seconds).toFixed(2)}x wall, ${(cli.fresh.cpuSeconds / cli.oneThread.cpuSeconds).toFixed(2)}x the CPU time\n`);
    if (floor !== null) {
      const rest = cli.fresh.seconds - floor.seconds / 2;
      process.stdout.write(`comparison in this run: creating the same number of files alone takes ${floor.seconds.toFixed(2)} s (${floor.systemSeconds.toFixed(2)} s system CPU); `
        + `the CLI without half of it (two threads share it) would do ${Math.round(lines / rest).toLocaleString('en-US')} lines/s\n`);
    }
  }
  process.stdout.write(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores (wall-clock figures suffer when it exceeds the core count)\n`);
  const report = {
    date: new Date().toISOString(),
    machine: { node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), loadAverage: loadavg() },
    build: useDist ? 'dist' : 'sources via swc',
    corpus: { procedures: procs.length, lines, objects: result.graphs.length, statements: result.json.statements, unparsed: result.json.unparsed },
    parserLinesPerSecond: parseRate,
    parserCpuSeconds: parseCpuSeconds,
    inMemory: { parseSeconds, graphSeconds, renderSeconds, linesPerSecond: lines / inMemory, graphLinesPerSecond: lines / graphSeconds, reportMiB: bytes / 2 ** 20 },
    warmPerFile,
    cli,
    fileFloor: floor,
    peakHeapMiB: memory.heapUsed / 2 ** 20,
    rssMiB: memory.rss / 2 ** 20,
  };
  writeFileSync(join(OUT, 'analyze.json'), `${JSON.stringify(report, null, 2)}\n`);
  const endToEnd = cli?.fresh.linesPerSecond ?? report.inMemory.linesPerSecond;
  if (endToEnd < 50_000) process.stdout.write('WARNING: below the 50,000 lines/s target\n');
  for (const dir of [REPORTS, REPORTS_ONE_THREAD, FLOOR]) rmSync(dir, { recursive: true, force: true });
}

/**
 * Where a line's CPU goes once the JIT is warm, measured in this process after the run above
 * warmed every phase: each file as the CLI's workers take it (parsed, its graphs built against
 * the set's context, handed over as JSON text and parsed back, rendered as .md, .mmd and .json,
 * then dropped), CPU seconds per phase (CPU, not wall-clock: on a shared host a thread's wall
 * time moves with the other jobs, its CPU time much less; warm, this process's other threads
 * are nearly idle). The best the CLI could do on this host's cores with this code is all of it
 * but the hand-over spread over every core with no cold start, collection pause, main-thread or
 * file-system cost: at most cores / (work / parse) of the warm parser's speed, and in lines/s the
 * figure the CLI's own is compared with (on a quiet host CPU and wall time agree).
 */
function measureWarmPerFile(sources: readonly { file: string; text: string }[], lines: number): {
  parseSeconds: number; graphSeconds: number; handoverSeconds: number; markdownSeconds: number; mermaidSeconds: number; jsonSeconds: number;
  workOverParse: number; bestLinesPerSecond: number; bestShareOfWarmParser: number;
} {
  const context = new dataflow.RecordingContext({ defaultSchema: 'dbo', catalog: dataflow.mergeTableCatalog([]), knownProcedures: new Set() });
  const cpu = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
  let parseSeconds = 0; let graphSeconds = 0; let handoverSeconds = 0; let markdownSeconds = 0; let mermaidSeconds = 0; let jsonSeconds = 0;
  for (const s of sources) {
    let c = cpu();
    const parsed = tsql.parseScript(s.text, { file: s.file });
    parseSeconds += cpu() - c;
    c = cpu();
    const outcome = dataflow.analyzeFile(dataflow.splitScript(parsed, 'dbo'), context);
    context.take();
    const built = outcome.defined.map((d) => d.graph);
    for (const g of built) render.indexEntryOf(g);
    graphSeconds += cpu() - c;
    c = cpu();
    const graphs = JSON.parse(JSON.stringify(built)) as typeof built;
    handoverSeconds += cpu() - c;
    for (const g of graphs) {
      c = cpu();
      render.renderObjectMarkdown(g);
      markdownSeconds += cpu() - c;
      c = cpu();
      render.renderObjectMermaid(g);
      mermaidSeconds += cpu() - c;
      c = cpu();
      render.serializeGraphBytes(g);
      jsonSeconds += cpu() - c;
    }
  }
  const work = parseSeconds + graphSeconds + markdownSeconds + mermaidSeconds + jsonSeconds;
  const cores = cpus().length;
  const bestLinesPerSecond = lines / (work / cores);
  const bestShareOfWarmParser = cores * parseSeconds / work;
  const f = (x: number): string => x.toFixed(2);
  process.stdout.write(`warm, per file as the workers take it, CPU: parse ${f(parseSeconds)} s, graphs ${f(graphSeconds)} s, JSON hand-over ${f(handoverSeconds)} s, .md ${f(markdownSeconds)} s, .mmd ${f(mermaidSeconds)} s, .json ${f(jsonSeconds)} s; `
    + `the work is ${(work / parseSeconds).toFixed(1)}x the parse (hand-over left out): on ${cores} cores with no overhead at all, ${Math.round(bestLinesPerSecond).toLocaleString('en-US')} lines/s = ${(bestShareOfWarmParser * 100).toFixed(0)}% of the warm parser's speed\n`);
  return { parseSeconds, graphSeconds, handoverSeconds, markdownSeconds, mermaidSeconds, jsonSeconds, workOverParse: work / parseSeconds, bestLinesPerSecond, bestShareOfWarmParser };
}

/** The corpus as files in CORPUS, writing only what differs from the files already there and
 * removing the others: the corpus is the same from run to run, and deleting and writing its
 * 3,227 files again right before the timed runs made each report file the CLI created cost the
 * kernel more (see REPORTS_ONE_THREAD), a cost of the benchmark's own setup, not of analyze. */
function writeCorpus(procs: readonly string[]): void {
  mkdirSync(CORPUS, { recursive: true });
  const names = new Set<string>();
  procs.forEach((text, i) => {
    const name = `proc-${String(i + 1).padStart(5, '0')}.sql`;
    names.add(name);
    const path = join(CORPUS, name);
    if (!existsSync(path) || readFileSync(path, 'utf8') !== text) writeFileSync(path, text);
  });
  for (const name of readdirSync(CORPUS)) if (!names.has(name)) rmSync(join(CORPUS, name), { recursive: true, force: true });
}

/** The kernel's share that no code change removes: `count` empty files created as analyze
 * creates its reports (a temporary sibling, then rename), in a new folder beside the reports,
 * with the wall and system CPU time it took. On a file system that makes creating files dear
 * (see REPORTS_ONE_THREAD) this is seconds; on tmpfs, milliseconds. */
function measureFileFloor(count: number): { files: number; seconds: number; systemSeconds: number } {
  mkdirSync(FLOOR, { recursive: true });
  const t = process.hrtime.bigint();
  const before = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    const path = join(FLOOR, `f${i}.md`);
    writeFileSync(`${path}.tmp`, '');
    renameSync(`${path}.tmp`, path);
  }
  const used = process.cpuUsage(before);
  const floor = { files: count, seconds: seconds(t), systemSeconds: used.system / 1e6 };
  process.stdout.write(`creating ${count.toLocaleString('en-US')} empty files (temporary + rename) alone: ${floor.seconds.toFixed(2)} s, ${floor.systemSeconds.toFixed(2)} s system CPU\n`);
  return floor;
}

/** One `migrate analyze` CLI run on the corpus (compiled dist/), with wall time, its own CPU time
 * and peak RSS. */
function runCli(what: string, lines: number, env: Record<string, string> = {}, reports = REPORTS): { seconds: number; linesPerSecond: number; cpuSeconds: number; linesPerCpuSecond: number; peakRssMiB: number; exit: number | null } {
  const usageFile = join(OUT, 'analyze-cli-usage.json');
  rmSync(usageFile, { force: true });
  const bin = join(ROOT, 'bin', 'migrate.js');
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', join(__dirname, 'cli-usage.js'), bin, 'analyze', CORPUS, '--out', reports, '--json'],
    { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ...env, BENCH_USAGE_FILE: usageFile } });
  const s = seconds(t);
  const usage = existsSync(usageFile) ? JSON.parse(readFileSync(usageFile, 'utf8')) as { userSeconds: number; systemSeconds: number; maxRssMiB: number } : { userSeconds: NaN, systemSeconds: NaN, maxRssMiB: NaN };
  const cpuSeconds = usage.userSeconds + usage.systemSeconds;
  const run = { seconds: s, linesPerSecond: lines / s, cpuSeconds, linesPerCpuSecond: lines / cpuSeconds, peakRssMiB: usage.maxRssMiB, exit: r.status };
  process.stdout.write(`CLI end to end, ${what}: ${s.toFixed(2)} s = ${Math.round(run.linesPerSecond).toLocaleString('en-US')} lines/s; `
    + `CPU ${usage.userSeconds.toFixed(2)} s user + ${usage.systemSeconds.toFixed(2)} s system (all threads) = ${Math.round(run.linesPerCpuSecond).toLocaleString('en-US')} lines per CPU second; peak RSS ${Math.round(usage.maxRssMiB)} MiB (exit ${r.status})\n`);
  return run;
}

main();
