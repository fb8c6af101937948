// The example pipeline (`migrate run` of dbo.usp_CountEntityLetters and dbo.usp_BuildDeviceKpis,
// every section in order on DuckDB) as the number of entities grows from 1 to 100,000, on data
// from bench/gen/example-data.ts (3 days of telemetry per device, 6 words per entity). Time is
// measured from CSV on disk to outputs written as Parquet, data generation excluded.
// Beside each BuildDeviceKpis run, in the same process and moment, the bench times DuckDB just
// reading that procedure's four input CSVs into tables (the floor of any pipeline from CSV), so
// a loaded machine shows as a ratio that stays put; CPU time, load average and peak RSS too.
// From 10,000 entities (BENCH_CLI_MIN) it also runs BuildDeviceKpis as users do, `migrate run`
// in a process of its own (start-up, loading transforms, reading CSV, writing Parquet), with its
// CPU time over all threads and peak RSS (bench/cli-usage.js): issue 13's goal is that figure.
// Run: npm run bench (or node bench/run.js sections). Sizes: BENCH_ENTITIES=1,10,100,1000,10000,100000.
// Results: bench/out/sections.json and the chart bench/sections-scaling.svg.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { EngineSession, quoteLiteral } from '../src/engine';
import { loadSpecs, loadWorkspaceConfig, runPipeline } from '../src/sections';
import { generateExampleData, writeExampleData } from './gen/example-data';
import { renderScalingSvg } from './sections-chart';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'bench', 'out');
const DAYS = 3;
const START = '2026-03-02';
const GOAL_SECONDS = 5;
const KPI_INPUTS = ['dbo.Device', 'dbo.DeviceConfigSnapshot', 'dbo.DeviceUsage', 'dbo.DeviceAppInventory'];
const KPI_PARAMS = { '@FromDate': START, '@ToDate': '2026-03-04', '@MinSamples': '10' };
const CLI_MIN = Number(process.env.BENCH_CLI_MIN ?? 10000);

/** `migrate run` of BuildDeviceKpis as its own process: wall, CPU (all threads), peak RSS. */
interface CliRun {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakRssMiB: number;
}

interface Point {
  readonly entities: number;
  readonly usageRows: number;
  readonly wordRows: number;
  readonly countLettersSeconds: number;
  readonly buildDeviceKpisSeconds: number;
  /** CPU time of the BuildDeviceKpis run (every thread of the process), median. */
  readonly buildDeviceKpisCpuSeconds: number;
  /** DuckDB reading the same four input CSVs into tables, in the same session, median. */
  readonly readInputsSeconds: number;
  readonly totalSeconds: number;
  /** 1-minute load average when the size started. */
  readonly load1: number;
  /** The CLI end to end, from CLI_MIN entities on. */
  readonly cli?: CliRun;
}

/** Runs `migrate run dbo.usp_BuildDeviceKpis` on `dir` in a child process and reads its own resource usage. */
function runCli(dir: string): CliRun {
  const usageFile = join(OUT, 'sections-cli-usage.json');
  rmSync(usageFile, { force: true });
  const args = ['-r', join(__dirname, 'cli-usage.js'), join(ROOT, 'bin', 'migrate.js'), 'run', 'dbo.usp_BuildDeviceKpis', '--data', dir, '--out', join(dir, 'cli-out'), '--format', 'parquet', '--root', ROOT,
    ...Object.entries(KPI_PARAMS).flatMap(([k, v]) => ['--param', `${k}=${v}`])];
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, BENCH_USAGE_FILE: usageFile } });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0 || !existsSync(usageFile)) throw new Error(`migrate run failed (${r.status}): ${r.stderr}`);
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { userSeconds: number; systemSeconds: number; maxRssMiB: number };
  return { seconds, cpuSeconds: usage.userSeconds + usage.systemSeconds, peakRssMiB: Math.round(usage.maxRssMiB) };
}

/** Seconds DuckDB takes to read BuildDeviceKpis's input CSVs into tables, all columns as text. */
async function timeReadInputs(session: EngineSession, dir: string): Promise<number> {
  const started = process.hrtime.bigint();
  for (const [i, name] of KPI_INPUTS.entries()) {
    await session.run(`CREATE OR REPLACE TABLE __read${i} AS SELECT * FROM read_csv(${quoteLiteral(join(dir, `${name}.csv`))}, header = true, all_varchar = true)`);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  for (const i of KPI_INPUTS.keys()) await session.run(`DROP TABLE __read${i}`);
  return seconds;
}

/** Median of a non-empty list. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Generates the data once, then runs both pipelines `repeats` times; reports the medians. */
async function measure(entities: number, repeats: number): Promise<Point> {
  const dir = join(OUT, `sections-data-${entities}`);
  rmSync(dir, { recursive: true, force: true });
  const data = generateExampleData({ telemetry: { devices: entities, days: DAYS, seed: 20261122, startDate: START }, wordBag: { entities, wordsPerEntity: 6, seed: 20261122 } });
  writeExampleData(dir, data);
  const config = loadWorkspaceConfig(ROOT);
  const load1 = loadavg()[0] ?? 0;
  const runs: [number, number, number, number][] = [];
  let cli: CliRun | undefined;
  try {
    for (let r = 0; r < repeats; r++) {
      const seconds: number[] = [];
      let kpisCpu = 0;
      let read = 0;
      // a fresh DuckDB per run, as `migrate run` opens one per invocation
      const session = await EngineSession.open({ memoryLimit: config.duckdb.memoryLimit });
      try {
        for (const proc of ['dbo.usp_CountEntityLetters', 'dbo.usp_BuildDeviceKpis']) {
          const { specs } = await loadSpecs(join(ROOT, config.paths.sections), undefined, proc);
          const cpu = process.cpuUsage();
          const started = process.hrtime.bigint();
          await runPipeline(session, specs, {
            dataDir: dir, outDir: join(dir, 'out'), format: 'parquet',
            params: KPI_PARAMS,
            transformFile: (id) => join(ROOT, config.paths.transforms, `${id}.ts`),
          });
          seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
          const used = process.cpuUsage(cpu);
          kpisCpu = (used.user + used.system) / 1e6;
        }
        read = await timeReadInputs(session, dir);
      } finally {
        session.close();
      }
      runs.push([seconds[0] ?? 0, seconds[1] ?? 0, kpisCpu, read]);
    }
    if (entities >= CLI_MIN) cli = runCli(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const letters = median(runs.map((r) => r[0]));
  const kpis = median(runs.map((r) => r[1]));
  const total = median(runs.map((r) => r[0] + r[1]));
  return {
    entities, usageRows: data['dbo.DeviceUsage']?.length ?? 0, wordRows: data['dbo.EntityWord']?.length ?? 0, countLettersSeconds: letters, buildDeviceKpisSeconds: kpis,
    buildDeviceKpisCpuSeconds: median(runs.map((r) => r[2])), readInputsSeconds: median(runs.map((r) => r[3])), totalSeconds: total, load1, ...(cli ? { cli } : {}),
  };
}

async function main(): Promise<void> {
  // 100,000 devices are ~5M generated rows held as objects: re-run with a larger heap.
  if (!process.env.SECTIONS_BENCH_CHILD) {
    const r = spawnSync(process.execPath, ['--max-old-space-size=12288', '-r', join(__dirname, 'run.js'), __filename], { stdio: 'inherit', env: { ...process.env, SECTIONS_BENCH_CHILD: '1' } });
    process.exitCode = r.status ?? 1;
    return;
  }
  mkdirSync(OUT, { recursive: true });
  await measure(1, 1); // warm-up: loads the transforms and DuckDB once, so n=1 is not start-up cost
  const sizes = (process.env.BENCH_ENTITIES ?? '1,10,100,1000,10000,100000').split(',').map(Number);
  const points: Point[] = [];
  for (const n of sizes) {
    const p = await measure(n, n >= 100000 ? 1 : 3);
    points.push(p);
    process.stdout.write(`${String(n).padStart(7)} entities  ${String(p.usageRows).padStart(8)} samples  letters ${p.countLettersSeconds.toFixed(2)} s  kpis ${p.buildDeviceKpisSeconds.toFixed(2)} s (cpu ${p.buildDeviceKpisCpuSeconds.toFixed(2)} s)  total ${p.totalSeconds.toFixed(2)} s  | read inputs ${p.readInputsSeconds.toFixed(2)} s, kpis/read ${(p.buildDeviceKpisSeconds / Math.max(p.readInputsSeconds, 1e-3)).toFixed(2)}x  load ${p.load1.toFixed(1)}\n`);
    if (p.cli) process.stdout.write(`${' '.repeat(7)}   migrate run (own process) ${p.cli.seconds.toFixed(2)} s, cpu ${p.cli.cpuSeconds.toFixed(2)} s, peak RSS ${p.cli.peakRssMiB} MiB, ${(p.cli.seconds / Math.max(p.readInputsSeconds, 1e-3)).toFixed(2)}x read inputs\n`);
  }
  const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  const machine = {
    repeats: 'median of 3 (1 at 100,000)', node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', memoryGiB: Math.round(totalmem() / 2 ** 30),
    date: new Date().toISOString(), loadAverageAtEnd: loadavg().map((x) => Number(x.toFixed(2))), peakRssMiB,
  };
  const largest = points[points.length - 1];
  if (largest) {
    const measured = largest.cli?.seconds ?? largest.buildDeviceKpisSeconds;
    const met = measured < GOAL_SECONDS;
    process.stdout.write(`goal (issue 13): migrate run of BuildDeviceKpis under ${GOAL_SECONDS} s at ${largest.entities.toLocaleString('en-US')} entities: ${measured.toFixed(2)} s${largest.cli ? ' (own process)' : ' (in process)'}, ${met ? 'met' : 'not met'}${largest.load1 > machine.cpus ? ` (load ${largest.load1.toFixed(1)} on ${machine.cpus} cores: re-run on a quiet machine)` : ''}\n`);
  }
  process.stdout.write(`${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, node ${machine.node}, ${machine.date}, load at end ${machine.loadAverageAtEnd.join(' ')}, peak RSS ${peakRssMiB} MiB (data generation included)\n`);
  writeFileSync(join(OUT, 'sections.json'), `${JSON.stringify({ machine, days: DAYS, points }, null, 2)}\n`);
  writeFileSync(join(ROOT, 'bench', 'sections-scaling.svg'), renderScalingSvg(points.map((p) => ({ x: p.entities, series: { 'dbo.usp_CountEntityLetters': p.countLettersSeconds, 'dbo.usp_BuildDeviceKpis': p.buildDeviceKpisSeconds, total: p.totalSeconds } })), `example pipeline (migrate run), ${DAYS} days of telemetry per device, ${machine.cpus} cores, load ${Math.min(...points.map((p) => p.load1)).toFixed(1)}-${Math.max(...points.map((p) => p.load1)).toFixed(1)}, ${machine.date.slice(0, 16).replace('T', ' ')} UTC`));
  process.stdout.write('wrote bench/out/sections.json and bench/sections-scaling.svg\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exitCode = 1;
});
