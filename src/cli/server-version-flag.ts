import { parseServerVersion } from '../core';
import type { WorkspaceConfig } from '../sections';

/** The help text of `--server-version`, the same for capture and record. */
export const SERVER_VERSION_FLAG_HELP = 'emulator: the legacy server\'s SQL Server release, e.g. 2016, 2019 (default: legacy.serverVersion of migrate.config.yaml; a compatibility level of 140 or more says 2017 or later): ERROR_PROCEDURE() gives schema_name.procedure_name from 2017, the name alone on 2016, and is refused without it';

/** The workspace's settings with `--server-version` (when given) in place of legacy.serverVersion. */
export function withServerVersion(config: WorkspaceConfig, flag: string | undefined): WorkspaceConfig {
  const serverVersion = parseServerVersion(flag, '--server-version');
  return serverVersion === undefined ? config : { ...config, serverVersion };
}
