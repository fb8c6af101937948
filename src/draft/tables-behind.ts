import {
  containersInEffect, forEachStatement, normalizeObjectName, walkTablesThroughCalls,
  type CalleeBodies, type CreateView, type Node, type ObjectName, type ParsedScript, type TableRef,
} from '../tsql';
import type { DraftContext } from './draft-scope';

/*
 * A statement may name a table by another name than its own: a view of the workspace's scripts
 * reads its tables whenever it is read, a synonym is its target wherever it is named (read or
 * written), a user function reads its tables where it is called. The draft reads a view or a
 * synonym as the section is given it (an input), so where it matters which table is really read
 * or written (a cursor over a table its loop writes) the names are followed to the tables behind.
 */

/** The views (the definition in effect) and synonyms (their targets) of the scripts, by normalised name. */
export interface ViewsAndSynonyms {
  readonly views: ReadonlyMap<string, CreateView>;
  readonly synonyms: ReadonlyMap<string, ObjectName>;
}

/** The views and synonyms the scripts define; an upgrade script's ALTER VIEW over the CREATE, as the emulator takes it. */
export function collectViewsAndSynonyms(scripts: readonly ParsedScript[], defaultSchema = 'dbo'): ViewsAndSynonyms {
  const views = new Map<string, CreateView>();
  for (const [key, found] of containersInEffect(scripts, 'CreateView', defaultSchema)) views.set(key, found.statement);
  const synonyms = new Map<string, ObjectName>();
  for (const script of scripts) {
    forEachStatement(script, (st) => {
      if (st.kind === 'CreateOther' && st.objectType.toUpperCase() === 'SYNONYM' && st.target !== undefined) synonyms.set(normalizeObjectName(st.name, defaultSchema), st.target);
    });
  }
  return { views, synonyms };
}

/** A permanent table behind a name: its key and its name as the code that names it writes it. */
export interface TableBehind {
  readonly key: string;
  readonly written: string;
}

/** The bodies walkTablesThroughCalls enters: a view's query, a synonym's target (a one-table read), a user function's CREATE. */
function calleeBodies(ctx: DraftContext): CalleeBodies {
  const known = ctx.viewsAndSynonyms;
  return {
    view: (name) => {
      const key = normalizeObjectName(name);
      const view = known?.views.get(key);
      if (view !== undefined) return { key: `v:${key}`, body: [view.query] };
      const target = known?.synonyms.get(key);
      if (target === undefined) return undefined;
      const ref: TableRef = { kind: 'TableRef', name: target, temp: false, alias: undefined, hints: [], span: target.span };
      return { key: `s:${key}`, body: [ref] };
    },
    function: (name) => {
      const key = normalizeObjectName(name);
      const fn = ctx.userFunctions?.get(key);
      return fn === undefined ? undefined : { key: `f:${key}`, body: [fn.statement] };
    },
    // a query cannot EXEC; a procedure's effects are not followed here
    procedure: () => undefined,
  };
}

/**
 * The permanent tables `node` reads (its own, and those behind the views, synonyms and user
 * functions it names, transitively), each once. #temp tables and table variables are left out.
 * `readsOnly`: an INSERT's, UPDATE's or DELETE's own target is left out too.
 */
export function tablesBehind(ctx: DraftContext, node: Node, readsOnly = true): TableBehind[] {
  const out = new Map<string, TableBehind>();
  walkTablesThroughCalls([node], calleeBodies(ctx), (t) => {
    const key = normalizeObjectName(t.name);
    if (!out.has(key)) out.set(key, { key, written: t.name.parts.map((p) => p.name).join('.') });
  }, { direct: true, readsOnly });
  return [...out.values()];
}
