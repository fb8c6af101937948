import { runCli } from './program';

/**
 * Entry point used by bin/migrate.js. A closed pipe (`migrate analyze --json | head`) is the
 * reader saying it has seen enough, not an error: exit quietly instead of crashing on EPIPE.
 */
export async function main(argv: readonly string[]): Promise<number> {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  return runCli(argv);
}
