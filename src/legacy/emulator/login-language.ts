import { AsyncLocalStorage } from 'node:async_hooks';
import type { LoginLanguageName, SourceSpan } from '../../core';
import { readDateTimeText, type DateFormat, type DateTimeTarget } from './dates/date-text';
import type { SqlFragment } from './expressions';
import type { EmulatorState } from './state';
import { DEFAULT_LANGUAGE, sessionLanguage, type SessionLanguage } from './session-languages';

// A SQL Server session starts in its login's language (sys.server_principals default language,
// the server's `default language` otherwise): us_english is DATEFIRST 7 and DATEFORMAT mdy,
// British DATEFIRST 1 and DATEFORMAT dmy. The scripts never say which, so a workspace states it
// (legacy.language, --language). When it does not, the emulator runs as us_english and notes the
// first construct whose result that choice decides, so the capture can say what it assumed.

/** What of the session's language a construct reads: the first day of the week, how date text reads, the names and culture. */
export type LanguagePart = 'dateFirst' | 'dateFormat' | 'names';

/** The session language of a login language the workspace states (core/login-language.ts names them). */
export function loginLanguage(name: LoginLanguageName): SessionLanguage {
  return sessionLanguage(name) ?? DEFAULT_LANGUAGE;
}

/** The first construct that read the assumed login language: what it is and where (`file:line:col`). */
export interface LanguageAssumption {
  readonly language: string;
  readonly construct: string;
  readonly at: string;
}

/** Starts a run's session in the login's language: the stated one, or us_english (noting what depends on it). */
export function startInLoginLanguage(state: EmulatorState, stated: SessionLanguage | undefined): void {
  const language = stated ?? DEFAULT_LANGUAGE;
  state.language = language;
  state.dateFormat = language.dateFormat;
  state.dateFirst = language.dateFirst;
  state.loginLanguageStated = stated !== undefined;
  watchLanguage(state);
}

/**
 * Notes that `construct` reads `part` of the session language: the first such read of a run whose
 * login language was assumed, unless the code set that part itself (SET DATEFIRST, DATEFORMAT,
 * LANGUAGE: then the login's does not matter). `span` locates the construct; without it, the
 * statement running.
 */
export function noteLanguageRead(state: EmulatorState, part: LanguagePart, construct: string, span?: SourceSpan): void {
  if (state.loginLanguageStated || state.languageAssumed !== undefined || state.language.setByCode?.[part] === true) return;
  const at = span === undefined ? placeOf(state.at) : state.place(span);
  state.languageAssumed = { language: state.language.name, construct, at };
}

function placeOf(location: EmulatorState['at']): string {
  const start = location?.span?.start;
  // outside every statement: binding the values the run was called with (--param)
  return start === undefined ? location?.file ?? 'the parameters of the call' : `${location?.file ?? ''}:${start.line}:${start.column}`;
}

/** The emulator state of the run translating now, for conversions deep in date-convert.ts that are handed no state. */
const running = new AsyncLocalStorage<{ state: EmulatorState | undefined }>();

/** Runs an emulation (emulateProcedure, emulateSection) so that its state, once prepared (watchLanguage), is found by the conversions inside it. */
export function runInLanguageWatch<T>(fn: () => Promise<T>): Promise<T> {
  return running.run({ state: undefined }, fn);
}

/** Makes `state` the one conversions of the current run read their DATEFORMAT from and note their dependence in. */
export function watchLanguage(state: EmulatorState): void {
  const watch = running.getStore();
  if (watch !== undefined) watch.state = state;
}

/** The format of a data file's date text (a CSV field, a spec cell): read as it always is, whatever the session's language. */
export const DATA_TEXT = 'data';
/** How a conversion reads date text: a format, DATA_TEXT, or undefined for the running session's own. */
export type TextDateFormat = DateFormat | typeof DATA_TEXT | undefined;

/** The text of a value given from outside the code (--param), converted now by a synchronous convertSql. */
let knownText: string | undefined;

/** Runs `convert` (synchronous) knowing the text it converts: a --param's value is read like a literal for what depends on DATEFORMAT. */
export function convertingKnownText<T>(text: string, convert: () => T): T {
  const saved = knownText;
  knownText = text;
  try {
    return convert();
  } finally {
    knownText = saved;
  }
}

/**
 * The DATEFORMAT a conversion of `value` to `target` reads text by: the one given, or the running
 * session's (a user function's argument converts under its caller's DATEFORMAT; mdy outside a
 * run). A conversion under the session's format of known text whose reading it decides is noted
 * as depending on the login language: a constant (or --param value) that mdy and dmy read
 * differently ('03/04/2024'; '2024-03-04' as datetime, which dmy reads year-day-month).
 */
export function textDateFormat(format: TextDateFormat, value: SqlFragment, target: DateTimeTarget): DateFormat {
  if (format === DATA_TEXT) return 'mdy';
  const state = running.getStore()?.state;
  const read = format ?? state?.dateFormat ?? 'mdy';
  const text = value.family === 'string' || (value.family === 'unknown' && (value.duckType === 'VARCHAR' || value.constant !== undefined));
  if (state === undefined || !text || read !== state.dateFormat || state.loginLanguageStated || state.languageAssumed !== undefined) return read;
  const constant = value.constant === undefined ? knownText : value.constant.value;
  // Text from rows is not known when the statement is translated; an INSERT … SELECT of a literal
  // reaches here as such, so noting every one would cry wolf: only known text is weighed.
  if (constant === null || constant === undefined) return read;
  const [mdy, dmy] = [readDateTimeText(constant, target, 'mdy'), readDateTimeText(constant, target, 'dmy')];
  if (JSON.stringify(mdy, bigints) === JSON.stringify(dmy, bigints)) return read;
  noteLanguageRead(state, 'dateFormat', `'${constant}' converted to ${target}`);
  return read;
}

function bigints(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

/** What a capture or recording says when it assumed the login language: once, with the first construct that depends on it. */
export function languageAssumedText(a: LanguageAssumption): string {
  const language = sessionLanguage(a.language) ?? DEFAULT_LANGUAGE;
  return `assumed the legacy login's language is ${language.name} (DATEFIRST ${language.dateFirst}, DATEFORMAT ${language.dateFormat}): ${a.construct} at ${a.at} depends on it; state the login's language with legacy.language in migrate.config.yaml or --language (us_english or british)`;
}
