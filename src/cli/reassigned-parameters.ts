import { EngineSession } from '../engine';
import { emulateSection, sectionVariablesSetBetween } from '../legacy';
import { findParamValue, mergeLineRanges, sectionRunStart, type ProcedureParameters, type SectionSpec, type ValueSetBetween } from '../sections';
import { walk, type CreateProcedure, type Statement } from '../tsql';
import { parametersReadBy } from './caller-value-reads';
import { liveTextOfLines } from './null-default-branches';

/** What each section reads of the variables the procedure sets before it: section id -> lower-case name (no @) -> value as text. */
export type SectionParameterValues = ReadonlyMap<string, ReadonlyMap<string, string | null>>;

const CLOCK_READ = /\b(getdate|getutcdate|sysdatetime|sysutcdatetime|sysdatetimeoffset|current_timestamp)\b/i;
// What the previous statements of the whole run leave (@@ROWCOUNT after an INSERT, the last
// identity, the error in a CATCH, a sequence's next number): statements run alone would read
// their own, another value.
const RUN_STATE_READ = /@@\w+|\b(scope_identity|ident_current|error_\w+|xact_state|rowcount_big)\s*\(|\bnext\s+value\s+for\b/i;

/**
 * The value a parameter holds when a section starts, where the procedure assigns it before the
 * section (`SET @BillMonth = DATEFROMPARTS(YEAR(@BillMonth), MONTH(@BillMonth), 1)`, `IF @To IS
 * NULL SET @To = …`): the section re-implements code that reads the assigned value, while the
 * caller (`--param`, a baseline's parameters) gives the value the procedure was called with. The
 * same for a local variable set before the section from the parameters alone (`SET @PeriodEnd =
 * EOMONTH(@AsOfDate)`, `SET @CutOff = DATEADD(DAY, 1, CAST(@PeriodEnd AS datetime))`), which the
 * caller cannot give at all. The statements holding the assignments run in the emulator, alone,
 * on the run's parameter values. A variable is left out (the pipeline then refuses or trusts an
 * explicit --param as before) when those statements read anything but parameters, constants and
 * variables so set (a table, the clock when the run has none, RAND()/NEWID(), @@ROWCOUNT and the
 * like), end the procedure, or are assigned again inside the section's own lines.
 * `callerReads` receives, per section and computed variable (lower-case, no @), the parameters
 * whose caller's value the statements computing it read (caller-value-reads.ts).
 */
export async function reassignedParameterValues(found: ProcedureParameters, specs: readonly SectionSpec[], params: Readonly<Record<string, string>>, clock: string | undefined, setBetween?: ReadonlyMap<string, readonly ValueSetBetween[]>, callerReads?: Map<string, Map<string, ReadonlySet<string>>>): Promise<SectionParameterValues> {
  const out = new Map<string, Map<string, string | null>>();
  const locals = [...found.assignedVariables].filter(([name]) => !found.assigned.has(name));
  if (found.assigned.size === 0 && locals.length === 0) return out;
  const body = found.definition.body;
  const given = Object.fromEntries(found.parameters.map((p) => [p.name, findParamValue(params, p.name) ?? null]));
  const cache = new Map<string, ReadonlyMap<string, string | null>>();
  const valuesOf = async (statements: readonly Statement[]): Promise<ReadonlyMap<string, string | null> | undefined> => {
    if (statements.some(touchesTables)) return undefined;
    const ranges = mergeLineRanges([...new Set(statements)].map((s) => ({ start: s.span.start.line, end: s.span.end.line })));
    const key = ranges.map((r) => `${r.start}-${r.end}`).join(',');
    if (!cache.has(key)) {
      // a session of its own: the emulator's set-up creates the tables (and identity sequences) once per session
      const session = await EngineSession.open({});
      try {
        cache.set(key, await valuesAfter(found, ranges, given, clock, session));
      } finally {
        session.close();
      }
    }
    return cache.get(key);
  };
  // the parameters whose caller's values those statements read: by their lines, as valuesOf runs
  // them (a line holding two statements runs both)
  const readsOf = (statements: readonly Statement[]): ReadonlySet<string> => {
    const spans = statements.map((s) => s.span);
    return parametersReadBy(body, found, (l) => spans.some((r) => l >= r.start.line && l <= r.end.line));
  };
  for (const spec of specs) {
    if (spec.ignored) continue;
    // a table variable's DECLARE that propose put first runs nothing: the section starts after it
    const first = sectionRunStart(spec.lines, found.declarationLines);
    const last = Math.max(...spec.lines.map((r) => r.end));
    const inSection = (l: number): boolean => spec.lines.some((r) => l >= r.start && l <= r.end);
    // Where the section reads each variable's value: its start, or, for one another section's
    // statement sets between its lines (and it does not use before), its read after that
    // statement; one it uses on both sides of such a statement has no one value (left out: run refuses it).
    const between = setBetween?.get(spec.id) ?? [];
    const pointOf = (name: string): number | undefined => {
      const b = between.find((v) => v.name.toLowerCase() === name.toLowerCase());
      return b === undefined ? first : b.usedBeforeLine === undefined ? b.readLine : undefined;
    };
    // every assignment of a parameter before that point, in order, so one that reads another
    // reassigned parameter (`SET @Days = DAY(EOMONTH(@BillMonth))`) reads it as assigned
    const statementsBefore = (point: number) => (lines: readonly number[]): (Statement | undefined)[] => lines.filter((l) => l < point && !inSection(l)).map((l) => enclosingStatement(body, l));
    const parameterStatementsBefore = (point: number): (Statement | undefined)[] => statementsBefore(point)([...found.assigned.values()].flat());
    const values = new Map<string, string | null>();
    const reads = new Map<string, ReadonlySet<string>>();
    // the parameters the section reads as earlier statements left them; one assigned outside the
    // section between that point and its last line is left out (part of it may read another value)
    const wanted = new Map<number, string[]>();
    for (const [name, lines] of found.assigned) {
      const point = pointOf(name);
      if (point === undefined || !lines.some((l) => l < point && !inSection(l)) || lines.some((l) => l > point && l < last && !inSection(l))) continue;
      wanted.set(point, [...(wanted.get(point) ?? []), name]);
    }
    for (const [point, names] of wanted) {
      const parameterStatements = parameterStatementsBefore(point);
      if (parameterStatements.some((s) => s === undefined)) continue;
      const computed = await valuesOf(parameterStatements as Statement[]);
      for (const name of names) {
        const value = computed?.get(name.toLowerCase());
        if (value !== undefined) values.set(name.replace(/^@/, '').toLowerCase(), value);
        if (value !== undefined) reads.set(name.replace(/^@/, '').toLowerCase(), readsOf(parameterStatements as Statement[]));
      }
    }
    // a local variable every assignment of which outside the section lies before that point: those
    // statements and the assignments (before it) of the variables they read, with the parameters'
    const read = variablesReadIn(body, inSection);
    for (const [name, lines] of locals) {
      const point = pointOf(name);
      if (!read.has(name) || point === undefined) continue;
      const outside = lines.filter((l) => !inSection(l));
      if (outside.length === 0 || outside.some((l) => l > point)) continue;
      const statements = localStatements(name, statementsBefore(point), parameterStatementsBefore(point));
      if (statements === undefined) continue;
      const value = (await valuesOf(statements))?.get(name.toLowerCase());
      if (value !== undefined) values.set(name.replace(/^@/, '').toLowerCase(), value);
      if (value !== undefined) reads.set(name.replace(/^@/, '').toLowerCase(), readsOf(statements));
    }
    if (values.size > 0) out.set(spec.id, values);
    if (reads.size > 0) callerReads?.set(spec.id, reads);
  }
  return out;

  /** The statements that set `name` before the section, with those setting what they read (variables, then parameters); undefined where one is not a statement run alone. */
  function localStatements(name: string, statementsBefore: (lines: readonly number[]) => (Statement | undefined)[], parameterStatements: readonly (Statement | undefined)[]): Statement[] | undefined {
    const chosen = new Set<Statement>();
    const pending = [name.toLowerCase()];
    const seen = new Set<string>();
    while (pending.length > 0) {
      const next = pending.pop() as string;
      if (seen.has(next) || found.assigned.has(next)) continue;
      seen.add(next);
      for (const s of statementsBefore(found.assignedVariables.get(next) ?? [])) {
        if (s === undefined) return undefined;
        chosen.add(s);
        walk(s, (n) => {
          if (n.kind === 'Variable') pending.push(n.name.toLowerCase());
        });
      }
    }
    if (parameterStatements.some((s) => s === undefined)) return undefined;
    // in the procedure's order, the parameters' assignments among them
    return [...new Set([...(parameterStatements as Statement[]), ...chosen])].sort((a, b) => a.span.start.offset - b.span.start.offset);
  }
}

/**
 * The variables another section's statement sets between each section's lines before the section
 * reads them (section id -> list): what `migrate run` gives such a section is the value after that
 * statement, and a section that uses one on both sides of it is refused (run-pipeline.ts).
 */
export function valuesSetBetweenSections(found: ProcedureParameters, specs: readonly SectionSpec[]): Map<string, readonly ValueSetBetween[]> {
  const out = new Map<string, readonly ValueSetBetween[]>();
  for (const spec of specs) {
    if (spec.ignored) continue;
    const places = sectionVariablesSetBetween(found.scripts, found.outline.name, spec.lines);
    if (places.length > 0) out.set(spec.id, places);
  }
  return out;
}

// Run alone, a statement reading or writing a table sees it empty (`UPDATE t SET @Factor = …`
// matches no row and leaves the variable as it was); EXEC and cursors run code or rows of their own.
const TABLE_KINDS = new Set(['TableRef', 'TableVariableRef', 'TableFunctionRef', 'DmlTable', 'Insert', 'Update', 'Delete', 'Merge', 'Truncate', 'BulkInsert', 'Execute', 'Fetch']);

function touchesTables(statement: Statement): boolean {
  let found = false;
  walk(statement, (n) => {
    if (TABLE_KINDS.has(n.kind)) found = true;
    return !found;
  });
  return found;
}

/** The variables (lower-case `@name`) the statements on the section's lines name. */
function variablesReadIn(body: CreateProcedure['body'], inSection: (line: number) => boolean): Set<string> {
  const out = new Set<string>();
  for (const statement of body) {
    walk(statement, (n) => {
      if (n.kind === 'Variable' && inSection(n.span.start.line)) out.add(n.name.toLowerCase());
    });
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
  // a caller's non-NULL value skips the `IF @p IS NULL` default: what it reads cannot matter
  const text = liveTextOfLines(found, lines, params);
  if (clock === undefined && CLOCK_READ.test(text)) return none; // the emulator's default clock is not the run's
  if (RUN_STATE_READ.test(text)) return none;
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
