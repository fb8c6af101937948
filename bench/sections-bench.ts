// The example pipeline (`migrate run` of dbo.usp_CountEntityLetters and dbo.usp_BuildDeviceKpis,
// every section in order on DuckDB) as the number of entities grows from 1 to 100,000, on data
// from bench/gen/example-data.ts (3 days of telemetry per device, 6 words per entity). Time is
// measured from CSV on disk to outputs written as Parquet, data generation excluded.
// Run: npm run bench (or node bench/run.js sections). Sizes: BENCH_ENTITIES=1,10,100,1000,10000,100000.
// Results: bench/out/sections.json and the chart bench/sections-scaling.svg.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { EngineSession } from '../src/engine';
import { loadSpecs, loadWorkspaceConfig, runPipeline } from '../src/sections';
import { generateExampleData, writeExampleData } from './gen/example-data';
import { renderScalingSvg } from './sections-chart';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'bench', 'out');
const DAYS = 3;
const START = '2026-03-02';

interface Point {
  readonly entities: number;
  readonly usageRows: number;
  readonly wordRows: number;
  readonly countLettersSeconds: number;
  readonly buildDeviceKpisSeconds: number;
  readonly totalSeconds: number;
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
  const runs: [number, number][] = [];
  try {
    for (let r = 0; r < repeats; r++) {
      const seconds: number[] = [];
      // a fresh DuckDB per run, as `migrate run` opens one per invocation
      const session = await EngineSession.open({ memoryLimit: config.duckdb.memoryLimit });
      try {
        for (const proc of ['dbo.usp_CountEntityLetters', 'dbo.usp_BuildDeviceKpis']) {
          const { specs } = await loadSpecs(join(ROOT, config.paths.sections), undefined, proc);
          const started = process.hrtime.bigint();
          await runPipeline(session, specs, {
            dataDir: dir, outDir: join(dir, 'out'), format: 'parquet',
            params: { '@FromDate': START, '@ToDate': '2026-03-04', '@MinSamples': '10' },
            transformFile: (id) => join(ROOT, config.paths.transforms, `${id}.ts`),
          });
          seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
        }
      } finally {
        session.close();
      }
      runs.push([seconds[0] ?? 0, seconds[1] ?? 0]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const letters = median(runs.map((r) => r[0]));
  const kpis = median(runs.map((r) => r[1]));
  const total = median(runs.map((r) => r[0] + r[1]));
  return { entities, usageRows: data['dbo.DeviceUsage']?.length ?? 0, wordRows: data['dbo.EntityWord']?.length ?? 0, countLettersSeconds: letters, buildDeviceKpisSeconds: kpis, totalSeconds: total };
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
    process.stdout.write(`${String(n).padStart(7)} entities  ${String(p.usageRows).padStart(8)} samples  letters ${p.countLettersSeconds.toFixed(2)} s  kpis ${p.buildDeviceKpisSeconds.toFixed(2)} s  total ${p.totalSeconds.toFixed(2)} s\n`);
  }
  const machine = { repeats: 'median of 3 (1 at 100,000)', node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', memoryGiB: Math.round(totalmem() / 2 ** 30), date: new Date().toISOString() };
  writeFileSync(join(OUT, 'sections.json'), `${JSON.stringify({ machine, days: DAYS, points }, null, 2)}\n`);
  writeFileSync(join(ROOT, 'bench', 'sections-scaling.svg'), renderScalingSvg(points.map((p) => ({ x: p.entities, series: { 'dbo.usp_CountEntityLetters': p.countLettersSeconds, 'dbo.usp_BuildDeviceKpis': p.buildDeviceKpisSeconds, total: p.totalSeconds } })), `example pipeline (migrate run), ${DAYS} days of telemetry per device, ${machine.cpus} cores`));
  process.stdout.write('wrote bench/out/sections.json and bench/sections-scaling.svg\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exitCode = 1;
});
