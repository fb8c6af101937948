import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  loadAcceptanceConfigs, parseTableSource, renderHtml, renderJson, renderJunit, renderTextReport, resolveCompareOptions, sideCsv,
  runComparison, summarizeResults, verdictLine, type AcceptError, type ComparisonJob, type CompareOptions, type OptionFields, type TableResult, type Tolerance,
} from '../../acceptance';
import { displayPath, MigrateError, UsageError, writeFileAtomic } from '../../core';
import { EngineSession, type CsvOptions } from '../../engine';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exit-codes';
import { collectValues, countText, paint, Progress } from '../output';
import type { ActionWrapper } from '../program';

/** Flags of `migrate accept`, as commander hands them over. */
interface AcceptFlags {
  readonly writeConfig?: string | boolean;
  readonly force?: boolean;
  readonly root: string;
  readonly expected?: string;
  readonly actual?: string;
  readonly key?: string;
  readonly name?: string;
  readonly ignoreCase?: boolean;
  readonly trim?: boolean;
  readonly nullEqualsEmpty?: boolean;
  readonly tolerance: string[];
  readonly relativeTolerance: string[];
  readonly ignore: string[];
  readonly map: string[];
  readonly threshold?: string;
  readonly limit?: string;
  readonly head?: string;
  readonly json?: boolean;
  readonly junit?: string;
  readonly record?: string;
  readonly html?: string;
  readonly mismatches?: string;
  readonly delimiter?: string;
  readonly quote?: string;
  readonly escape?: string;
  readonly header: boolean;
  readonly nullMarker?: string;
  readonly encoding?: string;
  readonly expectedNoHeader?: boolean;
  readonly actualNoHeader?: boolean;
  readonly expectedNullMarker?: string;
  readonly actualNullMarker?: string;
  readonly expectedEncoding?: string;
  readonly actualEncoding?: string;
  readonly decimalComma?: boolean;
  readonly expectedDecimalComma?: boolean;
  readonly actualDecimalComma?: boolean;
  readonly sampleSize?: string;
  readonly allVarchar?: boolean;
  readonly allowEmpty?: boolean;
  readonly memoryLimit: string;
  readonly threads?: string;
  readonly tempDir?: string;
}

type CompareOptionsLike = { -readonly [K in keyof CompareOptions]?: CompareOptions[K] };


/** Registers `migrate accept`: sort + diff new against legacy outputs, match %, CI gate. */
export function registerAccept(program: Command, run: ActionWrapper): void {
  program.command('accept')
    .description('compare actual (new pipeline) against expected (legacy) outputs: counts, keys, per-column match %, the first differences, verdict')
    .argument('[configs...]', 'acceptance configs (.yaml) or folders of them')
    .option('--expected <source>', 'legacy output: file.csv|.tsv|.parquet|.jsonl|.json, db.duckdb#table, csv:|parquet:|json:path, or sql:SELECT …')
    .option('--actual <source>', 'new output, same forms as --expected')
    .option('--key <cols>', "key columns, comma-separated (composite allowed), or 'auto'; without a key rows compare as a multiset")
    .option('--name <name>', 'table name in reports (default: the expected file name)')
    .option('--ignore-case', 'compare text case-insensitively (SQL Server default collation)')
    .option('--trim', 'ignore trailing blanks (CHAR padding)')
    .option('--null-equals-empty', 'treat NULL and empty string as equal')
    .option('--tolerance <n|col=n>', 'absolute float tolerance, global or per column (repeatable)', collectValues, [])
    .option('--relative-tolerance <n|col=n>', 'relative float tolerance, global or per column (repeatable)', collectValues, [])
    .option('--ignore <cols>', 'columns to leave out, e.g. load timestamps (repeatable, comma-separated)', collectValues, [])
    .option('--map <old=new>', 'expected column old is called new in actual (repeatable)', collectValues, [])
    .option('--threshold <pct>', 'pass when Percentage Matched >= pct', '100')
    .option('--limit <k>', 'differing records shown side by side', '10')
    .option('--head <n>', 'rows of each input shown in the load step', '5')
    .option('--json', 'print the result as JSON (DESIGN.md contract) instead of the text report')
    .option('--junit <file>', 'write JUnit XML, one test case per table')
    .option('--html <file>', 'write a self-contained HTML report')
    .option('--mismatches <file>', 'write every differing record to a CSV file')
    .option('--record <dir>', 'also keep each config\'s result as <dir>/<config name>.json (read by migrate status)')
    .option('--delimiter <c>', 'CSV delimiter (default: sniffed)')
    .option('--quote <c>', 'CSV quote character')
    .option('--escape <c>', 'CSV escape character')
    .option('--no-header', 'CSV files have no header row')
    .option('--null-marker <text>', 'CSV text that means NULL, e.g. NULL')
    .option('--encoding <enc>', 'CSV encoding: utf-8, utf-16, latin-1, windows-1252 (default: UTF-16 by its first bytes, else UTF-8, else Windows-1252)')
    .option('--expected-no-header', 'the expected CSV has no header row (SSMS saves results without one by default): its columns take the actual file\'s names, in order')
    .option('--actual-no-header', 'the actual CSV has no header row: its columns take the expected file\'s names, in order')
    .option('--expected-null-marker <text>', 'the same for the expected file only (an SSMS export writes NULL as NULL)')
    .option('--actual-null-marker <text>', 'the same for the actual file only')
    .option('--expected-encoding <enc>', 'CSV encoding of the expected file only (e.g. latin-1 for an ANSI export)')
    .option('--actual-encoding <enc>', 'CSV encoding of the actual file only')
    .option('--decimal-comma', 'CSV numbers are written with a decimal comma (1234,56; fields then separated by ;)')
    .option('--expected-decimal-comma', 'the same for the expected file only (a European-locale export of the legacy output)')
    .option('--actual-decimal-comma', 'the same for the actual file only')
    .option('--sample-size <rows>', 'rows sniffed for CSV types (-1 = whole file)')
    .option('--all-varchar', 'read CSV columns as text (no type guessing)')
    .option('--allow-empty', 'accept inputs with no rows')
    .option('--memory-limit <size>', 'DuckDB memory limit (spills to disk beyond it)', '3GB')
    .option('--threads <n>', 'DuckDB worker threads (default: all cores)')
    .option('--temp-dir <dir>', 'where DuckDB spills (default: the system temp folder)')
    .option('--write-config [proc]', 'write <acceptance>/<proc>.yaml for a procedure captured under <acceptance>/baseline (every captured one without [proc]): its sections\' outputs against the baseline, keyed as captured')
    .option('--force', 'with --write-config: replace a config someone edited')
    .option('--root <dir>', 'workspace root, for --write-config', '.')
    .addHelpText('after', `
Examples:
  migrate accept --expected legacy/orders.csv --actual out/orders.parquet --key order_id
  migrate accept --expected a.csv --actual b.csv --key auto --trim --ignore-case --tolerance 1e-9 --tolerance amount=0.005
  migrate accept --expected 'sql:SELECT * FROM read_parquet(''x/*.parquet'') WHERE day = 1' --actual db.duckdb#main.kpi --key id
  migrate accept acceptance/ --junit reports/acceptance.xml --html reports/acceptance.html
  migrate accept --write-config dbo.usp_BuildDeviceKpis
Exit: 0 when Percentage Matched >= threshold, 1 below, 2 for bad input.`)
    .action(run(async (configs: string[], flags: AcceptFlags) => runAccept(configs, flags)));
}

function numberFlag(name: string, text: string | undefined, min: number, max = Infinity): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || Number.isNaN(n) || n < min || n > max) throw new UsageError('ACCEPT_FLAG', `--${name} must be a number${min > -Infinity ? ` >= ${min}` : ''}${max < Infinity ? ` and <= ${max}` : ''}, got '${text}'`);
  return n;
}

function tolerances(flag: string, values: readonly string[], field: keyof Tolerance, global: { absolute?: number; relative?: number }, perColumn: Record<string, Partial<Tolerance>>): void {
  for (const v of values) {
    const m = /^([^=]+)=(.+)$/.exec(v);
    if (m) perColumn[(m[1] as string).trim()] = { ...perColumn[(m[1] as string).trim()], [field]: numberFlag(flag, m[2], 0) };
    else global[field] = numberFlag(flag, v, 0);
  }
}

/** Turns the flags into option fields (the same shape a config's fields produce). */
export function optionFieldsOf(flags: AcceptFlags): OptionFields {
  const global: { absolute?: number; relative?: number } = {};
  const perColumn: Record<string, Partial<Tolerance>> = {};
  tolerances('tolerance', flags.tolerance, 'absolute', global, perColumn);
  tolerances('relative-tolerance', flags.relativeTolerance, 'relative', global, perColumn);
  const map: Record<string, string> = {};
  for (const m of flags.map) {
    const parts = /^([^=]+)=(.+)$/.exec(m);
    if (!parts) throw new UsageError('ACCEPT_FLAG', `--map takes expected=actual column names, got '${m}'`);
    map[(parts[1] as string).trim()] = (parts[2] as string).trim();
  }
  const options: CompareOptionsLike = {
    key: flags.key === undefined ? undefined : flags.key.trim().toLowerCase() === 'auto' ? 'auto' : flags.key.split(',').map((s) => s.trim()).filter(Boolean),
    ignoreCase: flags.ignoreCase, trim: flags.trim, nullEqualsEmpty: flags.nullEqualsEmpty,
    tolerance: { absolute: global.absolute ?? 0, relative: global.relative ?? 0 },
    columnTolerance: perColumn,
    ignore: flags.ignore.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean),
    map, threshold: numberFlag('threshold', flags.threshold, 0, 100), limit: numberFlag('limit', flags.limit, 0), head: numberFlag('head', flags.head, 0),
  };
  const csv: CsvOptions = Object.fromEntries(Object.entries({
    delimiter: flags.delimiter === '\\t' ? '\t' : flags.delimiter, quote: flags.quote, escape: flags.escape, header: flags.header === false ? false : undefined,
    nullMarker: flags.nullMarker, encoding: flags.encoding, sampleSize: numberFlag('sample-size', flags.sampleSize, -1), allVarchar: flags.allVarchar,
    decimalSeparator: flags.decimalComma ? ',' : undefined,
  }).filter(([, v]) => v !== undefined));
  const side = (noHeader: boolean | undefined, nullMarker: string | undefined, encoding: string | undefined, decimalComma: boolean | undefined): CsvOptions | undefined => {
    const own: CsvOptions = {
      ...(noHeader ? { header: false } : {}), ...(nullMarker !== undefined ? { nullMarker } : {}), ...(encoding !== undefined ? { encoding } : {}),
      ...(decimalComma ? { decimalSeparator: ',' } : {}),
    };
    return Object.keys(own).length > 0 ? own : undefined;
  };
  const expectedCsv = side(flags.expectedNoHeader, flags.expectedNullMarker, flags.expectedEncoding, flags.expectedDecimalComma);
  const actualCsv = side(flags.actualNoHeader, flags.actualNullMarker, flags.actualEncoding, flags.actualDecimalComma);
  return { options: Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)), csv, ...(expectedCsv ? { expectedCsv } : {}), ...(actualCsv ? { actualCsv } : {}), ...(flags.allowEmpty ? { allowEmpty: true } : {}), ...(flags.mismatches ? { mismatches: flags.mismatches } : {}) };
}

function jobsOf(configs: readonly string[], flags: AcceptFlags): { jobs: ComparisonJob[]; single: boolean } {
  const fields = optionFieldsOf(flags);
  if (configs.length > 0) {
    if (flags.expected || flags.actual) throw new UsageError('ACCEPT_FLAG', 'give either configs or --expected/--actual, not both');
    const jobs = loadAcceptanceConfigs(configs, fields);
    return { jobs, single: configs.length === 1 && !configs[0]?.match(/[\\/]$/) && /\.ya?ml$/i.test(configs[0] ?? '') && jobs.length === 1 };
  }
  if (!flags.expected || !flags.actual) {
    throw new UsageError('ACCEPT_FLAG', 'nothing to compare: pass --expected A --actual B, or acceptance configs (migrate accept acceptance/)', { hint: 'run migrate accept --help for the forms A and B may take' });
  }
  const name = flags.name ?? flags.expected.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '').replace(/^sql:.*/i, 'query');
  return {
    jobs: [{
      kind: 'comparison-job', name,
      expected: parseTableSource(flags.expected, sideCsv(fields, 'expected')), actual: parseTableSource(flags.actual, sideCsv(fields, 'actual')),
      options: resolveCompareOptions(fields.options), ...(fields.allowEmpty ? { allowEmpty: true } : {}), ...(fields.mismatches ? { mismatchesPath: fields.mismatches } : {}),
    }],
    single: true,
  };
}

async function runAccept(configs: string[], flags: AcceptFlags): Promise<number> {
  if (flags.writeConfig !== undefined) return writeConfigs(configs, flags);
  const { jobs, single } = jobsOf(configs, flags);
  const spill = flags.tempDir ?? join(tmpdir(), `tsql-migrate-spill-${process.pid}`);
  const session = await EngineSession.open({
    memoryLimit: flags.memoryLimit, tempDirectory: spill,
    ...(flags.threads !== undefined ? { threads: numberFlag('threads', flags.threads, 1) as number } : {}),
  });
  const done: { result: TableResult; origin?: string; report: string }[] = [];
  // One table whose input cannot be read never stops the others: with several, its error is
  // printed where its report would be, it is an error in the JUnit, JSON and the summary, and
  // the run exits 2 (bad input) once every table is done. A single table's error is the run's.
  const errors: AcceptError[] = [];
  try {
    for (const job of jobs) {
      const progress = new Progress(`accept ${job.name}`, 6);
      try {
        const result = await runComparison(session, job, (stage, label) => progress.tick(stage - 1, label));
        progress.done();
        const report = renderTextReport(result, job.options);
        done.push({ result, report, ...(job.origin ? { origin: job.origin } : {}) });
        if (!flags.json) process.stdout.write(`${done.length + errors.length > 1 ? '\n' : ''}${renderTextReport(result, job.options, (s, t) => paint(s, t))}\n`);
      } catch (err) {
        if (jobs.length === 1 || !(err instanceof MigrateError)) throw err;
        progress.done();
        errors.push({ name: job.name, message: err.format(), ...(job.origin ? { origin: job.origin } : {}) });
        if (!flags.json) process.stdout.write(`${done.length + errors.length > 1 ? '\n' : ''}${paint('bold', `== ${job.name} ==`)}\n${paint('red', 'not compared: its input cannot be read (the error is on stderr)')}\n`);
        process.stderr.write(`migrate: ${job.name}: ${err.format()}\n`);
      } finally {
        progress.done();
      }
    }
  } finally {
    session.close();
    // our own per-process spill folder only; a --temp-dir the user named is theirs to keep
    if (flags.tempDir === undefined) rmSync(spill, { recursive: true, force: true });
  }
  const results = done.map((d) => d.result);
  if (flags.junit) writeFileAtomic(flags.junit, renderJunit(done, undefined, errors));
  if (flags.html) writeFileAtomic(flags.html, renderHtml(results, undefined, errors));
  if (flags.record) recordResults(flags.record, done, errors);
  const total = summarizeResults(results);
  if (flags.json) process.stdout.write(`${renderJson(done, single, errors)}\n`);
  else if (results.length + errors.length > 1) {
    const unread = errors.length > 0 ? `\n${paint('red', `${errors.length} ${errors.length === 1 ? 'table' : 'tables'} not compared (input cannot be read): ${errors.map((e) => e.name).join(', ')}`)}` : '';
    // a table that could not be read fails the run: the last line never says Passed then (CI gates read it)
    const passed = total.passed && errors.length === 0;
    // the percentage is of the records compared: said so where some tables were not, lest 100% of none read as a pass
    const verdict = `${verdictLine({ ...total, passed })}${errors.length > 0 ? ` of the records compared (${errors.length} ${errors.length === 1 ? 'table' : 'tables'} not compared: input cannot be read)` : ''}`;
    process.stdout.write(`\n${countText(results.length, 'table')} compared.${unread}\n${paint(passed ? 'green' : 'red', verdict)}\n`);
  }
  if (errors.length > 0) return EXIT_USAGE;
  return total.passed ? EXIT_OK : EXIT_FAILED;
}

/** `--write-config [proc]`: the acceptance configs of captured procedures; one that cannot be written is named, the others still are. */
async function writeConfigs(configs: readonly string[], flags: AcceptFlags): Promise<number> {
  if (configs.length > 0 || flags.expected !== undefined || flags.actual !== undefined) {
    throw new UsageError('ACCEPT_FLAG', '--write-config writes configs; it compares nothing', { hint: 'run migrate accept <config> afterwards' });
  }
  // --write-config reads captures and specs: the emulator's and the sections' modules, ~0.1 s of
  // every accept's start-up when imported at the top (a 2M-row compare takes ~1.8 s in all)
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { loadWorkspaceConfig, readableProcedureName } = require('../../sections') as typeof import('../../sections');
  const { writeAcceptanceConfigs } = require('../acceptance-config') as typeof import('../acceptance-config');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const config = loadWorkspaceConfig(resolve(flags.root));
  const written = await writeAcceptanceConfigs(config, typeof flags.writeConfig === 'string' ? flags.writeConfig : undefined, flags.force === true);
  for (const w of written) {
    const shown = displayPath(w.path, config.root);
    // the procedure named as `sections check` names it (its baseline folder's name has no brackets)
    const procedure = readableProcedureName(w.procedure);
    if (w.problem !== undefined) process.stderr.write(`migrate: ${procedure}: ${w.problem.format()}\n`);
    else if (w.nothing !== undefined) process.stdout.write(`${paint('yellow', 'nothing to compare')} for ${procedure}: ${w.nothing}; no config written\n`);
    else if (w.outcome === 'kept-edited') process.stdout.write(`${paint('yellow', 'kept')} ${shown} (edited by hand; --force replaces it)\n`);
    else process.stdout.write(`${paint(w.outcome === 'unchanged' ? 'gray' : 'green', w.outcome ?? '')} ${shown}\n`);
    for (const note of w.problem === undefined && w.outcome !== 'kept-edited' ? w.notes ?? [] : []) process.stdout.write(`  ${paint('yellow', 'note')} ${note}\n`);
  }
  // asked for one procedure, a config that cannot be written is the answer's failure
  const named = typeof flags.writeConfig === 'string';
  return written.some((w) => w.problem !== undefined || (named && w.nothing !== undefined)) ? EXIT_USAGE : EXIT_OK;
}

/**
 * Keeps the last result of each config as `<dir>/<config stem>.json` ({procedure, at, tables,
 * passed}): `migrate status` reads these to show each procedure's last acceptance match %. A
 * config is named for the procedure it accepts (acceptance/example/dbo.usp_x.yaml), so the
 * stem is the procedure; ad-hoc --expected/--actual runs are recorded under their table name.
 */
export function recordResults(dir: string, done: readonly { result: TableResult; origin?: string }[], errors: readonly AcceptError[]): void {
  const byOrigin = new Map<string, { results: TableResult[]; unread: AcceptError[] }>();
  const entry = (origin: string): { results: TableResult[]; unread: AcceptError[] } => {
    const stem = basename(origin).replace(/\.ya?ml$/i, '');
    const e = byOrigin.get(stem) ?? { results: [], unread: [] };
    byOrigin.set(stem, e);
    return e;
  };
  for (const d of done) entry(d.origin ?? d.result.name).results.push(d.result);
  // A table whose input could not be read proved nothing: the config's result says so
  // (`notCompared`, not passed), so status never shows the tables that were read as the whole.
  for (const e of errors) entry(e.origin ?? e.name).unread.push(e);
  const at = new Date().toISOString();
  for (const [stem, { results, unread }] of byOrigin) {
    const parsed = results.length > 0 ? JSON.parse(renderJson(results.map((result) => ({ result })), false)) as Record<string, unknown> : { tables: [], passed: false };
    const notCompared = unread.length > 0 ? { passed: false, notCompared: unread.map((e) => ({ name: e.name, message: e.message })) } : {};
    writeFileAtomic(join(dir, `${stem}.json`), `${JSON.stringify({ procedure: stem, at, ...parsed, ...notCompared }, null, 2)}\n`);
  }
}
