// The T-SQL emulator on row-by-row legacy code: dbo.usp_CountEntityLetters (nested cursors and a
// WHILE per character) on generated word bags (bench/gen/wordbag-data.ts), run in-process through
// emulateProcedure as `migrate capture` runs it. Reports statements/s and fetched rows/s, and in
// the same run two comparisons: the statement-by-statement interpreter with the JS fast path but
// every INSERT/DELETE sent to DuckDB one by one and no compiled loops (MIGRATE_EMULATOR_BATCH=0
// MIGRATE_EMULATOR_COMPILE=0, the emulator as issue 13 found it) on the first size, and every
// scalar evaluated through DuckDB (MIGRATE_EMULATOR_FAST_PATH=0, the path before the fast path)
// on a small size (it needs ~1 ms per scalar, so that comparison is of rates); the outputs of
// every path are compared. Each measurement runs in its own process (peak RSS is that run's).
// A second workload is EXEC-heavy: dbo.usp_AccrueInterestPeriod (bench/sql/interest-accrual.sql)
// EXECs dbo.usp_AccrueDay once per day (OUTPUT parameter, return code check, a #temp table, set-
// based statements and a small cursor in the callee), on accounts from bench/gen/accrual-data.ts;
// it reports calls/s and statements/s, and checks its output against the statement-by-statement
// interpreter on a small size.
// Run: npm run bench (or node bench/run.js emulator). Sizes: BENCH_EMULATOR=1000x20,10000x20
// (entities x words, default); BENCH_EMULATOR_SLOW=50x20 (the comparison's size);
// BENCH_EMULATOR_EXEC=50x1200 (accounts x days = EXECs of the inner procedure; `none` skips it).
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
import { accrualDay, ACCRUAL_COLUMNS, FIRST_DAY, generateAccrualData } from './gen/accrual-data';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'bench', 'out', 'emulator');

interface Measured {
  readonly entities: number;
  readonly words: number;
  readonly mode: Mode;
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
  /** DuckDB instance creation before the timed call (not in `seconds`). */
  readonly openSeconds: number;
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
  // Not timed (as before): creating the DuckDB instance (and loading its native library) and
  // parsing the scripts, which `migrate capture` does once for any number of procedures.
  const open0 = process.hrtime.bigint();
  const session = await EngineSession.open();
  const openSeconds = Number(process.hrtime.bigint() - open0) / 1e9;
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
      entities, words, mode: (process.env.BENCH_EMULATOR_MODE ?? 'full') as Mode, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6,
      statements: counters.statements, fetchedRows: counters.fetchedRows, fastScalars: counters.fastScalars, duckdbScalars: counters.duckdbScalars, bufferedWrites: counters.bufferedWrites, peakMiB: process.resourceUsage().maxRSS / 1024,
      outputHash: createHash('sha256').update(rows.join('\n')).digest('hex').slice(0, 16), outputRows: rows.length, openSeconds,
    };
    process.stdout.write(`__RESULT__${JSON.stringify(result)}\n`);
  } finally {
    session.close();
  }
}

/** full: everything on; statementwise: fast path only (before batching and compiled loops); duckdb: every scalar through DuckDB. */
type Mode = 'full' | 'statementwise' | 'duckdb';

const MODE_LABEL: Readonly<Record<Mode, string>> = { full: 'fast path, batched writes, compiled loops', statementwise: 'fast path, statement by statement', duckdb: 'DuckDB per scalar' };

function measure(entities: number, words: number, mode: Mode): Measured {
  const on = (b: boolean): string => (b ? '1' : '0');
  const env = {
    ...process.env, BENCH_EMULATOR_MODE: mode, BENCH_EMULATOR_CHILD: `${entities}x${words}`,
    MIGRATE_EMULATOR_FAST_PATH: on(mode !== 'duckdb'), MIGRATE_EMULATOR_BATCH: on(mode === 'full'), MIGRATE_EMULATOR_COMPILE: on(mode === 'full'),
  };
  const r = spawnSync(process.execPath, ['-r', join(__dirname, 'run.js'), __filename], { encoding: 'utf8', env, maxBuffer: 1 << 26 });
  const line = /__RESULT__(.*)/.exec(r.stdout ?? '');
  if (r.status !== 0 || line === null) throw new Error(`emulator bench ${entities}x${words} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(line[1] as string) as Measured;
}

function row(m: Measured): string {
  const n = (x: number): string => Math.round(x).toLocaleString('en-US');
  return `| ${n(m.entities)} x ${m.words} | ${MODE_LABEL[m.mode]} | ${m.seconds.toFixed(2)} s | ${m.cpuSeconds.toFixed(2)} s | ${n(m.statements)} | ${n(m.statements / m.seconds)} | ${n(m.fetchedRows)} | ${n(m.fetchedRows / m.seconds)} | ${n(m.fastScalars)} / ${n(m.duckdbScalars)} | ${n(m.bufferedWrites)} | ${m.peakMiB.toFixed(0)} MiB |`;
}

/** The 1,000 x 20 time before issue 13's work (BENCHMARKS.md, quiet machine) and the goal: 10x faster. */
const REFERENCE_SECONDS = 5.6;

function main(): void {
  process.stdout.write(`machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}\n`);
  process.stdout.write(`date: ${new Date().toISOString()}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n\n`);
  const exec = process.env.BENCH_EMULATOR_EXEC ?? '50x1200';
  // BENCH_EMULATOR=none: the EXEC-heavy figure alone.
  if (process.env.BENCH_EMULATOR === 'none') {
    if (exec !== 'none' && !execFigures(exec.split(',').map(parseSize))) process.exitCode = 1;
    return;
  }
  const sizes = (process.env.BENCH_EMULATOR ?? '1000x20,10000x20').split(',').map(parseSize);
  const slow = parseSize(process.env.BENCH_EMULATOR_SLOW ?? '50x20');
  process.stdout.write('| entities x words | evaluation | time | CPU | statements | stmts/s | fetched rows | fetched rows/s | scalars JS / DuckDB | writes buffered | peak RSS |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n');
  const [first] = sizes;
  const results: Measured[] = [];
  const record = (m: Measured): Measured => { results.push(m); process.stdout.write(`${row(m)}\n`); return m; };
  const slowDuck = record(measure(slow[0], slow[1], 'duckdb'));
  const slowFull = record(measure(slow[0], slow[1], 'full'));
  const before = first === undefined ? undefined : record(measure(first[0], first[1], 'statementwise'));
  const full = sizes.map(([e, w]) => (e === slow[0] && w === slow[1] ? slowFull : record(measure(e, w, 'full'))));
  let agree = slowDuck.outputHash === slowFull.outputHash && slowDuck.outputRows === slowFull.outputRows;
  process.stdout.write(`\n${slow[0]} x ${slow[1]}: ${(slowDuck.cpuSeconds / slowFull.cpuSeconds).toFixed(1)}x less CPU than every scalar through DuckDB; outputs ${agree ? 'identical' : 'DIFFER'} (${slowFull.outputRows} rows, sha256 ${slowFull.outputHash})\n`);
  const main = full[0];
  if (before !== undefined && main !== undefined) {
    const same = before.outputHash === main.outputHash && before.outputRows === main.outputRows;
    agree &&= same;
    process.stdout.write(`${main.entities} x ${main.words}: ${(before.seconds / main.seconds).toFixed(1)}x faster (wall), ${(before.cpuSeconds / main.cpuSeconds).toFixed(1)}x (CPU) than statement by statement in this run; outputs ${same ? 'identical' : 'DIFFER'} (${main.outputRows} rows, sha256 ${main.outputHash})\n`);
    if (main.entities === 1000 && main.words === 20) {
      process.stdout.write(`issue 13 goal: 1,000 x 20 at least 10x faster than ${REFERENCE_SECONDS} s (<= ${(REFERENCE_SECONDS / 10).toFixed(2)} s): ${main.seconds.toFixed(2)} s = ${(REFERENCE_SECONDS / main.seconds).toFixed(1)}x (${main.seconds <= REFERENCE_SECONDS / 10 ? 'met' : 'not met'}; CPU ${main.cpuSeconds.toFixed(2)} s)\n`);
      process.stdout.write(`timed: emulateProcedure as \`migrate capture\` calls it (T-SQL macros, CREATE TABLEs, loading the input CSVs, the call, reading the output table); not timed: DuckDB start ${main.openSeconds.toFixed(2)} s, generating the data and parsing the scripts\n`);
    }
  }
  for (const m of full.slice(1)) {
    process.stdout.write(`${m.entities} x ${m.words}: ${n0(m.statements / m.seconds)} stmts/s, ${n0(m.fetchedRows / m.seconds)} fetched rows/s (${(m.seconds / m.entities * 1000).toFixed(2)} ms per entity)\n`);
  }
  if (exec !== 'none' && !execFigures(exec.split(',').map(parseSize))) agree = false;
  if (!agree) process.exitCode = 1;
  process.stdout.write(`load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
}

function n0(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}

/** One emulated EXEC-heavy call (the child side): usp_AccrueInterestPeriod over `days` days. */
async function execChild(accounts: number, days: number): Promise<void> {
  const dir = join(OUT, `accrual-${accounts}x${days}`);
  mkdirSync(dir, { recursive: true });
  const data = generateAccrualData({ accounts, days, seed: 7 });
  const inputs = Object.entries(ACCRUAL_COLUMNS).map(([table, columns]) => {
    const file = join(dir, `${table}.csv`);
    writeFileSync(file, formatCsv(columns, data[table] ?? []));
    return { table, file };
  });
  const file = 'bench/sql/interest-accrual.sql';
  const scripts = [parseScript(readFileSync(join(ROOT, file), 'utf8'), { file })];
  const session = await EngineSession.open();
  try {
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const r = await emulateProcedure({ scripts, procedure: 'dbo.usp_AccrueInterestPeriod', session, inputs, params: { FromDate: FIRST_DAY, ToDate: accrualDay(days - 1) } });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    if (r.returnValue !== 0) throw new Error(`usp_AccrueInterestPeriod returned ${r.returnValue}: ${r.messages.join(' / ')}`);
    const hash = createHash('sha256');
    for (const o of r.outputs) for (const row of o.rows) hash.update(`${o.name}\t${o.columns.map((c) => String(row[c])).join('\t')}\n`);
    const result: ExecMeasured = {
      accounts, days, mode: (process.env.BENCH_EMULATOR_MODE ?? 'full') as Mode, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, statements: r.counters.statements,
      outputRows: r.outputs.reduce((n, o) => n + o.rows.length, 0), outputHash: hash.digest('hex').slice(0, 16), peakMiB: process.resourceUsage().maxRSS / 1024,
    };
    process.stdout.write(`__RESULT__${JSON.stringify(result)}\n`);
  } finally {
    session.close();
  }
}

interface ExecMeasured {
  readonly accounts: number;
  /** Days of the period: the EXECs of dbo.usp_AccrueDay. */
  readonly days: number;
  readonly mode: Mode;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly statements: number;
  readonly outputRows: number;
  readonly outputHash: string;
  readonly peakMiB: number;
}

function measureExec(accounts: number, days: number, mode: Mode): ExecMeasured {
  const on = (b: boolean): string => (b ? '1' : '0');
  const env = { ...process.env, BENCH_EMULATOR_MODE: mode, BENCH_EMULATOR_CHILD_EXEC: `${accounts}x${days}`, MIGRATE_EMULATOR_BATCH: on(mode === 'full'), MIGRATE_EMULATOR_COMPILE: on(mode === 'full') };
  const r = spawnSync(process.execPath, ['-r', join(__dirname, 'run.js'), __filename], { encoding: 'utf8', env, maxBuffer: 1 << 26 });
  const line = /__RESULT__(.*)/.exec(r.stdout ?? '');
  if (r.status !== 0 || line === null) throw new Error(`emulator EXEC bench ${accounts}x${days} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(line[1] as string) as ExecMeasured;
}

/**
 * The EXEC-heavy figure: calls/s and statements/s at each size, and the statement-by-statement
 * interpreter on the first size's accounts over 60 days, whose outputs must be the same.
 */
function execFigures(sizes: readonly [number, number][]): boolean {
  process.stdout.write('\n| accounts x days (EXECs) | evaluation | time | CPU | calls/s | CPU per call | statements | stmts/s | output rows | peak RSS |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n');
  const n = (x: number): string => Math.round(x).toLocaleString('en-US');
  const show = (m: ExecMeasured): ExecMeasured => {
    process.stdout.write(`| ${n(m.accounts)} x ${n(m.days)} | ${MODE_LABEL[m.mode]} | ${m.seconds.toFixed(2)} s | ${m.cpuSeconds.toFixed(2)} s | ${n(m.days / m.seconds)} | ${(m.cpuSeconds / m.days * 1000).toFixed(1)} ms | ${n(m.statements)} | ${n(m.statements / m.seconds)} | ${n(m.outputRows)} | ${m.peakMiB.toFixed(0)} MiB |\n`);
    return m;
  };
  const [first] = sizes;
  if (first === undefined) return true;
  const small: [number, number] = [first[0], Math.min(first[1], 60)];
  const before = show(measureExec(small[0], small[1], 'statementwise'));
  const after = show(measureExec(small[0], small[1], 'full'));
  for (const [a, d] of sizes) if (a !== small[0] || d !== small[1]) show(measureExec(a, d, 'full'));
  const same = before.outputHash === after.outputHash && before.outputRows === after.outputRows;
  process.stdout.write(`${small[0]} x ${small[1]}: outputs of the two evaluations ${same ? 'identical' : 'DIFFER'} (${after.outputRows} rows, sha256 ${after.outputHash})\n`);
  return same;
}

const childExec = process.env.BENCH_EMULATOR_CHILD_EXEC;
const childSize = process.env.BENCH_EMULATOR_CHILD;
if (childExec !== undefined) {
  const [a, d] = parseSize(childExec);
  execChild(a, d).catch((err: unknown) => { process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`); process.exitCode = 1; });
} else if (childSize !== undefined) {
  const [e, w] = parseSize(childSize);
  child(e, w).catch((err: unknown) => { process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`); process.exitCode = 1; });
} else {
  main();
}
