import type { EngineSession } from '../../engine';
import type { ParsedScript } from '../../tsql';
import { collectCatalog } from './catalog';
import { compatibilityLevelMacros } from './compatibility-level';
import { installRandom } from './reproducibility/random-values';
import { createSequences } from './sequences';
import { EmulatorState, type LoadedProcedure } from './state';
import { collectTableDefinitions } from './tables/table-definitions';
import { installTsqlMacros } from './tsql-macros';
import { DECIMAL_MACROS } from './decimal-arithmetic';
import { KEY_TEXT_MACROS } from './tables/key-text';
import { startInLoginLanguage } from './login-language';
import type { SessionLanguage } from './session-languages';

/**
 * A fresh emulator state for one run, whole procedure or section: the T-SQL macros installed,
 * the scripts' table definitions, functions, views, sequences and alias types known, RAND()
 * and NEWID() seeded. Tables are built later, when a run needs them.
 */
export async function prepareEmulatorState(session: EngineSession, scripts: readonly ParsedScript[], procedures: ReadonlyMap<string, LoadedProcedure>, options: { readonly clock: string; readonly allowDynamicSql?: boolean; readonly seed?: number; readonly sequences?: ReadonlyMap<string, bigint>; readonly context?: ReadonlyMap<string, string>; readonly identities?: ReadonlyMap<string, bigint>; readonly compatibilityLevel?: number; readonly serverVersion?: number; readonly language?: SessionLanguage }): Promise<EmulatorState> {
  const state = new EmulatorState(session, procedures, options.clock, options.allowDynamicSql ?? false);
  if (options.context !== undefined) state.sessionContext = options.context;
  if (options.identities !== undefined) state.identityStarts = options.identities;
  startInLoginLanguage(state, options.language);
  // DuckDB (1.5.6) plans a prepared statement with the table statistics of its first run: a
  // filter they proved always true (or false) stays dropped after the rows change, so a cached
  // statement of a loop (prepared-statements.ts) would read stale answers. Without statistics
  // propagation every run filters the rows as they are.
  await session.run("SET disabled_optimizers = 'statistics_propagation'");
  await installTsqlMacros(session);
  state.compatibilityLevel = options.compatibilityLevel;
  state.serverVersion = options.serverVersion;
  await session.run([...DECIMAL_MACROS, ...KEY_TEXT_MACROS, ...compatibilityLevelMacros(options.compatibilityLevel)].join(';\n'));
  state.definitions = collectTableDefinitions(scripts);
  collectCatalog(state.catalog, scripts);
  await createSequences(state, options.sequences);
  await installRandom(state, options.seed ?? 0);
  return state;
}
