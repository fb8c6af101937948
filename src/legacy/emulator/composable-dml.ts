import type { Delete, DmlTable, Identifier, Insert, Merge, OutputClause, Select, TableRef, Update } from '../../tsql';
import { tableKey } from './queries';
import type { EmulatorState } from './state';
import { outputMayCarryIdentity, outputSinks } from './output-clause';
import { noteUnorderedIdentity } from './reproducibility/taint-sources';
import { readableTableName } from '../baseline-names';
import { columnTaintBefore, followComposableOutput, markComposableOutput } from './reproducibility/composable-output-taint';

/** The statements a composable DML source runs; provided by dml.ts. */
export interface ComposableRunners {
  readonly merge: (state: EmulatorState, m: Merge) => Promise<void>;
  readonly update: (state: EmulatorState, u: Update) => Promise<void>;
  readonly delete: (state: EmulatorState, d: Delete) => Promise<void>;
  readonly insert: (state: EmulatorState, i: Insert) => Promise<void>;
  readonly select: (state: EmulatorState, s: Select) => Promise<void>;
}

/** The nested DML an `INSERT … SELECT … FROM (MERGE … OUTPUT …) AS m` reads, when it is one of the SELECT's FROM items. */
export function composableSource(ins: Insert): DmlTable | undefined {
  if (ins.source.kind !== 'Select' || ins.source.body.kind !== 'QuerySpec') return undefined;
  return ins.source.body.from.find((s): s is DmlTable => s.kind === 'DmlTable');
}

/**
 * Composable DML, the SCD type 2 idiom `INSERT INTO dim SELECT … FROM (MERGE dim … OUTPUT
 * $action, src.… ) AS m WHERE m.[$action] = 'UPDATE'`: SQL Server runs the nested statement to
 * its end, then the outer INSERT reads the rows its OUTPUT gives. So here: the nested statement
 * runs with its OUTPUT rows going into a fresh #temp table (as SELECT … INTO makes it, so the rows
 * keep the types OUTPUT gives them), the INSERT runs with that table in the nested statement's
 * place, and the table is dropped. @@ROWCOUNT is the INSERT's, as in SQL Server.
 */
export async function runComposableInsert(state: EmulatorState, ins: Insert, dml: DmlTable, run: ComposableRunners): Promise<void> {
  const output = dml.statement.output;
  if (output === undefined || output.into !== undefined) throw state.unsupported(dml, 'a nested INSERT/UPDATE/DELETE/MERGE read as a table without an OUTPUT clause (or with OUTPUT … INTO)');
  if (dml.columns.length > 0 && (dml.columns.length !== output.items.length || output.items.some((i) => i.expression.kind === 'Star'))) {
    throw state.unsupported(dml, 'a column list on a nested DML whose OUTPUT has * or another number of columns');
  }
  const name = `#__composable_${state.tempCounter++}`;
  const span = dml.span;
  const id = (n: string): Identifier => ({ kind: 'Identifier', name: n, quote: 'none', span });
  const ref: TableRef = { kind: 'TableRef', name: { kind: 'ObjectName', parts: [id(name)], span }, temp: true, alias: dml.alias, hints: [], span };
  // `AS m (a, b)` names the OUTPUT's columns in order.
  const items = dml.columns.length === 0 ? output.items : output.items.map((item, i) => ({ ...item, alias: dml.columns[i], aliasStyle: 'as' as const }));
  const redirected: OutputClause = { ...output, items };
  followComposableOutput(redirected);
  outputSinks.set(redirected, (select) => run.select(state, { ...select, body: select.body.kind === 'QuerySpec' ? { ...select.body, into: ref.alias === undefined ? ref : { ...ref, alias: undefined } } : select.body }));
  const key = tableKey(name, state.frames.length);
  const drawnBefore = new Map(state.identityByTable);
  let drawnNested: Map<string, string> | undefined;
  const taintBefore = columnTaintBefore(state);
  try {
    const s = dml.statement;
    switch (s.kind) {
      case 'Merge': await run.merge(state, { ...s, output: redirected }); break;
      case 'Update': await run.update(state, { ...s, output: redirected }); break;
      case 'Delete': await run.delete(state, { ...s, output: redirected }); break;
      case 'Insert': await run.insert(state, { ...s, output: redirected }); break;
    }
    const temp = state.tables.get(key);
    if (temp === undefined) throw state.unsupported(dml, 'a nested DML read as a table whose OUTPUT rows were not produced');
    markComposableOutput(state, redirected, dml.statement.target, temp, taintBefore);
    drawnNested = new Map(state.identityByTable);
    const source = ins.source as Select;
    const body = source.body as Extract<Select['body'], { kind: 'QuerySpec' }>;
    await run.insert(state, { ...ins, source: { ...source, body: { ...body, from: body.from.map((f) => (f === dml ? ref : f)) } } });
    noteInterleavedIdentity(state, ins, dml, drawnBefore, drawnNested);
  } finally {
    const info = state.tables.get(key);
    if (info !== undefined) {
      await state.session.run(`DROP TABLE IF EXISTS ${info.sqlName}`).catch(() => undefined);
      state.tables.delete(key);
    }
  }
}

/**
 * The SCD type 2 idiom inserts into the dimension twice in one statement: the MERGE's WHEN NOT
 * MATCHED rows (new customers) and the outer INSERT's rows (new versions of changed ones). Both
 * draw from the table's one identity counter, and which draws first is the plan's (the OUTPUT
 * rows may stream into the outer INSERT while the MERGE still inserts; the documentation says
 * only that the whole is atomic), so even one row each is numbered in no defined order: the
 * emulator's numbering (nested rows first) is marked not reproducible, the identity column alone
 * where no OUTPUT carries the numbers elsewhere.
 */
function noteInterleavedIdentity(state: EmulatorState, ins: Insert, dml: DmlTable, before: ReadonlyMap<string, string>, nested: ReadonlyMap<string, string>): void {
  for (const [sqlName, value] of state.identityByTable) {
    if (nested.get(sqlName) === before.get(sqlName) || value === nested.get(sqlName)) continue;
    const info = [...state.tables.values()].find((t) => t.sqlName === sqlName);
    const output = dml.statement.output;
    const only = info !== undefined && ins.output === undefined && (output === undefined || !outputMayCarryIdentity(output, info)) ? info : undefined;
    noteUnorderedIdentity(state, readableTableName(sqlName), `the ${dml.statement.kind.toUpperCase()} at ${state.place(dml.statement.span)} and the INSERT at ${state.place(ins.span)} taking its OUTPUT rows, both inserting`, only);
  }
}
