import type { ContainerStatement, ParsedScript } from './ast';
import { normalizeObjectName } from './names';

/** How a procedure, function, trigger or view was defined. */
export type DefinitionVerb = 'CREATE' | 'ALTER' | 'CREATE OR ALTER';

/** The verb of a container statement as written. */
export function definitionVerb(s: Pick<ContainerStatement, 'alter' | 'orAlter'>): DefinitionVerb {
  return s.alter ? 'ALTER' : s.orAlter ? 'CREATE OR ALTER' : 'CREATE';
}

/**
 * Which of an object's definitions, listed in the order the files run, is in effect: what running
 * them in that order leaves on SQL Server. The first stands until a later ALTER or CREATE OR ALTER
 * replaces it; a later plain CREATE fails (the object exists), so it changes nothing. This one
 * rule decides for analyze's reports, sections, the emulator and the drafts, so an upgrade script
 * that ALTERs what another file CREATEs means the same object everywhere.
 */
export function inEffectIndex(verbs: readonly DefinitionVerb[]): number {
  let current = 0;
  verbs.forEach((v, i) => { if (i > 0 && replacesEarlierDefinition(v)) current = i; });
  return current;
}

/** Whether a definition written this way replaces an earlier one of the same object. */
export function replacesEarlierDefinition(verb: DefinitionVerb): boolean {
  return verb !== 'CREATE';
}

/**
 * Of definitions listed in the order the files run, the one in effect for each name (first
 * appearance order of the names): inEffectIndex applied to every group of one name.
 */
export function definitionsInEffect<T>(items: readonly T[], nameOf: (item: T) => string, verbOf: (item: T) => DefinitionVerb): Map<string, T> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(nameOf(item));
    if (list) list.push(item);
    else groups.set(nameOf(item), [item]);
  }
  const out = new Map<string, T>();
  for (const [name, list] of groups) out.set(name, list[inEffectIndex(list.map(verbOf))] as T);
  return out;
}

/** A container statement and the script it was read from. */
export interface DefinedContainer<S extends ContainerStatement> {
  readonly statement: S;
  readonly script: ParsedScript;
}

/**
 * The definitions in effect of one kind of container in parsed scripts (taken in the order
 * given, which is the order the files run: path order), keyed by normalised name
 * (`schema.name`, lower case, brackets removed; a dot inside brackets stays in its part).
 */
export function containersInEffect<K extends ContainerStatement['kind']>(
  scripts: readonly ParsedScript[], kind: K, defaultSchema = 'dbo',
): Map<string, DefinedContainer<Extract<ContainerStatement, { kind: K }>>> {
  type S = Extract<ContainerStatement, { kind: K }>;
  const all: DefinedContainer<S>[] = [];
  for (const script of scripts) {
    for (const batch of script.batches) {
      for (const s of batch.statements) if (s.kind === kind) all.push({ statement: s as S, script });
    }
  }
  return definitionsInEffect(all, (d) => normalizeObjectName(d.statement.name, defaultSchema), (d) => definitionVerb(d.statement));
}
