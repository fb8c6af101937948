// The README's walk-through as data: the commands a new user types in a fresh workspace to
// migrate tests/fixtures/walkthrough (a 100-statement month-end procedure), in order, and the
// engineer's own edits between them (what had to be written by hand, copied from the fixture's
// hand/ folder). bench/walkthrough-bench.ts runs them as processes and times each;
// tests/e2e/walkthrough.test.ts runs them in-process and asserts what they produce.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURE = join(__dirname, '../tests/fixtures/walkthrough');
/** The procedure as its CREATE statement writes it, and its sections' folder. */
export const PROC = '[Billing Ops].[usp_Close Billing Month]';
export const SECTIONS = 'Billing_Ops.usp_Close_Billing_Month';
export const MONTH = '2026-11-01';

const section = (slug: string): string => `${SECTIONS}/${slug}`;

/** What an engineer's step wrote by hand: files and the lines a person typed. */
export interface HandWork {
  readonly what: string;
  readonly files: readonly string[];
  readonly lines: number;
}

/** One step: a `migrate` command (argv after `migrate`, run in the workspace) or an engineer's edit. */
export interface WalkStep {
  readonly id: string;
  /** Tells the walk-through's milestones: the first section green, every section green. */
  readonly milestone?: 'first-green' | 'all-green';
  readonly args?: readonly string[];
  /** The exit code the step must end with (0 unless said). */
  readonly expectCode?: number;
  /** `migrate test` steps: the runner may add --json to read which sections pass. */
  readonly testStep?: boolean;
  readonly engineer?: (ws: string) => HandWork;
}

/** Lines of `after` that `before` does not have (as a multiset): what a person typed. */
function typedLines(before: string, after: string): number {
  const have = new Map<string, number>();
  for (const l of before.split('\n')) have.set(l.trim(), (have.get(l.trim()) ?? 0) + 1);
  let n = 0;
  for (const l of after.split('\n')) {
    const k = l.trim();
    if (k === '') continue;
    const left = have.get(k) ?? 0;
    if (left > 0) have.set(k, left - 1);
    else n++;
  }
  return n;
}

/** Copies the legacy procedure, its CREATE TABLE script and the month's input data into the workspace. */
function copyLegacy(ws: string): HandWork {
  cpSync(join(FIXTURE, 'procedures'), join(ws, 'procedures'), { recursive: true });
  mkdirSync(join(ws, 'acceptance/data/close'), { recursive: true });
  cpSync(join(FIXTURE, 'data'), join(ws, 'acceptance/data/close'), { recursive: true });
  return { what: 'put the procedure, its CREATE TABLE script and the input CSVs in the workspace', files: ['procedures/', 'acceptance/data/close/'], lines: 0 };
}

/**
 * The engineer's edits of the proposed specs: Given rows for the sections without an entity
 * (which `--from-data` cannot slice; 04's loop carries a value across customers, so its scenario
 * holds several), descriptions, and the archive's dynamic SQL moved out of
 * housekeeping into a section of its own. A proposed file whose tag line differs from the one the
 * hand-edited copy was written against means propose changed: the fixture must be redone.
 */
function editSpecs(ws: string): HandWork {
  const dir = join(ws, 'sections', SECTIONS);
  const hand = join(FIXTURE, 'hand/sections');
  let lines = 0;
  const files: string[] = [];
  for (const f of readdirSync(hand).sort()) {
    const target = join(dir, f);
    const text = readFileSync(join(hand, f), 'utf8');
    const before = existsSync(target) ? readFileSync(target, 'utf8') : '';
    if (before !== '' && !f.startsWith('00-') && before.split('\n')[0] !== text.split('\n')[0]) {
      throw new Error(`propose wrote ${f} with tags ${before.split('\n')[0]}, the hand-edited copy has ${text.split('\n')[0]}: redo tests/fixtures/walkthrough/hand/sections/${f}`);
    }
    lines += typedLines(before, text);
    writeFileSync(target, text);
    files.push(`sections/${SECTIONS}/${f}`);
  }
  return { what: 'Given rows and descriptions for 02, 03, 04, 06, 07; 08-statement-archive (the dynamic SQL) out of housekeeping', files, lines };
}

/** Replaces the drafts that refused with hand-written transforms (importing the engine as the draft does). */
function writeRefusedTransforms(ws: string): HandWork {
  const hand = join(FIXTURE, 'hand/transforms');
  let lines = 0;
  const files: string[] = [];
  for (const f of readdirSync(hand).sort()) {
    const target = join(ws, 'src/transforms', SECTIONS, f);
    const drafted = readFileSync(target, 'utf8');
    if (!/notImplemented\(/.test(drafted)) throw new Error(`${f}: the draft no longer refuses; drop its hand-written copy from the fixture`);
    const engine = /from '([^']*engine)'/.exec(drafted)?.[1] ?? 'tsql-migrate/engine';
    const text = readFileSync(join(hand, f), 'utf8').replace(/from 'tsql-migrate\/engine'/, `from '${engine}'`);
    lines += typedLines(drafted, text);
    writeFileSync(target, text);
    files.push(`src/transforms/${SECTIONS}/${f}`);
  }
  return { what: 'the transforms of the two sections the draft refused (01: cursor with a two-column DELETE; 08: dynamic SQL)', files, lines };
}

/** The acceptance config: which tables to compare, keyed how. */
function writeAcceptanceConfig(ws: string): HandWork {
  const name = `${PROC.replace(/[[\]]/g, '')}.yaml`;
  const text = readFileSync(join(FIXTURE, 'hand/acceptance', name), 'utf8');
  writeFileSync(join(ws, 'acceptance', name), text);
  return { what: 'the acceptance config (tables, keys)', files: [`acceptance/${name}`], lines: text.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#')).length };
}

/** The walk-through, in the order the README gives it. `init` is run by the caller (it makes the workspace). */
export const WALKTHROUGH: readonly WalkStep[] = [
  { id: 'copy legacy code and data', engineer: copyLegacy },
  { id: 'analyze', args: ['analyze', 'procedures/'] },
  { id: 'sections propose', args: ['sections', 'propose', PROC] },
  { id: 'sections check', args: ['sections', 'check', PROC] },
  { id: 'record 05 from data', args: ['sections', 'record', section('05-customer-credit'), '--from-data', 'acceptance/data/close', '--param', `@MonthStart=${MONTH}`] },
  { id: 'scaffold 05 --draft', args: ['scaffold', section('05-customer-credit'), '--draft'] },
  { id: 'test 05', args: ['test', section('05-customer-credit')], testStep: true, milestone: 'first-green' },
  { id: 'record 01 from data', args: ['sections', 'record', section('01-customer-month-summary'), '--from-data', 'acceptance/data/close', '--param', `@MonthStart=${MONTH}`] },
  // 04 has no @entity (its loop carries @PrevAmount from one customer to the next): --from-data stops, saying so
  { id: 'record 04 from data', args: ['sections', 'record', section('04-payment-ledger'), '--from-data', 'acceptance/data/close', '--param', `@MonthStart=${MONTH}`], expectCode: 2 },
  { id: 'write Given rows (engineer)', engineer: editSpecs },
  { id: 'sections check again', args: ['sections', 'check', PROC] },
  ...['02-daily-revenue', '03-payment-ledger', '04-payment-ledger', '06-region-month-total', '07-result-region-month-total'].map((s) => ({ id: `record ${s.slice(0, 2)}`, args: ['sections', 'record', section(s)] })),
  { id: 'record 08', args: ['sections', 'record', section('08-statement-archive'), '--allow-dynamic-sql'] },
  ...['01-customer-month-summary', '02-daily-revenue', '03-payment-ledger', '04-payment-ledger', '06-region-month-total', '07-result-region-month-total', '08-statement-archive']
    .map((s) => ({ id: `scaffold ${s.slice(0, 2)} --draft`, args: ['scaffold', section(s), '--draft'] })),
  { id: 'test (drafts)', args: ['test', PROC], testStep: true, expectCode: 1 },
  { id: 'write refused transforms (engineer)', engineer: writeRefusedTransforms },
  { id: 'test (all)', args: ['test', PROC], testStep: true, milestone: 'all-green' },
  { id: 'run', args: ['run', PROC, '--data', 'acceptance/data/close', '--format', 'csv', '--out', 'acceptance/actual/close', '--param', `@MonthStart=${MONTH}`, '--param', '@KeepMonths=24'] },
  { id: 'capture', args: ['capture', PROC, '--data', 'acceptance/data/close', '--param', `@MonthStart=${MONTH}`, '--clock', '2026-12-01T02:00:00', '--allow-dynamic-sql', '--out', 'acceptance/baseline/close'] },
  { id: 'write acceptance config (engineer)', engineer: writeAcceptanceConfig },
  { id: 'accept', args: ['accept', `acceptance/${PROC.replace(/[[\]]/g, '')}.yaml`, '--record', 'acceptance/results'] },
  { id: 'status', args: ['status'] },
];
