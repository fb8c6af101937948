import type { ContainerStatement, ParsedScript } from './ast';
import { normalizeObjectName } from './names';
import { walk } from './visitor';

/**
 * How a procedure, function, trigger or view was defined. `CREATE after DROP`: a plain CREATE
 * that its own script precedes with a DROP of the object (`IF OBJECT_ID('dbo.p','P') IS NOT NULL
 * DROP PROCEDURE dbo.p` / `GO` / `CREATE PROCEDURE dbo.p`, the classic deployment idiom), so on
 * SQL Server it succeeds and replaces whatever an earlier script defined.
 */
export type DefinitionVerb = 'CREATE' | 'ALTER' | 'CREATE OR ALTER' | 'CREATE after DROP';

/** The verb of a container statement as written. */
export function definitionVerb(s: Pick<ContainerStatement, 'alter' | 'orAlter'>): DefinitionVerb {
  return s.alter ? 'ALTER' : s.orAlter ? 'CREATE OR ALTER' : 'CREATE';
}

/** The container kind a `DROP <type>` removes. */
const DROPPED_KIND: Readonly<Record<string, ContainerStatement['kind']>> = {
  PROCEDURE: 'CreateProcedure', PROC: 'CreateProcedure', FUNCTION: 'CreateFunction', VIEW: 'CreateView', TRIGGER: 'CreateTrigger',
};

const recreatedByScript = new WeakMap<ParsedScript, ReadonlySet<ContainerStatement>>();

/**
 * The plain CREATEs of a script that follow, in the same script, a DROP of the same object
 * (since that object's previous definition there). A DROP inside a guard (`IF OBJECT_ID(…) IS
 * NOT NULL DROP …`, `DROP … IF EXISTS`) counts: either way the object is gone when the CREATE
 * runs. A DROP inside a procedure's body runs only when the procedure does, so it does not.
 */
function recreatedAfterDrop(script: ParsedScript): ReadonlySet<ContainerStatement> {
  const known = recreatedByScript.get(script);
  if (known !== undefined) return known;
  const dropped = new Set<string>();
  const out = new Set<ContainerStatement>();
  const keyOf = (kind: string, name: Parameters<typeof normalizeObjectName>[0]): string => `${kind} ${normalizeObjectName(name)}`;
  for (const batch of script.batches) {
    for (const statement of batch.statements) {
      walk(statement, (n) => {
        if (n.kind === 'CreateProcedure' || n.kind === 'CreateFunction' || n.kind === 'CreateView' || n.kind === 'CreateTrigger') {
          const key = keyOf(n.kind, n.name);
          if (dropped.delete(key) && definitionVerb(n) === 'CREATE') out.add(n);
          return false;
        }
        if (n.kind === 'Drop') {
          const kind = DROPPED_KIND[n.objectType.toUpperCase()];
          if (kind !== undefined) for (const name of n.names) dropped.add(keyOf(kind, name));
        }
        return undefined;
      });
    }
  }
  recreatedByScript.set(script, out);
  return out;
}

/** The verb of a container statement as its script makes it act: {@link definitionVerb}, or
 * `CREATE after DROP` for a CREATE its script drops the object before. */
export function definitionVerbIn(s: ContainerStatement, script: ParsedScript): DefinitionVerb {
  const verb = definitionVerb(s);
  return verb === 'CREATE' && recreatedAfterDrop(script).has(s) ? 'CREATE after DROP' : verb;
}

/**
 * Which of an object's definitions, listed in the order the files run, is in effect: what running
 * them in that order leaves on SQL Server. The first stands until a later ALTER, CREATE OR ALTER
 * or CREATE after a DROP replaces it; a later plain CREATE fails (the object exists), so it
 * changes nothing. This one rule decides for analyze's reports, sections, the emulator and the
 * drafts, so an upgrade script that ALTERs what another file CREATEs means the same object
 * everywhere.
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
  return definitionsInEffect(all, (d) => normalizeObjectName(d.statement.name, defaultSchema), (d) => definitionVerbIn(d.statement, d.script));
}
