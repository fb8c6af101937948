// `record --from-data` of a section that filters its rows by a procedure parameter compared to
// the @entity column (`WHERE s.[Statement Id] = @StatementId`): every entity's scenario runs
// with that parameter set to the entity's own value, so each records its own rows. One value for
// all (a --param, the Background's) would keep one entity's rows and record empty Then tables for
// every other: right for those inputs, and a test of nothing. A value the person fixed with
// --param stands: only the entities it keeps are recorded, and the others are named as left out.
import { displayPath, UsageError } from '../core';
import { formatColumnType, parseValueText, type ColumnType } from '../engine';
import { sectionParameterFilters, type ParameterFilter } from '../legacy';
import { CellMismatch, formatRecordedCell, formatSpecName, type ParamValue, type PickedEntity } from '../sections';
import { valueText, type RecordContext } from './section-recording';

/** A procedure parameter the section compares the entity column to, with `=`, in a condition every row it keeps meets. */
export interface EntityParameter {
  /** As the procedure declares it. */
  readonly name: string;
  readonly type: ColumnType;
  /** The first such comparison (`s.[Statement Id] = @StatementId` at file:line:col). */
  readonly filter: ParameterFilter;
  /** The value --param gave it, which then stands for every entity. */
  readonly fixed?: { readonly text: string; readonly value: unknown };
}

/** Entities a fixed entity parameter keeps none of the rows of: not recorded. */
export interface LeftOutEntities {
  readonly parameter: string;
  readonly value: string;
  readonly filter: string;
  /** The entities (as scenarios name them), the first LEFT_OUT_NAMED of them. */
  readonly entities: readonly string[];
  readonly count: number;
}

/** Entities a left-out note names one by one (real data holds thousands). */
const LEFT_OUT_NAMED = 10;

/** A column name compared as the slicing does: `[Customer Id]`, `CustomerId` and `customer_id` alike. */
export const bareName = (n: string): string => n.toLowerCase().replace(/[\s_]+/g, '');
/** Two texts equal under the default collations (case and trailing blanks aside). */
export const sameText = (a: string, b: string): boolean => a.replace(/ +$/, '').toLowerCase() === b.replace(/ +$/, '').toLowerCase();

/**
 * The section's parameters compared by `=` to the entity column (the @entity column, or `by`, the
 * column the inputs are sliced by), each once; `overrides` are the --param values.
 */
export function entityParameters(ctx: RecordContext, entity: string, by: string, overrides: Readonly<Record<string, string>>): EntityParameter[] {
  const columns = new Set([bareName(entity), bareName(by)]);
  const out = new Map<string, EntityParameter>();
  for (const filter of sectionParameterFilters(ctx.scripts, ctx.spec.procedureName ?? ctx.spec.procedure, ctx.spec.lines)) {
    const name = filter.parameters[0];
    const column = filter.columns[0];
    if (!filter.pins || name === undefined || column === undefined || !columns.has(bareName(column)) || out.has(name.toLowerCase())) continue;
    const type = ctx.parameters.find((p) => p.name.toLowerCase() === name.toLowerCase())?.type;
    if (type === undefined) continue;
    const given = Object.entries(overrides).find(([k]) => (k.startsWith('@') ? k : `@${k}`).toLowerCase() === name.toLowerCase());
    const parsed = given === undefined ? undefined : parseValueText({ ...type, nullable: true }, given[1]);
    out.set(name.toLowerCase(), { name, type, filter, ...(given !== undefined && parsed?.ok === true ? { fixed: { text: given[1], value: parsed.value } } : {}) });
  }
  return [...out.values()];
}

/** An entity's value as the parameter's type reads it; undefined when it cannot hold it. */
function asParameterValue(p: EntityParameter, value: unknown): { value: unknown } | undefined {
  const text = valueText(value);
  if (text === null) return { value: null };
  const parsed = parseValueText(p.type, text);
  return parsed.ok ? { value: parsed.value } : undefined;
}

/**
 * Whether `=` keeps the entity's rows under the fixed value: texts compared as the default
 * collations do (case and trailing blanks aside). A column of a case-sensitive collation may then
 * keep an entity this counts: its Then tables come out empty, and the empty-Then note says so.
 */
function keeps(p: EntityParameter, fixed: unknown, value: unknown): boolean {
  const a = valueText(asParameterValue(p, value)?.value ?? null);
  const b = valueText(fixed);
  if (a === null || b === null) return false; // `= NULL` keeps no row (ANSI_NULLS)
  return p.type.base === 'text' ? sameText(a, b) : a === b;
}

/**
 * The entities to record, in their order: those every fixed entity parameter keeps; the others
 * are left out, named. None kept: refused, nothing written.
 */
export function entitiesParametersKeep(ctx: RecordContext, pinned: readonly EntityParameter[], candidates: readonly PickedEntity[], entity: string, named: (value: unknown) => string): { kept: PickedEntity[]; leftOut: LeftOutEntities[] } {
  let kept = [...candidates];
  const leftOut: LeftOutEntities[] = [];
  for (const p of pinned) {
    if (p.fixed === undefined) continue;
    const fixed = p.fixed;
    const out = kept.filter((c) => !keeps(p, fixed.value, c.value));
    kept = kept.filter((c) => keeps(p, fixed.value, c.value));
    if (out.length > 0) leftOut.push({ parameter: p.name, value: fixed.text, filter: filterText(ctx, p.filter), entities: out.slice(0, LEFT_OUT_NAMED).map((c) => named(c.value)), count: out.length });
  }
  const fixed = pinned.filter((p) => p.fixed !== undefined);
  if (kept.length === 0 && fixed.length > 0) {
    throw new UsageError('RECORD_FROM_DATA_PARAM_ENTITY', `${ctx.spec.id}: ${fixed.map((p) => `--param ${p.name}=${p.fixed?.text ?? ''}`).join(' and ')} keeps no ${formatSpecName([entity])} of the data (${fixed.map((p) => filterText(ctx, p.filter)).join('; ')}): every scenario would record empty Then tables`, {
      hint: `nothing was written; pass ${fixed.length === 1 ? 'a value' : 'values'} the data holds, or leave ${fixed.map((p) => `--param ${p.name}`).join(' and ')} out: each entity's scenario is then given its own value`,
    });
  }
  return { kept, leftOut };
}

/** A filter as a note names it: its text and where it is. */
export function filterText(ctx: RecordContext, f: ParameterFilter): string {
  return `\`${f.text}\` at ${displayPath(f.file, ctx.config.root)}:${f.line}:${f.column}`;
}

/**
 * The parameter values and their `Given parameter` steps for one entity's scenario: every entity
 * parameter --param did not fix, set to the entity's value. An entity whose value the parameter's
 * type cannot hold is this entity's data (skipped, named).
 */
export function entityParameterValues(pinned: readonly EntityParameter[], value: unknown): { params: ParamValue[]; steps: string[]; over: (list: readonly ParamValue[]) => ParamValue[] } {
  const params: ParamValue[] = [];
  const steps: string[] = [];
  for (const p of pinned) {
    if (p.fixed !== undefined) continue;
    const v = asParameterValue(p, value);
    if (v === undefined) throw new CellMismatch(`its value ${valueText(value) ?? 'NULL'} is no ${formatColumnType(p.type)}, the type of ${p.name}, which the section compares to it (${p.filter.text})`);
    const type = v.value === null ? { ...p.type, nullable: true } : p.type;
    params.push({ kind: 'param-value', name: p.name, type, value: v.value, line: 0 });
    steps.push(`Given parameter ${p.name}:${formatColumnType(type)} = ${formatRecordedCell(type, valueText(v.value))}`);
  }
  // (in the place of the Background's or --param's value of that name)
  const over = (list: readonly ParamValue[]): ParamValue[] => [...list.filter((x) => !params.some((o) => o.name.toLowerCase() === x.name.toLowerCase())), ...params];
  return { params, steps, over };
}
