import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from '../core';
import { parameterInfos, type ParameterInfo } from '../dataflow';
import { parseScript, type ParsedScript } from '../tsql';
import { outlineProcedures, proceduresInEffect, type ProcedureOutline } from './procedure-outline';
import { findOutline } from './workspace-analysis';
import type { WorkspaceConfig } from './workspace-config';

/** A procedure's definition in effect and the parameters it declares. */
export interface ProcedureParameters {
  readonly outline: ProcedureOutline;
  readonly parameters: readonly ParameterInfo[];
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
    const text = readFileSync(file, 'utf8');
    const script = parseScript(text, { file });
    scripts.set(file, script);
    outlines.push(...outlineProcedures(text, file, script));
  }
  const outline = findOutline(proceduresInEffect(outlines), name);
  if (!outline) return undefined;
  const script = scripts.get(outline.file);
  if (!script) return undefined;
  for (const batch of script.batches) {
    for (const s of batch.statements) {
      if (s.kind !== 'CreateProcedure' || s.span.start.line !== outline.lines.start) continue;
      return { outline, parameters: parameterInfos(s, script) };
    }
  }
  return undefined;
}
