import { normalizeNameParts } from '../tsql';
import type { TableCatalog } from './build-graph';
import type { SynonymTarget, TriggerRef } from './graph';
import { unquoteNamePart } from './table-catalog';
import type { SetContext } from './analyze-sources';
import type { CatalogFunctionEntry } from './table-functions';

// Building a file's graphs before the whole set is parsed: the graphs read the set's context
// (the table catalog, history tables, the procedures defined) only through three lookups by
// name, so a build against a guessed context is exactly the build against the real one when
// every lookup it made gets the same answer from both. The guess comes from a cheap scan of
// the texts; the check is exact, and a file whose build asked anything the guess got wrong is
// built again (analyze-worker.ts). A wrong guess costs time, never a different report.

// One part of a T-SQL name: [bracketed, with ]] for ]], "quoted", or plain (letters of any script).
const PART = String.raw`(?:\[(?:[^\]]|\]\])*\]|"[^"]*"|[\p{L}\p{N}_@#$]+)`;
const PART_OR_DOT = new RegExp(String.raw`${PART}|\.`, 'gu');
// Blanks and comments between words (nested block comments are rare enough to be missed).
const GAP = String.raw`(?:\s|/\*(?:[^*]|\*(?!/))*\*/|--[^\n]*(?:\n|$))`;
const NAME = String.raw`${PART}(?:${GAP}*\.(?:${GAP}*${PART})?)*`;
const PROCEDURE = new RegExp(String.raw`(?<![\p{L}\p{N}_@#$])(?:create|alter)${GAP}+(?:or${GAP}+alter${GAP}+)?proc(?:edure)?(?:${GAP}+|(?=[\["]))(${NAME})`, 'giu');
// Text that may add to the table catalog: a permanent table's CREATE TABLE, a history table,
// a column an upgrade script adds, drops (ALTER TABLE) or renames (sp_rename), a synonym, a
// DML trigger (or its DROP).
// (`(?=(…))\1` takes all the gap, so a temp table's `#` cannot hide behind a shorter one.)
const CATALOG_TEXT = new RegExp(String.raw`\b(?:create|alter)${GAP}+table(?=(${GAP}*))\1(?!#)|\bsystem_versioning\b|\bsp_rename\b|\bsynonym\b|\b(?:create|alter|drop)${GAP}+(?:or${GAP}+alter${GAP}+)?trigger\b|\b(?:create|alter)${GAP}+(?:or${GAP}+alter${GAP}+)?function\b|\bcreate${GAP}+type\b`, 'i');

/** True when the text may define a permanent table or a history table (a superset: comments
 * and strings match too; only a definition the pattern misses, e.g. behind a nested comment, costs
 * the files that read that table a second build). */
export function mayAddToCatalog(text: string): boolean {
  return CATALOG_TEXT.test(text);
}

/** A written name (`[Sales] . [Load Orders]`) normalised as the analysis names it. */
function normalizedName(written: string, defaultSchema: string): string {
  // Parts between the dots, an empty one where two dots meet (`Db..Proc`: the default schema).
  const parts = [''];
  for (const { 0: token } of written.replace(new RegExp(GAP, 'g'), ' ').matchAll(PART_OR_DOT)) {
    if (token === '.') parts.push('');
    else parts[parts.length - 1] = unquoteNamePart(token);
  }
  return normalizeNameParts(parts, defaultSchema);
}

/** The procedures a text appears to CREATE or ALTER, normalised as the analysis names them
 * (`[Sales].[Load Orders]` -> `sales.load orders`); a guess (comments and strings count). */
export function procedureNamesIn(text: string, defaultSchema: string): string[] {
  return [...text.matchAll(PROCEDURE)].map((m) => normalizedName(m[1] as string, defaultSchema));
}

/** Every answer one build got from the context, by lookup and name. */
export interface ContextLookups {
  readonly tables: Map<string, readonly string[] | undefined>;
  readonly history: Map<string, string | undefined>;
  readonly synonyms: Map<string, SynonymTarget | undefined>;
  readonly triggers: Map<string, readonly TriggerRef[] | undefined>;
  readonly functions: Map<string, CatalogFunctionEntry | undefined>;
  readonly tableTypes: Map<string, readonly string[] | undefined>;
  readonly procedures: Map<string, boolean>;
}

// Only lookups by name can be recorded: a build that enumerated the context would depend on all
// of it, so enumeration fails (the worker's failure makes the run start again on one thread).
const unrecordable = (): never => {
  throw new Error('a build enumerated the guessed set context, which only answers lookups by name');
};

/** A map by name that records every lookup and its answer (a missing name as undefined). */
class RecordingMap<V> extends Map<string, V> {
  lookups = new Map<string, V | undefined>();
  override get(name: string): V | undefined {
    const answer = super.get(name);
    this.lookups.set(name, answer);
    return answer;
  }

  override has(name: string): boolean {
    return this.get(name) !== undefined;
  }
}

/** The last name of each renamed table, recorded. */
class RecordingHistory extends RecordingMap<string> {}

/** Each synonym's target, recorded. */
class RecordingSynonyms extends RecordingMap<SynonymTarget> {}

/** Each table's DML triggers, recorded. */
class RecordingTriggers extends RecordingMap<readonly TriggerRef[]> {}

/** Each table-valued function's entry, recorded. */
class RecordingFunctions extends RecordingMap<CatalogFunctionEntry> {}

/** Each table type's columns, recorded. */
class RecordingTableTypes extends RecordingMap<readonly string[]> {}

class RecordingCatalog extends Map<string, readonly string[]> implements TableCatalog {
  lookups: ContextLookups['tables'] = new Map();
  constructor(entries: Iterable<readonly [string, readonly string[]]>, readonly history: RecordingHistory, readonly synonyms: RecordingSynonyms, readonly triggers: RecordingTriggers, readonly functions: RecordingFunctions, readonly tableTypes: RecordingTableTypes) {
    super(entries);
  }

  override get(name: string): readonly string[] | undefined {
    const answer = super.get(name);
    this.lookups.set(name, answer);
    return answer;
  }

  override has(name: string): boolean {
    return this.get(name) !== undefined;
  }
}

class RecordingProcedures extends Set<string> {
  lookups: ContextLookups['procedures'] = new Map();
  override has(name: string): boolean {
    const answer = super.has(name);
    this.lookups.set(name, answer);
    return answer;
  }
}

for (const recording of [RecordingHistory, RecordingSynonyms, RecordingTriggers, RecordingFunctions, RecordingTableTypes, RecordingCatalog, RecordingProcedures]) {
  for (const enumeration of ['forEach', 'keys', 'values', 'entries', 'size', Symbol.iterator]) {
    Object.defineProperty(recording.prototype, enumeration, enumeration === 'size' ? { get: unrecordable } : { value: unrecordable });
  }
}

/** A context that answers as `guess` does and records every answer it gives; `take()` returns
 * the answers since the last take (one file's build) and starts a new record. */
export class RecordingContext implements SetContext {
  readonly defaultSchema: string;
  readonly catalog: RecordingCatalog;
  readonly knownProcedures: RecordingProcedures;

  constructor(guess: SetContext) {
    this.defaultSchema = guess.defaultSchema;
    this.catalog = new RecordingCatalog(guess.catalog, new RecordingHistory(guess.catalog.history ?? []), new RecordingSynonyms(guess.catalog.synonyms ?? []), new RecordingTriggers(guess.catalog.triggers ?? []), new RecordingFunctions(guess.catalog.functions ?? []), new RecordingTableTypes(guess.catalog.tableTypes ?? []));
    this.knownProcedures = new RecordingProcedures(guess.knownProcedures);
  }

  take(): ContextLookups {
    const taken = { tables: this.catalog.lookups, history: this.catalog.history.lookups, synonyms: this.catalog.synonyms.lookups, triggers: this.catalog.triggers.lookups, functions: this.catalog.functions.lookups, tableTypes: this.catalog.tableTypes.lookups, procedures: this.knownProcedures.lookups };
    this.catalog.lookups = new Map();
    this.catalog.history.lookups = new Map();
    this.catalog.synonyms.lookups = new Map();
    this.catalog.triggers.lookups = new Map();
    this.catalog.functions.lookups = new Map();
    this.catalog.tableTypes.lookups = new Map();
    this.knownProcedures.lookups = new Map();
    return taken;
  }
}

const sameColumns = (a: readonly string[] | undefined, b: readonly string[] | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((c, i) => c === b[i]));

const sameTriggers = (a: readonly TriggerRef[] | undefined, b: readonly TriggerRef[] | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((t, i) => {
    const u = b[i] as TriggerRef;
    return t.name === u.name && t.label === u.label && t.timing === u.timing && sameColumns(t.events, u.events);
  }));

const sameFunction = (a: CatalogFunctionEntry | undefined, b: CatalogFunctionEntry | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && a.name === b.name && a.type === b.type && sameColumns(a.columns, b.columns)
    && a.reads.length === b.reads.length && a.reads.every(([n, l], i) => n === b.reads[i]?.[0] && l === b.reads[i]?.[1])
    // a scalar function's columns read, value sources and spellings (plain data, small)
    && JSON.stringify([a.readColumns, a.returns, a.spellings]) === JSON.stringify([b.readColumns, b.returns, b.spellings]));

/** True when `context` gives every answer recorded in `lookups`: a build that made them is then
 * the build against `context`. */
export function lookupsHold(lookups: ContextLookups, context: SetContext): boolean {
  for (const [name, answer] of lookups.tables) if (!sameColumns(answer, context.catalog.get(name))) return false;
  for (const [name, answer] of lookups.history) if (answer !== context.catalog.history?.get(name)) return false;
  for (const [name, answer] of lookups.synonyms) {
    const real = context.catalog.synonyms?.get(name);
    if (answer?.name !== real?.name || answer?.label !== real?.label) return false;
  }
  for (const [name, answer] of lookups.triggers) if (!sameTriggers(answer, context.catalog.triggers?.get(name))) return false;
  for (const [name, answer] of lookups.functions) if (!sameFunction(answer, context.catalog.functions?.get(name))) return false;
  for (const [name, answer] of lookups.tableTypes) if (!sameColumns(answer, context.catalog.tableTypes?.get(name))) return false;
  for (const [name, answer] of lookups.procedures) if (answer !== context.knownProcedures.has(name)) return false;
  return true;
}
