import type { DataFlowGraph } from '../dataflow';
import { externalEffectOf } from '../tsql';
import { formatColumnType, parseColumnType, parseSqlServerColumnType, type ColumnType } from '../engine';
import { typedColumnsOf } from './node-columns';
import { defaultCell } from './parameter-defaults';
import { resultOrderOf, type ResultOrder } from './result-order';
import { isCatalogViewNode } from './section-flow';
import type { ProposedSection } from './propose-sections';
import { normalizeObjectName, type SpecCatalog } from './spec-model';
import { triggeredReads, triggerReadsToGive } from './triggered-writes';
import { encodeTagValue, formatHeaderCell, formatSpecName, parseSpecName, partSpellingIn, quoteNamePart } from './spec-names';

/** Names as the legacy code spells them, and column types from the catalog. */
export interface SkeletonContext {
  readonly procedure: string;
  readonly graph: DataFlowGraph;
  readonly catalog: SpecCatalog;
  /** The procedure's source, to recover the spelling of names the graph lower-cases. */
  readonly source: string;
}

const TEXT_NULL = parseColumnType('text?') as ColumnType;

/** The output name of a row of the OUTPUT parameters' values (`sections record` reads them as variables). */
const OUTPUT_VALUES_TABLE = 'outputs';

/**
 * The name a section spec uses for a graph node, as T-SQL writes it: the CREATE TABLE's
 * spelling when a script declares it, else the spelling of its first use; result sets are
 * `result`. `Dimension.[Stock Item]`, `[#City Changes]`, `@Totals`.
 */
export function specNameOf(ctx: SkeletonContext, nodeId: string): string {
  const node = ctx.graph.nodes.find((n) => n.id === nodeId);
  if (!node) return nodeId;
  if (node.kind === 'result-set') return 'result';
  const declared = ctx.catalog.names?.get(node.name.toLowerCase());
  if (declared) return declared;
  // a table the procedure never names (the history table of a FOR SYSTEM_TIME read): its label
  const parts = parseSpecName(node.label) ?? [node.label];
  // `SalesFR..Orders` (a database's default schema) is keyed `salesfr.dbo.orders`: the schema
  // the label leaves out is put back, or the Given would name another table than the one read.
  const keyed = node.name.split('.');
  if (parts.length >= 2 && keyed.length === parts.length + 1 && keyed[0] === parts[0]?.toLowerCase() && keyed[keyed.length - 1] === parts[parts.length - 1]?.toLowerCase()) {
    return formatSpecName([...parts.slice(0, -1), keyed[keyed.length - 2] as string, parts[parts.length - 1] as string]);
  }
  return formatSpecName(parts);
}

/**
 * Typed header cells for a node's columns, each written as a spec names it (brackets where
 * needed): types from the catalog, else from the column it copies, else `text?`. With `whole`,
 * every column the catalog declares (a table a section changes in place, or its output: the
 * scenario shows whole rows), in declaration order.
 */
function headerOf(ctx: SkeletonContext, nodeId: string, columns: readonly string[], whole = false, given = false): string {
  const node = ctx.graph.nodes.find((n) => n.id === nodeId);
  const known = ctx.catalog.tables.get((node?.name ?? '').toLowerCase());
  const all = known?.columns.map((c) => c.name.toLowerCase());
  const listed = (whole && all && all.length > 0) || columns.includes('*') || columns.length === 0 ? (all ?? node?.columns ?? []) : columns;
  // The graph lists a step's columns sorted; an output no CREATE TABLE declares (a result set, a
  // SELECT … INTO) shows them in the order its SELECT writes them, which the node keeps.
  const order = all === undefined && !given ? node?.columns ?? [] : [];
  const at = (c: string): number => { const i = order.indexOf(c); return i < 0 ? order.length : i; };
  const chosen = order.length === 0 ? listed : [...listed].sort((a, b) => at(a) - at(b));
  // A Given gives a computed column's inputs: the table computes it from them.
  const cols = !given ? chosen : [...new Set(chosen.flatMap((c) => known?.columns.find((k) => k.name.toLowerCase() === c)?.computed?.map((x) => x.toLowerCase()) ?? [c]))];
  // the source lets an aggregate or an expression over typed columns be typed (node-columns.ts)
  const cells = typedColumnsOf(ctx.graph, ctx.catalog, nodeId, cols, (c) => partSpellingIn(ctx.source, c), ctx.source).map((c) => formatHeaderCell(c.name, formatColumnType(c.type)));
  return `      | ${cells.join(' | ')} |`;
}

/** A column of a node as the catalog (or else the source) spells it. */
export function columnSpelling(ctx: SkeletonContext, nodeId: string | undefined, column: string): string {
  const node = ctx.graph.nodes.find((n) => n.id === nodeId);
  const known = ctx.catalog.tables.get((node?.name ?? '').toLowerCase());
  return known?.columns.find((c) => c.name.toLowerCase() === column.toLowerCase())?.name ?? partSpellingIn(ctx.source, column);
}

/** The columns read from a table, and its period columns when the section reads it FOR SYSTEM_TIME
 * (it then reads its history table too): the query filters on them without naming them. */
function withPeriodColumns(ctx: SkeletonContext, section: ProposedSection, nodeId: string, columns: readonly string[]): readonly string[] {
  const nameOf = (id: string): string => (ctx.graph.nodes.find((n) => n.id === id)?.name ?? '').toLowerCase();
  const period = ctx.catalog.periods?.get(nameOf(nodeId));
  if (period === undefined || columns.length === 0 || columns.includes('*') || !section.inputs.some((id) => nameOf(id) === period.partner)) return columns;
  return [...new Set([...columns, period.start.toLowerCase(), period.end.toLowerCase()])];
}

/** Columns a section reads from (or writes to) a node, over all its steps. */
function columnsOf(section: ProposedSection, nodeId: string, side: 'reads' | 'writes'): string[] {
  const set = new Set<string>();
  for (const s of section.steps) for (const a of s[side]) if (a.node === nodeId) for (const c of a.columns) set.add(c);
  return [...set];
}

/**
 * Renders a proposed section as a skeleton .feature: tags tying it to the legacy lines, Given
 * tables with the columns it really reads, When, Then tables with the columns it writes, all
 * typed and without rows, ready for example rows. It parses and type-checks as it is.
 */
export function renderSkeleton(ctx: SkeletonContext, section: ProposedSection): string {
  const lines = section.lines.map((r) => (r.start === r.end ? `${r.start}` : `${r.start}-${r.end}`)).join(',');
  if (section.ignored) {
    // housekeeping's statements inside a loop or IF that went to a section with it (a cursor's
    // CLOSE before an error RETURN) are that section's lines: not named here
    const own = section.steps.filter((st) => section.lines.some((r) => st.lines.start >= r.start && st.lines.start <= r.end));
    const ownLabels = [...new Set(own.map((s) => s.label))].slice(0, 8).join('; ');
    // dynamic SQL lands here because what it writes is unknown: a reviewer must see it, not find it cut off below
    const dynamic = section.steps.filter((s) => s.kind === 'exec-dynamic').map((s) => s.lines.start);
    // a statement the parser could only skip lands here for the same reason: nothing is known of it
    const unparsed = section.steps.filter((s) => s.kind === 'unparsed').map((s) => s.lines.start);
    const review = (dynamic.length === 0 ? '' : `\n  Dynamic SQL at line${dynamic.length > 1 ? 's' : ''} ${dynamic.join(', ')}: what it reads and writes is unknown to the analysis;
  if it changes a business table, give it a section of its own.`)
      + (unparsed.length === 0 ? '' : `\n  Not parsed at line${unparsed.length > 1 ? 's' : ''} ${unparsed.join(', ')} (\`migrate analyze\` says why): what ${unparsed.length > 1 ? 'they read and write' : 'it reads and writes'} is unknown
  to the analysis; if ${unparsed.length > 1 ? 'one' : 'it'} changes a business table, give it a section of its own.`);
    return `@proc:${encodeTagValue(ctx.procedure)} @lines:${lines} @ignored
Feature: Housekeeping of ${ctx.procedure}
  Statements no business table depends on (logging, PRINT, SET options, transactions, error
  handling, @Debug output, loops that only call other procedures, which are migrated on their
  own). Move a statement out of here if it does compute something.${review}
  Legacy statements: ${ownLabels}${externalCallNotes(section)}
`;
  }
  const labels = [...new Set(section.steps.map((s) => s.label))].slice(0, 8).join('; ');
  // the OUTPUT parameters it sets: a row of their values, named as `Then table outputs` reads them
  const valueColumns = (section.values ?? []).map((id) => {
    const node = ctx.graph.nodes.find((n) => n.id === id);
    const type = parseSqlServerColumnType(`${(node && 'dataType' in node && node.dataType ? String(node.dataType) : 'text').replace(/\s+/g, '')}?`) ?? TEXT_NULL;
    return formatHeaderCell((node?.label ?? id).replace(/^@/, ''), formatColumnType({ ...type, nullable: true }));
  });
  const outputs = [...section.outputs.map((id) => specNameOf(ctx, id)), ...(valueColumns.length > 0 ? [OUTPUT_VALUES_TABLE] : [])];
  const entity = section.entity ? ` @entity:${encodeTagValue(quoteNamePart(columnSpelling(ctx, section.outputs[0], section.entity)))}` : '';
  const first = Math.min(...section.steps.map((st) => st.lines.start));
  // A table-valued (READONLY) parameter the section passes on (`EXEC p @Lines = @Lines`) holds rows:
  // given as a table of its type's columns, as a table variable the section reads is.
  const isTableParam = (id: string): boolean => {
    const node = ctx.graph.nodes.find((n) => n.id === id);
    return node?.kind === 'parameter' && ctx.graph.object.parameters.some((p) => p.readonly === true && p.name.toLowerCase() === node.name.toLowerCase());
  };
  const tableParams = section.params.filter(isTableParam).map((id) => `    Given table ${ctx.graph.nodes.find((n) => n.id === id)?.label ?? id}:\n${headerOf(ctx, id, [], true, true)}`);
  const params = section.params.filter((id) => !isTableParam(id)).map((id) => {
    const node = ctx.graph.nodes.find((n) => n.id === id);
    const type = parseSqlServerColumnType(`${(node && 'dataType' in node && node.dataType ? String(node.dataType) : 'text').replace(/\s+/g, '')}?`) ?? TEXT_NULL;
    const name = node?.label ?? id;
    const declared = ctx.graph.object.parameters.find((p) => p.name.toLowerCase() === name.toLowerCase());
    const given = `    Given parameter ${name}:${formatColumnType({ ...type, nullable: true })}`;
    // a parameter an earlier statement assigns (`IF @To IS NULL SET @To = …`) reaches the section as
    // that statement left it: earlier than the section's first read of it, not than its first line,
    // which may be a DECLARE at the top of the procedure (`DECLARE @rc int` before `SET @BatchId = SCOPE_IDENTITY()`)
    const reads = section.steps.filter((st) => st.reads.some((r) => r.node === id)).map((st) => st.lines.start);
    const from = reads.length > 0 ? Math.min(...reads) : first;
    const setters = ctx.graph.steps.filter((st) => !section.steps.includes(st) && st.writes.some((w) => w.node === id));
    // another section's statement between the section's reads (`@lines:9,15-18` around `SET @AsOf =
    // …` at line 12, both lines reading @AsOf): the reads see two values, which no one value stands for
    const split = setters.find((st) => st.lines.start > from && reads.some((r) => r > st.lines.start));
    if (split !== undefined) {
      return `    # ${name} is read at line ${from} and again after line ${split.lines.start} (another section's statement) assigns it between this section's lines: no one value stands for both; give line ${split.lines.start} to this section (its @lines) or cut the section there\n${given} = TODO`;
    }
    // the last assignment outside the section before its first read: the value the section reads
    const setBy = setters.filter((st) => st.lines.start < from).at(-1);
    // one between the section's own lines (propose cut the section around it) is no value the section starts with
    const at = setBy?.lines.start;
    const betweenLines = at !== undefined && at > first;
    // A parameter the procedure reassigns before the section (`SET @BillMonth = DATEADD(month,
    // DATEDIFF(month, 0, @BillMonth), 0)` in another section) reaches it as that line left it,
    // not as the caller passed it: saying "every call passes it" would invite the caller's value.
    if (declared && at !== undefined) {
      return betweenLines
        ? `    # ${name} is a parameter that line ${at} (another section's statement) assigns between this section's lines, before the section reads it at line ${from}: write the value it holds after line ${at}, not the value the caller passes\n${given} = TODO`
        : `    # ${name} is a parameter that line ${at} assigns before this section: write the value it holds when the section starts, not the value the caller passes\n${given} = TODO`;
    }
    if (!declared && betweenLines) {
      return `    # ${name} is set between this section's lines, by line ${at} (another section's statement), before the section reads it at line ${from}: write the value it holds after line ${at}\n${given} = TODO`;
    }
    // No value is known: NULL would be a value of its own (record would run with it and write
    // plausible rows). TODO keeps the type for scaffold and makes record ask for the value.
    if (declared && declared.default === undefined && !declared.output) {
      return `    # ${name} has no default: every call passes it. Write the value this case runs with\n${given} = TODO`;
    }
    if (!declared) return `    # ${name} is set before this section: write the value it holds when the section starts\n${given} = TODO`;
    if (declared.default === undefined) return `${given} = NULL`;
    const value = defaultCell(declared, { ...type, nullable: true });
    // the procedure's default is what every call that leaves the parameter out runs with; one
    // whose converted value is not certain is TODO, never NULL (record would run with NULL and
    // write rows no call gives; with TODO it runs with the default as the emulator converts it)
    return value !== undefined ? `${given} = ${value}`
      : `    # ${name} defaults to ${declared.default.replace(/\s+/g, ' ')} in the procedure: write the value SQL Server converts it to\n${given} = TODO`;
  });
  const changed = new Set(section.steps.flatMap((s) => s.modifies ?? []));
  const givens = section.inputs.map((id) => `    Given table ${specNameOf(ctx, id)}:\n${headerOf(ctx, id, withPeriodColumns(ctx, section, id, columnsOf(section, id, 'reads')), changed.has(id), true)}`);
  givens.push(...triggerGivens(ctx, section));
  const thens = [
    ...section.outputs.map((id) => `${orderNote(ctx, section, id)}    Then table ${specNameOf(ctx, id)}${orderedBy(ctx, section, id)}:\n${headerOf(ctx, id, columnsOf(section, id, 'writes'), true)}`),
    ...(valueColumns.length > 0 ? [`    Then table ${OUTPUT_VALUES_TABLE}:\n      | ${valueColumns.join(' | ')} |`] : []),
  ];
  return `@proc:${encodeTagValue(ctx.procedure)} @lines:${lines} @output:${outputs.map(encodeTagValue).join(',')}${entity}
Feature: ${section.number} ${outputs[0] && outputs[0] !== 'result' && outputs[0] !== OUTPUT_VALUES_TABLE ? outputs[0] : section.slug.replace(/-/g, ' ')}
  TODO: say in business terms what this section computes, and the legacy rules it must keep.
  Legacy statements: ${labels}${triggerNotes(ctx, section)}${externalCallNotes(section)}${catalogViewNotes(ctx, section)}${dynamicSqlNotes(section)}

  Scenario: TODO name the case (then add: an entity with no rows, NULLs, ties, several entities)
${[...params, ...tableParams, ...givens].join('\n')}
    When the section runs
${andAfterFirst(thens.join('\n'))}
`;
}

/**
 * Givens of the tables the triggers the section's statements fire read (the bin limits a stock
 * trigger checks), which no statement names: record and capture run the triggers, and refuse a
 * scenario without them. The whole table, as its CREATE TABLE declares it (a computed column
 * by its inputs); for a table no script declares, a comment asking for its CREATE TABLE and Given
 * (check fails the scenario until then, as record would).
 */
function triggerGivens(ctx: SkeletonContext, section: ProposedSection): string[] {
  const given = new Set(section.inputs.map((id) => normalizeObjectName(ctx.graph.nodes.find((n) => n.id === id)?.name ?? id)));
  return [...triggerReadsToGive(ctx.graph, section.steps, triggeredReads(section.steps, ctx.catalog.triggers))].filter(([key]) => !given.has(key)).map(([key, read]) => {
    const columns = ctx.catalog.tables.get(key)?.columns ?? [];
    if (columns.length === 0) return `    # ${read.table} is read by the trigger ${read.trigger}, and no script declares it: add its CREATE TABLE to the scripts, then \`Given table ${read.table}:\` with its typed header here`;
    const inputs = columns.flatMap((c) => (c.computed !== undefined ? columns.filter((x) => c.computed?.some((n) => n.toLowerCase() === x.name.toLowerCase())) : [c]));
    return `    Given table ${read.table}:\n      | ${[...new Set(inputs)].map((c) => formatHeaderCell(c.name, formatColumnType(c.type))).join(' | ')} |`;
  });
}

/** The kinds of statement that fire a trigger of each event (a MERGE fires any). */
const FIRES: Readonly<Record<string, readonly string[]>> = { INSERT: ['insert', 'merge'], UPDATE: ['update', 'merge'], DELETE: ['delete', 'merge'] };

/**
 * The triggers the section's writes fire, said in its description: SQL Server runs them with
 * the statement, so their rows (an audit table's) are part of what the legacy code does, though
 * no statement of the section names them. `capture` keeps those tables as outputs.
 */
function triggerNotes(ctx: SkeletonContext, section: ProposedSection): string {
  const notes: string[] = [];
  for (const s of section.steps) {
    for (const w of s.writes) {
      const node = ctx.graph.nodes.find((n) => n.id === w.node);
      if (node?.kind !== 'table') continue;
      for (const t of ctx.catalog.triggers?.get(normalizeObjectName(node.name)) ?? []) {
        if (!t.events.some((e) => FIRES[e]?.includes(s.kind))) continue;
        const writes = t.writes.length > 0 ? `, which writes ${t.writes.join(', ')}` : '';
        const note = `${specNameOf(ctx, node.id)} has the trigger ${t.name} (${t.fires}, ${t.at})${writes}: SQL Server runs it with line ${s.lines.start}'s ${s.kind.toUpperCase()}, so what it writes is part of this section's legacy effect (capture keeps it); the new code must do it too.`;
        if (!notes.includes(note)) notes.push(note);
      }
    }
  }
  return notes.map((n) => `\n${wrapDescription(n)}`).join('');
}

/**
 * The catalog views the section reads (`sys.columns`, `INFORMATION_SCHEMA.COLUMNS`, directly or
 * in a procedure it EXECs): their rows describe the database, so no Given table gives them and
 * the emulator refuses the read. Said at the line that reads, so it is decided, not found at record.
 */
function catalogViewNotes(ctx: SkeletonContext, section: ProposedSection): string {
  const byStep = new Map<ProposedSection['steps'][number], string[]>();
  for (const node of ctx.graph.nodes) {
    if (!isCatalogViewNode(ctx.graph, node.id)) continue;
    // the innermost step that reads it: a loop's step spans the statement that does
    const readers = section.steps.filter((s) => s.reads.some((r) => r.node === node.id));
    const at = readers.sort((a, b) => (a.lines.end - a.lines.start) - (b.lines.end - b.lines.start))[0];
    if (at !== undefined) byStep.set(at, [...(byStep.get(at) ?? []), node.label]);
  }
  return [...byStep].sort(([a], [b]) => a.lines.start - b.lines.start).map(([at, views]) => {
    const through = at.calls.length > 0 ? ' (in what it EXECs)' : '';
    const note = `Line ${at.lines.start} reads the catalog view${views.length > 1 ? 's' : ''} ${views.join(', ')}${through}: ${views.length > 1 ? 'their' : 'its'} rows describe the database the procedure runs in, not business input, so no Given table gives them, and record and capture refuse the read where it runs; decide what the new code reads in its place (a table of the objects it needs, given here) or move the statement to the housekeeping section.`;
    return `\n${wrapDescription(note)}`;
  }).join('');
}

/**
 * The EXECs of mail, job and shell procedures (sp_send_dbmail, sp_start_job, xp_cmdshell…) among
 * the section's statements: what they do leaves the database, so no Then table shows it, capture
 * refuses it and the set-based code does not do it. Said so it is decided, not lost unnoticed.
 */
function externalCallNotes(section: ProposedSection): string {
  const notes: string[] = [];
  for (const s of section.steps) {
    const name = s.kind === 'exec' && s.label.startsWith('EXEC ') ? s.label.slice(5) : undefined;
    const effect = name === undefined ? undefined : externalEffectOf(name);
    if (effect === undefined) continue;
    notes.push(`Line ${s.lines.start} EXECs ${name}, which ${effect}: an effect outside the database that no Then table shows, capture refuses and the new set-based code does not have; decide what takes it over before this procedure is retired.`);
  }
  return notes.map((n) => `\n${wrapDescription(n)}`).join('');
}

/**
 * Dynamic SQL a section runs (an sp_executesql inside a metric loop): the Given and Then tables
 * below are only those the other statements name, so the reviewer must hear that the text may
 * read and write others (the loop's INSERT of the business table itself), not find out at accept.
 */
function dynamicSqlNotes(section: ProposedSection): string {
  const lines = section.steps.filter((s) => s.kind === 'exec-dynamic').map((s) => s.lines.start);
  if (lines.length === 0) return '';
  const one = lines.length === 1;
  return `\n${wrapDescription(`Dynamic SQL at line${one ? '' : 's'} ${lines.join(', ')} runs in this section: what ${one ? 'it reads and writes' : 'they read and write'} is unknown to the analysis, so the Given and Then tables below hold only what the other statements name. Add the tables the text reads as Given (\`sections record --allow-dynamic-sql\` refuses one the Given does not state) and those it writes to @output and Then.`)}`;
}

/** A description line wrapped at about 100 columns, indented as the Feature's text. */
function wrapDescription(text: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + word.length + 1 > 96) { lines.push(line); line = word; } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.map((l) => `  ${l}`).join('\n');
}

/** The legacy ORDER BY of a result set, when the SELECT writing it has one. */
function resultOrder(ctx: SkeletonContext, section: ProposedSection, id: string): ResultOrder | undefined {
  if (ctx.graph.nodes.find((n) => n.id === id)?.kind !== 'result-set') return undefined;
  const step = section.steps.find((s) => s.writes.some((w) => w.node === id));
  return step ? resultOrderOf(ctx.source, step) : undefined;
}

/** ` ordered by A, B` for a result the legacy SELECT orders by columns it returns: the new code is held to that order. */
function orderedBy(ctx: SkeletonContext, section: ProposedSection, id: string): string {
  const order = resultOrder(ctx, section, id);
  return order?.kind === 'columns' ? ` ordered by ${order.columns.map(quoteNamePart).join(', ')}` : '';
}

/** A comment for an ORDER BY on what the result does not return: its order cannot be checked from its rows. */
function orderNote(ctx: SkeletonContext, section: ProposedSection, id: string): string {
  const order = resultOrder(ctx, section, id);
  return order?.kind === 'not-columns' ? `    # the legacy SELECT orders its rows by ${order.text.replace(/\s+/g, ' ')}, which is no column of the result: return it to check the order\n` : '';
}

/** Every `Then table` after the first as `And table` (a comment may stand before the first). */
function andAfterFirst(text: string): string {
  let seen = false;
  return text.replace(/^ {4}Then table/gm, (m) => { if (!seen) { seen = true; return m; } return '    And table'; });
}
