import type { MethodCall, Node, Statement, TableFunctionRef } from '../../../tsql';
import { walk } from '../../../tsql';
import { quote, SqlTranslator } from '../expressions';
import { resolveTable } from '../queries';
import { runSql } from '../runtime';
import type { EmulatorState, TableInfo } from '../state';

/*
 * xml methods on an xml column of a table (`FROM dbo.Inbox AS i CROSS APPLY
 * i.Payload.nodes('/Orders/Order') AS t(o)`, `Payload.value(…)`): before a statement that calls
 * an xml method on a column runs, the distinct documents of the xml columns of the tables it
 * reads are fetched (translation is synchronous), and xml-methods.ts evaluates the methods over
 * each of them. A row's document is found by its text; text that is not one of them (xml the
 * statement computes itself) is refused where met, never read as another document.
 */

/**
 * The documents of the running statement's xml columns, and the DuckDB table that numbers them
 * (`d` the text, `h` its place in `texts`), per state (statements nest: a trigger's, a function's).
 */
export interface XmlColumnDocuments {
  readonly texts: readonly string[];
  readonly table: string;
}
const documents = new WeakMap<EmulatorState, XmlColumnDocuments>();
let documentTables = 0;

/** Whether a statement calls an xml method on a column (cached per statement node: loops run them often). */
const callsOnColumns = new WeakMap<Statement, boolean>();

export function xmlColumnDocuments(state: EmulatorState): XmlColumnDocuments | undefined {
  return documents.get(state);
}

function rootsOf(s: Statement): readonly Node[] {
  // Compound statements run their inner statements one by one, each through this check.
  if (s.kind === 'If') return [s.condition];
  if (s.kind === 'While') return [s.condition];
  return ['Block', 'TryCatch', 'DeclareCursor', 'CreateFunction', 'CreateProcedure', 'CreateView', 'CreateTrigger'].includes(s.kind) ? [] : [s];
}

/** Whether `s` needs withXmlColumnDocuments: it calls value(), exist() or nodes() on a column. */
export function callsXmlMethodOnColumn(s: Statement): boolean {
  let known = callsOnColumns.get(s);
  if (known !== undefined) return known;
  known = false;
  for (const root of rootsOf(s)) {
    walk(root, (n) => {
      const call = n.kind === 'MethodCall' ? n as MethodCall : n.kind === 'TableFunctionRef' && (n as TableFunctionRef).call.kind === 'MethodCall' ? (n as TableFunctionRef).call as MethodCall : undefined;
      if (call !== undefined && call.target.kind === 'ColumnRef' && ['value', 'exist', 'nodes'].includes(call.method.toLowerCase())) known = true;
      return known ? false : undefined;
    });
  }
  callsOnColumns.set(s, known);
  return known;
}

/** Runs `execute` with the documents of the xml columns `s` reads known to the translator (see above). */
export async function withXmlColumnDocuments<T>(state: EmulatorState, s: Statement, execute: () => Promise<T>): Promise<T> {
  const tables = new Map<string, TableInfo>();
  const t = new SqlTranslator(state);
  for (const root of rootsOf(s)) {
    walk(root, (n) => {
      const written = n.kind === 'TableRef' ? (n as Extract<Node, { kind: 'TableRef' }>).name.parts.map((p) => p.name).join('.') : n.kind === 'TableVariableRef' ? (n as Extract<Node, { kind: 'TableVariableRef' }>).variable.name : undefined;
      if (written === undefined) return;
      try {
        const info = resolveTable(t, written);
        tables.set(info.sqlName, info);
      } catch {
        // A CTE, a view or a table the statement itself reports as unknown: nothing to fetch here.
      }
    });
  }
  const selects: string[] = [];
  for (const info of tables.values()) {
    for (const c of info.columns) {
      if (c.tsqlType?.name === 'xml') selects.push(`SELECT CAST(${quote(c.name)} AS VARCHAR) AS d FROM ${info.sqlName} WHERE ${quote(c.name)} IS NOT NULL`);
    }
  }
  // Methods on the column of a nodes() only (a variable shredded): no table to read.
  if (selects.length === 0) return execute();
  // The texts stay in DuckDB (a row finds its document's number by a join), not in the SQL.
  const table = quote(`__xml_documents_${++documentTables}`);
  const union = selects.join(' UNION ');
  // Not through runSql: a table of the emulator's own is no write of the procedure's (table-versions.ts).
  await state.session.run(`CREATE TEMP TABLE ${table} AS SELECT d, CAST(row_number() OVER (ORDER BY d) - 1 AS INTEGER) AS h FROM (${union}) AS u`);
  const saved = documents.get(state);
  try {
    const rows = await runSql(state, `SELECT d FROM ${table} ORDER BY h`, [], s.span);
    documents.set(state, { texts: rows.map((r) => String(r['d'])), table });
    return await execute();
  } finally {
    if (saved === undefined) documents.delete(state);
    else documents.set(state, saved);
    try { await state.session.run(`DROP TABLE IF EXISTS ${table}`); } catch { /* gone with a rolled-back transaction */ }
  }
}
