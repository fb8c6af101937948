import { parseCompatibilityLevel } from '../core';
import type { WorkspaceConfig } from '../sections';

/** The help text of `--compatibility-level`, the same for capture and record. */
export const COMPATIBILITY_LEVEL_FLAG_HELP = 'emulator: the legacy database\'s compatibility level (e.g. 120, 150; default: legacy.compatibilityLevel of migrate.config.yaml): a truncation error\'s number and a datetime\'s milliseconds ending in 3 or 7 converted to or compared with a finer type depend on it, and are refused without it';

/** The workspace's settings with `--compatibility-level` (when given) in place of legacy.compatibilityLevel. */
export function withCompatibilityLevel(config: WorkspaceConfig, flag: string | undefined): WorkspaceConfig {
  const level = parseCompatibilityLevel(flag, '--compatibility-level');
  return level === undefined ? config : { ...config, compatibilityLevel: level };
}
