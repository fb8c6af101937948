// `migrate accept` against the classic shell acceptance test (sort both CSVs + diff), on the same
// data in the same run: 1M and 10M rows x 10 columns, 1% of records differing (0.8% changed,
// 0.1% missing, 0.1% extra), CSV and Parquet inputs generated with DuckDB COPY into bench/out/.
// Each measurement runs in a fresh process under /usr/bin/time, so peak RSS is the whole CLI
// (DuckDB's memory lives inside it). Run: npm run bench (or node bench/run.js accept).
// Sizes: BENCH_ROWS=1000000,10000000 (default). Results: bench/out/accept-bench.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { EngineSession, quoteLiteral } from '../src/engine';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'bench', 'out');
const BIN = join(ROOT, 'bin', 'migrate.js');

interface Measured {
  readonly seconds: number;
  readonly peakMiB: number;
  readonly stdout: string;
}

/** Runs a command under /usr/bin/time and returns wall seconds, peak RSS and stdout. */
function measure(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Measured {
  const started = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '__PEAK_KB__=%M', command, ...args], { encoding: 'utf8', env, maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peak = /__PEAK_KB__=(\d+)/.exec(r.stderr ?? '');
  if (r.status !== 0 && r.status !== 1) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { seconds, peakMiB: peak ? Number(peak[1]) / 1024 : NaN, stdout: r.stdout };
}

/** Generates expected/actual as CSV and Parquet (cached in bench/out/ between runs). */
async function generate(rows: number): Promise<{ files: { eCsv: string; aCsv: string; ePq: string; aPq: string }; expected: { records: number; matched: number; changed: number; missing: number; extra: number } }> {
  mkdirSync(OUT, { recursive: true });
  const tag = rows >= 1e6 ? `${rows / 1e6}m` : `${rows}`;
  const files = {
    eCsv: join(OUT, `accept-${tag}-expected.csv`), aCsv: join(OUT, `accept-${tag}-actual.csv`),
    ePq: join(OUT, `accept-${tag}-expected.parquet`), aPq: join(OUT, `accept-${tag}-actual.parquet`),
  };
  // ids i % 125 = 1 are changed (never also i % 1000 = 0, which are dropped)
  const changed = Math.floor((rows - 2) / 125) + 1;
  const missing = Math.floor((rows - 1) / 1000) + 1;
  const extra = Math.floor(rows / 1000);
  const expected = { records: rows + extra, matched: rows - changed - missing, changed, missing, extra };
  if (Object.values(files).every(existsSync)) return { files, expected };
  const s = await EngineSession.open({ memoryLimit: '6GB' });
  try {
    process.stdout.write(`generating ${rows} rows x 10 columns into bench/out/ ...\n`);
    await s.run(`CREATE TABLE e AS SELECT
        i AS id, (i * 7919) % 100000 AS qty, round(((i * 104729) % 1000000) / 100.0, 2)::DOUBLE AS amount,
        'cust_' || (i % 50000) AS customer, DATE '2020-01-01' + CAST(i % 1500 AS INTEGER) AS day, (i % 3 = 0) AS flag,
        (i * 2654435761) % 1000 AS bucket, 'region_' || (i % 17) AS region, round(((i * 31) % 997) / 7.0, 6) AS ratio,
        substr(md5(CAST(i AS VARCHAR)), 1, 12) AS code
      FROM range(${rows}) t(i)`);
    // 0.8% changed (i % 125 = 1), 0.1% missing (i % 1000 = 0), 0.1% extra (new ids); shuffled order
    await s.run(`CREATE TABLE a AS SELECT * FROM (
        SELECT id, qty, CASE WHEN id % 125 = 1 THEN amount + 0.01 ELSE amount END AS amount, customer, day, flag, bucket, region, ratio, code
        FROM e WHERE id % 1000 <> 0
        UNION ALL
        SELECT id + ${rows}, qty, amount, customer, day, flag, bucket, region, ratio, code FROM e WHERE id < ${extra}
      ) ORDER BY hash(id)`);
    for (const [table, csv, pq] of [['e', files.eCsv, files.ePq], ['a', files.aCsv, files.aPq]]) {
      await s.run(`COPY ${table} TO ${quoteLiteral(csv as string)} (HEADER, DELIMITER ',')`);
      await s.run(`COPY ${table} TO ${quoteLiteral(pq as string)} (FORMAT parquet)`);
    }
  } finally {
    s.close();
  }
  return { files, expected };
}

function sortDiff(e: string, a: string): Measured & { differing: number } {
  const dir = join(OUT, 'sorted');
  mkdirSync(dir, { recursive: true });
  const script = `LC_ALL=C sort ${JSON.stringify(e)} > ${JSON.stringify(join(dir, 'e.txt'))} && LC_ALL=C sort ${JSON.stringify(a)} > ${JSON.stringify(join(dir, 'a.txt'))} && { diff ${JSON.stringify(join(dir, 'e.txt'))} ${JSON.stringify(join(dir, 'a.txt'))} | grep -c '^[<>]' || true; }`;
  const m = measure('bash', ['-c', script]);
  rmSync(dir, { recursive: true, force: true });
  return { ...m, differing: Number(m.stdout.trim()) };
}

function accept(e: string, a: string): Measured & { result: Record<string, unknown> } {
  const m = measure(process.execPath, [BIN, 'accept', '--expected', e, '--actual', a, '--key', 'id', '--json', '--memory-limit', '3GB']);
  return { ...m, result: JSON.parse(m.stdout) as Record<string, unknown> };
}

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
    process.stderr.write('accept-bench: run `npm run build` first (npm run bench does)\n');
    process.exitCode = 2;
    return;
  }
  const sizes = (process.env.BENCH_ROWS ?? '1000000,10000000').split(',').map(Number);
  const cpu = cpus()[0]?.model ?? 'cpu';
  const machine = `${cpus().length} cores (${cpu}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${execFileSync('uname', ['-sr'], { encoding: 'utf8' }).trim()}`;
  const results: Record<string, unknown>[] = [];
  for (const rows of sizes) {
    const { files, expected } = await generate(rows);
    if (process.env.BENCH_GENERATE_ONLY) continue;
    const baseline = sortDiff(files.eCsv, files.aCsv);
    const fromCsv = accept(files.eCsv, files.aCsv);
    const fromPq = accept(files.ePq, files.aPq);
    for (const [label, run] of [['csv', fromCsv], ['parquet', fromPq]] as const) {
      const got = run.result;
      const ok = (['records', 'matched', 'changed', 'missing', 'extra'] as const).every((k) => got[k] === expected[k]);
      if (!ok) throw new Error(`accept from ${label} counted ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`);
    }
    const row = {
      rows, columns: 10, loadAverage: round(loadavg()[0] ?? 0), differing: expected.changed + expected.missing + expected.extra,
      sortDiffSeconds: round(baseline.seconds), sortDiffDifferingLines: baseline.differing,
      acceptCsvSeconds: round(fromCsv.seconds), acceptCsvPeakMiB: Math.round(fromCsv.peakMiB), csvSpeedup: round(baseline.seconds / fromCsv.seconds),
      acceptParquetSeconds: round(fromPq.seconds), acceptParquetPeakMiB: Math.round(fromPq.peakMiB), parquetSpeedup: round(baseline.seconds / fromPq.seconds),
    };
    results.push(row);
    process.stdout.write(`${JSON.stringify(row)}\n`);
  }
  process.stdout.write(`\nmachine: ${machine}\n\n`);
  process.stdout.write('| rows x cols | sort+diff (CSV) | accept CSV | speed-up | peak RSS | accept Parquet | speed-up | peak RSS |\n|---|---|---|---|---|---|---|---|\n');
  for (const r of results as { rows: number; sortDiffSeconds: number; acceptCsvSeconds: number; csvSpeedup: number; acceptCsvPeakMiB: number; acceptParquetSeconds: number; parquetSpeedup: number; acceptParquetPeakMiB: number }[]) {
    process.stdout.write(`| ${r.rows.toLocaleString('en-US')} x 10 | ${r.sortDiffSeconds} s | ${r.acceptCsvSeconds} s | ${r.csvSpeedup}x | ${r.acceptCsvPeakMiB} MiB | ${r.acceptParquetSeconds} s | ${r.parquetSpeedup}x | ${r.acceptParquetPeakMiB} MiB |\n`);
  }
  writeFileSync(join(OUT, 'accept-bench.json'), `${JSON.stringify({ machine, date: new Date().toISOString(), results }, null, 2)}\n`);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

void main();
