// `migrate sections record <section> --from-data DIR` for a section that other statements of the
// procedure precede: what the section starts with in the legacy run is not the data as the
// procedure starts. An ETL load sets `@BatchId = SCOPE_IDENTITY()` and fills dw.FactSales
// before the section summing it; a Given of the data's rows would show an empty fact table and
// no batch id. So the statements before the section run first, in the emulator, on the same
// entity's slice of the data, and the scenario's Given is what they leave: the section's input
// tables as they stand and the variables it reads as they hold.
import { formatColumnType, parseColumnType, parseSqlServerColumnType, parseValueText, type ColumnType } from '../engine';
import { normalizeObjectName, sectionInputTables, sectionStartLines } from '../legacy';
import { containersInEffect } from '../tsql';
import {
  CellMismatch, earlyExits, formatHeaderCell, formatRecordedCell, formatSpecName, parseHeaderCell, plainName, ProblemSink, readDataTable, specNameKey, stepsInLines, variablesRead, type ParamValue, type TableData,
} from '../sections';
import { recordedTable, runLegacySection, type RecordContext } from './section-recording';
import { catalogTableKey, unreadStartColumns } from './unread-start-columns';

/** The statements to run before the section and what the section reads that they set. */
export interface SectionStartPlan {
  /** Line ranges of the whole statements before the section. */
  readonly lines: readonly { readonly start: number; readonly end: number }[];
  /** Variables and parameters (as written, with their spec types) the section reads and a statement before it assigns. */
  readonly variables: readonly { readonly name: string; readonly type: ColumnType }[];
  /** The section's input tables (sectionInputTables, changed ones included): what the statements before leave of them is the Given. */
  readonly inputs: SectionInputs;
}

/** The section's input tables as sectionInputTables gives them. */
export type SectionInputs = ReturnType<typeof sectionInputTables>;

/** The state the section starts with on one entity's data, as a scenario gives it. */
export interface SectionStart {
  readonly tables: readonly TableData[];
  readonly params: readonly ParamValue[];
  /** The `Given parameter` steps of `params`. */
  readonly steps: readonly string[];
}

/**
 * What to run before the section, when a statement before it writes a table the section reads
 * (`writtenBefore`), assigns a variable it reads or may end the procedure (a guard); undefined when nothing before it matters,
 * or when the statements before it cannot be cut whole from it (then the data's rows stand,
 * with the warning the caller gives).
 */
export function sectionStartPlan(ctx: RecordContext, writtenBefore: readonly string[], inputs: SectionInputs): SectionStartPlan | undefined {
  const graph = ctx.graph;
  if (graph === undefined || ctx.spec.lines.length === 0) return undefined;
  const before = runsBeforeSection(ctx);
  const read = new Set(stepsInLines(graph, ctx.spec.lines).flatMap((s) => variablesRead(graph, s)));
  const set = new Set<string>();
  for (const step of graph.steps) {
    if (!before(step.lines.start) || step.context.some((c) => c.kind === 'catch')) continue;
    for (const w of step.writes) if (read.has(w.node)) set.add(w.node);
  }
  const variables = graph.nodes.filter((n) => set.has(n.id) && (n.kind === 'variable' || n.kind === 'parameter')).map((n) => {
    const dataType = 'dataType' in n && n.dataType ? String(n.dataType).replace(/\s+/g, '') : 'nvarchar(4000)';
    return { name: n.label ?? n.name, type: parseSqlServerColumnType(`${dataType}?`) ?? (parseColumnType('text?') as ColumnType) };
  });
  // a guard clause before the section (`IF … RETURN`, `IF … GOTO done` with only the end after
  // `done:`) may end the procedure on an entity's data (a jump elsewhere: SECTIONS_SKIPPED_BY_GOTO)
  const procedure = containersInEffect(ctx.scripts, 'CreateProcedure').get(normalizeObjectName(ctx.spec.procedureName ?? ctx.spec.procedure));
  const guarded = procedure !== undefined && earlyExits(procedure.statement, procedure.script).some((exit) => before(exit.line) && exit.jump?.endsProcedure !== false);
  if (writtenBefore.length === 0 && variables.length === 0 && !guarded) return undefined;
  const lines = sectionStartLines(ctx.scripts, ctx.spec.procedureName ?? ctx.spec.procedure, ctx.spec.lines);
  return lines === undefined || lines.length === 0 ? undefined : { lines, variables, inputs };
}

/**
 * Whether the statement at a line runs before the section's work in a legacy run: it is among the
 * whole statements the section start runs (sectionStartLines; past the DECLAREs the section
 * begins with where those may run later), else it comes before the section's first line.
 */
export function runsBeforeSection(ctx: RecordContext): (line: number) => boolean {
  const first = Math.min(...ctx.spec.lines.map((r) => r.start));
  const lines = sectionStartLines(ctx.scripts, ctx.spec.procedureName ?? ctx.spec.procedure, ctx.spec.lines);
  if (lines === undefined) return (line) => line < first;
  return (line) => lines.some((r) => line >= r.start && line <= r.end);
}

/**
 * Runs the statements before the section on `data` (the entity's slice of every table they or
 * the section read) and returns the section's input tables and variables as they leave them;
 * `returned` when the procedure ends before the section on this data (a guard's RETURN).
 * Refusals of the emulator propagate (the caller falls back to the data's rows).
 */
export async function runSectionStart(ctx: RecordContext, plan: SectionStartPlan, data: readonly TableData[], params: readonly ParamValue[]): Promise<SectionStart | { readonly returned: true }> {
  const inputs = plan.inputs;
  // no statement before the section (only views to compute): a line no statement starts on runs none
  const lines = plan.lines.length > 0 ? plan.lines : [{ start: 0, end: 0 }];
  const before: RecordContext = { ...ctx, spec: { ...ctx.spec, lines, outputs: inputs.map((t) => t.written) } };
  const result = await runLegacySection(before, data, params);
  if (result.returned) return { returned: true };
  const byKey = new Map(data.map((t) => [normalizeObjectName(t.name), t]));
  // a table the section only changes is given where the data has it, as readSectionInputs gives it
  // (else it starts empty); a #temp table or table variable the statements before build
  // (`UPDATE b … FROM #Base b`, the section's only use of it) is given as they leave it
  const built = (input: SectionInputs[number]): boolean => /^[#@]/.test(input.key) && [...result.outputs.keys()].some((k) => k.toLowerCase() === input.written.toLowerCase());
  const tables = inputs.filter((input) => input.changedOnly !== true || byKey.has(input.key) || built(input)).map((input) => {
    const sliced = byKey.get(input.key);
    // the header the data gave the table (its CSV's columns, typed by the catalog), else the catalog's or the produced types
    const header = sliced?.columns.map((c) => formatHeaderCell(c.name, formatColumnType(c.type)));
    // a column the statements before leave as SQL Server would not, which the section never reads, is left out
    const plain = plainName(input.written).toLowerCase();
    const omit = unreadStartColumns(ctx, input.written, [...result.outputs].find(([k]) => k.toLowerCase() === plain)?.[1]);
    const recorded = recordedTable(ctx.catalog, result, input.written, header, [], undefined, omit);
    // a computed column is the table's to compute from the others: a Given that gives it is refused
    const known = ctx.catalog.tables.get(catalogTableKey(input.written));
    const kept = recorded.header.map((cell) => known?.columns.find((k) => k.name.toLowerCase() === (parseHeaderCell(cell)?.name ?? cell).toLowerCase())?.computed === undefined);
    const cells = recorded.header.filter((_, i) => kept[i]);
    const rows = recorded.rows.map((r) => r.filter((_, i) => kept[i]));
    const sink = new ProblemSink(ctx.file);
    const at = { line: 0, column: 1 };
    // named in spec form, as readSectionInputs names a CSV's table: the scenario's `Given table`
    // step writes this name, and `dbo.Item Cost History` unbracketed is a step no check can read
    const name = sliced?.name ?? ctx.catalog.names?.get(specNameKey(formatSpecName(input.parts))) ?? formatSpecName(input.parts);
    const table = readDataTable(sink, ctx.catalog, name, 0, {
      rows: [cells, ...rows].map((r) => ({ location: at, cells: r.map((value) => ({ location: at, value })) })),
    });
    if (table === undefined || sink.problems.length > 0) throw new CellMismatch(`${input.written} as the statements before the section leave it: ${sink.problems.map((p) => p.message).join('; ')}`);
    return table;
  });
  const values: ParamValue[] = [];
  const steps: string[] = [];
  for (const v of plan.variables) {
    const text = result.variables.get(v.name.toLowerCase()) ?? null;
    if (result.notReproducibleVariables.has(v.name.toLowerCase())) throw new CellMismatch(`${v.name} as the statements before the section leave it is a value SQL Server would give otherwise (${(result.notReproducibleVariables.get(v.name.toLowerCase()) ?? []).join('; ')})`);
    // written as startValueSteps writes a start value, read back as a Given cell is (edge blanks in double quotes)
    const cell = formatRecordedCell(v.type, text);
    const parsed = parseValueText(v.type, cell.length >= 2 && cell.startsWith('"') && cell.endsWith('"') ? cell.slice(1, -1) : cell);
    if (!parsed.ok) throw new CellMismatch(`${v.name} as the statements before the section leave it: ${parsed.reason}`);
    values.push({ kind: 'param-value', name: v.name, type: v.type, value: parsed.value, line: 0 });
    steps.push(`Given parameter ${v.name}:${formatColumnType(v.type)} = ${cell}`);
  }
  return { tables, params: values, steps };
}
