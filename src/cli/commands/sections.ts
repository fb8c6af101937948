import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { displayPath, UsageError, writeFileAtomic } from '../../core';
import { loadScripts, sectionCrossEntityReads, setBasedSectionEntity } from '../../legacy';
import type { DataFlowGraph } from '../../dataflow';
import type { ParsedScript } from '../../tsql';
import {
  analyzeWorkspace, catalogFor, checkProcedureSections, checkRecordingsCurrent, checkValuesStated, checkOutputsCompared, encodeTagValue, columnSpelling, findProcedure, formatSpecProblem, loadSpecs, loadWorkspaceConfig, measureReason, proposeSections, quoteNamePart, renderSkeleton, setBasedEntityCandidates, specNameOf,
  tablesWithColumnRead, type ProcedureOutline, type ProposedSection, type SkeletonContext, type SpecProblem, type WorkspaceAnalysis, type WorkspaceConfig,
} from '../../sections';
import { carriedAcrossEntities, checkEntityCrossReads } from '../check-entity-reads';
import { droppedProcedureNote } from '../dropped-procedure';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exit-codes';
import { forEachObject, outcomeLine } from '../object-failure';
import { countText, paint } from '../output';
import type { ActionWrapper } from '../program';
import { registerRecord } from './record';

interface ProposeFlags { readonly root: string; readonly dryRun?: boolean; readonly all?: boolean }
interface CheckFlags { readonly root: string; readonly json?: boolean }

/**
 * `migrate sections propose <proc>` (or `--all`, every procedure of the workspace): skeleton
 * .feature files, never overwriting. With --all, a procedure that cannot be proposed is named
 * and the others still are; the exit code then says one failed.
 */
async function proposeAction(proc: string | undefined, flags: ProposeFlags): Promise<number> {
  if ((proc === undefined) === (flags.all !== true)) {
    throw new UsageError('SECTIONS_PROPOSE_WHICH', proc === undefined ? 'which procedure? give one, or --all for every procedure of the workspace' : `give ${proc} or --all, not both`, { hint: 'e.g. migrate sections propose dbo.usp_X' });
  }
  const config = loadWorkspaceConfig(resolve(flags.root));
  const analysis = analyzeWorkspace(config);
  const scripts = procedureScripts(config);
  if (proc !== undefined) {
    const outline = findProcedure(analysis, proc);
    if (!outline) throw unknownProcedure(proc, config, analysis, scripts());
    proposeOne(config, analysis, outline, flags, scripts);
    return EXIT_OK;
  }
  const outcome = await forEachObject(analysis.procedures, { name: (o) => o.displayName }, (outline) => {
    process.stdout.write(`== ${outline.displayName}\n`);
    proposeOne(config, analysis, outline, flags, scripts);
  });
  process.stdout.write(`${outcomeLine('proposed', 'procedure', outcome)}\n`);
  return outcome.failed.length > 0 ? EXIT_USAGE : EXIT_OK;
}

/** A procedure the workspace does not know: dropped by a later script (said with where), or unknown. */
function unknownProcedure(proc: string, config: WorkspaceConfig, analysis: WorkspaceAnalysis, scripts: readonly ParsedScript[]): UsageError {
  const known = `known: ${analysis.procedures.map((p) => p.displayName).join(', ') || 'none'}`;
  const dropped = droppedProcedureNote(scripts, proc);
  return dropped === undefined
    ? new UsageError('SECTIONS_UNKNOWN_PROC', `no procedure ${proc} under ${config.paths.procedures}/`, { hint: known })
    : new UsageError('SECTIONS_UNKNOWN_PROC', `${dropped}: there is nothing to migrate`, { hint: `remove its sections if it had any; ${known}` });
}

/** The procedures' scripts as the emulator reads a section's statements: parsed on first use, once for every procedure of a run. */
function procedureScripts(config: WorkspaceConfig): () => readonly ParsedScript[] {
  let parsed: readonly ParsedScript[] | undefined;
  return () => (parsed ??= loadScripts([join(config.root, config.paths.procedures)]));
}

/** Proposes one procedure's sections: writes the .feature files it does not have yet. */
function proposeOne(config: WorkspaceConfig, analysis: WorkspaceAnalysis, outline: ProcedureOutline, flags: ProposeFlags, scripts: () => readonly ParsedScript[]): void {
  const graph = analysis.graphs.get(outline.name);
  if (!graph) throw new UsageError('SECTIONS_UNKNOWN_PROC', `no data-flow graph for ${outline.displayName}`, { hint: 'run `migrate analyze` on it to see why' });
  const source = analysis.sources.get(outline.name) ?? '';
  const ctx = { procedure: outline.displayName, graph, catalog: catalogFor(analysis.catalog, outline.name), source, root: config.root };
  const notes: string[] = [];
  const proposed = proposeSections(graph, (id) => specNameOf(ctx, id), outline.statements).map((s) => checkedEntity(scripts(), outline, graph, withCarriedState(scripts(), outline, graph, withSetBasedEntity(scripts(), outline, graph, s, ctx, notes), ctx, notes), ctx, notes));
  const unparsed = graph.steps.filter((s) => s.kind === 'unparsed');
  if (unparsed.length > 0) {
    // housekeeping holds them for review: the cut cannot say what they compute
    const at = unparsed.map((s) => `${displayPath(outline.file, config.root)}:${s.lines.start}`).join(', ');
    process.stdout.write(`${paint('yellow', 'warning')} ${outline.displayName} has ${unparsed.length} statement${unparsed.length > 1 ? 's' : ''} the parser could not read (${at}; \`migrate analyze\` says why): the housekeeping section holds ${unparsed.length > 1 ? 'them' : 'it'} for review\n`);
  }
  const dir = join(config.root, config.paths.sections, outline.folder);
  const existing = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.feature')) : [];
  for (const section of proposed) {
    const text = renderSkeleton(ctx, section);
    const name = `${section.number}-${section.slug}.feature`;
    const same = existing.find((f) => f.startsWith(`${section.number}-`));
    const path = join(dir, same ?? name);
    if (same) {
      const oldTags = readFileSync(path, 'utf8').split(/\r?\n/)[0]?.trim() ?? '';
      const newTags = text.split('\n')[0] ?? '';
      if (oldTags === newTags) process.stdout.write(`${paint('gray', 'unchanged')} ${displayPath(path, config.root)}\n`);
      else process.stdout.write(`${paint('yellow', 'kept')} ${displayPath(path, config.root)} (exists; not overwritten). Proposed tags:\n  - ${oldTags}\n  + ${newTags}\n`);
    } else if (flags.dryRun) {
      process.stdout.write(`${paint('cyan', 'would create')} ${displayPath(path, config.root)}\n${text}\n`);
    } else {
      writeFileAtomic(path, text);
      process.stdout.write(`${paint('green', 'created')} ${displayPath(path, config.root)}\n`);
    }
  }
  for (const note of notes) process.stdout.write(`${paint('yellow', 'note')} ${note}\n`);
}

/**
 * A set-based section's entity where it is certain (set-based-entity.ts): a column every output
 * copies from the inputs and on which every statement keeps each entity apart. A cursor loop's
 * comes from the proposal (section-entity.ts).
 */
function withSetBasedEntity(scripts: readonly ParsedScript[], outline: ProcedureOutline, graph: DataFlowGraph, section: ProposedSection, ctx: SkeletonContext, notes: string[]): ProposedSection {
  if (section.ignored || section.entity !== undefined) return section;
  const all = setBasedEntityCandidates(graph, section.steps, section.outputs);
  // An entity is a key: an amount copied unchanged is no key, however the statements keep it apart.
  const measures = new Map(all.map((c) => [c, measureReason(graph, ctx.catalog, section.outputs, c)] as const).filter((e): e is readonly [string, string] => e[1] !== undefined));
  const columnsOf = (table: string): readonly string[] | undefined => graph.nodes.find((n) => n.name.toLowerCase() === table)?.columns;
  const pick = (candidates: readonly string[]): string | undefined => setBasedSectionEntity(scripts, { name: outline.name, file: outline.file }, section.lines, candidates, columnsOf, (start, end, key) => tablesWithColumnRead(graph, start, end, key));
  const entity = pick(all.filter((c) => !measures.has(c)));
  if (entity !== undefined) return { ...section, entity };
  const measure = measures.size === 0 ? undefined : pick([...measures.keys()]);
  if (measure !== undefined) {
    const spelled = quoteNamePart(columnSpelling(ctx, section.outputs[0], measure));
    notes.push(`${section.number}-${section.slug}: not tagged @entity:${encodeTagValue(spelled)}: ${spelled} is ${measures.get(measure) ?? 'a measure'}, a measure, not a key, and no other column the section copies unchanged can key it: its scenarios run the section whole`);
  }
  return section;
}

/**
 * A cursor section's entity where the loop carries no state across it (a running total reset
 * per entity and currency is not per position): else the coarser key the state is reset on
 * when certain, or none, as check-entity-reads.ts judges the tag.
 */
function withCarriedState(scripts: readonly ParsedScript[], outline: ProcedureOutline, graph: DataFlowGraph, section: ProposedSection, ctx: SkeletonContext & { readonly root: string }, notes: string[]): ProposedSection {
  if (section.entity === undefined || section.ignored) return section;
  const outputs = section.outputs.map((id) => graph.nodes.find((n) => n.id === id)?.name ?? id);
  const carried = carriedAcrossEntities(scripts, outline.name, section.lines, outputs, section.entity, graph);
  if (carried === undefined) return section;
  // said, so that nobody adds the tag by hand (check would fail it) and the scenarios get several entities
  const spelled = (column: string): string => quoteNamePart(columnSpelling(ctx, section.outputs[0], column));
  const tag = `@entity:${encodeTagValue(spelled(section.entity))}`;
  const why = carried.why.split(`${ctx.root}${sep}`).join('');
  notes.push(carried.coarser === undefined
    ? `${section.number}-${section.slug}: not tagged ${tag} (\`sections check\` fails that tag, SECTIONS_ENTITY_CROSS_READS): ${why}; give its scenarios several ${spelled(section.entity)} values`
    : `${section.number}-${section.slug}: tagged @entity:${encodeTagValue(spelled(carried.coarser))}, not ${tag}: ${why}`);
  return { ...section, entity: carried.coarser };
}

/**
 * The section with its proposed entity, or without it where `sections check` would reject the tag
 * (SECTIONS_ENTITY_CROSS_READS: its statements combine rows of several entities into the rows it
 * writes, as check-entity-reads.ts reads them): a fresh proposal never fails check for its own tag.
 */
function checkedEntity(scripts: readonly ParsedScript[], outline: ProcedureOutline, graph: DataFlowGraph, section: ProposedSection, ctx: SkeletonContext & { readonly root: string }, notes: string[]): ProposedSection {
  if (section.entity === undefined || section.ignored) return section;
  // the outputs by name, as the @output tags give them to check (the proposal holds graph node ids)
  const outputs = section.outputs.map((id) => graph.nodes.find((n) => n.id === id)?.name ?? id);
  let crossing: readonly string[];
  try {
    crossing = sectionCrossEntityReads(scripts, outline.name, section.lines, section.entity, { reachingOutputs: outputs });
  } catch {
    return section; // statements the emulator's reading cannot select (check names them otherwise)
  }
  if (crossing.length === 0) return section;
  // The tag is dropped, so a note withCarriedState left ("tagged @entity:X, not …") would name a
  // tag the file does not hold: the note says what was done instead, and why.
  const prefix = `${section.number}-${section.slug}: `;
  const earlier = notes.findIndex((n) => n.startsWith(`${prefix}tagged `));
  if (earlier >= 0) notes.splice(earlier, 1);
  const tag = `@entity:${encodeTagValue(quoteNamePart(columnSpelling(ctx, section.outputs[0], section.entity)))}`;
  notes.push(`${prefix}not tagged ${tag} (\`sections check\` fails that tag, SECTIONS_ENTITY_CROSS_READS): ${crossing.join('; ').split(`${ctx.root}${sep}`).join('')}`);
  return { ...section, entity: undefined };
}

/** Problem codes check reports without failing. */
// SECTIONS_VALUE_NOT_STATED: a value handed to a later section that no scenario states yet; a
// fresh proposal has none, and `sections record` writes them.
// SECTIONS_OUTPUT_NOT_COMPARED: a table the procedure writes that no section compares (a log
// left in housekeeping may rightly be so; the user decides).
const WARNING_CODES: ReadonlySet<string> = new Set(['SECTIONS_UNPARSED', 'SECTIONS_VALUE_NOT_STATED', 'SECTIONS_OUTPUT_NOT_COMPARED', 'SECTIONS_TRIGGER_FEED_NOT_OUTPUT', 'SECTIONS_DYNAMIC_SQL_NOT_COMPARED']);

/** `migrate sections check [<proc>]`: coverage and spec validity; exit 1 with the problems. */
async function checkAction(proc: string | undefined, flags: CheckFlags): Promise<number> {
  const config = loadWorkspaceConfig(resolve(flags.root));
  const analysis = analyzeWorkspace(config);
  const procs = proc ? [findProcedure(analysis, proc)] : analysis.procedures;
  if (proc && !procs[0]) throw unknownProcedure(proc, config, analysis, procedureScripts(config)());
  const { specs, problems: specProblems } = await loadSpecs(join(config.root, config.paths.sections), analysis.catalog, proc ? procs[0]?.displayName : undefined);
  const problems: SpecProblem[] = [...specProblems];
  const summary: { name: string; statements: number; sections: number; problems: number; warnings: number }[] = [];
  const scripts = procedureScripts(config);
  for (const outline of procs) {
    if (!outline) continue;
    const mine = specs.filter((s) => s.procedure === outline.name);
    const graph = analysis.graphs.get(outline.name);
    const source = analysis.sources.get(outline.name);
    const found = [...checkProcedureSections(outline, graph, mine, analysis.graphs, analysis.catalog.triggers), ...(graph === undefined ? [] : [...checkValuesStated(graph, mine), ...checkOutputsCompared(graph, mine, analysis.catalog.triggers)]), ...(source === undefined ? [] : checkRecordingsCurrent(source, mine)), ...checkEntityCrossReads(config, mine, scripts, () => graph)];
    problems.push(...found);
    const ownSpecProblems = specProblems.filter((p) => mine.some((s) => s.file === p.file) || basename(dirname(p.file)).toLowerCase() === outline.folder.toLowerCase());
    // warnings are counted apart: they never fail the check, so the summary must not read FAIL for them
    const all = [...found, ...ownSpecProblems];
    summary.push({ name: outline.displayName, statements: outline.statements.length, sections: mine.length, problems: all.filter((p) => !WARNING_CODES.has(p.code)).length, warnings: all.filter((p) => WARNING_CODES.has(p.code)).length });
  }
  // A statement the parser could not read is a warning, not a failure: the contract lets a fresh
  // proposal fail only with placeholders, and `migrate analyze` already fails on it (exit 1).
  const warned = problems.filter((p) => WARNING_CODES.has(p.code));
  const failed = problems.filter((p) => !WARNING_CODES.has(p.code));
  const display = (ps: readonly SpecProblem[]): SpecProblem[] => ps.map((p) => ({ ...p, file: displayPath(p.file, config.root) }));
  const shown = display(failed);
  const counted = summary;
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ ok: failed.length === 0, procedures: counted, problems: shown.map(({ kind: _k, ...rest }) => rest), warnings: display(warned).map(({ kind: _k, ...rest }) => rest) })}\n`);
  } else {
    for (const p of shown) process.stdout.write(`${formatSpecProblem(p)}\n`);
    for (const p of display(warned)) process.stdout.write(`${paint('yellow', 'warning')} ${formatSpecProblem(p)}\n`);
    for (const s of counted) {
      const warnings = s.warnings === 0 ? '' : `, ${countText(s.warnings, 'warning')}`;
      process.stdout.write(`${s.problems === 0 ? paint('green', 'ok') : paint('red', 'FAIL')} ${s.name}: ${countText(s.statements, 'statement')}, ${countText(s.sections, 'section')}, ${countText(s.problems, 'problem')}${warnings}\n`);
    }
  }
  return failed.length === 0 ? EXIT_OK : EXIT_FAILED;
}

/** Registers `migrate sections propose|check|record`. */
export function registerSections(program: Command, run: ActionWrapper): void {
  const sections = program.command('sections').description('cut procedures into Given/When/Then sections and check them');
  sections.command('propose')
    .description('write skeleton .feature files for a procedure, one per section (never overwrites)')
    .argument('[proc]', 'procedure, e.g. dbo.usp_CountEntityLetters')
    .option('--all', 'every procedure of the workspace (one that fails is named; the others are still proposed)')
    .option('--root <dir>', 'workspace root', '.')
    .option('--dry-run', 'print what would be written, write nothing')
    .action(run(proposeAction));
  sections.command('check')
    .description('every statement in exactly one section; Given/Then match what the statements read/write; specs parse and type-check')
    .argument('[proc]', 'only this procedure')
    .option('--root <dir>', 'workspace root', '.')
    .option('--json', 'print {"ok","procedures":[{name,statements,sections,problems,warnings}],"problems":[{file,line,column,code,message,hint}],"warnings":[…]}')
    .action(run(checkAction));
  registerRecord(sections, run);
}
