import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { LegacyError, safeFileStem, UsageError } from '../../core';
import { loadScripts, runCapture, SESSION_CONTEXT_NAMES } from '../../legacy';
import { droppedProcedureNote } from '../dropped-procedure';
import { loadWorkspaceConfig, plainName, readableProcedureName } from '../../sections';
import { EXIT_OK } from '../exit-codes';
import { collectValues, formatTable } from '../output';
import { parseSqlcmdFlags, SQLCMD_FLAG_HELP } from '../sqlcmd-flags';
import { COMPATIBILITY_LEVEL_FLAG_HELP, withCompatibilityLevel } from '../compatibility-level-flag';
import { LANGUAGE_FLAG_HELP, withLanguage } from '../language-flag';
import { SERVER_VERSION_FLAG_HELP, withServerVersion } from '../server-version-flag';
import type { ActionWrapper } from '../program';

/** Flags of `migrate capture`, as commander hands them over. */
interface CaptureFlags {
  readonly data: string;
  readonly tables?: string;
  readonly procedures?: string;
  readonly param: string[];
  readonly engine: string;
  readonly out?: string;
  readonly format: string;
  readonly clock?: string;
  readonly allowDynamicSql?: boolean;
  readonly allowExternalEffects?: boolean;
  readonly seed?: string;
  readonly orderCheck?: boolean;
  readonly sequence: string[];
  readonly context: string[];
  readonly identity: string[];
  readonly sqlcmd: string[];
  readonly compatibilityLevel?: string;
  readonly language?: string;
  readonly serverVersion?: string;
  readonly json?: boolean;
}


/** Registers `migrate capture`: run the legacy procedure and keep its outputs as baselines. */
export function registerCapture(program: Command, run: ActionWrapper): void {
  program.command('capture')
    .description('run a legacy procedure (embedded T-SQL emulator on DuckDB, or SQL Server via MIGRATE_MSSQL_URL) on input CSVs and write its output tables as baselines')
    .argument('<proc>', 'procedure to run, e.g. dbo.usp_CountEntityLetters')
    .requiredOption('--data <dir>', 'input CSVs, one per table: <schema>.<table>.csv or <table>.csv')
    .option('--tables <dir>', 'CREATE TABLE scripts (default: <procedures>/tables)')
    .option('--procedures <dir>', 'CREATE PROCEDURE scripts (default: paths.procedures of migrate.config.yaml, procedures)')
    .option('--param <name=value>', 'procedure parameter (repeatable), e.g. --param FromDate=2026-03-02', collectValues, [])
    .option('--engine <engine>', 'emulator (DuckDB, default) or mssql (needs MIGRATE_MSSQL_URL)', 'emulator')
    .option('--out <dir>', 'where baselines go (default: <paths.acceptance>/baseline/<proc>, acceptance/baseline/<proc>)')
    .option('--format <format>', 'csv or parquet', 'csv')
    .option('--clock <datetime>', 'GETDATE()/SYSDATETIME() for the whole run (emulator), e.g. 2026-01-01T00:00:00; GETUTCDATE(), SYSUTCDATETIME() and SYSDATETIMEOFFSET() need the server\'s UTC offset after it: 2026-01-01T02:00:00+02:00, or Z for a server at UTC')
    .option('--allow-dynamic-sql', 'let the emulator run EXEC (@sql) / sp_executesql (refused by default: read what the procedure builds first)')
    .option('--allow-external-effects', 'mssql: run a procedure that EXECs sp_send_dbmail, sp_start_job, xp_cmdshell… (refused by default: the rollback does not undo mail sent or a job started)')
    .option('--seed <n>', 'seed of RAND()/NEWID() in the emulator (default 0); columns they feed are listed as nonReproducible in manifest.json')
    .option('--no-order-check', 'emulator: do not run the procedure a second time with rows whose order SQL Server leaves open (cursors without ORDER BY, window ORDER BY ties) taken in the other order (that run lists the outputs the order changes as nonReproducible)')
    .option('--sequence <name=next>', 'emulator: the value NEXT VALUE FOR gives first for a sequence (repeatable), e.g. --sequence "Sales.Order Seq=184000"; default: what its CREATE and later ALTER SEQUENCE scripts say', collectValues, [])
    .option('--context <name=value>', `emulator: what a session function gives (repeatable): ${Object.entries(SESSION_CONTEXT_NAMES).map(([k, v]) => `${k}=… ${v}`).join('; ')}; e.g. --context "login=CORP\\etl_svc"; one not given is refused where the procedure reads it`, collectValues, [])
    .option('--identity <table=next>', 'emulator: the value the next generated row of a table\'s IDENTITY column gets (repeatable), e.g. --identity "Sales.Orders=5001"; default: past the largest value its input rows hold (its seed when it has none)', collectValues, [])
    .option('--sqlcmd <name=value>', SQLCMD_FLAG_HELP, collectValues, [])
    .option('--compatibility-level <n>', COMPATIBILITY_LEVEL_FLAG_HELP)
    .option('--language <name>', LANGUAGE_FLAG_HELP)
    .option('--server-version <year>', SERVER_VERSION_FLAG_HELP)
    .option('--json', 'print the manifest as JSON')
    .addHelpText('after', '\nExit codes: 0 baselines written; 2 bad input, an unsupported construct, or no SQL Server configured.')
    .action(run(async (proc: string, flags: CaptureFlags) => captureCommand(proc, flags)));
}

async function captureCommand(proc: string, flags: CaptureFlags): Promise<number> {
  if (flags.engine !== 'emulator' && flags.engine !== 'mssql') {
    throw new UsageError('CAPTURE_ENGINE', `--engine ${flags.engine} is not an engine (expected emulator or mssql)`);
  }
  if (flags.format !== 'csv' && flags.format !== 'parquet') {
    throw new UsageError('CAPTURE_FORMAT', `--format ${flags.format} is not a format (expected csv or parquet)`);
  }
  if (flags.seed !== undefined && !/^-?\d+$/.test(flags.seed)) {
    throw new UsageError('CAPTURE_SEED', `--seed ${flags.seed} is not an integer`, { hint: 'e.g. --seed 42' });
  }
  const params: Record<string, string> = {};
  for (const p of flags.param) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new UsageError('CAPTURE_PARAM', `--param ${p} is not name=value`, { hint: 'e.g. --param FromDate=2026-03-02 (the @ is optional)' });
    params[p.slice(0, eq).replace(/^@/, '')] = p.slice(eq + 1);
  }
  const sequences: Record<string, string> = {};
  for (const p of flags.sequence) {
    const eq = p.lastIndexOf('=');
    if (eq <= 0) throw new UsageError('CAPTURE_SEQUENCE', `--sequence ${p} is not name=next`, { hint: 'e.g. --sequence "dbo.OrderNumbers=1000"' });
    sequences[p.slice(0, eq).trim()] = p.slice(eq + 1);
  }
  const context: Record<string, string> = {};
  for (const p of flags.context) {
    const eq = p.indexOf('=');
    const name = eq <= 0 ? '' : p.slice(0, eq).trim().toLowerCase();
    if (!Object.hasOwn(SESSION_CONTEXT_NAMES, name)) {
      throw new UsageError('CAPTURE_CONTEXT', `--context ${p} is not name=value with a known name`, { hint: `names: ${Object.keys(SESSION_CONTEXT_NAMES).join(', ')}; e.g. --context "login=CORP\\etl_svc" --context database=Warehouse` });
    }
    const value = p.slice(eq + 1);
    // @@SPID is a smallint: session ids are 1-32767
    if (name === 'spid' && !/^\d{1,5}$/.test(value)) throw new UsageError('CAPTURE_CONTEXT', `--context ${p}: a session id is a whole number`, { hint: 'e.g. --context spid=57' });
    context[name] = value;
  }
  const identities: Record<string, string> = {};
  for (const p of flags.identity) {
    const eq = p.lastIndexOf('=');
    if (eq <= 0) throw new UsageError('CAPTURE_IDENTITY', `--identity ${p} is not table=next`, { hint: 'e.g. --identity "dbo.Orders=5001"' });
    identities[p.slice(0, eq).trim()] = p.slice(eq + 1);
  }
  const sqlcmd = parseSqlcmdFlags(flags.sqlcmd, 'CAPTURE');
  // The workspace's folders, as sections and run read them (a workspace whose procedures live in
  // an SSDT project elsewhere names it in migrate.config.yaml); the flags override them.
  const config = withServerVersion(withLanguage(withCompatibilityLevel(loadWorkspaceConfig('.'), flags.compatibilityLevel), flags.language), flags.serverVersion);
  const proceduresDir = flags.procedures ?? config.paths.procedures;
  if (!existsSync(proceduresDir)) {
    throw new UsageError('CAPTURE_PROCEDURES', `${flags.procedures === undefined ? `paths.procedures (${proceduresDir})` : `--procedures ${proceduresDir}`}: no such folder`,
      { hint: 'pass the folder of the CREATE PROCEDURE scripts with --procedures, or set paths.procedures in migrate.config.yaml' });
  }
  const tablesDir = flags.tables ?? join(proceduresDir, 'tables');
  // The folder is the procedure's name as written, brackets undone (`[a]]b]` is `a]b`) and made a
  // safe file name by the rule the baselines inside it are named with.
  const outDir = flags.out ?? join(config.paths.acceptance, 'baseline', safeFileStem(plainName(proc)));
  const manifest = await runCapture({
    procedure: proc, dataDir: flags.data, tablesDir, proceduresDir, params,
    engine: flags.engine, outDir, format: flags.format, clock: flags.clock, allowDynamicSql: flags.allowDynamicSql ?? false, allowExternalEffects: flags.allowExternalEffects ?? false,
    seed: flags.seed === undefined ? undefined : Number(flags.seed), orderCheck: flags.orderCheck, sequences, context, identities, sqlcmd,
    ...(config.compatibilityLevel === undefined ? {} : { compatibilityLevel: config.compatibilityLevel }),
    ...(config.language === undefined ? {} : { language: config.language }),
    ...(config.serverVersion === undefined ? {} : { serverVersion: config.serverVersion }),
  }).catch((err: unknown) => {
    // a procedure a later script drops is unknown to the emulator: say where it was dropped
    const dropped = err instanceof LegacyError && err.code === 'LEGACY_UNKNOWN_PROCEDURE' ? droppedProcedureNote(loadScripts([proceduresDir], sqlcmd), proc) : undefined;
    if (dropped === undefined) throw err;
    throw new UsageError('CAPTURE_DROPPED_PROCEDURE', `${dropped}: there is nothing to capture`, { hint: 'capture the procedures the scripts leave in the database' });
  });
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(manifest)}\n`);
    return EXIT_OK;
  }
  const rows = [
    ...manifest.tables.map((t) => [t.displayName, String(t.rows), t.key.join(',') || '(all columns)', join(outDir, t.file)]),
    ...manifest.resultSets.map((r, i) => [`result set ${i + 1}`, String(r.rows), '', join(outDir, r.file)]),
    ...(manifest.outputParameters === undefined ? [] : [[`OUTPUT ${Object.keys(manifest.outputParameters.values).join(', ')}`, '1', '', join(outDir, manifest.outputParameters.file)]]),
  ];
  process.stdout.write(`${formatTable(['output', 'rows', 'sorted by', 'file'], rows)}\n`);
  for (const m of manifest.messages) process.stdout.write(`message: ${m}\n`);
  if (manifest.nonReproducible.length > 0) {
    process.stdout.write(`not reproducible: ${manifest.nonReproducible.join(', ')}\n`);
    // the causes behind the columns listed (per column where the capture followed them), not every read met
    const per = manifest.nonReproducibleColumnCauses;
    const causes = per === undefined ? manifest.nonReproducibleCauses : [...new Set(manifest.nonReproducible.flatMap((c) => per[c] ?? manifest.nonReproducibleCauses))];
    for (const cause of causes) process.stdout.write(`  because of ${cause}\n`);
  }
  const ended = manifest.raised === undefined ? `return value ${manifest.returnValue ?? 'none'}` : `ended with error ${manifest.raised.number} (${manifest.raised.message}), kept in the manifest as the expected outcome`;
  process.stdout.write(`captured ${readableProcedureName(manifest.displayName)} with the ${manifest.engine}${manifest.clock === null ? '' : ` (clock ${manifest.clock})`}; ${ended}; manifest: ${join(outDir, 'manifest.json')}\n`);
  return EXIT_OK;
}
