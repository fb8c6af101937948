import { walk, type Node, type SetOption, type Statement } from '../tsql';
import type { SectionSpec } from '../sections';
import { refuseAt, type DraftContext } from './draft-scope';
import type { Refusal } from './draft-model';

/*
 * SET ROWCOUNT n: every later SELECT, INSERT, UPDATE, DELETE and MERGE stops after the first n
 * rows its plan meets (the batching loops of SQL Server 2000 code). `sections propose` leaves the
 * SET in housekeeping, so a section starts under the one the procedure ran before it, as `sections
 * record` runs it (legacy/emulator/section/section-set-options.ts). The draft's set-based SQL would touch
 * every row: a statement under a limit is refused, never drafted unlimited. A statement of one
 * row at most (`SELECT @err = @@ERROR`, a one-row INSERT … VALUES) is never cut.
 */

const setsRowCount = (n: Node): n is SetOption => n.kind === 'SetOption' && n.options.some((o) => o.toUpperCase() === 'ROWCOUNT');

/** Applies a top-level `SET ROWCOUNT …` to the context: 0 lifts the limit, anything else sets it. */
export function applyRowCount(ctx: DraftContext, s: Statement): void {
  if (!setsRowCount(s)) return;
  ctx.rowCountLimit = /^0+$/.test(s.value.trim()) ? undefined : s;
}

/** The limit in effect when the section starts (statements before it, outside it), and one its nested statements may set. */
export function initRowCount(ctx: DraftContext, body: readonly Statement[], spec: SectionSpec, section: readonly Statement[]): void {
  const inSection = (line: number): boolean => spec.lines.some((r) => line >= r.start && line <= r.end);
  const first = Math.min(...spec.lines.map((r) => r.start));
  const last = Math.max(...spec.lines.map((r) => r.end));
  // a SET inside an IF or a loop, or between two parts of the section: where it holds is not known
  let unknown: SetOption | undefined;
  // (one setting it to 0 only lifts a limit: where it holds does not matter when none was in effect)
  const nested = (s: Statement): void => walk(s, (n) => { if (unknown === undefined && setsRowCount(n) && !/^0+$/.test(n.value.trim())) unknown = n; });
  const visit = (list: readonly Statement[]): void => {
    for (const s of list) {
      if (s.kind === 'Block') { visit(s.statements); continue; }
      if (s.kind === 'TryCatch') { visit(s.tryStatements); continue; }
      const line = s.span.start.line;
      if (inSection(line) || line > last) continue;
      if (line > first) { nested(s); continue; }
      if (!setsRowCount(s)) { nested(s); continue; }
      // a top-level SET before the section replaces whatever an earlier one left
      applyRowCount(ctx, s);
      unknown = undefined;
    }
  };
  visit(body);
  for (const s of section) if (!setsRowCount(s)) nested(s);
  if (unknown !== undefined) ctx.rowCountLimit = unknown;
}

/** Why `s` is not drafted under the SET ROWCOUNT in effect (it or a statement inside it reads or writes rows), or undefined. */
export function rowCountRefusal(ctx: DraftContext, s: Statement): Refusal | undefined {
  const limit = ctx.rowCountLimit;
  if (limit === undefined) return undefined;
  let limited: Node | undefined;
  walk(s, (n) => {
    if (limited !== undefined) return false;
    if (['Insert', 'Update', 'Delete', 'Merge'].includes(n.kind) || (n.kind === 'Select' && !oneRowAtMost(n))) { limited = n; return false; }
    return true;
  });
  if (limited === undefined) return undefined;
  if (limited.kind === 'Insert' && limited.source.kind === 'ValuesSource' && limited.source.rows.length === 1) return undefined;
  return refuseAt(ctx, s.span, `${s.kind.toUpperCase()} under SET ROWCOUNT ${limit.value.trim()} (line ${limit.span.start.line})`,
    'it reads or changes only the first rows its plan meets, which SQL Server decides; the draft would take every row');
}

/** A SELECT without FROM (one row) whose items hold no query. */
function oneRowAtMost(s: Extract<Node, { kind: 'Select' }>): boolean {
  if (s.ctes.length > 0 || s.body.kind !== 'QuerySpec' || s.body.from.length > 0 || s.body.groupBy !== undefined) return false;
  let nested = false;
  walk(s.body, (n) => { if (n.kind === 'Select') nested = true; return !nested; });
  return !nested;
}
