import { LegacyError } from '../../core';
import { quoteNamePart, walk, type Execute, type Node, type Statement } from '../../tsql';
import { normalizeObjectName } from '../legacy-run';
import { tablesBehindCalls, tablesBehindView } from './catalog';
import type { EmulatorState } from './state';

// Dynamic SQL's tables are only known when its text is built, so neither the data-flow analysis
// nor a section's Given (nor the person exporting a capture's data folder) could name them. A
// table the scripts create exists in the emulator from the start, empty unless rows were stated
// for it: a rule that counts failing rows over it would then say 0 of 0, PASS — a plausible,
// silently wrong number. So what dynamic SQL reads must be a table whose rows the run was told.

/** Whose start rows a run states, for the tables dynamic SQL reads (set by the section or capture run). */
export interface DynamicSqlInputs {
  /** A section run states the tables of its Given (and data files); a capture those of its data folder and the ones the analysis sees. */
  readonly run: 'section' | 'capture';
  /** Table keys (normalised) whose start rows the run states, or that the run builds itself. */
  readonly stated: ReadonlySet<string>;
}

/**
 * Refuses, at the EXEC / sp_executesql, dynamic SQL that reads (or updates, deletes, merges into)
 * a table of the scripts whose start rows the run was not given: it would read an empty stand-in.
 * A view counts as stated when all its tables are; a table the text creates itself, or inserts
 * into only, needs no rows; a name no script creates is left to SQL Server's own error (208).
 */
export function refuseUnstatedDynamicReads(state: EmulatorState, e: Execute, body: readonly Statement[], text: string): void {
  const inputs = state.dynamicSqlInputs;
  if (inputs === undefined) return;
  const created = new Set<string>();
  const read = new Map<string, Node>();
  for (const st of body) {
    walk(st, (n, parent) => {
      if (n.kind === 'CreateTable') created.add(normalizeObjectName(n.name.parts.map((p) => p.name).join('.')));
      if (n.kind !== 'TableRef' || n.temp) return undefined;
      // an INSERT's target only gains rows: its start rows do not change what the text does
      if (parent?.kind === 'Insert' && parent.target === n) return undefined;
      const key = normalizeObjectName(n.name.parts.map((p) => p.name).join('.'));
      if (!read.has(key)) read.set(key, n);
      return undefined;
    });
  }
  for (const [key, call] of tablesBehindCalls(state.catalog, state.procedures, body)) if (!read.has(key)) read.set(key, call);
  const stated = (key: string): boolean => inputs.stated.has(key) || created.has(key);
  for (const key of read.keys()) {
    if (stated(key)) continue;
    const behind = tablesBehindView(state.catalog, key);
    if (behind !== undefined && [...behind].every(stated)) continue;
    const def = state.definitions.get(key);
    if (def === undefined && behind === undefined) continue;
    const parts = def?.parts ?? key.split('.');
    const shown = parts.map(quoteNamePart).join('.');
    throw new LegacyError('LEGACY_DYNAMIC_SQL_INPUT', unstatedMessage(inputs.run, shown), { location: state.locate(e.span), hint: `${unstatedHint(inputs.run, shown, parts)}; the text was: ${text.replace(/\s+/g, ' ').trim().slice(0, 160)}` });
  }
}

function unstatedMessage(run: DynamicSqlInputs['run'], shown: string): string {
  const whose = run === 'capture' ? 'the data folder has no CSV for it' : 'the scenario\'s Given does not state it';
  return `the dynamic SQL run here reads ${shown}, but ${whose}: the emulator would run it over an empty stand-in and give plausible, wrong numbers`;
}

function unstatedHint(run: DynamicSqlInputs['run'], shown: string, parts: readonly string[]): string {
  if (run === 'capture') return `export ${shown}'s rows to the data folder as ${parts.join('.')}.csv (only the header row if it is empty)`;
  // --from-data slices the tables the analysis sees; a table only the text names is not among them
  return `add \`Given table ${shown}:\` with its typed header and rows (only the header if it is empty) to the scenario or its Background; --from-data slices only the tables the statements name, not one a text built at run time reads: write that scenario and record it without --from-data`;
}
