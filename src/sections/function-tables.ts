import { buildScriptGraphs, type TableCatalog } from '../dataflow';
import { containersInEffect, normalizeObjectName, type CreateFunction, type ParsedScript } from '../tsql';
import { buildCatalog, catalogTables } from './procedure-outline';
import type { CatalogTable, SpecCatalog } from './spec-model';
import { partSpellingIn } from './spec-names';
import { typedColumnsOf } from './node-columns';
import { sqlTypeOf, type SqlType } from './sql-expression-type';

/**
 * The table-valued functions of the scripts as typed tables, for typing only: what reads a
 * function (`CREATE VIEW … AS SELECT f.Fee FROM dbo.fn_FeesFor(@d) AS f`) copies its columns,
 * so they have the function's types: an inline function's from the columns its SELECT reads
 * (as a view's are), a multi-statement function's from its RETURNS @t TABLE (…). Never a table a
 * section is given (the graph's function node is no table): the caller adds them to a catalog
 * it types with, not to the workspace's tables.
 */
export function functionTables(scripts: readonly { text: string; script: ParsedScript }[], defaultSchema: string, tableCatalog: TableCatalog, catalog: SpecCatalog): CatalogTable[] {
  const out: CatalogTable[] = [];
  const put = (table: CatalogTable): void => {
    // the definition in effect: a later ALTER FUNCTION replaces the earlier one
    const index = out.findIndex((t) => t.name === table.name);
    if (index >= 0) out.splice(index, 1);
    out.push(table);
  };
  for (const { text, script } of scripts) {
    const functions = script.batches.flatMap((b) => b.statements).filter((st): st is CreateFunction => st.kind === 'CreateFunction');
    if (functions.length === 0) continue;
    const graphs = functions.some((f) => f.functionType === 'inline') ? buildScriptGraphs(script, { defaultSchema, catalog: tableCatalog }) : [];
    for (const fn of functions) {
      const key = normalizeObjectName(fn.name, defaultSchema);
      if (catalog.tables.has(key)) continue;
      if (fn.functionType === 'multi' && fn.returnsTable !== undefined) {
        // RETURNS @t TABLE (…) declares the types (its own, not the shared catalog's `@t` of another object)
        const own = catalogTables(text, script.file, { ...script, batches: [{ ...(script.batches[0] as ParsedScript['batches'][number]), statements: [fn] }] });
        const declared = own.find((t) => t.name === fn.returnsTable?.variable.name);
        if (declared !== undefined) put({ kind: 'catalog-table', name: key, columns: declared.columns });
        continue;
      }
      const graph = fn.functionType === 'inline' ? graphs.find((g) => g.object.kind === 'function' && g.object.name === key && g.object.lines.start <= fn.span.start.line && fn.span.start.line <= g.object.lines.end) : undefined;
      const rows = graph?.nodes.find((n) => n.kind === 'result-set');
      if (graph === undefined || rows === undefined) continue;
      put({ kind: 'catalog-table', name: key, columns: typedColumnsOf(graph, catalog, rows.id, rows.columns, (c) => partSpellingIn(text, c), returnedQueryText(text)) });
    }
  }
  return out;
}

/**
 * The text with the parenthesis of `RETURN (SELECT …)` blanked (same length and lines): it
 * encloses the function's query, not a query nested in it, so a computed column of that query
 * is typed as a view's is (node-columns.ts leaves a statement with a nested query untyped).
 */
function returnedQueryText(text: string): string {
  return text.replace(/\bRETURN(\s*)\((?=\s*(?:SELECT|WITH)\b)/gi, (_m, gap: string) => `RETURN${gap} `);
}

/**
 * The RETURNS type of each scalar function of the scripts in effect (`dbo.fn_FiscalPeriod` ->
 * int), keyed like a catalog's tables: a column computed by calling one has that type.
 */
export function scalarFunctionTypes(scripts: readonly ParsedScript[], defaultSchema: string): Map<string, SqlType> {
  const out = new Map<string, SqlType>();
  for (const [key, d] of containersInEffect(scripts, 'CreateFunction', defaultSchema)) {
    const type = d.statement.functionType === 'scalar' ? sqlTypeOf(d.statement.returns) : undefined;
    if (type !== undefined) out.set(key, type);
  }
  return out;
}

/** `catalog` with the functions' tables beside its own, and the scalar functions' types, to type what reads a function. */
export function withFunctionTables(tables: readonly CatalogTable[], functions: readonly CatalogTable[], procedures: Parameters<typeof buildCatalog>[1], scalars: ReadonlyMap<string, SqlType> = new Map()): SpecCatalog {
  const catalog = functions.length === 0 ? buildCatalog([...tables], procedures) : buildCatalog([...tables, ...functions.filter((f) => !tables.some((t) => t.name.toLowerCase() === f.name))], procedures);
  return scalars.size === 0 ? catalog : { ...catalog, scalarFunctions: scalars };
}
