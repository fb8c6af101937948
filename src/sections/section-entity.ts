import type { DataFlowGraph, Step } from '../dataflow';
import { formatColumnType } from '../engine';
import { stepsInLines } from './section-flow';
import type { SpecCatalog } from './spec-model';
import { formatSpecName, parseSpecName } from './spec-names';

/**
 * The column of `output` that carries a cursor's key, written by `steps`: a plain copy of a
 * variable the cursor's first column is fetched into (`VALUES (@CustomerID, …)`), or of a column
 * with the key's own name in a statement that filters on that variable
 * (`SELECT c.CityID … WHERE c.CityID = @CityID` into `WWICityID`), or of such columns of several
 * tables (a UNION ALL whose branches each give it). Undefined when none does.
 */
function keyColumnOf(graph: DataFlowGraph, steps: readonly Step[], keyVars: ReadonlySet<string>, key: string, output: string): string | undefined {
  const ids = new Set(steps.map((s) => s.id));
  const filtersOnKey = new Set(steps.filter((s) => s.reads.some((r) => keyVars.has(r.node))).map((s) => s.id));
  for (const l of graph.lineage) {
    if (l.target.node !== output || l.transform !== 'copy' || !l.via.some((v) => ids.has(v)) || l.sources.length === 0) continue;
    const [src] = l.sources;
    if (l.sources.length === 1 && src && keyVars.has(src.node)) return l.target.column;
    // (several sources: the branches of a UNION ALL, `Admission` and `Transfer` each giving [Patient Id])
    const fromTables = l.sources.every((x) => x.column === key && graph.nodes.some((n) => n.id === x.node && n.kind !== 'variable' && n.kind !== 'parameter'));
    if (fromTables && l.via.some((v) => filtersOnKey.has(v))) return l.target.column;
  }
  return keyUpdatedIn(steps, keyVars, key, output);
}

/**
 * The key column of an output the loop only changes in place, one entity per fetch: every step
 * writing it is an UPDATE or DELETE whose WHERE holds the output's column of the key's name to
 * the fetched key (`UPDATE ward.[Bed Day] SET … WHERE [Ward Code] = @Ward`, keyedOn). Undefined
 * when one is not; whether the values it sets read other entities' rows is checked after
 * (sectionCrossEntityReads, as for an INSERT).
 */
function keyUpdatedIn(steps: readonly Step[], keyVars: ReadonlySet<string>, key: string, output: string): string | undefined {
  const writers = steps.filter((s) => s.writes.some((w) => w.node === output));
  const keyed = (s: Step): boolean => (s.kind === 'update' || s.kind === 'delete')
    && (s.keyedOn ?? []).some((k) => k.column === key && keyVars.has(k.variable));
  return writers.length > 0 && writers.every(keyed) ? key : undefined;
}

/**
 * The entity column of a cursor-loop section: the first column of the cursor's query (the
 * key it walks, one entity per fetch), mapped through the variable FETCH puts it in and the
 * INSERT's column list to the name the section's outputs give it. Only when every output has
 * that column under the same name (so the per-entity runs can be unioned and compared);
 * otherwise the section has no entity (undefined), rather than one its check would reject.
 */
export function cursorEntityColumn(graph: DataFlowGraph, steps: readonly Step[], cursor: string, outputs: readonly string[], column?: string): string | undefined {
  // (another column than the first: the coarser key a loop's carried state is reset on, cursor-carried-state.ts)
  const key = column ?? graph.nodes.find((n) => n.id === cursor)?.columns[0];
  if (!key || outputs.length === 0) return undefined;
  const fetches = new Set(graph.steps.filter((s) => s.kind === 'fetch' && s.reads.some((r) => r.node === cursor)).map((s) => s.id));
  const keyVars = new Set(graph.lineage
    .filter((l) => l.via.some((v) => fetches.has(v)) && l.sources.some((src) => src.node === cursor && src.column === key))
    .map((l) => l.target.node));
  const columns = outputs.map((o) => keyColumnOf(graph, steps, keyVars, key, o));
  const [first] = columns;
  return first !== undefined && columns.every((c) => c === first) ? first : undefined;
}

/**
 * The column of the input tables an entity is read from, when the section's outputs give it
 * another name: the key column of the cursor whose key `cursorEntityColumn` maps to `entity`
 * (`FETCH … INTO @Cust` from `SELECT CustomerId …`, written as `[Customer Id]`). `--from-data`
 * slices the input tables by it. Undefined when no cursor of the section's lines carries it.
 */
export function cursorKeyOfEntity(graph: DataFlowGraph, lines: readonly { readonly start: number; readonly end: number }[], outputs: readonly string[], entity: string): string | undefined {
  const steps = stepsInLines(graph, lines);
  const wanted = new Set(outputs.map((o) => o.toLowerCase()));
  const outputIds = graph.nodes.filter((n) => wanted.has(n.name.toLowerCase())).map((n) => n.id);
  for (const cursor of graph.nodes) {
    if (cursor.kind !== 'cursor') continue;
    if (cursorEntityColumn(graph, steps, cursor.id, outputIds)?.toLowerCase() === entity.toLowerCase()) return cursor.columns[0];
  }
  return undefined;
}

/**
 * The column of cursor `cursorName` (lower case, as the graph names it) that the section's
 * outputs carry as `entity`, trying each of the cursor's columns (`FETCH … INTO @Entity` written
 * as `[Entity Code]`); undefined when none is carried so. `sections check` asks it of a loop that
 * carries state from row to row, to see whether the tag is a key that state is reset on.
 */
export function cursorColumnOfEntity(graph: DataFlowGraph, lines: readonly { readonly start: number; readonly end: number }[], outputs: readonly string[], entity: string, cursorName: string): string | undefined {
  const cursor = graph.nodes.find((n) => n.kind === 'cursor' && n.name.toLowerCase() === cursorName.toLowerCase());
  return cursor?.columns.find((c) => entityOfCursorColumn(graph, lines, outputs, cursorName, c)?.toLowerCase() === entity.toLowerCase());
}

/** The column of the section's outputs (named as the graph names tables, lower case) that carries `column` of cursor `cursorName`: cursorEntityColumn for a column other than the first. */
export function entityOfCursorColumn(graph: DataFlowGraph, lines: readonly { readonly start: number; readonly end: number }[], outputs: readonly string[], cursorName: string, column: string): string | undefined {
  const wanted = new Set(outputs.map((o) => o.toLowerCase()));
  const outputIds = graph.nodes.filter((n) => wanted.has(n.name.toLowerCase())).map((n) => n.id);
  const cursor = graph.nodes.find((n) => n.kind === 'cursor' && n.name.toLowerCase() === cursorName.toLowerCase());
  return cursor === undefined ? undefined : cursorEntityColumn(graph, stepsInLines(graph, lines), cursor.id, outputIds, column);
}

const DATA_KINDS = new Set(['table', 'temp-table', 'table-variable']);

/**
 * The columns a set-based section could be per-entity on, as the graph names them (lower case):
 * columns every output has and every write of the section copies unchanged from an input
 * column of the same name (`SELECT a.[Patient Id] …`, a GROUP BY column), or that an UPDATE-only
 * output keeps (no SET assigns it). Only candidates:
 * whether each statement keeps the entities apart is the legacy side's to prove
 * (set-based-entity.ts). Empty for a section with a cursor loop (its key is the cursor's,
 * section-entity's cursorEntityColumn); a WHILE is judged there, only the loop that walks the
 * entity keys in place of a cursor being per entity (next-entity-key.ts).
 */
export function setBasedEntityCandidates(graph: DataFlowGraph, steps: readonly Step[], outputs: readonly string[]): string[] {
  if (outputs.length === 0 || steps.some((s) => s.context.some((c) => c.kind === 'cursor-loop'))) return [];
  const ids = new Set(steps.map((s) => s.id));
  const first = graph.nodes.find((n) => n.id === outputs[0]);
  return (first?.columns ?? []).filter((key) => outputs.every((o) => {
    const node = graph.nodes.find((n) => n.id === o);
    if (node === undefined || !DATA_KINDS.has(node.kind) || !node.columns.includes(key)) return false;
    const into = graph.lineage.filter((l) => l.target.node === o && l.target.column === key && l.via.some((v) => ids.has(v)));
    // An output the section only UPDATEs keeps every column its SETs leave alone (the night
    // audit's `UPDATE r SET [Status] = 'NoShow' FROM pms.Reservation r …` keeps [Reservation ID]).
    if (into.length === 0) return steps.some((st) => st.writes.some((w) => w.node === o)) && steps.every((st) => !st.writes.some((w) => w.node === o) || st.kind === 'update');
    return into.every((l) => l.transform === 'copy' && l.sources.length > 0
      && l.sources.every((x) => x.column === key && graph.nodes.some((n) => n.id === x.node && DATA_KINDS.has(n.kind))));
  }));
}

/** The tables with column `key` (normalised names) the graph's steps within lines `start`-`end` read, through functions too. */
export function tablesWithColumnRead(graph: DataFlowGraph, start: number, end: number, key: string): Set<string> {
  const read = graph.steps.filter((s) => s.lines.start >= start && s.lines.end <= end).flatMap((s) => s.reads.map((r) => r.node));
  return new Set(graph.nodes.filter((n) => read.includes(n.id) && DATA_KINDS.has(n.kind) && n.columns.includes(key)).map((n) => n.name.toLowerCase()));
}

/**
 * Why a column is a measure, never an entity key (a key names one thing; an amount is a value it
 * has, and two entities may share it): its declared type is money, float or a decimal with a
 * fraction in an output or in a table it is copied from, or the procedure SUMs or AVGs it.
 * Undefined for a column that may be a key. `outputs` are graph node ids; `key` is lower case.
 */
export function measureReason(graph: DataFlowGraph, catalog: SpecCatalog, outputs: readonly string[], key: string): string | undefined {
  const copiedFrom = graph.lineage.filter((l) => outputs.includes(l.target.node) && l.target.column === key).flatMap((l) => l.sources.map((x) => x.node));
  for (const id of [...outputs, ...copiedFrom]) {
    const node = graph.nodes.find((n) => n.id === id);
    const column = node === undefined ? undefined : catalog.tables.get(node.name.toLowerCase())?.columns.find((c) => c.name.toLowerCase() === key);
    if (column === undefined) continue;
    const name = column.sqlType?.name.toLowerCase();
    const fractional = column.type.base === 'double' || name === 'money' || name === 'smallmoney' || (column.type.base === 'decimal' && (column.type.scale ?? 0) > 0);
    // money and float by their T-SQL names; a decimal with its precision and scale
    const shown = name !== undefined && name !== 'decimal' && name !== 'numeric' ? name : formatColumnType({ ...column.type, nullable: false });
    if (fractional) return `a ${shown} column of ${formatSpecName(parseSpecName(node?.label ?? id) ?? [node?.label ?? id])}`;
  }
  const summed = graph.lineage.find((l) => l.transform === 'aggregate' && /^\s*(SUM|AVG)\s*\(/i.test(l.expression ?? '') && l.sources.some((x) => x.column === key));
  if (summed === undefined) return undefined;
  const line = graph.steps.find((st) => summed.via.includes(st.id))?.lines.start;
  return `aggregated by ${(/^\s*(\w+)/.exec(summed.expression ?? '')?.[1] ?? 'SUM').toUpperCase()}${line === undefined ? '' : ` at line ${line}`}`;
}
