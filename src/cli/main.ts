import { runCli } from './program';

/** Entry point used by bin/migrate.js. */
export async function main(argv: readonly string[]): Promise<number> {
  return runCli(argv);
}
