// The README walk-through, timed: `migrate init` in a fresh temporary workspace, then every step
// of bench/walkthrough-steps.ts as a new user runs it (`node bin/migrate.js …` in the workspace,
// one process per command, as the shell runs them), with each command's wall time, CPU time
// (user + system) and peak RSS from /usr/bin/time, its exit code and its first lines of output;
// the engineer's steps report what they wrote by hand. The summary gives the machine time from
// `sections propose` to the first green section and to every section green.
// Run: npm run bench (or node bench/run.js walkthrough; needs `npm run build` first).
// BENCH_KEEP=1 keeps the workspace and prints its path.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { WALKTHROUGH, type HandWork } from './walkthrough-steps';

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin/migrate.js');
const OUT = join(ROOT, 'bench/out/walkthrough');
const TIME = '/usr/bin/time';

interface Timed {
  readonly id: string;
  readonly command: string;
  readonly code: number;
  readonly seconds: number;
  readonly cpuSeconds: number | null;
  readonly peakMiB: number | null;
  readonly output: string;
  readonly hand?: HandWork;
}

/** Runs one `migrate` command in the workspace as a process of its own, timed. */
function runCommand(ws: string, id: string, args: readonly string[]): Timed {
  const withTime = existsSync(TIME);
  const argv = withTime ? ['-f', '__time %e %U %S %M', process.execPath, BIN, ...args] : [BIN, ...args];
  const started = process.hrtime.bigint();
  const r = spawnSync(withTime ? TIME : process.execPath, argv, { cwd: ws, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const m = /__time ([\d.]+) ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(r.stderr ?? '');
  const stderr = (r.stderr ?? '').replace(/__time [^\n]*\n?$/, '');
  return {
    id, command: `migrate ${args.map((a) => (/[\s[\]@]/.test(a) ? `"${a}"` : a)).join(' ')}`, code: r.status ?? -1,
    seconds: m ? Number(m[1]) : seconds, cpuSeconds: m ? Number(m[2]) + Number(m[3]) : null, peakMiB: m ? Number(m[4]) / 1024 : null,
    output: `${r.stdout ?? ''}${stderr}`,
  };
}

function abridged(text: string, lines = 8): string {
  const all = text.replace(/\s+$/, '').split('\n');
  const shown = all.slice(0, lines).map((l) => (l.length > 160 ? `${l.slice(0, 157)}...` : l));
  return [...shown, ...(all.length > lines ? [`… (${all.length - lines} more lines)`] : [])].map((l) => `    ${l}`).join('\n');
}

function main(): number {
  const ws = mkdtempSync(join(tmpdir(), 'migrate-walkthrough-'));
  const results: Timed[] = [];
  let failed = '';
  try {
    results.push(runCommand(tmpdir(), 'init', ['init', ws, '--library', join(ROOT, 'src')]));
    for (const step of WALKTHROUGH) {
      if (step.engineer) {
        const hand = step.engineer(ws);
        results.push({ id: step.id, command: '(engineer)', code: 0, seconds: 0, cpuSeconds: null, peakMiB: null, output: hand.files.join(', '), hand });
        continue;
      }
      const r = runCommand(ws, step.id, step.args ?? []);
      results.push(r);
      if (r.code !== (step.expectCode ?? 0)) { failed = `${step.id} exited ${r.code}, expected ${step.expectCode ?? 0}`; break; }
    }
  } finally {
    if (process.env.BENCH_KEEP === '1') process.stdout.write(`workspace kept: ${ws}\n`);
    else rmSync(ws, { recursive: true, force: true });
  }

  const cpu = cpus();
  process.stdout.write(`# walk-through: ${WALKTHROUGH.filter((s) => s.args).length + 1} commands on a 100-statement procedure in a fresh workspace\n`);
  process.stdout.write(`machine: ${cpu.length} x ${cpu[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; node ${process.version}; ${new Date().toISOString()}; load ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n\n`);
  for (const r of results) {
    const figures = r.hand ? `by hand: ${r.hand.lines} lines (${r.hand.what})` : `exit ${r.code}  ${r.seconds.toFixed(2)} s wall  ${r.cpuSeconds === null ? '?' : r.cpuSeconds.toFixed(2)} s CPU  ${r.peakMiB === null ? '?' : r.peakMiB.toFixed(0)} MiB peak`;
    process.stdout.write(`## ${r.id}: ${r.command}\n  ${figures}\n${r.hand ? '' : `${abridged(r.output)}\n`}`);
  }
  const from = results.findIndex((r) => r.id === 'sections propose');
  const upTo = (milestone: string): { wall: number; cpu: number; hand: number } | undefined => {
    const i = WALKTHROUGH.findIndex((s) => s.milestone === milestone);
    const id = WALKTHROUGH[i]?.id;
    const end = results.findIndex((r) => r.id === id);
    if (end < 0 || (results[end]?.code ?? 1) !== 0) return undefined;
    const span = results.slice(from, end + 1);
    return { wall: span.reduce((a, r) => a + r.seconds, 0), cpu: span.reduce((a, r) => a + (r.cpuSeconds ?? 0), 0), hand: span.reduce((a, r) => a + (r.hand?.lines ?? 0), 0) };
  };
  const first = upTo('first-green');
  const all = upTo('all-green');
  const total = { wall: results.reduce((a, r) => a + r.seconds, 0), cpu: results.reduce((a, r) => a + (r.cpuSeconds ?? 0), 0) };
  const show = (x: { wall: number; cpu: number; hand: number } | undefined): string => (x ? `${x.wall.toFixed(1)} s wall, ${x.cpu.toFixed(1)} s CPU of commands, ${x.hand} lines written by hand` : 'not reached');
  process.stdout.write(`\npropose -> first green section: ${show(first)}\npropose -> every section green: ${show(all)}\nwhole walk-through (init to status): ${total.wall.toFixed(1)} s wall, ${total.cpu.toFixed(1)} s CPU of commands\n`);
  if (failed) process.stdout.write(`FAILED: ${failed}\n`);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'result.json'), `${JSON.stringify({ at: new Date().toISOString(), load: loadavg(), steps: results.map(({ output: _output, ...r }) => r), first, all, total }, null, 2)}\n`);
  return failed ? 1 : 0;
}

process.exitCode = main();
