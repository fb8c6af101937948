// A scenario `record --from-data` makes whose Then tables are all empty while its Given holds rows
// tests nothing a transform could get wrong but "output nothing": most often a parameter given
// one value for every entity (`[Invoice Date] = @RunDate`, `BETWEEN @From AND @To`) keeps none of
// this entity's rows. One such scenario per section may stand, named so (`…, nothing matches`):
// it shows a transform must not invent rows where nothing matches. Every other is not written.
// Each is named with the parameter filters of the section's statements, their values in the
// scenario, the Given's values of the columns they compare, and what to pass instead.
import { normalizeObjectName, sectionParameterFilters, type ParameterFilter, type SectionRunResult } from '../legacy';
import type { ParamValue, TableData } from '../sections';
import { bareName, filterText, sameText } from './entity-parameter';
import { valueText, type RecordContext } from './section-recording';

/** What a recording says of a scenario whose Then tables came out empty. */
export interface EmptyThen {
  readonly name: string;
  readonly entity: string;
  /** Written as the section's one "nothing matches" scenario; else not written. */
  readonly written: boolean;
  /** The filters on procedure parameters whose columns the Given holds, with the scenario's values. */
  readonly filters: readonly {
    readonly condition: string;
    readonly parameters: readonly string[];
    /** The parameters' values in the scenario (`@RunDate = 2026-11-30`). */
    readonly values: readonly string[];
    /** The Given's distinct values of the compared columns (the first VALUES_NAMED, sorted). */
    readonly given: readonly string[];
    /**
     * The filter (a plain column compared to plain parameters) keeps none of the Given's values at
     * the scenario's: numbers and ISO dates ordered, texts only by `=` (case and trailing blanks aside).
     */
    readonly keepsNone: boolean;
  }[];
  readonly hint: string;
}

/** The title suffix of the one scenario of a section that records that nothing matches. */
export const NOTHING_MATCHES = ', nothing matches';
const VALUES_NAMED = 5;

/** Whether the feature's scenarios already hold the section's "nothing matches" scenario. */
export const isNothingMatches = (name: string): boolean => name.toLowerCase().includes(`${NOTHING_MATCHES} (`) || name.toLowerCase().endsWith(NOTHING_MATCHES);

/**
 * Whether every output of the run is an empty table while the Given holds rows. An output the
 * Given itself holds rows of that comes out empty is what the section removed (a purge): a test.
 * An output read from variables (a row of scalars) is not judged.
 */
export function thenAllEmpty(ctx: RecordContext, given: readonly TableData[], result: SectionRunResult): boolean {
  if (!given.some((t) => t.rows.length > 0)) return false;
  const outputs = new Set(ctx.spec.outputs.map((o) => normalizeObjectName(o)));
  if (given.some((t) => outputs.has(normalizeObjectName(t.name)) && t.rows.length > 0)) return false;
  return ctx.spec.outputs.every((o) => {
    // (a name that is no table is the last result set, as the recording reads it)
    const out = [...result.outputs].find(([written]) => normalizeObjectName(written) === normalizeObjectName(o))?.[1] ?? (/[.#@]/.test(o) ? undefined : result.resultSets[result.resultSets.length - 1]);
    return out !== undefined && out.rows.length === 0;
  });
}

/** The Given's distinct values (text) of columns named like `columns`, sorted (numbers as numbers). */
function givenValues(given: readonly TableData[], columns: readonly string[]): string[] {
  const wanted = new Set(columns.map(bareName));
  const values = new Set<string>();
  for (const t of given) {
    for (const c of t.columns.filter((x) => wanted.has(bareName(x.name)))) for (const r of t.rows) values.add(valueText(r[c.name]) ?? 'NULL');
  }
  const all = [...values];
  const numeric = all.every((v) => v !== '' && Number.isFinite(Number(v)));
  return all.sort((a, b) => (numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0));
}

const NUMBER = /^-?\d+(?:\.\d+)?$/;
const ISO = /^\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;

/** a < b: -1, 0, 1 for two numbers or two ISO dates/times (a date is its midnight); undefined otherwise. */
function order(a: string, b: string): number | undefined {
  if (NUMBER.test(a) && NUMBER.test(b)) return Math.sign(Number(a) - Number(b));
  if (ISO.test(a) && ISO.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

/** Whether a row whose column holds `v` meets the test at the parameters' values; undefined when this cannot tell. */
function meets(test: NonNullable<ParameterFilter['test']>, v: string, values: readonly (string | null)[]): boolean | undefined {
  if (v === 'NULL' || values.some((x) => x === null)) return false; // a comparison with NULL keeps no row (ANSI_NULLS)
  const [p, q] = values as string[];
  const by = (x: string | undefined): number | undefined => (x === undefined ? undefined : order(v, x));
  switch (test.operator) {
    case '=': return by(p) === undefined ? sameText(v, p ?? '') : by(p) === 0;
    case '<': return by(p) === undefined ? undefined : (by(p) as number) < 0;
    case '<=': return by(p) === undefined ? undefined : (by(p) as number) <= 0;
    case '>': return by(p) === undefined ? undefined : (by(p) as number) > 0;
    case '>=': return by(p) === undefined ? undefined : (by(p) as number) >= 0;
    case 'between': return by(p) === undefined || by(q) === undefined ? undefined : (by(p) as number) >= 0 && (by(q) as number) <= 0;
  }
}

/** The note for one empty scenario: the filters that can explain it, and what to pass instead. */
export function emptyThenNote(ctx: RecordContext, scenario: { readonly name: string; readonly entity: string; readonly written: boolean }, given: readonly TableData[], params: readonly ParamValue[]): EmptyThen {
  const valueOf = (name: string): string | null => {
    const p = params.find((x) => x.name.toLowerCase() === name.toLowerCase());
    return p === undefined ? null : valueText(p.value);
  };
  const filters = sectionParameterFilters(ctx.scripts, ctx.spec.procedureName ?? ctx.spec.procedure, ctx.spec.lines).flatMap((f) => {
    const values = givenValues(given, f.columns);
    if (values.length === 0) return [];
    const test = f.test;
    // a parameter the procedure assigns before the comparison (`SET @PeriodEnd = EOMONTH(@PeriodEnd)`,
    // `IF @AsOf IS NULL SET @AsOf = GETDATE()`) is compared at that value, not the one passed: which
    // rows it keeps is not told from the passed value, nor is the comparison named with it alone
    const reassigned = f.reassignedAt;
    const keepsNone = reassigned === undefined && test !== undefined && values.every((v) => meets(test, v, test.parameters.map(valueOf)) === false);
    // known to keep some of the Given's rows: then it is not what emptied the Then tables
    const keepsSome = reassigned === undefined && test !== undefined && values.some((v) => meets(test, v, test.parameters.map(valueOf)) === true);
    const passed = f.parameters.map((p) => `${p} = ${valueOf(p) ?? 'NULL'}`);
    return [{ condition: filterText(ctx, f), parameters: f.parameters, values: reassigned === undefined ? passed : passed.map((v) => `${v} as passed, which line ${reassigned} reassigns before the comparison`), given: values, keepsNone, operator: test?.operator, reassigned, keepsSome }];
  });
  const shown = (values: readonly string[]): string => `${values.slice(0, VALUES_NAMED).join(', ')}${values.length > VALUES_NAMED ? `, … (${values.length} values)` : ''}`;
  const none = filters.filter((f) => f.keepsNone);
  const hint = none.length > 0
    ? none.map((f) => (f.values.some((v) => v.endsWith('= NULL'))
      ? `${f.condition} keeps no row at ${f.values.join(', ')} (a comparison with NULL never holds)`
      : `${f.condition} keeps none of its rows at ${f.values.join(', ')}, and the Given holds ${shown(f.given)}: ${f.operator === '=' ? `pass --param ${f.parameters[0] ?? ''}=${f.given.find((v) => v !== 'NULL') ?? ''}` : `pass ${f.parameters.length === 1 ? `a --param ${f.parameters[0] ?? ''} that takes` : `--param values of ${f.parameters.join(' and ')} that take`} in some of them`}`)).join('; ')
    : filters.length > 0 && filters.every((f) => f.reassigned !== undefined)
      ? `the section filters its rows by ${filters.map((f) => `${f.condition} (${f.values.join(', ')}; the Given holds ${shown(f.given)})`).join(', and by ')}: the value compared is the procedure's own, so whether these filters or other conditions of the section kept none of its rows is not told here: check the --param values and the data`
    : filters.length > 0 && filters.every((f) => f.keepsSome)
      ? `the section's filters on procedure parameters keep rows of the Given (${filters.map((f) => `${f.condition} at ${f.values.join(', ')}; the Given holds ${shown(f.given)}`).join(', and ')}): other conditions of the section keep none of this entity's rows (a filter on constants, a join the data does not meet, a table it reads holding no row of it); if rows were meant to come out, check the data`
    : filters.length > 0
      ? `the section filters its rows by ${filters.map((f) => `${f.condition} (${f.values.join(', ')}; the Given holds ${shown(f.given)})`).join(', and by ')}: pass --param values that keep some of them`
      : 'no procedure parameter filters the rows of its Given in the section\'s statements: they keep none of this entity\'s rows (a filter on constants, a join the data does not meet, or statements run before the section that left none); if rows were meant to come out, check the data';
  return { ...scenario, filters: filters.map(({ operator: _o, reassigned: _r, keepsSome: _s, ...f }) => f), hint };
}

/**
 * The scenarios of one recording whose Then tables came out empty: the first is written as the
 * section's "nothing matches" scenario (unless the feature holds one), the others are not; each
 * is noted.
 */
export class EmptyThenScenarios {
  readonly notes: EmptyThen[] = [];
  private nothingMatches: boolean;

  constructor(private readonly ctx: RecordContext, existing: readonly string[]) {
    this.nothingMatches = existing.some(isNothingMatches);
  }

  /** How many were not written. */
  get unwritten(): number {
    return this.notes.filter((n) => !n.written).length;
  }

  /** The name to write a run's scenario under (`nothing` when its Then tables are all empty), or undefined: not written. */
  nameFor(given: readonly TableData[], result: SectionRunResult, params: readonly ParamValue[], scenario: { readonly name: string; readonly nothing: string; readonly entity: string }): string | undefined {
    if (!thenAllEmpty(this.ctx, given, result)) return scenario.name;
    const written = !this.nothingMatches;
    this.notes.push(emptyThenNote(this.ctx, { name: written ? scenario.nothing : scenario.name, entity: scenario.entity, written }, given, params));
    this.nothingMatches = true;
    return written ? scenario.nothing : undefined;
  }
}
