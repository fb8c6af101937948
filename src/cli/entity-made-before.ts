// `sections record --from-data` cuts the data to one entity before the statements ahead of the
// section run on it. Where those statements make the entity's values themselves (a production
// day computed from event times, `CAST(DATEADD(hour, -6, [Event Time]) AS date)`), the data
// holds no such column to cut by, and the values it does hold (an old report table's days) are
// not the ones the section meets: every scenario would be recorded on empty Given rows.
import { join } from 'node:path';
import { UsageError } from '../core';
import { normalizeObjectName, sectionInputTables } from '../legacy';
import { loadSpecs, sectionCoversLine, triggerWrites, type TableData } from '../sections';
import type { RecordContext } from './section-recording';
import { runsBeforeSection, type SectionStartPlan } from './section-start-state';

/**
 * The refusal (RECORD_FROM_DATA_ENTITY_MADE_BEFORE) when no table the section or the statements
 * before it read from the data holds `column`; undefined when the data can be cut by it.
 */
export function entityMadeBefore(ctx: RecordContext, plan: SectionStartPlan | undefined, tables: readonly TableData[], column: string): UsageError | undefined {
  const graph = ctx.graph;
  if (plan === undefined || graph === undefined) return undefined;
  const procedure = ctx.spec.procedureName ?? ctx.spec.procedure;
  const before = runsBeforeSection(ctx);
  const written = new Map<string, string>();
  // tables the statements before read as the data holds them, before any of them writes it
  // (a cursor over [Meter Read] after gap rows were appended to it): the cut by the column applies
  const readFirst = new Set<string>();
  const nameOf = (id: string): string | undefined => {
    const node = graph.nodes.find((n) => n.id === id);
    return node === undefined ? undefined : normalizeObjectName(node.name);
  };
  for (const step of graph.steps) {
    if (!before(step.lines.start) || step.context.some((c) => c.kind === 'catch')) continue;
    for (const r of step.reads) {
      const name = nameOf(r.node);
      if (name !== undefined && !written.has(name)) readFirst.add(name);
    }
    for (const w of step.writes) {
      // an UPDATE of other columns (upper-casing LastName) leaves the entity values the data's
      if (w.columns.length > 0 && !w.columns.includes('*') && !w.columns.includes(column.toLowerCase())) continue;
      const node = graph.nodes.find((n) => n.id === w.node);
      // the last statement writing it before the section: what fills it, after a DELETE of old rows
      if (node !== undefined) written.set(normalizeObjectName(node.name), `${step.label} at line ${step.lines.start}`);
    }
    // the tables its triggers write (an audit row per changed column) are made there too
    for (const [table, trigger] of triggerWrites(step.fires ?? [], ctx.catalog.triggers)) written.set(table, `${step.label} at line ${step.lines.start}, through the trigger ${trigger}`);
  }
  const holds = (t: TableData): boolean => t.columns.some((c) => c.name.toLowerCase() === column.toLowerCase());
  const byKey = new Map(tables.map((t) => [normalizeObjectName(t.name), t]));
  const read = (lines: typeof ctx.spec.lines): TableData[] => sectionInputTables(ctx.scripts, procedure, lines).map((i) => byKey.get(i.key)).filter((t): t is TableData => t !== undefined);
  const sectionHolders = read(ctx.spec.lines).filter(holds);
  if (sectionHolders.length === 0 || !sectionHolders.every((t) => written.has(normalizeObjectName(t.name)))) return undefined;
  // a table the statements before read as the data holds it, with the column: the cut is by it
  if (read(plan.lines).some((t) => holds(t) && (!written.has(normalizeObjectName(t.name)) || readFirst.has(normalizeObjectName(t.name))))) return undefined;
  const made = sectionHolders.map((t) => `${t.name} (${written.get(normalizeObjectName(t.name)) ?? ''})`).join(', ');
  return new UsageError('RECORD_FROM_DATA_ENTITY_MADE_BEFORE', `${ctx.spec.id}: the statements before it make the ${column} values it reads, in ${made}, from tables without a ${column} column, so the data cannot be cut to one ${column} before they run (values of ${column} the data holds elsewhere are not the ones this section meets, and every scenario would start empty)`, {
    hint: `write the Given rows of a scenario (what \`migrate capture ${procedure}\` leaves in ${sectionHolders[0]?.name ?? 'that table'} shows them) and run \`migrate sections record ${ctx.spec.id}\` without --from-data, or tag @entity with a column the data holds`,
  });
}

/**
 * Why no table of the data holds the entity column, when the section's own Given has it in a table
 * a statement before the section fills (dbo.PayloadKeyAudit, which an earlier section builds from
 * the inbox's JSON, read by a summary tagged @entity:JsonType): that table comes from the
 * statements before, run on the data folder's tables, never from a file of its own, so there is
 * nothing to cut by. Names the table, the statement and the section that fills it, and what
 * --from-data can and cannot do; undefined when no such table explains it.
 */
async function entityInTableFilledBefore(ctx: RecordContext, tables: readonly TableData[], column: string, dataDir: string): Promise<UsageError | undefined> {
  const graph = ctx.graph;
  if (graph === undefined || ctx.spec.lines.length === 0) return undefined;
  const procedure = ctx.spec.procedureName ?? ctx.spec.procedure;
  const sliced = new Set(tables.map((t) => normalizeObjectName(t.name)));
  const holders = sectionInputTables(ctx.scripts, procedure, ctx.spec.lines).filter((i) => !sliced.has(i.key) && (ctx.catalog.tables.get(i.key)?.columns ?? []).some((c) => c.name.toLowerCase() === column.toLowerCase()));
  if (holders.length === 0) return undefined;
  const before = runsBeforeSection(ctx);
  const { specs } = await loadSpecs(join(ctx.config.root, ctx.config.paths.sections), ctx.catalog, procedure);
  const filled: string[] = [];
  const fillers: string[] = [];
  for (const holder of holders) {
    const ids = new Set(graph.nodes.filter((n) => normalizeObjectName(n.name) === holder.key).map((n) => n.id));
    // the last statement before the section that writes it: what the section starts from
    const writer = graph.steps.filter((s) => before(s.lines.start) && !s.context.some((c) => c.kind === 'catch') && s.writes.some((w) => ids.has(w.node))).pop();
    if (writer === undefined) continue;
    const owner = specs.find((s) => s.id !== ctx.spec.id && sectionCoversLine(s, writer.lines.start));
    const name = ctx.catalog.names?.get(holder.key) ?? holder.written;
    filled.push(`${name} (${writer.label} at line ${writer.lines.start}${owner === undefined ? '' : `, in section ${owner.id}`})`);
    if (owner !== undefined && !fillers.includes(owner.id)) fillers.push(owner.id);
  }
  if (filled.length === 0) return undefined;
  const inputs = tables.map((t) => t.name).join(', ') || 'none';
  const first = fillers[0];
  return new UsageError('RECORD_FROM_DATA_ENTITY', `no table of ${dataDir} that ${ctx.spec.id} starts from has the entity column ${column}: its Given ${filled.join(', ')} has it, but a statement before the section fills that table, so --from-data makes it by running those statements on the data's tables (${inputs}), which have no ${column} to cut by`, {
    hint: `--from-data slices only tables the section starts from as the data folder holds them: write the Given rows of ${filled.length === 1 ? 'that table' : 'those tables'} by hand${first === undefined ? '' : ` (\`migrate sections record ${first} --from-data ${dataDir}\` records the rows the earlier section writes, as its Then tables: copy one entity's rows from there)`} and run \`migrate sections record ${ctx.spec.id}\` without --from-data; or tag @entity with a column of ${inputs}`,
  });
}

/** The refusal when no table of the data holds the entity column (nor the cursor's `key`). */
export async function entityNotInData(ctx: RecordContext, tables: readonly TableData[], entity: string, key: string | undefined, dataDir: string): Promise<UsageError> {
  // the section's own Given may have it, in a table the statements before fill
  const filled = await entityInTableFilledBefore(ctx, tables, entity, dataDir);
  return filled ?? new UsageError('RECORD_FROM_DATA_ENTITY', `no input table of ${ctx.spec.id} has the entity column ${entity}${key !== undefined ? ` or the cursor's key ${key}` : ''}`, { hint: `its inputs: ${tables.map((t) => t.name).join(', ')}` });
}
