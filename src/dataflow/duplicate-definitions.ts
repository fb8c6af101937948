import { deployedWhenOf, type Diagnostic } from '../core';
import { definitionKey, droppedForGood, inEffectIndex, verbsAcrossFiles, type DropSite } from '../tsql';
import type { AnalysedObject, DataFlowGraph, DefinitionRef, DefinitionVerb, ObjectKind } from './graph';

/** A graph and how its object was defined (undefined for top-level script code). */
export interface DefinedGraph<G extends { readonly object: AnalysedObject } = DataFlowGraph> {
  readonly graph: G;
  readonly verb: DefinitionVerb | undefined;
}

const describe = (d: DefinitionRef): string => `${d.verb} at ${d.file}:${d.line}`;

/**
 * Where two paths part, named so the reader can rename the folder: "Scripts/ sorts before dbo/"
 * for `Scripts/Upgrade/x.sql` and `dbo/Stored Procedures/x.sql` (the user's own folders).
 */
function whereSorted(first: string, second: string): string {
  const a = first.split(/[\\/]/);
  const b = second.split(/[\\/]/);
  let i = 0;
  while (i < a.length - 1 && i < b.length - 1 && a[i] === b[i]) i++;
  const part = (p: string[]): string => `\`${p[i] ?? ''}${i < p.length - 1 ? '/' : ''}\``;
  return `${part(a)} sorts before ${part(b)}`;
}

/**
 * Why an ALTER that comes first (so is taken as the upgrade of the CREATE after it) is doubtful,
 * and what to do. In plain folders the files run in path order: the folders are misnamed (an SSDT
 * project's `dbo/…` after its `Scripts/Upgrade/…`, capitals sorting first). In an SSDT project
 * they run by deployment phase (core/sqlproj.ts), so an ALTER first is in the pre-deployment
 * script (before the deployment plan puts the Build items in place) or is a Build item itself.
 */
function alterFirstWhy(alter: DefinitionRef, create: DefinitionRef): string {
  const a = deployedWhenOf(alter.file);
  const c = deployedWhenOf(create.file);
  if (a === undefined || c === undefined) {
    return `the ALTER comes first in path order (names compare by code unit, so ${whereSorted(alter.file, create.file)}) and is taken as the upgrade of this CREATE; run in that order, SQL Server would fail the ALTER and keep this CREATE: check which is newer, and name the folders so upgrade scripts sort after what they alter`;
  }
  if (a.phase === 'pre-deployment' && c.phase !== 'pre-deployment') {
    return 'the ALTER is in the SSDT project\'s pre-deployment script, which runs before the deployment plan (computed before that script runs) puts the project\'s objects in place, and is taken as the upgrade of this CREATE; on a new database SQL Server would fail the ALTER, and on an existing one which definition stays depends on what the plan changes: check which is newer, and move the upgrade to the post-deployment script';
  }
  return `the ALTER (${a.phase}) runs first in the SSDT project's deployment and is taken as the upgrade of this CREATE (${c.phase}); a publish does not run them in that order for certain: keep one definition as a Build item and put upgrades in the post-deployment script`;
}

/** Where a post-deployment file replaces a Build item's definition: why, in a few words (the folder names play no part). */
function postDeploymentNote(shownFile: string, mineFile: string): string {
  const shown = deployedWhenOf(shownFile);
  if (shown?.phase !== 'post-deployment' || deployedWhenOf(mineFile)?.phase !== 'build') return '';
  return ': the SSDT project\'s post-deployment script runs after the deployment puts its Build items in place';
}

/**
 * Finds objects the analysed files define more than once and marks each of their graphs with
 * `object.duplicate` (all definitions, and which one is in effect); other graphs come back as
 * they are, in the same order. The definition in effect is what running the files in order
 * would leave: the first, replaced by every later ALTER or CREATE OR ALTER; a later plain CREATE
 * would fail on SQL Server, so it changes nothing. Each definition not in effect gets a
 * `DUPLICATE_DEFINITION` warning naming every location and the one the main report shows.
 * Script graphs (top-level code, `script.<file stem>`) are never duplicates of each other.
 * Only `object` is read, so a caller holding just the objects (graphs built on other threads)
 * gets the same marks. An object in `gone` (dropped by a later script for good, tsql's
 * droppedForGood), defined once or more, is marked with every definition not in effect and
 * `dropped`, with an `OBJECT_DROPPED` warning at its last definition: it is not in the database.
 */
export function markDuplicateDefinitions<G extends { readonly object: AnalysedObject } = DataFlowGraph>(defined: readonly DefinedGraph<G>[], gone: ReadonlyMap<string, DropSite> = new Map()): { graphs: G[]; diagnostics: Diagnostic[] } {
  const groups = new Map<string, number[]>();
  defined.forEach((d, i) => {
    if (d.graph.object.kind === 'script' || d.verb === undefined) return;
    const list = groups.get(d.graph.object.name);
    if (list) list.push(i);
    else groups.set(d.graph.object.name, [i]);
  });
  const graphs = defined.map((d) => d.graph);
  const diagnostics: Diagnostic[] = [];
  for (const members of groups.values()) {
    const first = (defined[members[0] as number] as DefinedGraph<G>).graph.object;
    const dropped = gone.get(definitionKey(first.kind as Exclude<ObjectKind, 'script'>, first.name));
    if (dropped !== undefined) {
      markDropped(members, defined, graphs, dropped, diagnostics);
      continue;
    }
    if (members.length < 2) continue;
    const current = inEffectIndex(members.map((m) => defined[m]?.verb ?? 'CREATE'));
    const definitions: DefinitionRef[] = members.map((m, j) => {
      const { graph, verb } = defined[m] as DefinedGraph<G>;
      return { file: graph.object.file, line: graph.object.lines.start, verb: verb as DefinitionVerb, current: j === current };
    });
    const shown = definitions[current] as DefinitionRef;
    members.forEach((m, j) => {
      const graph = graphs[m] as G;
      graphs[m] = { ...graph, object: { ...graph.object, duplicate: { verb: (definitions[j] as DefinitionRef).verb, current: j === current, definitions } } };
      if (j === current) return;
      const mine = definitions[j] as DefinitionRef;
      const why = mine.verb === 'CREATE' && j > current
        ? (shown.verb === 'ALTER' && current === 0 ? alterFirstWhy(shown, mine) : 'a second CREATE would fail on SQL Server, so the earlier definition stays in effect')
        : `a later ALTER, CREATE OR ALTER, or CREATE after a DROP in its script replaces it${postDeploymentNote(shown.file, mine.file)}`;
      diagnostics.push({
        file: mine.file, line: mine.line, column: 1, severity: 'warning', code: 'DUPLICATE_DEFINITION',
        message: `${graph.object.displayName} is defined ${definitions.length} times (${definitions.map(describe).join('; ')}): `
          + `the main report shows the ${describe(shown)}; this ${mine.verb} is not in effect (${why}) and has a report of its own`,
      });
    });
  }
  return { graphs, diagnostics };
}

/** Marks every definition of an object a later script drops for good (none is in effect). */
function markDropped<G extends { readonly object: AnalysedObject }>(members: readonly number[], defined: readonly DefinedGraph<G>[], graphs: G[], dropped: DropSite, diagnostics: Diagnostic[]): void {
  const definitions: DefinitionRef[] = members.map((m) => {
    const { graph, verb } = defined[m] as DefinedGraph<G>;
    return { file: graph.object.file, line: graph.object.lines.start, verb: verb as DefinitionVerb, current: false };
  });
  members.forEach((m, j) => {
    const graph = graphs[m] as G;
    graphs[m] = { ...graph, object: { ...graph.object, duplicate: { verb: (definitions[j] as DefinitionRef).verb, current: false, definitions, dropped } } };
  });
  const last = definitions[definitions.length - 1] as DefinitionRef;
  const object = (graphs[members[members.length - 1] as number] as G).object;
  diagnostics.push({
    file: last.file, line: last.line, column: 1, severity: 'warning', code: 'OBJECT_DROPPED',
    message: `${object.displayName} is dropped at ${dropped.file}:${dropped.line} and no later script defines it again, so it is not in the database: `
      + 'its report is kept for reference, but the system diagram, the migration order, sections and capture leave it out',
  });
}

/** An object a file defines, as the duplicate check reads it. */
interface FileObject {
  readonly kind: ObjectKind;
  readonly name: string;
  readonly verb: DefinitionVerb | undefined;
}

/**
 * The verbs of the files' objects (files in the order they run) with each file's DROPs applied
 * to the files after it: a plain CREATE of an object an earlier file dropped is `CREATE after
 * DROP` and takes effect (verbsAcrossFiles). Top-level code (no verb) keeps none.
 */
export function verbsAfterDrops(files: readonly { readonly objects: readonly FileObject[]; readonly droppedAtEnd: Iterable<string> }[]): (DefinitionVerb | undefined)[][] {
  const defined = files.map((f) => ({ items: f.objects.filter((o) => o.verb !== undefined && o.kind !== 'script'), droppedAtEnd: new Set(f.droppedAtEnd) }));
  const verbs = verbsAcrossFiles(defined, (o) => definitionKey(o.kind as Exclude<ObjectKind, 'script'>, o.name), (o) => o.verb as DefinitionVerb);
  return files.map((f, i) => {
    const mine = new Map((defined[i]?.items ?? []).map((o, j) => [o, verbs[i]?.[j]]));
    return f.objects.map((o) => mine.get(o) ?? o.verb);
  });
}

/** The objects the files (in the order they run) leave dropped (tsql's droppedForGood), from
 * what the duplicate check reads of each file: its objects and the DROPs after their definitions. */
export function droppedObjectsOf(files: readonly { readonly file: string; readonly objects: readonly FileObject[]; readonly dropLines: Iterable<readonly [string, number]> }[]): Map<string, DropSite> {
  return droppedForGood(files.map((f) => ({
    file: f.file,
    defined: f.objects.filter((o) => o.verb !== undefined && o.kind !== 'script').map((o) => definitionKey(o.kind as Exclude<ObjectKind, 'script'>, o.name)),
    dropLines: f.dropLines,
  })));
}
