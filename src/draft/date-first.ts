import { walk, type SetOption, type Statement } from '../tsql';
import type { SectionSpec } from '../sections';
import { refuseAt, type DraftContext } from './draft-scope';

/*
 * SET DATEFIRST decides DATEPART(weekday) and DATEPART(week). `sections propose` leaves the SET in
 * housekeeping, so the section starts under the one the procedure ran before it (as `sections
 * record` runs it, legacy/emulator/section-set-options.ts); one inside an IF or a loop leaves
 * the value unknown, and those parts are then refused.
 */

const sets = (s: SetOption): boolean => s.options.some((o) => ['DATEFIRST', 'LANGUAGE'].includes(o.toUpperCase()));

/** Applies a top-level `SET DATEFIRST n` / `SET LANGUAGE` to the context. */
export function applyDateFirst(ctx: DraftContext, s: SetOption): void {
  if (!sets(s) || (ctx.dateFirst !== undefined && typeof ctx.dateFirst !== 'number')) return;
  const value = s.value.trim().toUpperCase().replace(/^N?'|'$/g, '');
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
      if (n.kind === 'SetOption' && sets(n) && (ctx.dateFirst === undefined || typeof ctx.dateFirst === 'number')) {
        ctx.dateFirst = refuseAt(ctx, n.span, `SET ${n.options.join(', ')}`, 'set inside an IF or a loop: which first day of the week is in effect is not known');
      }
    });
  };
  visit(body);
  for (const s of section) if (s.kind !== 'SetOption') nested(s);
}
