import { Command, CommanderError } from 'commander';
import { isMigrateError } from '../core';
import { EXIT_USAGE, exitCodeFor } from './exit-codes';
import type { registerAccept } from './commands/accept';

/**
 * Each command's registrar, loaded on demand: `migrate accept` should not pay for parsing the
 * T-SQL emulator, the renderers and the sections code it never calls (module loading is a
 * measurable share of a short accept run). Listed in the order `migrate --help` shows them.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const COMMANDS: readonly (readonly [string, () => typeof registerAccept])[] = [
  ['analyze', () => (require('./commands/analyze') as typeof import('./commands/analyze')).registerAnalyze],
  ['capture', () => (require('./commands/capture') as typeof import('./commands/capture')).registerCapture],
  ['accept', () => (require('./commands/accept') as typeof import('./commands/accept')).registerAccept],
  ['sections', () => (require('./commands/sections') as typeof import('./commands/sections')).registerSections],
  ['run', () => (require('./commands/run') as typeof import('./commands/run')).registerRun],
  ['status', () => (require('./commands/status') as typeof import('./commands/status')).registerStatus],
  ['scaffold', () => (require('./commands/scaffold') as typeof import('./commands/scaffold')).registerScaffold],
  ['test', () => (require('./commands/test') as typeof import('./commands/test')).registerTest],
  ['ci', () => (require('./commands/ci') as typeof import('./commands/ci')).registerCi],
  ['init', () => (require('./commands/init') as typeof import('./commands/init')).registerInit],
];
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * The command an argument vector runs (its first word that is not an option), when it is one
 * of ours; otherwise (help, a typo, no command) undefined, and every command is registered so
 * help and commander's suggestions stay complete.
 */
function commandOf(argv: readonly string[] | undefined): string | undefined {
  const word = argv?.slice(2).find((a) => !a.startsWith('-'));
  return COMMANDS.some(([name]) => name === word) ? word : undefined;
}

/** A command's action returns its exit code; the program sets it once at the end. */
export type CommandResult = Promise<number>;

/**
 * Builds the `migrate` program. Each command lives in its own file under commands/; given the
 * argument vector, only the command it names is loaded (all of them when it names none).
 */
export function buildProgram(setExit: (code: number) => void, argv?: readonly string[]): Command {
  const program = new Command('migrate')
    .description('Migrate legacy T-SQL stored procedures to tested, typed, set-based code on DuckDB')
    .version(readVersion())
    .option('--debug', 'print stack traces for unexpected errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const run = (action: (...args: never[]) => CommandResult) => async (...args: unknown[]) => {
    setExit(await action(...(args as never[])));
  };
  const only = commandOf(argv);
  for (const [name, registrar] of COMMANDS) if (only === undefined || name === only) registrar()(program, run);
  return program;
}

/** The wrapper each command uses so its return value becomes the exit code. */
export type ActionWrapper = (action: (...args: never[]) => CommandResult) => (...args: unknown[]) => Promise<void>;

function readVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../../package.json') as { version: string }).version;
}

/**
 * Runs the CLI and returns the exit code. Expected errors (MigrateError) print their located
 * message; anything else prints one line, plus the stack only with --debug.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  let code = 0;
  const program = buildProgram((c) => { code = c; }, argv);
  try {
    await program.parseAsync(argv as string[]);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (isMigrateError(err)) {
      process.stderr.write(`migrate: ${err.format()}\n`);
      return exitCodeFor(err);
    }
    const debug = argv.includes('--debug');
    process.stderr.write(`migrate: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    if (debug && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    else process.stderr.write('(run again with --debug for the stack trace, and please report it)\n');
    return EXIT_USAGE;
  }
}
