import type { Cte, Node, ObjectName, TableRef } from './ast';
import { walk } from './visitor';

/**
 * Where the bodies of what code calls come from, by name as written: each lookup gives a key
 * (the object's, to visit it once) and the nodes to walk, or undefined when the scripts do not
 * define it (a built-in function, a procedure of another database).
 */
export interface CalleeBodies {
  /** A view's query. */
  readonly view: (name: ObjectName) => { readonly key: string; readonly body: readonly Node[] } | undefined;
  /** A user function's body (inline or multi-statement). */
  readonly function: (name: ObjectName) => { readonly key: string; readonly body: readonly Node[] } | undefined;
  /** A procedure's body, for EXEC. */
  readonly procedure: (name: ObjectName) => { readonly key: string; readonly body: readonly Node[] } | undefined;
}

/**
 * Walks `roots` and, transitively, the views they read, the user functions they call and the
 * procedures they EXEC, and hands `onTable` each permanent table read (a view's own tables in
 * its place). `direct`: whether the tables the roots name themselves count, or only those reached
 * through a call (a callee's always do); `readsOnly`: leave out the target of an INSERT, UPDATE or
 * DELETE (the rows it changes are the statement's own, not a read). The emulator uses it to build and to require a section's tables, the sections' view of a
 * procedure to give a step the tables its calls read: one walk, so the two agree. `onTable` is
 * also told the key of the body the read sits in (undefined for the roots), so a message can
 * point at the callee's own read (`FROM dbo.[Bin Stock]` in the procedure an EXEC runs).
 */
export function walkTablesThroughCalls(roots: readonly Node[], bodies: CalleeBodies, onTable: (table: TableRef, inBody: string | undefined) => void, options: { readonly direct: boolean; readonly readsOnly: boolean }, seen: Set<string> = new Set()): void {
  const enter = (found: { readonly key: string; readonly body: readonly Node[] } | undefined, direct: boolean): void => {
    if (found === undefined || seen.has(found.key)) return;
    seen.add(found.key);
    for (const n of found.body) visit(n, direct, found.key);
  };
  const visit = (root: Node, direct: boolean, inBody: string | undefined): void => {
    const cteRefs = new Set<Node>();
    walk(root, (n, parent) => {
      if ('ctes' in n && n.ctes.length > 0) markCteRefs(n, n.ctes, cteRefs);
      if (n.kind === 'TableRef') {
        if (cteRefs.has(n)) return undefined;
        // readsOnly: an INSERT's target gains rows, an UPDATE's or DELETE's names the rows changed
        // (often by an alias of its FROM: `UPDATE c … FROM dbo.Customer c`, no table `c`)
        if (n.temp || (options.readsOnly && (parent?.kind === 'Insert' || parent?.kind === 'Update' || parent?.kind === 'Delete') && parent.target === n)) return undefined;
        const view = bodies.view(n.name);
        if (view !== undefined) enter(view, direct);
        else if (direct) onTable(n, inBody);
      } else if (n.kind === 'FunctionCall') {
        enter(bodies.function(n.name), true);
      } else if (n.kind === 'Execute' && n.procedure?.kind === 'ObjectName') {
        enter(bodies.procedure(n.procedure), true);
      }
      return undefined;
    });
  };
  for (const root of roots) visit(root, options.direct, undefined);
}

/*
 * A one-part name a statement's WITH defines is that CTE, not a table (SQL Server resolves it to
 * the CTE first): an inline function's `WITH wd AS (…) SELECT … FROM wd` reads the tables inside
 * wd's query only. Without this, a section calling such a function was proposed with a Given
 * `wd` (no columns), which `sections check` rejected as an unknown table.
 */
function markCteRefs(statement: Node, ctes: readonly Cte[], into: Set<Node>): void {
  const names = new Set(ctes.map((c) => c.name.name.toLowerCase()));
  walk(statement, (n) => {
    if (n.kind === 'TableRef' && !n.temp && n.name.parts.length === 1 && names.has((n.name.parts[0]?.name ?? '').toLowerCase())) into.add(n);
    return undefined;
  });
}
