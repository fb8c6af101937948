import { parseLoginLanguage } from '../core';
import type { WorkspaceConfig } from '../sections';

/** The help text of `--language`, the same for capture and record. */
export const LANGUAGE_FLAG_HELP = 'emulator: the legacy login\'s language, us_english (DATEFIRST 7, DATEFORMAT mdy) or british (DATEFIRST 1, DATEFORMAT dmy) (default: legacy.language of migrate.config.yaml, else us_english, and the run says where the code depends on that): DATEPART(weekday/week), @@DATEFIRST, DATENAME, FORMAT and date text such as \'03/04/2024\' depend on it';

/** The workspace's settings with `--language` (when given) in place of legacy.language. */
export function withLanguage(config: WorkspaceConfig, flag: string | undefined): WorkspaceConfig {
  const language = parseLoginLanguage(flag, '--language');
  return language === undefined ? config : { ...config, language };
}
