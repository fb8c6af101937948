import type { SetOption } from '../../tsql';
import type { DateFormat } from './dates/date-text';
import { setIdentityInsert } from './tables/identity-insert';
import type { EmulatorState } from './state';
import { DEFAULT_LANGUAGE, sessionLanguage } from './session-languages';

// The SET options a procedure runs: the ones that change results are followed (ROWCOUNT,
// DATEFIRST, DATEFORMAT, LANGUAGE, XACT_ABORT, IDENTITY_INSERT) or refused; the others are no-ops.

/** SET ROWCOUNT's value: a number written in the statement or an integer variable's; refused otherwise. */
function rowCountOf(state: EmulatorState, s: SetOption, value: string): number {
  if (/^\d+$/.test(value)) return Number(value);
  const slot = value.startsWith('@') ? state.frame.variables.get(value.toLowerCase()) : undefined;
  const n = slot?.value === null || slot?.value === undefined ? NaN : Number(slot.value);
  if (!Number.isInteger(n) || n < 0) throw state.unsupported(s, `SET ROWCOUNT ${s.value} (a number, or an integer variable that holds one)`);
  return n;
}

/**
 * SET options: those that do not change results are no-ops (NOCOUNT, ANSI_NULLS ON, XACT_ABORT,
 * isolation level; IDENTITY_INSERT is followed in identity-insert.ts); those that
 * would change results away from the defaults the emulator implements are refused.
 */
export function checkSetOption(state: EmulatorState, s: SetOption): void {
  const value = s.value.trim().toUpperCase();
  for (const option of s.options.map((o) => o.toUpperCase())) {
    const changesResults =
(['ANSI_NULLS', 'CONCAT_NULL_YIELDS_NULL', 'ANSI_WARNINGS', 'ARITHABORT', 'ANSI_PADDING'].includes(option) && value === 'OFF')
      || (option === 'LANGUAGE' && sessionLanguage(s.value) === undefined)
      || option === 'NUMERIC_ROUNDABORT';
    if (changesResults) throw state.unsupported(s, `SET ${option} ${s.value} (the emulator implements SQL Server's defaults)`);
    if (option === 'ROWCOUNT') state.rowCountLimit = rowCountOf(state, s, value);
    if (option === 'XACT_ABORT') state.xactAbort = value === 'ON';
    if (option === 'IDENTITY_INSERT') setIdentityInsert(state, s);
    if (option === 'DATEFIRST') {
      // The first day of the week, for DATEPART(weekday) and DATEPART(week) (functions.ts).
      if (!/^[1-7]$/.test(value)) throw state.unsupported(s, `SET DATEFIRST ${s.value} (a number from 1 to 7 written in the statement)`);
      state.dateFirst = Number(value);
      state.language = { ...state.language, setByCode: { ...state.language.setByCode, dateFirst: true } };
    }
    if (option === 'DATEFORMAT') {
      // SET DATEFORMAT decides how text such as '01/02/2020' reads as a date (date-text.ts).
      const format = value.replace(/^N?'|'$/g, '').toLowerCase();
      if (!['mdy', 'dmy', 'ymd', 'ydm', 'myd', 'dym'].includes(format)) throw state.unsupported(s, `SET DATEFORMAT ${s.value}`);
      state.dateFormat = format as DateFormat;
      state.language = { ...state.language, setByCode: { ...state.language.setByCode, dateFormat: true } };
    }
    // A language sets its date format and first day of the week (session-languages.ts).
    if (option === 'LANGUAGE') {
      const language = sessionLanguage(s.value) ?? DEFAULT_LANGUAGE;
      state.language = { ...language, setByCode: { dateFirst: true, dateFormat: true, names: true } };
      state.dateFormat = language.dateFormat;
      state.dateFirst = language.dateFirst;
    }
  }
}
