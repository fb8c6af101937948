import { UsageError } from './errors';

/**
 * The languages a legacy login may be stated to have (`legacy.language`, `--language`): those
 * the emulator follows fully, DATEFIRST, DATEFORMAT, month and day names and FORMAT's culture
 * (us_english: 7, mdy, en-US; British: 1, dmy, en-GB). The key is what people write, any case,
 * with SET LANGUAGE's aliases; the value the canonical name.
 */
const LOGIN_LANGUAGE_NAMES: ReadonlyMap<string, LoginLanguageName> = new Map([
  ['us_english', 'us_english'], ['english', 'us_english'], ['british', 'british'], ['british english', 'british'],
]);

export type LoginLanguageName = 'us_english' | 'british';

export const LOGIN_LANGUAGE_HINT = 'the legacy login\'s language: SELECT @@LANGUAGE on the server as that login (us_english or british; other languages are not emulated)';

/** The language a name or alias stands for (any case, blanks around), or undefined: the one list of names, for the login and SET LANGUAGE alike. */
export function loginLanguageName(value: string): LoginLanguageName | undefined {
  return LOGIN_LANGUAGE_NAMES.get(value.trim().toLowerCase());
}

/** The login language `value` names, or undefined when none is given; anything else is a UsageError naming `what`. */
export function parseLoginLanguage(value: unknown, what: string): LoginLanguageName | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const name = typeof value === 'string' ? loginLanguageName(value) : undefined;
  if (name === undefined) {
    throw new UsageError('LOGIN_LANGUAGE', `${what} ${String(value)} is not a language the emulator follows (expected us_english or british)`, { hint: LOGIN_LANGUAGE_HINT });
  }
  return name;
}
