import { Command, CommanderError } from 'commander';
import { MigrateError } from '../core';
import { EXIT_USAGE, exitCodeFor } from './exit-codes';
import { registerAccept } from './commands/accept';
import { registerAnalyze } from './commands/analyze';
import { registerCapture } from './commands/capture';
import { registerSections } from './commands/sections';
import { registerRun } from './commands/run';
import { registerStatus } from './commands/status';
import { registerScaffold } from './commands/scaffold';
import { registerInit } from './commands/init';
import { registerTest } from './commands/test';
import { registerCi } from './commands/ci';

/** A command's action returns its exit code; the program sets it once at the end. */
export type CommandResult = Promise<number>;

/** Builds the `migrate` program. Each command lives in its own file under commands/. */
export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('migrate')
    .description('Migrate legacy T-SQL stored procedures to tested, typed, set-based code on DuckDB')
    .version(readVersion())
    .option('--debug', 'print stack traces for unexpected errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const run = (action: (...args: never[]) => CommandResult) => async (...args: unknown[]) => {
    setExit(await action(...(args as never[])));
  };
  registerAnalyze(program, run);
  registerCapture(program, run);
  registerAccept(program, run);
  registerSections(program, run);
  registerRun(program, run);
  registerStatus(program, run);
  registerScaffold(program, run);
  registerTest(program, run);
  registerCi(program, run);
  registerInit(program, run);
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
  const program = buildProgram((c) => { code = c; });
  try {
    await program.parseAsync(argv as string[]);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (err instanceof MigrateError) {
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
