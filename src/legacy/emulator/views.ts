import type { TableRef } from '../../tsql';
import { objectKey } from './catalog';
import { quote, type SqlTranslator } from './expressions';
import { translateSelect } from './queries';
import type { ColumnType, SqlScope } from './sql-scope';

/** Views being expanded, per translator: a view over itself would never end. */
const expanding = new WeakMap<SqlTranslator, string[]>();

/**
 * A view named in FROM, read like a table: its query (CREATE VIEW in the tables or procedures
 * scripts) becomes a derived table under the name or alias, with the view's column list when it
 * has one. Views over views expand in turn. The view's body sees no variables and no CTEs of
 * the statement that reads it, as in SQL Server. Returns undefined when no view has that name.
 */
export function translateView(t: SqlTranslator, source: TableRef, scope: SqlScope): string | undefined {
  const key = objectKey(source.name.parts);
  const defined = t.state.catalog.views.get(key);
  if (defined === undefined || source.name.parts.length === 1 && t.ctes.has(key)) return undefined;
  const view = defined.definition;
  const written = source.name.parts.map((p) => p.name).join('.');
  const stack = expanding.get(t) ?? [];
  if (stack.includes(key)) throw t.state.unsupported(source, `the view ${written}, which refers to itself`);
  const alias = source.alias?.name ?? source.name.parts[source.name.parts.length - 1]?.name ?? key;
  const savedVariables = t.variables;
  const savedCtes = new Map(t.ctes);
  t.ctes.clear();
  t.variables = new Map();
  t.state.sources.push(defined.script);
  stack.push(key);
  expanding.set(t, stack);
  try {
    const q = translateSelect(t, view.query, undefined);
    if (view.columns.length > 0 && view.columns.length !== q.columns.length) {
      throw t.state.unsupported(view, `the view ${written}, whose column list names ${view.columns.length} columns for ${q.columns.length}`);
    }
    const columns: ColumnType[] = q.columns.map((c, i) => ({ ...c, name: view.columns[i]?.name ?? c.name }));
    scope.add(alias, columns);
    return `(${q.sql}) AS ${quote(alias)}(${columns.map((c) => quote(c.name)).join(', ')})`;
  } finally {
    stack.pop();
    t.state.sources.pop();
    t.variables = savedVariables;
    t.ctes.clear();
    for (const [k, v] of savedCtes) t.ctes.set(k, v);
  }
}
