// The T-SQL emulator on row-by-row legacy code: dbo.usp_CountEntityLetters (nested cursors and a
// WHILE per character) on generated word bags (bench/gen/wordbag-data.ts), run in-process through
// emulateProcedure as `migrate capture` runs it. Reports statements/s and fetched rows/s, and in
// the same run the comparison: every scalar evaluated through DuckDB (MIGRATE_EMULATOR_FAST_PATH=0,
// the evaluation path before the JS fast path) on the smaller size, and the outputs of both paths
// compared (that path needs ~1 ms per scalar, so it runs on a small size and the comparison is
// of rates). Each measurement runs in its own process (peak RSS is that run's).
// Run: npm run bench (or node bench/run.js emulator). Sizes: BENCH_EMULATOR=1000x20,10000x20
// (entities x words, default); BENCH_EMULATOR_SLOW=50x20 (the comparison's size).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { EngineSession } from '../src/engine';
import { parseScript } from '../src/tsql';
import { emulateProcedure } from '../src/legacy/emulator/emulate-procedure';
import { generateWordBagData, WORDBAG_COLUMNS } from './gen/wordbag-data';
import { formatCsv } from './gen/table-rows';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'bench', 'out', 'emulator');

interface Measured {
  readonly entities: number;
  readonly words: number;
  readonly fastPath: boolean;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly statements: number;
  readonly fetchedRows: number;
  readonly fastScalars: number;
  readonly duckdbScalars: number;
  /** INSERT/DELETE statements buffered and written to DuckDB in batches (write-buffer.ts). */
  readonly bufferedWrites: number;
  readonly peakMiB: number;
  /** sha256 of the output table (all columns but ComputedAt, the clock), to compare the paths. */
  readonly outputHash: string;
  readonly outputRows: number;
}

function parseSize(text: string): [number, number] {
  const m = /^(\d+)x(\d+)$/.exec(text.trim());
  if (m === null) throw new Error(`size ${text} is not ENTITIESxWORDS (e.g. 1000x20)`);
  return [Number(m[1]), Number(m[2])];
}

/** One emulated call in this process (the child side). */
async function child(entities: number, words: number): Promise<void> {
  const dir = join(OUT, `${entities}x${words}`);
  mkdirSync(dir, { recursive: true });
  const data = generateWordBagData({ entities, wordsPerEntity: words, seed: 42 });
  const inputs = Object.entries(WORDBAG_COLUMNS).map(([table, columns]) => {
    const file = join(dir, `${table}.csv`);
    writeFileSync(file, formatCsv(columns, data[table] ?? []));
    return { table, file };
  });
  const scripts = ['procedures/tables/wordbag-tables.sql', 'procedures/dbo.usp_CountEntityLetters.sql']
    .map((f) => parseScript(readFileSync(join(ROOT, f), 'utf8'), { file: f }));
  const session = await EngineSession.open();
  try {
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const r = await emulateProcedure({ scripts, procedure: 'dbo.usp_CountEntityLetters', session, inputs, clock: '2026-01-01T00:00:00'});
    const { counters } = r;
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    const out = r.outputs.find((o) => o.name === 'dbo.entitylettercount');
    const rows = (out?.rows ?? []).map((row) => [row.EntityId, row.Letter, row.Occurrences, row.WordsScanned].map(String).join('\t'));
    const result: Measured = {
      entities, words, fastPath: process.env.MIGRATE_EMULATOR_FAST_PATH !== '0', seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6,
      statements: counters.statements, fetchedRows: counters.fetchedRows, fastScalars: counters.fastScalars, duckdbScalars: counters.duckdbScalars, bufferedWrites: counters.bufferedWrites, peakMiB: process.resourceUsage().maxRSS / 1024,
      outputHash: createHash('sha256').update(rows.join('\n')).digest('hex').slice(0, 16), outputRows: rows.length,
    };
    process.stdout.write(`__RESULT__${JSON.stringify(result)}\n`);
  } finally {
    session.close();
  }
}

function measure(entities: number, words: number, fastPath: boolean): Measured {
  const env = { ...process.env, MIGRATE_EMULATOR_FAST_PATH: fastPath ? '1' : '0', BENCH_EMULATOR_CHILD: `${entities}x${words}` };
  const r = spawnSync(process.execPath, ['-r', join(__dirname, 'run.js'), __filename], { encoding: 'utf8', env, maxBuffer: 1 << 26 });
  const line = /__RESULT__(.*)/.exec(r.stdout ?? '');
  if (r.status !== 0 || line === null) throw new Error(`emulator bench ${entities}x${words} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(line[1] as string) as Measured;
}

function row(m: Measured): string {
  const n = (x: number): string => Math.round(x).toLocaleString('en-US');
  return `| ${n(m.entities)} x ${m.words} | ${m.fastPath ? 'JS fast path' : 'DuckDB per scalar'} | ${m.seconds.toFixed(2)} s | ${m.cpuSeconds.toFixed(2)} s | ${n(m.statements)} | ${n(m.statements / m.seconds)} | ${n(m.fetchedRows)} | ${n(m.fetchedRows / m.seconds)} | ${n(m.fastScalars)} / ${n(m.duckdbScalars)} | ${m.peakMiB.toFixed(0)} MiB |`;
}

function main(): void {
  const sizes = (process.env.BENCH_EMULATOR ?? '1000x20,10000x20').split(',').map(parseSize);
  const slow = parseSize(process.env.BENCH_EMULATOR_SLOW ?? '50x20');
  process.stdout.write(`machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}\n`);
  process.stdout.write(`date: ${new Date().toISOString()}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n\n`);
  process.stdout.write('| entities x words | evaluation | time | CPU | statements | stmts/s | fetched rows | fetched rows/s | scalars JS / DuckDB | peak RSS |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n');
  const before = measure(slow[0], slow[1], false);
  process.stdout.write(`${row(before)}\n`);
  const results: Measured[] = [];
  const all = sizes.some(([e, w]) => e === slow[0] && w === slow[1]) ? sizes : [slow, ...sizes];
  for (const [e, w] of all) {
    const m = measure(e, w, true);
    results.push(m);
    process.stdout.write(`${row(m)}\n`);
  }
  const same = results.find((m) => m.entities === before.entities && m.words === before.words);
  if (same !== undefined) {
    const agree = same.outputHash === before.outputHash && same.outputRows === before.outputRows;
    process.stdout.write(`\n${before.entities} x ${before.words}: JS fast path ${(before.seconds / same.seconds).toFixed(1)}x faster (wall), ${(before.cpuSeconds / same.cpuSeconds).toFixed(1)}x (CPU) than every scalar through DuckDB; outputs ${agree ? 'identical' : 'DIFFER'} (${same.outputRows} rows, sha256 ${same.outputHash})\n`);
    if (!agree) process.exitCode = 1;
  }
  for (const m of results.filter((r) => r !== same)) {
    process.stdout.write(`${m.entities} x ${m.words}: ${(m.statements / m.seconds / (before.statements / before.seconds)).toFixed(1)}x the statements/s of the DuckDB-per-scalar path at ${before.entities} x ${before.words}\n`);
  }
  process.stdout.write('reference (before this work, BENCHMARKS.md, quiet machine): 1,000 x 20 in 5.6 s\n');
  process.stdout.write(`load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
}

const childSize = process.env.BENCH_EMULATOR_CHILD;
if (childSize !== undefined) {
  const [e, w] = parseSize(childSize);
  child(e, w).catch((err: unknown) => { process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`); process.exitCode = 1; });
} else {
  main();
}
