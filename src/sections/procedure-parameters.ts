import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles, readSourceFile } from '../core';
import { parameterInfos, type ParameterInfo } from '../dataflow';
import { parseScript, walk, type CreateProcedure, type ParsedScript } from '../tsql';
import { earlyExits, type EarlyExit } from './procedure-exits';
import { outlineProcedures, proceduresInEffect, type ProcedureOutline } from './procedure-outline';
import { findOutline } from './workspace-analysis';
import type { WorkspaceConfig } from './workspace-config';

/** A procedure's definition in effect and the parameters it declares. */
export interface ProcedureParameters {
  readonly outline: ProcedureOutline;
  readonly parameters: readonly ParameterInfo[];
  /**
   * The lines of the body's statements that assign each parameter (`@todate` -> [17]): SET,
   * SELECT @p =, UPDATE … SET @p =, FETCH … INTO, EXEC … @p OUTPUT, EXEC @p = …. A section
   * outside them reads the parameter as those statements left it, not as the caller gave it.
   */
  readonly assigned: ReadonlyMap<string, readonly number[]>;
  /** The same for every variable of the body, its local variables included (`@rc` -> [25, 46]). */
  readonly assignedVariables: ReadonlyMap<string, readonly number[]>;
  /**
   * Lines holding nothing but a DECLARE without a value (`DECLARE @Changes TABLE (…)`): propose
   * puts such a declaration in the section that uses it, which then starts there although none
   * of its statements runs before its next line.
   */
  readonly declarationLines: ReadonlySet<number>;
  /** Where the procedure may end early (guard clauses), in source order. */
  readonly exits: readonly EarlyExit[];
  /** The workspace's parsed scripts, as read (the emulator answers the guards from them). */
  readonly scripts: readonly ParsedScript[];
  /** The definition in effect and its script. */
  readonly definition: CreateProcedure;
  readonly script: ParsedScript;
}

/** Where the body of `proc` assigns each variable, its parameters included (see ProcedureParameters.assignedVariables). */
function variableAssignments(proc: CreateProcedure): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const note = (name: string, line: number): void => {
    const key = name.toLowerCase();
    const lines = out.get(key) ?? [];
    if (!lines.includes(line)) lines.push(line);
    out.set(key, lines);
  };
  for (const statement of proc.body) {
    walk(statement, (n) => {
      if (n.kind === 'SetVariable' || n.kind === 'SelectAssignment') note(n.variable.name, n.span.start.line);
      else if (n.kind === 'VariableDeclaration' && n.initialValue !== undefined) note(n.variable.name, n.span.start.line);
      else if (n.kind === 'Fetch') for (const v of n.into) note(v.name, n.span.start.line);
      else if (n.kind === 'ExecArgument' && n.output && n.value?.kind === 'Variable') note(n.value.name, n.span.start.line);
      // `UPDATE … SET @v = …` and `EXEC @ret = …` assign too: a value computed without them would be another
      else if (n.kind === 'UpdateAssignment' && n.variable !== undefined) note(n.variable.name, n.span.start.line);
      else if (n.kind === 'Execute' && n.returnVariable !== undefined) note(n.returnVariable.name, n.span.start.line);
    });
  }
  return out;
}

/** See ProcedureParameters.declarationLines. */
function declarationOnlyLines(proc: CreateProcedure): Set<number> {
  const declares: { start: number; end: number }[] = [];
  const lines = new Set<number>();
  for (const statement of proc.body) {
    walk(statement, (n) => {
      if (n.kind !== 'Declare' || n.declarations.some((d) => d.kind === 'VariableDeclaration' && d.initialValue !== undefined)) return;
      declares.push({ start: n.span.start.offset, end: n.span.end.offset });
      for (let l = n.span.start.line; l <= n.span.end.line; l++) lines.add(l);
    });
  }
  // a line where anything else starts (`DECLARE @n int; SET @n = 0`) runs that too
  const inDeclare = (offset: number): boolean => declares.some((d) => offset >= d.start && offset <= d.end);
  for (const statement of proc.body) walk(statement, (n) => { if (!inDeclare(n.span.start.offset) && lines.has(n.span.start.line)) lines.delete(n.span.start.line); });
  return lines;
}

/**
 * The first line at which a section's statements run: its first range that is not all
 * declarations without a value (`declarationLines`), else its first range. What the procedure
 * assigns before this line is what the section starts with.
 */
export function sectionRunStart(lines: readonly { readonly start: number; readonly end: number }[], declarationLines: ReadonlySet<number> | undefined): number {
  const running = lines.filter((r) => !Array.from({ length: r.end - r.start + 1 }, (_, i) => r.start + i).every((l) => declarationLines?.has(l) === true));
  return Math.min(...(running.length > 0 ? running : lines).map((r) => r.start));
}

/**
 * The parameters of one procedure of the workspace, as its definition in effect declares them
 * (an upgrade script's ALTER over the CREATE), found by name as {@link findOutline} does;
 * undefined when no .sql under procedures/ defines it. It parses the scripts but builds no
 * data-flow graph: `migrate run` asks only which parameters a caller must give, and building
 * every procedure's graph (`analyzeWorkspace`) cost ~0.25 s of its start-up on the example alone,
 * growing with the size of the legacy code base rather than with the procedure run.
 */
export function findProcedureParameters(config: WorkspaceConfig, name: string): ProcedureParameters | undefined {
  const dir = join(config.root, config.paths.procedures);
  const files = existsSync(dir) ? listFiles([dir], ['.sql']) : [];
  const scripts = new Map<string, ParsedScript>();
  const outlines: ProcedureOutline[] = [];
  for (const file of files) {
    const text = readSourceFile(file).text;
    const script = parseScript(text, { file });
    scripts.set(file, script);
    outlines.push(...outlineProcedures(text, file, script));
  }
  const outline = findOutline(proceduresInEffect(outlines, [...scripts.values()]), name);
  if (!outline) return undefined;
  const script = scripts.get(outline.file);
  if (!script) return undefined;
  for (const batch of script.batches) {
    for (const s of batch.statements) {
      if (s.kind !== 'CreateProcedure' || s.span.start.line !== outline.lines.start) continue;
      const parameters = parameterInfos(s, script);
      // one walk of the body: the parameters' assignments are among the variables'
      const assignedVariables = variableAssignments(s);
      const names = new Set(parameters.map((p) => p.name.toLowerCase()));
      const assigned = new Map([...assignedVariables].filter(([key]) => names.has(key)));
      return { outline, parameters, assigned, assignedVariables, declarationLines: declarationOnlyLines(s), exits: earlyExits(s, script), scripts: [...scripts.values()], definition: s, script };
    }
  }
  return undefined;
}
