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

/** The object kind a container statement defines, as DROP names it (`procedure dbo.p`). */
const KIND_WORD: Readonly<Record<ContainerStatement['kind'], string>> = {
  CreateProcedure: 'procedure', CreateFunction: 'function', CreateView: 'view', CreateTrigger: 'trigger',
};

/** What one script's DROPs do to definitions: see {@link recreatedAfterDrop} and {@link droppedAtEnd}. */
interface ScriptDrops {
  readonly recreated: ReadonlySet<ContainerStatement>;
  /** Keys (`procedure dbo.p`) of objects the script drops after its last definition of them. */
  readonly droppedAtEnd: ReadonlySet<string>;
  /** The line of the DROP that leaves each of those objects dropped. */
  readonly dropLines: ReadonlyMap<string, number>;
}

const dropsByScript = new WeakMap<ParsedScript, ScriptDrops>();

/** The key of an object across files: its kind (`procedure`, `function`, `view`, `trigger`) and normalised name. */
type DefinedKind = 'procedure' | 'function' | 'view' | 'trigger';

export function definitionKey(kind: DefinedKind, normalizedName: string): string {
  return `${kind} ${normalizedName}`;
}

/**
 * The plain CREATEs of a script that follow, in the same script, a DROP of the same object
 * (since that object's previous definition there). A DROP inside a guard (`IF OBJECT_ID(…) IS
 * NOT NULL DROP …`, `DROP … IF EXISTS`) counts: either way the object is gone when the CREATE
 * runs. A DROP inside a procedure's body runs only when the procedure does, so it does not.
 */
function recreatedAfterDrop(script: ParsedScript): ReadonlySet<ContainerStatement> {
  return scriptDrops(script).recreated;
}

/**
 * The objects a script drops and does not define again after the drop (keys of
 * {@link definitionKey}, names normalised with `dbo` for a name without schema): a later
 * script's plain CREATE of one of them succeeds on SQL Server and is in effect
 * ({@link verbsAcrossFiles}).
 */
export function droppedAtEnd(script: ParsedScript): ReadonlySet<string> {
  return scriptDrops(script).droppedAtEnd;
}

/** The line of the DROP of each object {@link droppedAtEnd} lists (key → line). */
export function dropLinesAtEnd(script: ParsedScript): ReadonlyMap<string, number> {
  return scriptDrops(script).dropLines;
}

function scriptDrops(script: ParsedScript): ScriptDrops {
  const known = dropsByScript.get(script);
  if (known !== undefined) return known;
  const dropped = new Set<string>();
  const lines = new Map<string, number>();
  const out = new Set<ContainerStatement>();
  const keyOf = (kind: string, name: Parameters<typeof normalizeObjectName>[0]): string => `${kind} ${normalizeObjectName(name)}`;
  for (const batch of script.batches) {
    for (const statement of batch.statements) {
      walk(statement, (n) => {
        if (n.kind === 'CreateProcedure' || n.kind === 'CreateFunction' || n.kind === 'CreateView' || n.kind === 'CreateTrigger') {
          const key = keyOf(KIND_WORD[n.kind], n.name);
          if (dropped.delete(key) && definitionVerb(n) === 'CREATE') out.add(n);
          return false;
        }
        if (n.kind === 'Drop') {
          const kind = DROPPED_KIND[n.objectType.toUpperCase()];
          if (kind !== undefined) {
            for (const name of n.names) {
              dropped.add(keyOf(KIND_WORD[kind], name));
              lines.set(keyOf(KIND_WORD[kind], name), n.span.start.line);
            }
          }
        }
        return undefined;
      });
    }
  }
  for (const key of lines.keys()) if (!dropped.has(key)) lines.delete(key);
  const drops: ScriptDrops = { recreated: out, droppedAtEnd: dropped, dropLines: lines };
  dropsByScript.set(script, drops);
  return drops;
}

/**
 * The verbs of definitions in files that run one after the other, each file's definitions in
 * source order with the verb its own script gives ({@link definitionVerbIn}): a plain CREATE of
 * an object an earlier file dropped (after its last definition there, `V7__drop_old_report.sql`
 * before `V8__report.sql`), with no definition between, becomes `CREATE after DROP`: on SQL
 * Server it succeeds and replaces the definition before the DROP.
 */
export function verbsAcrossFiles<T>(
  files: readonly { readonly items: readonly T[]; readonly droppedAtEnd: ReadonlySet<string> }[],
  keyOf: (item: T) => string, verbOf: (item: T) => DefinitionVerb,
): DefinitionVerb[][] {
  const dropped = new Set<string>();
  return files.map((file) => {
    const verbs = file.items.map((item) => {
      const key = keyOf(item);
      const verb = verbOf(item);
      const recreated = verb === 'CREATE' && dropped.has(key);
      dropped.delete(key);
      return recreated ? 'CREATE after DROP' : verb;
    });
    for (const key of file.droppedAtEnd) dropped.add(key);
    return verbs;
  });
}

/** Where the scripts drop an object for the last time. */
export interface DropSite {
  readonly file: string;
  readonly line: number;
}

/**
 * The objects that files run in order leave dropped: a DROP after the object's last definition
 * with no definition in a later file (`V2__procs.sql` creates a report, `V4__cleanup.sql` drops it).
 * On SQL Server the object is gone, so none of its definitions is in effect: analyze reports it
 * as dropped, and sections, capture and drafts do not know it. Keys as {@link definitionKey}.
 */
export function droppedForGood(files: readonly { readonly file: string; readonly defined: Iterable<string>; readonly dropLines: Iterable<readonly [string, number]> }[]): Map<string, DropSite> {
  const gone = new Map<string, DropSite>();
  for (const f of files) {
    for (const key of f.defined) gone.delete(key);
    for (const [key, line] of f.dropLines) gone.set(key, { file: f.file, line });
  }
  return gone;
}

/** {@link droppedForGood} of parsed scripts, in the order they run. */
export function objectsDroppedForGood(scripts: readonly ParsedScript[]): Map<string, DropSite> {
  return droppedForGood(scripts.map((script) => {
    const defined: string[] = [];
    for (const batch of script.batches) {
      for (const statement of batch.statements) {
        walk(statement, (n) => {
          if (n.kind === 'CreateProcedure' || n.kind === 'CreateFunction' || n.kind === 'CreateView' || n.kind === 'CreateTrigger') { defined.push(definitionKey(KIND_WORD[n.kind] as DefinedKind, normalizeObjectName(n.name))); return false; }
          return undefined;
        });
      }
    }
    return { file: script.file, defined, dropLines: dropLinesAtEnd(script) };
  }));
}

/** {@link definitionVerbIn} of every container statement of scripts that run in the order given,
 * with the DROPs of earlier scripts applied ({@link verbsAcrossFiles}). */
export function definitionVerbsOf(scripts: readonly ParsedScript[]): Map<ContainerStatement, DefinitionVerb> {
  const files = scripts.map((script) => {
    const items: { statement: ContainerStatement; script: ParsedScript }[] = [];
    for (const batch of script.batches) {
      for (const statement of batch.statements) {
        walk(statement, (n) => {
          if (n.kind === 'CreateProcedure' || n.kind === 'CreateFunction' || n.kind === 'CreateView' || n.kind === 'CreateTrigger') { items.push({ statement: n, script }); return false; }
          return undefined;
        });
      }
    }
    return { items, droppedAtEnd: droppedAtEnd(script) };
  });
  const verbs = verbsAcrossFiles(files, (d) => `${KIND_WORD[d.statement.kind]} ${normalizeObjectName(d.statement.name)}`, (d) => definitionVerbIn(d.statement, d.script));
  const out = new Map<ContainerStatement, DefinitionVerb>();
  files.forEach((f, i) => f.items.forEach((d, j) => out.set(d.statement, verbs[i]?.[j] as DefinitionVerb)));
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
  const verbs = definitionVerbsOf(scripts);
  const inEffect = definitionsInEffect(all, (d) => normalizeObjectName(d.statement.name, defaultSchema), (d) => verbs.get(d.statement) ?? definitionVerbIn(d.statement, d.script));
  // an object a later script drops for good is not in the database
  const gone = objectsDroppedForGood(scripts);
  for (const [name, d] of inEffect) if (gone.has(definitionKey(KIND_WORD[d.statement.kind] as DefinedKind, normalizeObjectName(d.statement.name)))) inEffect.delete(name);
  return inEffect;
}

/** One statement of the scripts that decides which DML triggers are in effect, in the order they run. */
export type TriggerChange<T> =
  | { readonly define: T; readonly name: string; readonly table: string; readonly verb: DefinitionVerb }
  | { readonly dropTrigger: string }
  | { readonly dropTable: string };

/**
 * Which DML triggers are in effect after the changes, keyed by normalised trigger name, in the
 * order they were first created: a later ALTER, CREATE OR ALTER or CREATE after a DROP replaces a
 * trigger in place, a later plain CREATE fails on SQL Server (the first stays), a DROP TRIGGER
 * removes it, and so does a DROP TABLE of its table (a table created again has none until a
 * script creates them). The one rule: the emulator and the specs apply it to the scripts
 * ({@link triggersInEffect}), analyze to its catalog's entries (dataflow's mergeTableCatalog).
 */
export function applyTriggerChanges<T>(changes: Iterable<TriggerChange<T>>): Map<string, { readonly define: T; readonly table: string }> {
  const byName = new Map<string, { readonly define: T; readonly table: string }>();
  for (const c of changes) {
    if ('dropTrigger' in c) byName.delete(c.dropTrigger);
    else if ('dropTable' in c) { for (const [name, t] of byName) if (t.table === c.dropTable) byName.delete(name); }
    else if (!byName.has(c.name) || replacesEarlierDefinition(c.verb)) byName.set(c.name, { define: c.define, table: c.table });
  }
  return byName;
}

/**
 * The DML triggers in effect of each table, keyed by its normalised name, each list in the order
 * the triggers were first created, by {@link applyTriggerChanges}'s rule over the scripts'
 * top-level CREATE/ALTER TRIGGER, DROP TRIGGER and DROP TABLE statements in the order they run.
 */
export function triggersInEffect(
  scripts: readonly ParsedScript[], defaultSchema = 'dbo',
  /** {@link definitionVerbsOf} of the same scripts, when the caller has it already. */
  verbs: ReadonlyMap<ContainerStatement, DefinitionVerb> = definitionVerbsOf(scripts),
): Map<string, DefinedContainer<Extract<ContainerStatement, { kind: 'CreateTrigger' }>>[]> {
  type Trigger = DefinedContainer<Extract<ContainerStatement, { kind: 'CreateTrigger' }>>;
  const changes: TriggerChange<Trigger>[] = [];
  for (const script of scripts) {
    for (const batch of script.batches) {
      for (const statement of batch.statements) {
        walk(statement, (n) => {
          if (n.kind === 'Drop' && n.objectType.toUpperCase() === 'TRIGGER') for (const name of n.names) changes.push({ dropTrigger: normalizeObjectName(name, defaultSchema) });
          if (n.kind === 'Drop' && n.objectType.toUpperCase() === 'TABLE') for (const name of n.names) changes.push({ dropTable: normalizeObjectName(name, defaultSchema) });
          if (n.kind === 'CreateTrigger' && n.table !== undefined) {
            const verb = verbs.get(n) ?? definitionVerbIn(n, script);
            changes.push({ define: { statement: n, script }, name: normalizeObjectName(n.name, defaultSchema), table: normalizeObjectName(n.table, defaultSchema), verb });
          }
          return n.kind === 'CreateProcedure' || n.kind === 'CreateFunction' || n.kind === 'CreateTrigger' || n.kind === 'CreateView' ? false : undefined;
        });
      }
    }
  }
  const out = new Map<string, Trigger[]>();
  for (const { define, table } of applyTriggerChanges(changes).values()) out.set(table, [...(out.get(table) ?? []), define]);
  return out;
}
