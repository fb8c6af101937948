import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { isMigrateError, SectionsError, UsageError } from '../../core';
import { EngineSession } from '../../engine';
import { clockOffsetOf, normalizeClock, readCapturedBaselines, sqlServerErrorText } from '../../legacy';
import { DEFAULT_RECORD_CLOCK } from '../section-recording';
import { analyzeWorkspace, catchAccountText, certainDefaultText, computedColumnDefinitions, findParamValue, findProcedure, findProcedureParameters, loadSpecs, loadWorkspaceConfig, normalizeObjectName, procedureUnstatedFeeds, readableProcedureName, runPipeline, synonymTargets, throwIfProblems, unstatedFeedHint, viewNames, type ProcedureParameters, type SectionSpec, type WorkspaceAnalysis, type WorkspaceConfig } from '../../sections';
import { assignmentPlace, guardParameterReads } from '../caller-value-reads';
import { checkEarlyExits } from '../early-exits';
import { reassignedParameterValues, valuesSetBetweenSections } from '../reassigned-parameters';
import { forEachObject, outcomeLine } from '../object-failure';
import { EXIT_OK, EXIT_USAGE } from '../exit-codes';
import { collectValues, formatTable, paint } from '../output';
import type { ActionWrapper } from '../program';

interface RunFlags {
  readonly data: string;
  readonly out?: string;
  readonly format: string;
  readonly param: string[];
  readonly root: string;
  readonly json?: boolean;
  readonly baselines?: string;
  readonly keepTemp?: boolean;
  readonly clock?: string;
}


/** Parses `--param @Name=value` flags into a map. */
function parseParams(list: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of list) {
    const i = p.indexOf('=');
    if (i <= 0) throw new UsageError('RUN_PARAM_SYNTAX', `bad --param '${p}'`, { hint: 'write --param @FromDate=2024-01-01' });
    out[p.slice(0, i).trim()] = p.slice(i + 1);
  }
  return out;
}

/**
 * The parameter values a run uses, as an EXEC of the procedure would: those given, then the
 * declared default of each one not given (`@MinSamples int = 10` runs with 10, never NULL). Stops
 * before anything runs when the procedure declares a parameter the caller must give (no default,
 * not OUTPUT, not a READONLY table) and `--param` does not give it: SQL Server would refuse the
 * EXEC too, and running with NULL would produce plausible wrong rows. `names` lists the
 * procedure's own parameters (undefined when the procedure is not found under procedures/).
 */
export function resolveParams(config: WorkspaceConfig, proc: string, params: Readonly<Record<string, string>>): { values: Record<string, string>; names: string[] | undefined; assigned?: ReadonlyMap<string, readonly number[]>; found?: ProcedureParameters } {
  const found = findProcedureParameters(config, proc);
  if (!found) return { values: { ...params }, names: undefined };
  const { outline } = found;
  const missing = found.parameters.filter((p) => !p.output && !p.readonly && p.default === undefined && findParamValue(params, p.name) === undefined);
  if (missing.length > 0) {
    const names = missing.map((p) => p.name).join(', ');
    throw new UsageError('RUN_PARAM_REQUIRED', `${outline.displayName} requires ${missing.length === 1 ? 'parameter' : 'parameters'} ${names} (no default) and none was given`, {
      hint: `pass ${missing.map((p) => `--param ${p.name}=<${p.type.toLowerCase()}>`).join(' ')}`,
    });
  }
  const values: Record<string, string> = { ...params };
  for (const p of found.parameters) {
    if (p.default === undefined || p.output || findParamValue(params, p.name) !== undefined) continue;
    // SQL Server converts the default to the parameter's type (a date '20261130', char(4) 'EU'
    // padded, varchar(3) 'ABCDE' cut to 'ABC'): the converted value when it is certain, else the
    // caller says it, rather than running with the text as written.
    const value = certainDefaultText(p);
    if (value === undefined) {
      const constant = defaultValueText(p.default) !== undefined;
      const why = constant ? `which SQL Server converts to ${p.type} in a way migrate run does not take for certain (truncated, rounded, or a date read by DATEFORMAT)` : 'which migrate run cannot read as a value';
      throw new UsageError('RUN_PARAM_DEFAULT', `${outline.displayName} gives ${p.name} the default ${p.default}, ${why}`, { hint: `pass --param ${p.name}=<${p.type.toLowerCase()}>` });
    }
    if (value !== null) values[p.name] = value;
  }
  return { values, names: found.parameters.map((p) => p.name), assigned: found.assigned, found };
}

/**
 * The value text of a parameter default as written: SQL Server admits only constants there
 * (`10`, `-1.5`, `'abc'`, `N'x'`, `NULL`); null for NULL, undefined for anything else.
 */
export function defaultValueText(text: string): string | null | undefined {
  const t = text.trim();
  if (/^NULL$/i.test(t)) return null;
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return t.replace(/^\+/, '');
  const quoted = /^N?'((?:[^']|'')*)'$/is.exec(t);
  if (quoted) return (quoted[1] ?? '').replace(/''/g, "'");
  return undefined;
}

/** `--clock` as the engine takes it (`2026-01-01 00:00:00`), or a usage error. */
function pipelineClock(text: string): string {
  try {
    return normalizeClock(text);
  } catch {
    throw new UsageError('RUN_CLOCK', `--clock ${text} is not a date and time`, { hint: 'write it as --clock 2026-01-01T00:00:00' });
  }
}

/** A procedure with a captured baseline: its parameters and clock, or why its manifest cannot be read. */
export interface CapturedBaseline {
  readonly proc: string;
  /** The procedure as people read it (`Treasury.[usp_Close Recon]`): the manifest's name, as `sections check` writes it. */
  readonly display: string;
  readonly params: Record<string, string>;
  readonly clock: string | undefined;
  /** The server's UTC offset the capture's --clock gave, in minutes. */
  readonly utcOffsetMinutes?: number;
  /** The error the captured legacy run ended with (manifest.raised), as SQL Server reports it. */
  readonly raised?: string;
  readonly problem?: UsageError;
}

/** The procedures with a captured baseline under `dir` (`<dir>/<proc>/manifest.json`) and their parameters. */
export function listBaselines(dir: string): CapturedBaseline[] {
  if (!existsSync(dir)) throw new UsageError('RUN_NO_BASELINES', `no baselines folder ${dir}`, { hint: 'capture baselines with `migrate capture <proc> --out <dir>/<proc>`' });
  return readCapturedBaselines(dir).map(({ folder: proc, manifestFile, manifest, problem }) => {
    // one unreadable manifest is that procedure's failure, not the others'
    if (problem !== undefined) return { proc, display: readableProcedureName(proc), params: {}, clock: undefined, problem: new UsageError('RUN_BAD_MANIFEST', problem, { location: { file: manifestFile }, hint: 'capture the baseline again with `migrate capture`' }) };
    const params = Object.fromEntries(Object.entries(manifest.params ?? {}).filter(([, v]) => v !== null).map(([k, v]) => [`@${k.replace(/^@/, '')}`, String(v)]));
    // The clock the legacy run read: the emulator's (--clock, else its default), so the new
    // pipeline's clock() columns match the baseline; SQL Server's own clock cannot be known.
    const clock = typeof manifest.clock === 'string' ? manifest.clock : manifest.engine === 'emulator' ? DEFAULT_RECORD_CLOCK : undefined;
    const r = manifest.raised;
    const raised = r === undefined ? {} : { raised: sqlServerErrorText(r) };
    const display = readableProcedureName(typeof manifest.displayName === 'string' ? manifest.displayName : proc);
    return { proc, display, params, clock, ...(typeof manifest.utcOffsetMinutes === 'number' ? { utcOffsetMinutes: manifest.utcOffsetMinutes } : {}), ...raised };
  });
}

/** A computed column's definition by table and column, the scripts parsed on the first question. */
function computedColumnLookup(config: WorkspaceConfig): (table: string, column: string) => string | undefined {
  let definitions: ReturnType<typeof computedColumnDefinitions> | undefined;
  return (table, column) => {
    definitions ??= computedColumnDefinitions(config);
    const key = normalizeObjectName(table);
    return (definitions.get(key) ?? definitions.get(`${config.defaultSchema.toLowerCase()}.${key}`))?.get(column.toLowerCase());
  };
}

/** What a synonym stands for, the scripts parsed on the first question. */
function synonymLookup(config: WorkspaceConfig): (name: string) => string | undefined {
  let targets: ReturnType<typeof synonymTargets> | undefined;
  return (name) => {
    targets ??= synonymTargets(config);
    return targets.get(normalizeObjectName(name));
  };
}

/** Whether a name is a view of the scripts, the scripts parsed on the first question. */
function viewLookup(config: WorkspaceConfig): (name: string) => boolean {
  let views: ReturnType<typeof viewNames> | undefined;
  return (name) => {
    views ??= viewNames(config);
    return views.has(normalizeObjectName(name));
  };
}

/**
 * Stops the run before anything runs where a section writes a table (itself or through a trigger
 * its statements fire) that a later section reads, and its @output leaves the table out: the run
 * hands a section only what earlier transforms output, so the reader would get the data folder's
 * rows of the table, not the ones the writer leaves, and plausible wrong numbers. The same
 * reading of the procedure's graph as `sections check` (unstated-feeds.ts), whose trigger case is
 * only a warning there: here it would give wrong rows all the same.
 */
function refuseUnstatedFeeds(analysis: WorkspaceAnalysis, proc: string, specs: readonly SectionSpec[]): void {
  const outline = findProcedure(analysis, proc);
  const graph = outline === undefined ? undefined : analysis.graphs.get(outline.name);
  if (outline === undefined || graph === undefined) return;
  const feeds = procedureUnstatedFeeds(graph, specs.filter((s) => s.procedure === outline.name), analysis.catalog.triggers);
  const first = feeds[0];
  if (first === undefined) return;
  const { writer, reader, table, trigger } = first;
  const how = trigger === undefined ? 'writes' : `writes, through the trigger ${trigger} its statements fire,`;
  const more = feeds.length > 1 ? ` (and ${feeds.length - 1} more such table(s): run \`migrate sections check\`)` : '';
  throw new SectionsError('RUN_FEED_NOT_OUTPUT', `${writer.file}:${writer.line}:1: ${writer.id} ${how} ${table}, which ${reader.id} reads after it, but ${writer.id}'s @output does not name it: migrate run hands a section only what earlier sections output, so ${reader.id} would read the data folder's rows of ${table}, not the ones ${writer.id} leaves, and give plausible wrong rows${more}`, {
    hint: `in ${writer.id}: ${unstatedFeedHint(table)}`,
  });
}

/** The workspace a run reads, its procedures analysed on first need and once for every procedure of a `--baselines` run. */
interface Workspace {
  readonly root: string;
  readonly config: WorkspaceConfig;
  readonly analyzed: () => WorkspaceAnalysis;
}

function workspaceAt(rootFlag: string): Workspace {
  const root = resolve(rootFlag);
  const config = loadWorkspaceConfig(root);
  let analysis: WorkspaceAnalysis | undefined;
  return { root, config, analyzed: () => (analysis ??= analyzeWorkspace(config)) };
}

/** Runs one procedure's pipeline and prints what it wrote (with --json, returns its summary for the caller to print). */
async function runProcedure(proc: string, flags: RunFlags, outDir: string, params: Record<string, string>, clock: string | undefined, utcOffsetMinutes: number | undefined, workspace: Workspace): Promise<object | undefined> {
  // The values a person stated with --param (not a baseline's or a default): trusted even for a
  // parameter the procedure assigns before a section (run-pipeline.ts, assignedParameters).
  const explicit = new Set(Object.keys(parseParams(flags.param)).map((n) => n.replace(/^@/, '').toLowerCase()));
  const { root, config, analyzed } = workspace;
  let { specs, problems } = await loadSpecs(join(root, config.paths.sections), undefined, proc);
  // A Given table read from a CSV with an untyped header takes its types from the CREATE TABLE
  // scripts, as `sections check` and `migrate test` read it (run-section-tests.ts).
  if (problems.some((p) => p.code === 'SPEC_TYPE' && !p.file.endsWith('.feature'))) ({ specs, problems } = await loadSpecs(join(root, config.paths.sections), analyzed().catalog, proc));
  throwIfProblems(problems);
  if (specs.length === 0) throw new UsageError('RUN_NO_SECTIONS', `no sections for ${proc} under ${config.paths.sections}/`, { hint: 'run `migrate sections propose <proc>` first' });
  refuseUnstatedFeeds(analyzed(), proc, specs);
  const resolved = resolveParams(config, proc, params);
  // The legacy procedure's guard clauses, asked while the sections run (the emulator's set-up
  // costs ~0.1 s each): where the procedure would end early, the run stops before writing anything.
  const synonymTarget = synonymLookup(config);
  const guards = resolved.found ? checkEarlyExits(resolved.found, specs, resolved.values, { root, data: { dir: resolve(flags.data), synonymTarget }, ...(clock !== undefined ? { clock } : {}) }) : Promise.resolve([]);
  guards.catch(() => undefined); // awaited below, whatever the sections do
  // what the sections read of parameters the procedure reassigns before them, computed from the caller's values
  // and of those another section's statement sets between a section's lines, before it reads them
  const setBetween = resolved.found ? valuesSetBetweenSections(resolved.found, specs) : undefined;
  const callerReads = new Map<string, Map<string, ReadonlySet<string>>>();
  const atSectionStart = resolved.found ? await reassignedParameterValues(resolved.found, specs, resolved.values, clock, setBetween, callerReads) : undefined;
  const found = resolved.found;
  const session = await EngineSession.open({ memoryLimit: config.duckdb.memoryLimit, ...(config.duckdb.threads ? { threads: config.duckdb.threads } : {}) });
  try {
    const result = await runPipeline(session, specs, {
      beforeOutputs: async () => { await guards; },
      dataDir: resolve(flags.data),
      outDir,
      format: flags.format as 'csv' | 'parquet',
      params: resolved.values,
      ...(resolved.names ? { procedureParameters: resolved.names } : {}),
      ...(resolved.assigned ? { assignedParameters: resolved.assigned } : {}),
      ...(resolved.found ? { assignedVariables: resolved.found.assignedVariables, declarationLines: resolved.found.declarationLines } : {}),
      explicitParameters: explicit,
      ...(atSectionStart !== undefined ? { parametersAtSectionStart: atSectionStart } : {}),
      // what reads a parameter as the caller gave it, where a --param may stand for a reassigned value
      ...(found !== undefined ? { callerValueReads: callerReads, guardParameterReads: guardParameterReads(found), assignmentAt: (line: number) => assignmentPlace(found, line) } : {}),
      ...(setBetween !== undefined ? { setBetween } : {}),
      computedColumn: computedColumnLookup(config),
      synonymTarget,
      isView: viewLookup(config),
      keepTemps: flags.keepTemp === true,
      ...(clock !== undefined ? { clock } : {}),
      ...(utcOffsetMinutes !== undefined ? { utcOffsetMinutes } : {}),
      transformFile: (id) => join(root, config.paths.transforms, `${id}.ts`),
    }).catch(async (err: unknown) => {
      await guards; // a guard that ends the procedure explains more than what the sections met after it
      throw err;
    });
    const unchecked = await guards;
    if (flags.json) return unchecked.length > 0 ? { ...result, uncheckedExits: unchecked } : result;
    process.stdout.write(`${formatTable(['section', 'output', 'rows', 'ms'], result.sections.map((s) => [s.id, s.output, String(s.rows), String(s.ms)]))}\n`);
    // the values sections handed on (Transform.values): what the later sections read
    for (const v of result.values) process.stdout.write(`value ${v.name} = ${v.value ?? 'NULL'} (from ${v.section})\n`);
    for (const o of result.outputs) process.stdout.write(`wrote ${o.file} (${o.rows} ${o.rows === 1 ? 'row' : 'rows'})\n`);
    for (const m of result.missingInputs) process.stderr.write(paint('yellow', `warning: no data for ${m}: ran with an empty table\n`, process.stderr));
    for (const u of unchecked) {
      const what = u.skips === undefined ? `may end early at ${u.at} (IF ${u.condition})` : `may jump at ${u.at} (IF ${u.condition}) over ${u.skips}`;
      // inside TRY an error does not end the procedure at the IF: the CATCH block runs (catch-account.ts)
      const caught = u.caught === undefined ? undefined : `${u.caught.certain ? '' : 'if it raises an error there (its RAISERROR\'s severity decides), '}legacy runs nothing more of that TRY block: the error goes to ${catchAccountText(u.caught)}`;
      const then = u.skips === undefined ? caught ?? 'legacy writes nothing after that line' : `legacy skips those statements, which the pipeline ran${caught === undefined ? '' : `; ${caught}`}`;
      process.stderr.write(paint('yellow', `warning: the legacy procedure ${what}, which migrate run cannot answer before the data is read (${u.why}); where it does, ${then}\n`, process.stderr));
    }
    return undefined;
  } finally {
    session.close();
  }
}

/** Registers `migrate run <proc> --data <dir>`: all sections of a procedure, in order, on DuckDB. */
export function registerRun(program: Command, run: ActionWrapper): void {
  program.command('run')
    .description('run the new pipeline of a procedure: all its sections in order on DuckDB, outputs as Parquet or CSV')
    .argument('[proc]', 'procedure, e.g. dbo.usp_BuildDeviceKpis (or --baselines for every captured one)')
    .requiredOption('--data <dir>', 'input tables as <schema>.<table>.csv|.parquet')
    .option('--out <dir>', 'where to write the outputs (default: <data>/../out; with --baselines, <out>/<proc>)')
    .option('--baselines <dir>', 'run every procedure captured under <dir>/<proc>/manifest.json, with the parameters it was captured with')
    .option('--format <format>', 'parquet or csv', 'parquet')
    .option('--param <name=value>', 'a parameter value, e.g. --param @FromDate=2024-01-01 (repeatable)', collectValues, [])
    .option('--keep-temp', 'also write the #temp tables and table variables the sections produce (for inspection)')
    .option('--clock <datetime>', 'what the transforms\' clock() (the legacy GETDATE()) reads, e.g. 2026-01-01T00:00:00, with the server\'s UTC offset after it for utcClock() (SYSUTCDATETIME()): 2026-01-01T02:00:00+01:00 (default: the time the run starts; with --baselines, the clock each baseline was captured with)')
    .option('--root <dir>', 'workspace root', '.')
    .option('--json', 'print a JSON summary')
    .action(run(async (proc: string | undefined, flags: RunFlags) => {
      const clock = flags.clock === undefined ? undefined : pipelineClock(flags.clock);
      // `--clock 2026-03-15T02:00:00+01:00`: the offset is what the transforms' utcClock() subtracts
      const utcOffset = flags.clock === undefined ? undefined : clockOffsetOf(flags.clock);
      if (flags.format !== 'parquet' && flags.format !== 'csv') throw new UsageError('RUN_FORMAT', `unknown --format ${flags.format}`, { hint: 'use parquet or csv' });
      // A mistyped folder would run every section on empty tables and write empty outputs.
      if (!existsSync(flags.data) || !statSync(flags.data).isDirectory()) {
        throw new UsageError('RUN_DATA', `--data ${flags.data} is not a folder`, { hint: 'pass the folder holding one file per input table (<schema>.<table>.csv or .parquet)' });
      }
      const outDir = resolve(flags.out ?? join(flags.data, '..', 'out'));
      if (!flags.baselines) {
        if (!proc) throw new UsageError('RUN_NO_PROC', 'which procedure? give one, or --baselines <dir> for every captured one', { hint: 'e.g. migrate run dbo.usp_X --data acceptance/data' });
        const summary = await runProcedure(proc, flags, outDir, parseParams(flags.param), clock, utcOffset, workspaceAt(flags.root));
        if (summary !== undefined) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        return EXIT_OK;
      }
      // the folder holds the name as capture wrote it (`Registrar.usp_Term End GPA`); the argument may bracket it
      const captured = listBaselines(resolve(flags.baselines)).filter((b) => !proc || normalizeObjectName(b.proc) === normalizeObjectName(proc));
      if (captured.length === 0) throw new UsageError('RUN_NO_BASELINES', `no captured baseline${proc ? ` of ${proc}` : ''} under ${flags.baselines}`, { hint: 'capture one with `migrate capture <proc> --out <baselines>/<proc>`' });
      // One procedure that fails (a bad manifest, a section that stops, a guard that ends the legacy
      // run) is reported and the others still run; the exit code says that one failed.
      const procedures: object[] = [];
      const workspace = workspaceAt(flags.root);
      const outcome = await forEachObject(captured, {
        name: (b) => b.proc,
        onFailure: (b, err) => procedures.push({ procedure: b.proc, error: isMigrateError(err) ? { code: err.code, message: err.message } : { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) } }),
      }, async (b) => {
        // named as `sections check` names it; the folder name stays what --json and the files say
        if (!flags.json) process.stdout.write(`== ${b.display}\n`);
        if (b.problem !== undefined) throw b.problem;
        // the baseline is the tables as the failed legacy run left them: the pipeline's own rows differ from them unless it fails the same way
        if (b.raised !== undefined) process.stderr.write(paint('yellow', `warning: the captured legacy run of ${b.display} ended with an error (${b.raised}); its baseline is the tables as it left them\n`, process.stderr));
        const summary = await runProcedure(b.proc, flags, join(outDir, b.proc), { ...b.params, ...parseParams(flags.param) }, clock ?? b.clock, clock !== undefined ? utcOffset : b.utcOffsetMinutes, workspace);
        procedures.push({ procedure: b.proc, ...summary });
      });
      if (flags.json) process.stdout.write(`${JSON.stringify({ procedures, failed: outcome.failed }, null, 2)}\n`);
      else if (captured.length > 1) process.stdout.write(`${outcomeLine('ran', 'procedure', outcome)}\n`);
      return outcome.failed.length > 0 ? EXIT_USAGE : EXIT_OK;
    }));
}
