import { runCli } from '../../src/cli/program';

/** What one in-process `migrate` run printed and returned. */
export interface MigrateRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/**
 * Runs the CLI in-process (no dependence on a fresh dist/ build) with stdout and stderr
 * captured, and with `env` overrides (undefined deletes a variable) restored afterwards.
 */
export async function runMigrate(args: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): Promise<MigrateRun> {
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { out += String(chunk); return true; });
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { err += String(chunk); return true; });
  try {
    const code = await runCli(['node', 'migrate', ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
