import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseCompatibilityLevel, parseLoginLanguage, parseServerVersion, UsageError, type LoginLanguageName } from '../core';

/** A migration workspace's settings (migrate.config.yaml or .json at its root). */
export interface WorkspaceConfig {
  readonly kind: 'workspace-config';
  readonly root: string;
  readonly defaultSchema: string;
  readonly paths: {
    readonly procedures: string;
    readonly dataflow: string;
    readonly sections: string;
    readonly transforms: string;
    readonly tests: string;
    readonly acceptance: string;
  };
  readonly duckdb: { readonly memoryLimit: string; readonly threads?: number };
  /** Where generated code imports tsql-migrate's modules from (`<library>/engine`). */
  readonly library: string | undefined;
  /** The legacy database's compatibility level (`legacy.compatibilityLevel`), when the workspace gives it. */
  readonly compatibilityLevel: number | undefined;
  /** The legacy server's release (`legacy.serverVersion`, e.g. 2016), when the workspace gives it (core/server-version.ts). */
  readonly serverVersion?: number | undefined;
  /** The legacy login's language (`legacy.language`: us_english or british), when the workspace gives it; the emulator assumes us_english without it. */
  readonly language: LoginLanguageName | undefined;
}

export const CONFIG_FILES = ['migrate.config.yaml', 'migrate.config.yml', 'migrate.config.json'] as const;

const DEFAULT_PATHS = {
  procedures: 'procedures', dataflow: 'dataflow', sections: 'sections', transforms: 'src/transforms', tests: 'tests/sections', acceptance: 'acceptance',
};

/**
 * Reads the workspace config at `root`; every setting has a default, so a workspace without a
 * config file (like this repository) works too. A config that does not parse is a UsageError.
 */
export function loadWorkspaceConfig(root: string): WorkspaceConfig {
  const file = CONFIG_FILES.map((f) => join(root, f)).find((f) => existsSync(f));
  let raw: Record<string, unknown> = {};
  if (file) {
    try {
      const text = readFileSync(file, 'utf8');
      raw = (file.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) ?? {};
    } catch (err) {
      throw new UsageError('CONFIG_PARSE', `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`, { location: { file }, hint: 'fix the YAML/JSON syntax' });
    }
  }
  const paths = (raw.paths ?? {}) as Record<string, unknown>;
  const duck = (raw.duckdb ?? {}) as Record<string, unknown>;
  const legacy = (raw.legacy ?? {}) as Record<string, unknown>;
  const str = (v: unknown, d: string): string => (typeof v === 'string' && v.length > 0 ? v : d);
  return {
    kind: 'workspace-config',
    root,
    defaultSchema: str(raw.defaultSchema, 'dbo'),
    paths: Object.fromEntries(Object.entries(DEFAULT_PATHS).map(([k, d]) => [k, str(paths[k], d)])) as WorkspaceConfig['paths'],
    duckdb: { memoryLimit: str(duck.memoryLimit, '3GB'), ...(typeof duck.threads === 'number' ? { threads: duck.threads } : {}) },
    library: typeof raw.library === 'string' ? raw.library : undefined,
    compatibilityLevel: parseCompatibilityLevel(legacy.compatibilityLevel, `${file ?? 'migrate.config.yaml'}: legacy.compatibilityLevel`),
    serverVersion: parseServerVersion(legacy.serverVersion, `${file ?? 'migrate.config.yaml'}: legacy.serverVersion`),
    language: parseLoginLanguage(legacy.language, `${file ?? 'migrate.config.yaml'}: legacy.language`),
  };
}
