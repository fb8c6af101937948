import { loginLanguageName, type LoginLanguageName } from '../../core';
import type { DateFormat } from './dates/date-text';

// SET LANGUAGE sets DATEFORMAT and DATEFIRST and the culture FORMAT uses when given none (the
// SET LANGUAGE page; sys.syslanguages lists each language's dateformat and datefirst). Only
// languages whose month and day names are us_english's are followed: DATENAME, CONVERT's
// styles 0/100/9/109 and the like then read the same. Others are refused where set.

export interface SessionLanguage {
  /** The name @@LANGUAGE gives. */
  readonly name: string;
  readonly dateFormat: DateFormat;
  readonly dateFirst: number;
  /** FORMAT's culture when its third argument is left out. */
  readonly culture: 'en-us' | 'en-gb';
  /**
   * The parts the code set itself (SET DATEFIRST, DATEFORMAT, LANGUAGE), which then no longer
   * come from the login's language (login-language.ts). Held here, in the value a procedure's
   * return restores, so a callee's SET stops counting when the caller's settings come back.
   */
  readonly setByCode?: Readonly<Partial<Record<'dateFirst' | 'dateFormat' | 'names', true>>>;
}

const US_ENGLISH: SessionLanguage = { name: 'us_english', dateFormat: 'mdy', dateFirst: 7, culture: 'en-us' };
const BRITISH: SessionLanguage = { name: 'British', dateFormat: 'dmy', dateFirst: 1, culture: 'en-gb' };

/** By canonical name (core/login-language.ts holds the aliases: English, British English). */
const LANGUAGES: Readonly<Record<LoginLanguageName, SessionLanguage>> = { us_english: US_ENGLISH, british: BRITISH };

export const DEFAULT_LANGUAGE = US_ENGLISH;

/** The language `SET LANGUAGE <value>` names (a bare name, or a quoted one: 'British English'), or undefined. */
export function sessionLanguage(value: string): SessionLanguage | undefined {
  const name = loginLanguageName(value.trim().replace(/^N?'(.*)'$/is, '$1').replace(/^\[(.*)\]$/s, '$1'));
  return name === undefined ? undefined : LANGUAGES[name];
}
