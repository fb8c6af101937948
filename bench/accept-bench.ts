// `migrate accept` against the classic shell acceptance test (sort both CSVs + diff), on the same
// data in the same run: 2M and 10M rows x 10 columns, 1% of records differing (0.8% changed,
// 0.1% missing, 0.1% extra), CSV and Parquet inputs generated with DuckDB COPY into bench/out/;
// keyed (--key id) from CSV and Parquet, and from CSV without a key (rows as a multiset); and the
// expected Parquet against the same records in key order (read side by side, positional-compare.ts).
// Each measurement runs in a fresh process under /usr/bin/time, so wall time, CPU time
// (user + sys) and peak RSS are the whole CLI's (DuckDB's memory lives inside it). The three
// commands take turns, BENCH_REPEAT rounds (default 3 up to 2M rows, 1 above), and the ratios
// are of medians in this run, so a shared machine's load hits both sides alike.
// Run: npm run bench (or node bench/run.js accept). Sizes: BENCH_ROWS=2000000,10000000 (default).
// BENCH_MIGRATE_BIN=<worktree>/bin/migrate.js measures another build (e.g. a baseline) on the same files.
// Results: bench/out/accept-bench.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { EngineSession, quoteLiteral } from '../src/engine';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'bench', 'out');
// BENCH_MIGRATE_BIN: another build's bin/migrate.js (a baseline worktree) measured on the same files.
const BIN = process.env.BENCH_MIGRATE_BIN ?? join(ROOT, 'bin', 'migrate.js');

interface Measured {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakMiB: number;
  readonly stdout: string;
}

/** Runs a command under /usr/bin/time and returns wall seconds, CPU seconds, peak RSS and stdout. */
function measure(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Measured {
  const started = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '__PEAK_KB__=%M __CPU__=%U+%S', command, ...args], { encoding: 'utf8', env, maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peak = /__PEAK_KB__=(\d+)/.exec(r.stderr ?? '');
  const cpu = /__CPU__=([\d.]+)\+([\d.]+)/.exec(r.stderr ?? '');
  if (r.status !== 0 && r.status !== 1) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { seconds, cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : NaN, peakMiB: peak ? Number(peak[1]) / 1024 : NaN, stdout: r.stdout };
}

/** Generates expected/actual as CSV and Parquet (cached in bench/out/ between runs). */
async function generate(rows: number): Promise<{ files: { eCsv: string; aCsv: string; ePq: string; aPq: string; alignedPq: string }; expected: { records: number; matched: number; changed: number; missing: number; extra: number } }> {
  mkdirSync(OUT, { recursive: true });
  const tag = rows >= 1e6 ? `${rows / 1e6}m` : `${rows}`;
  const files = {
    eCsv: join(OUT, `accept-${tag}-expected.csv`), aCsv: join(OUT, `accept-${tag}-actual.csv`),
    ePq: join(OUT, `accept-${tag}-expected.parquet`), aPq: join(OUT, `accept-${tag}-actual.parquet`),
    // the expected rows in key order with the changed values, no record missing or extra: read side by side
    alignedPq: join(OUT, `accept-${tag}-aligned.parquet`),
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
    await s.run(`COPY (SELECT id, qty, CASE WHEN id % 125 = 1 THEN amount + 0.01 ELSE amount END AS amount, customer, day, flag, bucket, region, ratio, code
      FROM e ORDER BY id) TO ${quoteLiteral(files.alignedPq)} (FORMAT parquet)`);
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

function accept(e: string, a: string, keyed = true): Measured & { result: Record<string, unknown> } {
  const m = measure(process.execPath, [BIN, 'accept', '--expected', e, '--actual', a, ...(keyed ? ['--key', 'id'] : []), '--json', '--memory-limit', '3GB']);
  return { ...m, result: JSON.parse(m.stdout) as Record<string, unknown> };
}

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] as number : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

interface Row {
  readonly rows: number; readonly rounds: number; readonly loadBefore: number; readonly loadAfter: number;
  readonly sortDiffSeconds: number; readonly sortDiffCpuSeconds: number;
  readonly acceptCsvSeconds: number; readonly acceptCsvCpuSeconds: number; readonly acceptCsvPeakMiB: number; readonly csvSpeedup: number; readonly csvCpuRatio: number;
  readonly acceptParquetSeconds: number; readonly acceptParquetCpuSeconds: number; readonly acceptParquetPeakMiB: number; readonly parquetSpeedup: number; readonly parquetCpuRatio: number;
  /** Without --key (rows as a multiset, as sort + diff compares them). */
  readonly acceptCsvNoKeySeconds: number; readonly acceptCsvNoKeyCpuSeconds: number; readonly acceptCsvNoKeyPeakMiB: number; readonly csvNoKeySpeedup: number;
  /** Keyed, from Parquet: the expected file against the same records in key order with the changed values (read side by side). */
  readonly acceptParquetInOrderSeconds: number; readonly acceptParquetInOrderCpuSeconds: number; readonly acceptParquetInOrderPeakMiB: number; readonly parquetInOrderSpeedup: number;
  /** Keyed, from the same rows written with every field quoted (SSIS, Export-Csv, FORCE_QUOTE), up to 2M rows; its sort + diff in the same rounds. */
  readonly quoted?: { readonly sortDiffSeconds: number; readonly acceptSeconds: number; readonly acceptCpuSeconds: number; readonly peakMiB: number; readonly speedup: number };
}

/** The bench's two CSVs with every field quoted (header included), written once beside them. */
function quotedCopies(files: { eCsv: string; aCsv: string }): { e: string; a: string } {
  const out = { e: files.eCsv.replace(/\.csv$/, '-quoted.csv'), a: files.aCsv.replace(/\.csv$/, '-quoted.csv') };
  for (const [from, to] of [[files.eCsv, out.e], [files.aCsv, out.a]] as const) {
    if (existsSync(to)) continue;
    // Every field of the bench's files is quote- and comma-free: quoting is wrapping each one.
    execFileSync('bash', ['-c', `sed -e 's/,/","/g' -e 's/^/"/' -e 's/$/"/' ${JSON.stringify(from)} > ${JSON.stringify(`${to}.tmp`)} && mv ${JSON.stringify(`${to}.tmp`)} ${JSON.stringify(to)}`]);
  }
  return out;
}

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
    process.stderr.write('accept-bench: run `npm run build` first (npm run bench does)\n');
    process.exitCode = 2;
    return;
  }
  const sizes = (process.env.BENCH_ROWS ?? '2000000,10000000').split(',').map(Number);
  const cpu = cpus()[0]?.model ?? 'cpu';
  const machine = `${cpus().length} cores (${cpu}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${execFileSync('uname', ['-sr'], { encoding: 'utf8' }).trim()}`;
  const date = new Date().toISOString();
  process.stdout.write(`machine: ${machine}\ndate: ${date}\n`);
  const results: Row[] = [];
  for (const rows of sizes) {
    const { files, expected } = await generate(rows);
    if (process.env.BENCH_GENERATE_ONLY) continue;
    const rounds = Number(process.env.BENCH_REPEAT ?? (rows <= 2_000_000 ? 3 : 1));
    const loadBefore = loadavg()[0] ?? 0;
    const base: Measured[] = [];
    const fromCsv: Measured[] = [];
    const fromPq: Measured[] = [];
    const noKey: Measured[] = [];
    const inOrder: Measured[] = [];
    // expected against the same records in the same order, 0.8% changed (positional-compare.ts)
    const aligned = { records: rows, matched: rows - expected.changed, changed: expected.changed, missing: 0, extra: 0 };
    const quoted = rows <= 2_000_000 ? { files: quotedCopies(files), base: [] as Measured[], runs: [] as Measured[] } : undefined;
    // as a multiset, a changed record is one missing and one extra row
    const multiset = { records: expected.matched + 2 * expected.changed + expected.missing + expected.extra, matched: expected.matched, changed: 0, missing: expected.changed + expected.missing, extra: expected.changed + expected.extra };
    for (let i = 0; i < rounds; i++) {
      const b = sortDiff(files.eCsv, files.aCsv);
      if (b.differing !== 2 * expected.changed + expected.missing + expected.extra) throw new Error(`sort + diff found ${b.differing} differing lines`);
      base.push(b);
      for (const [label, path, list] of [['csv', [files.eCsv, files.aCsv], fromCsv], ['parquet', [files.ePq, files.aPq], fromPq]] as const) {
        const run = accept(path[0], path[1]);
        const got = run.result;
        const ok = (['records', 'matched', 'changed', 'missing', 'extra'] as const).every((k) => got[k] === expected[k]);
        if (!ok) throw new Error(`accept from ${label} counted ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`);
        list.push(run);
      }
      const side = accept(files.ePq, files.alignedPq);
      if (!(['records', 'matched', 'changed', 'missing', 'extra'] as const).every((k) => side.result[k] === aligned[k])) throw new Error(`accept of Parquet in key order counted ${JSON.stringify(side.result)}, expected ${JSON.stringify(aligned)}`);
      inOrder.push(side);
      const plain = accept(files.eCsv, files.aCsv, false);
      if (!(['records', 'matched', 'changed', 'missing', 'extra'] as const).every((k) => plain.result[k] === multiset[k])) throw new Error(`accept from csv without a key counted ${JSON.stringify(plain.result)}, expected ${JSON.stringify(multiset)}`);
      noKey.push(plain);
      if (quoted !== undefined) {
        quoted.base.push(sortDiff(quoted.files.e, quoted.files.a));
        const q = accept(quoted.files.e, quoted.files.a);
        if (!(['records', 'matched', 'changed', 'missing', 'extra'] as const).every((k) => q.result[k] === expected[k])) throw new Error(`accept from quoted csv counted ${JSON.stringify(q.result)}, expected ${JSON.stringify(expected)}`);
        quoted.runs.push(q);
        process.stdout.write(`  ${rows} rows, round ${i + 1}, every field quoted: sort+diff ${round(quoted.base[i]?.seconds ?? NaN)} s, accept ${round(q.seconds)} s (cpu ${round(q.cpuSeconds)})\n`);
      }
      process.stdout.write(`  ${rows} rows, round ${i + 1}: sort+diff ${round(b.seconds)} s (cpu ${round(b.cpuSeconds)}), accept CSV ${round(fromCsv[i]?.seconds ?? NaN)} s (cpu ${round(fromCsv[i]?.cpuSeconds ?? NaN)}), Parquet ${round(fromPq[i]?.seconds ?? NaN)} s (cpu ${round(fromPq[i]?.cpuSeconds ?? NaN)}), Parquet in key order ${round(side.seconds)} s (cpu ${round(side.cpuSeconds)}, peak ${Math.round(side.peakMiB)} MiB), CSV without a key ${round(plain.seconds)} s (cpu ${round(plain.cpuSeconds)}), load ${round(loadavg()[0] ?? 0)}\n`);
    }
    const m = (xs: readonly Measured[], k: 'seconds' | 'cpuSeconds' | 'peakMiB'): number => median(xs.map((x) => x[k]));
    const row: Row = {
      rows, rounds, loadBefore: round(loadBefore), loadAfter: round(loadavg()[0] ?? 0),
      sortDiffSeconds: round(m(base, 'seconds')), sortDiffCpuSeconds: round(m(base, 'cpuSeconds')),
      acceptCsvSeconds: round(m(fromCsv, 'seconds')), acceptCsvCpuSeconds: round(m(fromCsv, 'cpuSeconds')), acceptCsvPeakMiB: Math.round(Math.max(...fromCsv.map((x) => x.peakMiB))),
      csvSpeedup: round(m(base, 'seconds') / m(fromCsv, 'seconds')), csvCpuRatio: round(m(base, 'cpuSeconds') / m(fromCsv, 'cpuSeconds')),
      acceptParquetSeconds: round(m(fromPq, 'seconds')), acceptParquetCpuSeconds: round(m(fromPq, 'cpuSeconds')), acceptParquetPeakMiB: Math.round(Math.max(...fromPq.map((x) => x.peakMiB))),
      parquetSpeedup: round(m(base, 'seconds') / m(fromPq, 'seconds')), parquetCpuRatio: round(m(base, 'cpuSeconds') / m(fromPq, 'cpuSeconds')),
      acceptCsvNoKeySeconds: round(m(noKey, 'seconds')), acceptCsvNoKeyCpuSeconds: round(m(noKey, 'cpuSeconds')), acceptCsvNoKeyPeakMiB: Math.round(Math.max(...noKey.map((x) => x.peakMiB))),
      csvNoKeySpeedup: round(m(base, 'seconds') / m(noKey, 'seconds')),
      acceptParquetInOrderSeconds: round(m(inOrder, 'seconds')), acceptParquetInOrderCpuSeconds: round(m(inOrder, 'cpuSeconds')), acceptParquetInOrderPeakMiB: Math.round(Math.max(...inOrder.map((x) => x.peakMiB))),
      parquetInOrderSpeedup: round(m(base, 'seconds') / m(inOrder, 'seconds')),
      ...(quoted !== undefined ? {
        quoted: {
          sortDiffSeconds: round(m(quoted.base, 'seconds')), acceptSeconds: round(m(quoted.runs, 'seconds')), acceptCpuSeconds: round(m(quoted.runs, 'cpuSeconds')),
          peakMiB: Math.round(Math.max(...quoted.runs.map((x) => x.peakMiB))), speedup: round(m(quoted.base, 'seconds') / m(quoted.runs, 'seconds')),
        },
      } : {}),
    };
    results.push(row);
    process.stdout.write(`${JSON.stringify(row)}\n`);
  }
  process.stdout.write('\nmedians of the rounds; speed-up = sort+diff wall / accept wall (CPU: user+sys ratio); peak RSS = the largest of the rounds\n\n');
  process.stdout.write('| rows x cols | load | sort+diff (CSV) | accept CSV | speed-up (CPU) | peak RSS | accept Parquet | speed-up (CPU) | peak RSS | accept CSV, no key | speed-up | peak RSS |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n');
  for (const r of results) {
    process.stdout.write(`| ${r.rows.toLocaleString('en-US')} x 10 | ${r.loadBefore}-${r.loadAfter} | ${r.sortDiffSeconds} s | ${r.acceptCsvSeconds} s | ${r.csvSpeedup}x (${r.csvCpuRatio}x) | ${r.acceptCsvPeakMiB} MiB | ${r.acceptParquetSeconds} s | ${r.parquetSpeedup}x (${r.parquetCpuRatio}x) | ${r.acceptParquetPeakMiB} MiB | ${r.acceptCsvNoKeySeconds} s | ${r.csvNoKeySpeedup}x | ${r.acceptCsvNoKeyPeakMiB} MiB |\n`);
  }
  for (const r of results) {
    process.stdout.write(`Parquet in key order, ${r.rows.toLocaleString('en-US')} rows, keyed (same records, 0.8% changed): accept ${r.acceptParquetInOrderSeconds} s (cpu ${r.acceptParquetInOrderCpuSeconds} s, peak ${r.acceptParquetInOrderPeakMiB} MiB) against sort+diff ${r.sortDiffSeconds} s = ${r.parquetInOrderSpeedup}x\n`);
  }
  for (const r of results) {
    if (r.quoted) process.stdout.write(`every field quoted, ${r.rows.toLocaleString('en-US')} rows, keyed: accept ${r.quoted.acceptSeconds} s (cpu ${r.quoted.acceptCpuSeconds} s, peak ${r.quoted.peakMiB} MiB) against sort+diff of the same files ${r.quoted.sortDiffSeconds} s = ${r.quoted.speedup}x\n`);
  }
  writeFileSync(join(OUT, 'accept-bench.json'), `${JSON.stringify({ machine, date, results }, null, 2)}\n`);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

void main();
