import { findAll, walk, type Node, type Statement, type TableSource } from '../../tsql';
import type { DraftContext } from '../draft-scope';
import { tablesBehind } from '../tables-behind';
import { tableKeyOf } from '../translate-query';

/*
 * Whether a loop's query (a cursor's SELECT, a walk's MIN) reads a table the loop body writes,
 * by whatever name: SQL Server reads a view's tables, a synonym's target and a user function's
 * tables where the query names them, and writes a synonym's target, an updatable view's table
 * or the table an UPDATE's alias stands for. Comparing the names as written missed those, and a
 * dynamic cursor over a view of the table its loop updates was drafted as if it read a
 * snapshot. A name the scripts do not define is taken as the table it names.
 */

/** A table the loop writes, read by the query: where the query names it, and by which names. */
export interface WrittenTableRead {
  /** The query's table reference or function call that leads to the table. */
  readonly at: Node;
  /** The table as the code reaching it writes it. */
  readonly table: string;
  /** The view, synonym or function the query reads it through, as written; undefined when it names the table. */
  readonly through: string | undefined;
  /** The synonym or view the loop writes it through, as written; undefined when it names the table (or its alias). */
  readonly writtenThrough: string | undefined;
}

type NamedTable = Extract<TableSource, { kind: 'TableRef' | 'TableVariableRef' }>;

/** The first place (in the query's order) where `query` reads a table some statement of `body` writes. */
export function readOfWrittenTable(ctx: DraftContext, query: Node, body: readonly Statement[]): WrittenTableRead | undefined {
  const written = tablesWrittenBy(ctx, body);
  if (written.size === 0) return undefined;
  // a one-part name that is the query's own CTE is no table (its query is walked where it stands)
  const ctes = new Set(findAll(query, 'Cte').map((c) => c.name.name.toLowerCase()));
  let found: WrittenTableRead | undefined;
  walk(query, (n) => {
    if (found) return false;
    if (n.kind === 'TableVariableRef' || (n.kind === 'TableRef' && n.temp)) {
      const w = written.get(tableKeyOf(n));
      if (w) found = { at: n, table: n.kind === 'TableRef' ? n.name.parts.map((p) => p.name).join('.') : n.variable.name, through: undefined, writtenThrough: w.through };
      return undefined;
    }
    if (n.kind === 'TableRef' && n.name.parts.length === 1 && ctes.has((n.name.parts[0]?.name ?? '').toLowerCase())) return undefined;
    if (n.kind !== 'TableRef' && n.kind !== 'FunctionCall') return undefined;
    const own = n.kind === 'TableRef' ? tableKeyOf(n) : undefined;
    for (const t of tablesBehind(ctx, n)) {
      const w = written.get(t.key);
      if (!w) continue;
      found = { at: n, table: t.written, through: t.key === own ? undefined : n.name.parts.map((p) => p.name).join('.'), writtenThrough: w.through };
      break;
    }
    // a function call's arguments are walked on (they may read tables themselves)
    return undefined;
  });
  return found;
}

/** The tables `body` inserts into, updates, deletes from or merges into, by key, with the name written through when it is another. */
function tablesWrittenBy(ctx: DraftContext, body: readonly Statement[]): Map<string, { readonly through: string | undefined }> {
  const out = new Map<string, { readonly through: string | undefined }>();
  const add = (key: string, through: string | undefined): void => {
    if (!out.has(key) || out.get(key)?.through !== undefined) out.set(key, { through });
  };
  for (const s of body) {
    walk(s, (n) => {
      if ((n.kind !== 'Insert' && n.kind !== 'Update' && n.kind !== 'Delete' && n.kind !== 'Merge') || n.target.kind === 'TableFunctionRef') return undefined;
      // `UPDATE i … FROM dbo.Invoice i`: the target is the alias of a FROM item
      const target = (n.kind === 'Update' || n.kind === 'Delete') && n.target.kind === 'TableRef' && n.target.name.parts.length === 1
        ? aliasedSource(n.from, n.target.name.parts[0]?.name ?? '') ?? n.target : n.target;
      if (target.kind === 'TableVariableRef' || target.temp) { add(tableKeyOf(target), undefined); return undefined; }
      const own = tableKeyOf(target);
      for (const t of tablesBehind(ctx, target, false)) add(t.key, t.key === own ? undefined : target.name.parts.map((p) => p.name).join('.'));
      return undefined;
    });
  }
  return out;
}

/** The table or table variable of `from` that `alias` names (its alias). */
function aliasedSource(from: readonly TableSource[], alias: string): NamedTable | undefined {
  for (const src of from) {
    for (const t of [...findAll(src, 'TableRef'), ...findAll(src, 'TableVariableRef')] as NamedTable[]) {
      if ((t.alias?.name ?? '').toLowerCase() === alias.toLowerCase()) return t;
    }
  }
  return undefined;
}
