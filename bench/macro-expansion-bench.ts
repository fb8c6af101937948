// The emulator's conversion and text macros read their first argument once (a one-element list and
// a lambda: src/legacy/emulator/read-once-macros.ts) where DuckDB's textual expansion copied it
// into every reference. This bench measures, in one session and one run, each case both ways: the
// installed macros against their `_inline` twins (the body as written, what every statement used
// before, and what a table definition still uses):
//   - loading datetime text: N rows of text through CAST(text AS datetime) as input loading does;
//   - a cleaned phone number: REPLACE(REPLACE(REPLACE(REPLACE(p, '(', ''), ')', ''), '-', ''), ' ', '')
//     into a varchar(12) column, over N rows;
//   - one statement of a loop body: the same REPLACE chain over one value, run as a prepared
//     statement M times (a cursor's pass), per pass.
// The two ways' results are compared (identical, or the bench fails). Run: node bench/run.js
// macro-expansion (BENCH_MACRO_ROWS=50000, BENCH_MACRO_PASSES=20 by default).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { EngineSession } from '../src/engine';
import { installTsqlMacros } from '../src/legacy';

const ROWS = Number(process.env.BENCH_MACRO_ROWS ?? 50000);
const PASSES = Number(process.env.BENCH_MACRO_PASSES ?? 20);

const DATETIME = (v: string, s: string): string => `tsql_datetime_in_range${s}(tsql_to_datetime${s}(tsql_text_to_dtm${s}(${v}, 'varchar', 'datetime')), 'varchar', true)`;
const PHONE = (v: string, s: string): string =>
  `tsql_fit_text${s}(tsql_replace${s}(tsql_replace${s}(tsql_replace${s}(tsql_replace${s}(${v}, '(', ''), ')', ''), '-', ''), ' ', ''), 12, 'String or binary data would be truncated: ''')`;

interface Timing { readonly seconds: number; readonly digest: string }

async function timed(session: EngineSession, sql: string): Promise<Timing> {
  const start = process.hrtime.bigint();
  const digest = String(await session.scalar(sql));
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, digest };
}

async function passes(session: EngineSession, sql: string): Promise<Timing> {
  const prepared = await session.connection.prepare(sql);
  const start = process.hrtime.bigint();
  let last = '';
  for (let i = 0; i < PASSES; i++) {
    prepared.clearBindings();
    prepared.bind([`(555) 123-${String(1000 + (i % 9000))}`]);
    last = String((await prepared.runAndReadAll()).getRows()[0]?.[0]);
  }
  prepared.destroySync();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9 / PASSES, digest: last };
}

async function main(): Promise<void> {
  process.stdout.write(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);
  process.stdout.write(`date: ${new Date().toISOString()}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n\n`);
  const session = await EngineSession.open({ threads: 1 });
  await installTsqlMacros(session);
  await session.run(`CREATE TABLE bench_text AS SELECT strftime(TIMESTAMP '2020-01-01' + to_seconds(CAST(i * 7919 % 31536000 AS BIGINT)), '%Y-%m-%d %H:%M:%S') AS moment,
    '(' || CAST(200 + i % 800 AS VARCHAR) || ') ' || CAST(100 + i % 900 AS VARCHAR) || '-' || lpad(CAST(i % 10000 AS VARCHAR), 4, '0') AS phone FROM range(${ROWS}) r(i)`);
  const cases: { name: string; run: (suffix: string) => Promise<Timing> }[] = [
    { name: `datetime text loaded, ${ROWS.toLocaleString('en-US')} rows`, run: (s) => timed(session, `SELECT sum(epoch_ms(${DATETIME('moment', s)})) FROM bench_text`) },
    { name: `REPLACE x4 into varchar(12), ${ROWS.toLocaleString('en-US')} rows`, run: (s) => timed(session, `SELECT sum(hash(${PHONE('phone', s)})) FROM bench_text`) },
    { name: `REPLACE x4 of one value, a prepared statement run ${PASSES} times (per pass)`, run: (s) => passes(session, `SELECT ${PHONE('$1', s)}`) },
  ];
  const rows: string[] = [];
  const results: Record<string, unknown>[] = [];
  let mismatch = false;
  for (const c of cases) {
    const inline = await c.run('_inline');
    const once = await c.run('');
    if (inline.digest !== once.digest) mismatch = true;
    const fmt = (t: Timing): string => (t.seconds < 0.1 ? `${(t.seconds * 1000).toFixed(1)} ms` : `${t.seconds.toFixed(2)} s`);
    rows.push(`| ${c.name} | ${fmt(once)} | ${fmt(inline)} | ${(inline.seconds / once.seconds).toFixed(1)}x | ${inline.digest === once.digest ? 'yes' : 'NO'} |`);
    results.push({ case: c.name, readOnceSeconds: once.seconds, inlineSeconds: inline.seconds, identical: inline.digest === once.digest });
  }
  session.close();
  process.stdout.write('| case | read once (installed) | inline twins (before) | ratio | same result |\n|---|---:|---:|---:|---|\n');
  process.stdout.write(`${rows.join('\n')}\n`);
  process.stdout.write(`load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
  const out = resolve(__dirname, 'out');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'macro-expansion.json'), `${JSON.stringify({ date: new Date().toISOString(), rows: ROWS, passes: PASSES, results }, null, 2)}\n`);
  if (mismatch) {
    process.stderr.write('the two ways gave different results\n');
    process.exitCode = 1;
  }
}

void main();
