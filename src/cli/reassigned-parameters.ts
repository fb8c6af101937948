import { EngineSession } from '../engine';
import { emulateSection } from '../legacy';
import { findParamValue, mergeLineRanges, type ProcedureParameters, type SectionSpec } from '../sections';
import type { CreateProcedure, Statement } from '../tsql';

/** What each section reads of the parameters the procedure reassigns before it: section id -> lower-case name (no @) -> value as text. */
export type SectionParameterValues = ReadonlyMap<string, ReadonlyMap<string, string | null>>;

const CLOCK_READ = /\b(getdate|getutcdate|sysdatetime|sysutcdatetime|sysdatetimeoffset|current_timestamp)\b/i;

/**
 * The value a parameter holds when a section starts, where the procedure assigns it before the
 * section (`SET @BillMonth = DATEFROMPARTS(YEAR(@BillMonth), MONTH(@BillMonth), 1)`, `IF @To IS
 * NULL SET @To = …`): the section re-implements code that reads the assigned value, while the
 * caller (`--param`, a baseline's parameters) gives the value the procedure was called with. The
 * statements holding the assignments run in the emulator, alone, on the run's parameter values.
 * A parameter is left out (the pipeline then refuses or trusts an explicit --param as before)
 * when those statements read anything but parameters and constants (a table, another variable,
 * the clock when the run has none, RAND()/NEWID()), end the procedure, or are assigned again
 * inside the section's own lines.
 */
export async function reassignedParameterValues(found: ProcedureParameters, specs: readonly SectionSpec[], params: Readonly<Record<string, string>>, clock: string | undefined): Promise<SectionParameterValues> {
  const out = new Map<string, Map<string, string | null>>();
  if (found.assigned.size === 0) return out;
  const body = found.definition.body;
  const given = Object.fromEntries(found.parameters.map((p) => [p.name, findParamValue(params, p.name) ?? null]));
  const cache = new Map<string, ReadonlyMap<string, string | null>>();
  let session: EngineSession | undefined;
  try {
    for (const spec of specs) {
      if (spec.ignored) continue;
      const first = Math.min(...spec.lines.map((r) => r.start));
      const last = Math.max(...spec.lines.map((r) => r.end));
      const inSection = (l: number): boolean => spec.lines.some((r) => l >= r.start && l <= r.end);
      // the parameters the section reads as earlier statements left them; one assigned between
      // the section's first and last line is left out (part of it reads one value, part another)
      const wanted = [...found.assigned].filter(([, lines]) => lines.some((l) => l < last && !inSection(l)) && !lines.some((l) => l > first && l < last && !inSection(l))).map(([name]) => name);
      if (wanted.length === 0) continue;
      // every assignment of a parameter before the section runs, in order, so one that reads
      // another reassigned parameter (`SET @Days = DAY(EOMONTH(@BillMonth))`) reads it as assigned
      const before = [...found.assigned.values()].flat().filter((l) => l < first && !inSection(l));
      const statements = [...new Set(before.map((l) => enclosingStatement(body, l)))];
      if (statements.some((s) => s === undefined)) continue;
      const ranges = mergeLineRanges((statements as Statement[]).map((s) => ({ start: s.span.start.line, end: s.span.end.line })));
      const key = ranges.map((r) => `${r.start}-${r.end}`).join(',');
      if (!cache.has(key)) {
        session ??= await EngineSession.open({});
        cache.set(key, await valuesAfter(found, ranges, given, clock, session));
      }
      const values = new Map<string, string | null>();
      for (const name of wanted) {
        const value = cache.get(key)?.get(name.toLowerCase());
        if (value !== undefined) values.set(name.replace(/^@/, '').toLowerCase(), value);
      }
      if (values.size > 0) out.set(spec.id, values);
    }
  } finally {
    session?.close();
  }
  return out;
}

/** The statement of the body (through BEGIN…END and TRY…CATCH, as a section's lines select them) that holds `line`. */
function enclosingStatement(body: CreateProcedure['body'], line: number): Statement | undefined {
  for (const s of body) {
    if (line < s.span.start.line || line > s.span.end.line) continue;
    if (s.kind === 'Block') return enclosingStatement(s.statements, line);
    if (s.kind === 'TryCatch') return undefined; // an error there would go to the CATCH: not run alone
    return s;
  }
  return undefined;
}

/** Runs the lines in the emulator and reads the variables they leave (`@name` -> text); none when that cannot be known so. */
async function valuesAfter(found: ProcedureParameters, lines: { start: number; end: number }[], params: Record<string, string | null>, clock: string | undefined, session: EngineSession): Promise<ReadonlyMap<string, string | null>> {
  const none = new Map<string, string | null>();
  const text = found.script.lineIndex.text.split('\n').slice((lines[0]?.start ?? 1) - 1, lines[lines.length - 1]?.end).join('\n');
  if (clock === undefined && CLOCK_READ.test(text)) return none; // the emulator's default clock is not the run's
  try {
    const result = await emulateSection({ scripts: found.scripts, procedure: found.outline.name, lines, params, tables: [], outputs: [], session, ...(clock !== undefined ? { clock } : {}) });
    if (result.returned || result.errors.length > 0) return none;
    const out = new Map<string, string | null>();
    for (const [key, value] of result.variables) if (!result.notReproducibleVariables.has(key)) out.set(key, value);
    return out;
  } catch {
    // a table, another variable, an error: the values cannot be computed before the sections run
    return none;
  }
}
