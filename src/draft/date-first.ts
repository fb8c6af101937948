import { walk, type SetOption, type Statement } from '../tsql';
import type { SectionSpec } from '../sections';
import type { SourceSpan } from '../core';
import type { Refusal } from './draft-model';
import { refuseAt, type DraftContext } from './draft-scope';

/*
 * SET DATEFIRST decides DATEPART(weekday) and DATEPART(week). `sections propose` leaves the SET in
 * housekeeping, so the section starts under the one the procedure ran before it (as `sections
 * record` runs it, legacy/emulator/section/section-set-options.ts); one inside an IF or a loop leaves
 * the value unknown, and those parts are then refused.
 */

const sets = (s: SetOption): boolean => s.options.some((o) => ['DATEFIRST', 'LANGUAGE', 'DATEFORMAT'].includes(o.toUpperCase()));
const setsFormat = (s: SetOption): boolean => s.options.some((o) => ['LANGUAGE', 'DATEFORMAT'].includes(o.toUpperCase()));

/** Applies a top-level `SET DATEFIRST n` / `SET DATEFORMAT dmy` / `SET LANGUAGE` to the context. */
export function applyDateFirst(ctx: DraftContext, s: SetOption): void {
  if (!sets(s)) return;
  applyDateFormat(ctx, s);
  if (ctx.dateFirst !== undefined && typeof ctx.dateFirst !== 'number') return;
  const value = s.value.trim().toUpperCase().replace(/^N?'|'$/g, '');
  if (s.options.some((o) => o.toUpperCase() === 'DATEFORMAT')) return;
  if (s.options.some((o) => o.toUpperCase() === 'LANGUAGE')) {
    ctx.dateFirst = ['US_ENGLISH', 'ENGLISH'].includes(value) ? 7 : refuseAt(ctx, s.span, `SET LANGUAGE ${s.value}`, 'its first day of the week is not known to the draft');
    return;
  }
  ctx.dateFirst = /^[1-7]$/.test(value) ? Number(value) : refuseAt(ctx, s.span, `SET DATEFIRST ${s.value}`, 'not a number from 1 to 7 written in the statement');
}

/** The SET DATEFIRST in effect when the section starts, from the statements before it outside it; the section's own nested ones make it unknown. */
export function initDateFirst(ctx: DraftContext, body: readonly Statement[], spec: SectionSpec, section: readonly Statement[]): void {
  const inSection = (line: number): boolean => spec.lines.some((r) => line >= r.start && line <= r.end);
  const first = Math.min(...spec.lines.map((r) => r.start));
  const last = Math.max(...spec.lines.map((r) => r.end));
  const visit = (list: readonly Statement[]): void => {
    for (const s of list) {
      if (s.kind === 'Block') { visit(s.statements); continue; }
      if (s.kind === 'TryCatch') { visit(s.tryStatements); continue; }
      if (inSection(s.span.start.line)) continue;
      // between two parts of the section: it changes the later part only
      if (s.span.start.line >= first) { if (s.span.start.line <= last) nested(s); continue; }
      if (s.kind === 'SetOption') { applyDateFirst(ctx, s); continue; }
      nested(s);
    }
  };
  const nested = (s: Statement): void => {
    walk(s, (n) => {
      if (n.kind === 'SetOption' && setsFormat(n) && (ctx.dateFormat === undefined || typeof ctx.dateFormat === 'string')) {
        ctx.dateFormat = refuseAt(ctx, n.span, `SET ${n.options.join(', ')}`, 'set inside an IF or a loop: which date format is in effect is not known');
      }
      if (n.kind === 'SetOption' && sets(n) && !n.options.every((o) => o.toUpperCase() === 'DATEFORMAT') && (ctx.dateFirst === undefined || typeof ctx.dateFirst === 'number')) {
        ctx.dateFirst = refuseAt(ctx, n.span, `SET ${n.options.join(', ')}`, 'set inside an IF or a loop: which first day of the week is in effect is not known');
      }
    });
  };
  visit(body);
  for (const s of section) if (s.kind !== 'SetOption') nested(s);
}

/*
 * SET DATEFORMAT (and SET LANGUAGE, which sets it) decides how text such as '2024-09-01' becomes
 * a datetime or smalldatetime: under dmy SQL Server reads it as year-day-month, 9 January (the
 * datetime page: only the unseparated 'yyyymmdd' and ISO 8601 'yyyy-mm-ddThh:mm:ss' read alike
 * under every setting; date and datetime2 read 'yyyy-mm-dd' as ISO always). The draft writes such
 * a constant as year-month-day, exact under us_english's mdy and under ymd only.
 */
function applyDateFormat(ctx: DraftContext, s: SetOption): void {
  if (!setsFormat(s) || (ctx.dateFormat !== undefined && typeof ctx.dateFormat !== 'string')) return;
  const value = s.value.trim().toLowerCase().replace(/^n?'|'$/g, '');
  if (s.options.some((o) => o.toUpperCase() === 'DATEFORMAT')) {
    ctx.dateFormat = /^(mdy|dmy|ymd|ydm|myd|dym)$/.test(value) ? value : refuseAt(ctx, s.span, `SET DATEFORMAT ${s.value}`, 'not a date format written in the statement');
    return;
  }
  ctx.dateFormat = ['us_english', 'english'].includes(value) ? 'mdy' : refuseAt(ctx, s.span, `SET LANGUAGE ${s.value}`, 'the date format it sets is not known to the draft');
}

/**
 * The refusal of a 'yyyy-mm-dd…' constant read as a datetime (`at` its place) when the SET
 * DATEFORMAT in effect is not mdy or ymd, or not known; undefined where year-month-day is exact.
 */
export function separatedDatetimeRefusal(ctx: DraftContext, at: SourceSpan, literal: string): Refusal | undefined {
  const format = ctx.dateFormat;
  if (format === undefined || format === 'mdy' || format === 'ymd') return undefined;
  const why = typeof format === 'string'
    ? `under SET DATEFORMAT ${format} SQL Server reads yyyy-mm-dd by that order for a datetime (under dmy as year-day-month)`
    : `the date format in effect is not known (${format.construct} at line ${format.line}), and SQL Server reads yyyy-mm-dd by it for a datetime`;
  return refuseAt(ctx, at, `${literal} read as a datetime`, `${why}; 'yyyymmdd' or 'yyyy-mm-ddThh:mm:ss' reads alike under every setting`);
}
