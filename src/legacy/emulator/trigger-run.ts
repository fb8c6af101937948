import { LegacyError } from '../../core';
import type { CreateTrigger, FunctionCall, Merge, Node, Statement } from '../../tsql';
import { walk } from '../../tsql';
import { normalizeObjectName } from '../legacy-run';
import { ensureTables, referencedTables } from './tables/table-definitions';
import { withNestedStatements } from './sequences';
import { quote, type SqlFragment, type SqlTranslator } from './expressions';
import { executeStatements } from './interpreter';
import { runProcedureBody } from './goto';
import { runSql } from './runtime';
import { TsqlRuntimeError, type EmulatorState, type Frame, type TableInfo } from './state';
import { noteAnyWrite } from './tables/table-versions';
import { noteTransactionEnd } from './transactions/transaction-writes';
import { describeTrigger, type FiredTrigger, type TriggerEvent } from './triggers';

/*
 * AFTER triggers run as SQL Server runs them (CREATE TRIGGER; "Use the inserted and deleted
 * tables"): once per statement, after its changes, in its transaction, with `inserted` and
 * `deleted` holding the statement's new and old rows. The trigger is a scope of its own
 * (SCOPE_IDENTITY(), variables, SET options); @@IDENTITY after the statement is the last identity
 * value the trigger drew; @@ROWCOUNT is the statement's count when the trigger starts and again
 * in the caller after it. What cannot be matched exactly is refused where it runs: an error
 * raised inside the trigger (SQL Server rolls the statement and its transaction back and ends
 * the batch), ROLLBACK or an unmatched COMMIT in it (error 3609 ends the batch).
 */

/** What a running trigger's statements may ask of the statement that fired it. */
interface TriggerContext {
  readonly fired: FiredTrigger;
  /** UPDATE(column): every column (an INSERT), the SET list's (lower-case), or why it is not known. */
  readonly updated: 'all' | ReadonlySet<string> | { readonly unknown: string };
  /** @@TRANCOUNT when the trigger started (1 when the statement ran outside a transaction). */
  readonly entryTranCount: number;
}

const contexts = new WeakMap<Frame, TriggerContext>();
/** The `inserted` and `deleted` tables of running triggers: never written (SQL Server's error 286). */
const pseudoTables = new WeakSet<TableInfo>();
/** Why @@ROWCOUNT at the start of a trigger is not known (a MERGE fired it). */
const rowCountUnknown = new WeakMap<EmulatorState, string>();

/** The rows a statement changed: DuckDB tables holding the target's columns (and maybe `__action`, `__rid`). */
export interface TriggerImages {
  readonly inserted?: string;
  readonly deleted?: string;
  /** A MERGE's images hold every action's rows in `__action`: the trigger sees only its event's. */
  readonly action?: TriggerEvent;
}

/** Whether `info` is the `inserted` or `deleted` table of a running trigger. */
export function isTriggerPseudoTable(info: TableInfo): boolean {
  return pseudoTables.has(info);
}

/** Why @@ROWCOUNT is unknown now, when a MERGE's trigger starts (expressions.ts refuses reading it then). */
export function unknownRowCount(state: EmulatorState): string | undefined {
  return Number.isNaN(state.rowCount) ? rowCountUnknown.get(state) : undefined;
}

/**
 * Refuses, before a statement that fires `fired` runs, what it does with a trigger that the
 * emulator does not reproduce: an OUTPUT clause (without INTO SQL Server refuses it, error 334;
 * with INTO the order of the OUTPUT rows and the trigger's writes is not documented), a
 * system-versioned target, SET ROWCOUNT (whether it limits the trigger's statements).
 */
export function refuseTriggeredForm(state: EmulatorState, at: Node, fired: readonly FiredTrigger[], form: { readonly output?: Node; readonly temporal?: boolean; readonly exec?: boolean }): void {
  const first = fired[0];
  if (first === undefined) return;
  const what = `a statement that fires the trigger ${describeTrigger(first.trigger)}`;
  if (form.output !== undefined) {
    // SQL Server does not run such a statement at all: "The target table … of the DML statement cannot have any enabled triggers if the statement contains an OUTPUT clause without INTO clause" (error 334)
    const bare = form.output.kind === 'OutputClause' && form.output.into === undefined;
    throw state.unsupported(form.output, bare ? `OUTPUT without INTO in ${what} (SQL Server refuses the statement with error 334: its target may not have enabled triggers; add INTO a table variable and SELECT from it)` : `OUTPUT in ${what}`);
  }
  if (form.temporal === true) throw state.unsupported(at, `${what} on a system-versioned table`);
  if (form.exec === true) throw state.unsupported(at, `INSERT … EXEC as ${what}`);
  if (state.rowCountLimit > 0) throw state.unsupported(at, `${what} under SET ROWCOUNT ${state.rowCountLimit}`);
}

/**
 * Runs the AFTER trigger `fired` of `info` for the statement `statement` that changed the rows in
 * `images` (dropped here). The statement's @@ROWCOUNT is the trigger's at its start and the
 * caller's after it; SCOPE_IDENTITY() comes back to the statement's, @@IDENTITY keeps the last
 * value the trigger drew.
 */
export async function runTrigger(state: EmulatorState, fired: FiredTrigger, info: TableInfo, images: TriggerImages, statement: Statement): Promise<void> {
  const count = state.rowCount;
  const definition = fired.trigger.definition;
  await ensureTables(state, tablesOfTrigger(state, definition));
  const columns = info.columns.map((c) => quote(c.name)).join(', ');
  const pseudo = async (which: 'inserted' | 'deleted', image: string | undefined): Promise<TableInfo> => {
    const sqlName = quote(`__trigger_${which}_${state.tempCounter++}`);
    const filter = images.action === undefined ? '' : ` WHERE "__action" = '${images.action}'`;
    const source = image === undefined ? `SELECT ${columns} FROM ${info.sqlName} WHERE FALSE` : `SELECT ${columns} FROM ${image}${filter}`;
    await runSql(state, `CREATE TEMP TABLE ${sqlName} AS ${source}`, [], statement.span);
    // A computed column the emulator cannot compute stays marked: a read of inserted.<it> is refused.
    const table: TableInfo = { sqlName, columns: info.columns.map((c) => ({ name: c.name, duckType: c.duckType, ...(c.tsqlType === undefined ? {} : { tsqlType: c.tsqlType }), ...(c.unevaluated === undefined ? {} : { unevaluated: c.unevaluated }) })), key: [], identity: undefined };
    pseudoTables.add(table);
    return table;
  };
  const inserted = await pseudo('inserted', fired.event === 'DELETE' ? undefined : images.inserted);
  const deleted = await pseudo('deleted', fired.event === 'INSERT' ? undefined : images.deleted);
  for (const image of [images.inserted, images.deleted]) if (image !== undefined) await runSql(state, `DROP TABLE IF EXISTS ${image}`, [], statement.span);
  // The names resolve as emitOutput's do (`inserted` is `dbo.inserted` to the name lookup), innermost first.
  const names = [['dbo.inserted', inserted], ['dbo.deleted', deleted]] as const;
  const shadowed = names.map(([k]) => [k, state.tables.get(k)] as const);
  for (const [k, table] of names) state.tables.set(k, table);
  const frame: Frame = { procedure: definition, script: fired.trigger.script, variables: new Map(), cursors: new Map(), tempTables: [] };
  // A statement outside a transaction runs in one of its own, which the trigger sees (@@TRANCOUNT 1).
  const implicit = state.tranCount === 0;
  if (implicit) state.tranCount = 1;
  contexts.set(frame, { fired, updated: updatedColumns(fired.event, statement), entryTranCount: state.tranCount });
  const saved = { returnValue: state.returnValue, lastIdentity: state.lastIdentity, identityUnknownWhy: state.identityUnknownWhy, identityInsert: state.identityInsert, language: state.language, dateFormat: state.dateFormat, dateFirst: state.dateFirst, xactAbort: state.xactAbort };
  state.frames.push(frame);
  // SCOPE_IDENTITY() of the trigger's scope: NULL until the trigger itself draws one.
  state.lastIdentity = null;
  state.identityUnknownWhy = undefined;
  // An error inside the trigger reaches runTrigger (no statement of it goes on past an error).
  state.tryDepth++;
  if (statement.kind === 'Merge') {
    state.rowCount = Number.NaN;
    rowCountUnknown.set(state, `@@ROWCOUNT at the start of the trigger ${describeTrigger(fired.trigger)}, which a MERGE fired (whether it counts the MERGE's rows or its ${fired.event} action's is not documented)`);
  }
  try {
    await withNestedStatements(state, () => runProcedureBody(state, () => executeStatements(state, definition.body)));
  } catch (err) {
    if (err instanceof TsqlRuntimeError) throw errorInTrigger(fired, err);
    throw err;
  } finally {
    state.tryDepth--;
    for (const key of frame.tempTables) {
      const table = state.tables.get(key);
      if (table === undefined) continue;
      state.writes.discard(table);
      await state.session.run(`DROP TABLE IF EXISTS ${table.sqlName}`).catch(() => undefined);
      state.tables.delete(key);
    }
    if (frame.tempTables.length > 0) noteAnyWrite(state);
    state.frames.pop();
    Object.assign(state, saved);
    if (implicit) {
      state.tranCount = 0;
      noteTransactionEnd(state);
    }
    for (const [k, table] of shadowed) { if (table === undefined) state.tables.delete(k); else state.tables.set(k, table); }
    for (const [, table] of names) await state.session.run(`DROP TABLE IF EXISTS ${table.sqlName}`).catch(() => undefined);
  }
  state.rowCount = count;
}

/**
 * Runs the AFTER triggers a statement fired, in load order: several only when their order cannot
 * change what they write (trigger-order.ts). Each gets its own copy of the changed rows. What the
 * order still decides is refused or marked here: result sets from more than one of them, and
 * @@IDENTITY after the statement when more than one drew an identity value (it is the last one's).
 */
export async function runTriggers(state: EmulatorState, fired: readonly FiredTrigger[], info: TableInfo, images: TriggerImages, statement: Statement): Promise<void> {
  const last = fired.length - 1;
  const drew: FiredTrigger[] = [];
  const returned: FiredTrigger[] = [];
  for (const [i, one] of fired.entries()) {
    let own = images;
    if (i < last) {
      const copy = async (image: string | undefined): Promise<string | undefined> => {
        if (image === undefined) return undefined;
        const name = quote(`__trigger_image_${state.tempCounter++}`);
        await runSql(state, `CREATE TEMP TABLE ${name} AS SELECT * FROM ${image}`, [], statement.span);
        return name;
      };
      const inserted = await copy(images.inserted);
      const deleted = await copy(images.deleted);
      own = { ...images, ...(inserted === undefined ? {} : { inserted }), ...(deleted === undefined ? {} : { deleted }) };
    }
    const identity = [state.sessionIdentity, state.sessionIdentityUnknownWhy];
    const results = state.resultSets.length;
    await runTrigger(state, one, info, own, statement);
    if (state.sessionIdentity !== identity[0] || state.sessionIdentityUnknownWhy !== identity[1]) drew.push(one);
    if (state.resultSets.length !== results) returned.push(one);
  }
  if (returned.length > 1) throw state.unsupported(statement, `a statement whose AFTER triggers ${returned.map((f) => describeTrigger(f.trigger)).join(' and ')} each return a result set (SQL Server runs them in an undefined order, so the order of those result sets is not known)`);
  if (drew.length > 1) state.sessionIdentityUnknownWhy = `@@IDENTITY after the statement at ${state.place(statement.span)}, whose AFTER triggers ${drew.map((f) => describeTrigger(f.trigger)).join(' and ')} each drew an identity value (it is the value of whichever ran last, an order SQL Server does not define)`;
}

/** The tables a trigger's body and the procedures it calls name (built on first need, as a procedure's are). */
const triggerTables = new WeakMap<CreateTrigger, ReadonlySet<string>>();

function tablesOfTrigger(state: EmulatorState, definition: CreateTrigger): ReadonlySet<string> {
  let keys = triggerTables.get(definition);
  if (keys === undefined) {
    const found = new Set<string>();
    for (const st of definition.body) {
      walk(st, (n) => {
        if (n.kind === 'TableRef' && !n.temp) found.add(normalizeObjectName(n.name.parts.map((p) => p.name).join('.')));
        if (n.kind === 'Execute' && n.procedure?.kind === 'ObjectName') for (const key of referencedTables(state.procedures, normalizeObjectName(n.procedure.parts.map((p) => p.name).join('.')))) found.add(key);
        return undefined;
      });
    }
    keys = found;
    triggerTables.set(definition, keys);
  }
  return keys;
}

/** UPDATE(column)'s answers for a trigger fired by `statement` for `event` (the UPDATE() page). */
function updatedColumns(event: TriggerEvent, statement: Statement): TriggerContext['updated'] {
  // "IF UPDATE returns the TRUE value in INSERT actions because the columns have either explicit values or implicit (NULL) values inserted."
  if (event === 'INSERT') return 'all';
  if (event === 'DELETE') return { unknown: 'UPDATE(column) in a trigger a DELETE fired (the UPDATE() page speaks of INSERT and UPDATE actions only)' };
  if (statement.kind === 'Update') return new Set(statement.assignments.map((a) => (a.column?.parts[a.column.parts.length - 1]?.name ?? '').toLowerCase()));
  return { unknown: 'UPDATE(column) in a trigger a MERGE fired for its UPDATE action (which SET lists count is not documented)' };
}

/** The context of the trigger whose body runs in the current frame. */
function currentContext(state: EmulatorState): TriggerContext | undefined {
  const frame = state.frames[state.frames.length - 1];
  return frame === undefined ? undefined : contexts.get(frame);
}

/** The context of the innermost trigger running, in this frame or a caller's (a procedure a trigger EXECs runs in its transaction too). */
function enclosingContext(state: EmulatorState): TriggerContext | undefined {
  for (let i = state.frames.length - 1; i >= 0; i--) {
    const context = contexts.get(state.frames[i] as Frame);
    if (context !== undefined) return context;
  }
  return undefined;
}

/** `UPDATE(column)` inside a trigger: TRUE or FALSE (a constant for the statement that fired it). */
export function updateFunction(t: SqlTranslator, call: FunctionCall): SqlFragment {
  const context = currentContext(t.state);
  const arg = call.args[0];
  if (context === undefined) throw t.state.unsupported(call, 'UPDATE(column) outside the body of a trigger');
  if (arg === undefined || arg.kind !== 'ColumnRef' || call.args.length !== 1) throw t.state.unsupported(call, 'UPDATE() of something other than one column');
  const name = (arg.parts[arg.parts.length - 1]?.name ?? '').toLowerCase();
  const updated = context.updated;
  if (typeof updated === 'object' && 'unknown' in updated) throw t.state.unsupported(call, updated.unknown);
  const table = t.state.tables.get('dbo.inserted');
  const column = table?.columns.find((c) => c.name.toLowerCase() === name);
  if (column === undefined) throw t.state.unsupported(call, `UPDATE(${arg.parts.map((p) => p.name).join('.')}), a column the trigger's table does not have`);
  const yes = updated === 'all' || (updated as ReadonlySet<string>).has(name);
  return { sql: yes ? 'TRUE' : 'FALSE', family: 'opaque' };
}

/**
 * `TRIGGER_NESTLEVEL()` without arguments: "the total number of triggers on the call stack. This
 * includes itself" (0 outside a trigger; its page). The arguments' forms count executions of one
 * trigger or one trigger type for the statement, which the emulator does not track: refused.
 */
export function triggerNestLevel(t: SqlTranslator, call: FunctionCall): SqlFragment {
  if (call.args.length > 0) throw t.state.unsupported(call, 'TRIGGER_NESTLEVEL with arguments (how often one trigger or trigger type ran for the statement)');
  const level = t.state.frames.filter((f) => f.procedure.kind === 'CreateTrigger').length;
  return { sql: String(level), family: 'integer', duckType: 'INTEGER' };
}

/**
 * BEGIN/COMMIT/ROLLBACK TRANSACTION inside a trigger: a ROLLBACK undoes the statement that fired
 * it and ends the batch (error 3609), and a COMMIT of the statement's own transaction ends it too;
 * neither is reproduced, so both are refused. A BEGIN … COMMIT pair of the trigger's own is kept.
 */
export function refuseTriggerTransaction(state: EmulatorState, s: Extract<Statement, { kind: 'Transaction' }>): void {
  const context = enclosingContext(state);
  if (context === undefined) return;
  const where = `inside the trigger ${describeTrigger(context.fired.trigger)}`;
  if (s.action === 'ROLLBACK') throw state.unsupported(s, `ROLLBACK ${where} (SQL Server rolls back the statement that fired it and its transaction, and ends the batch with error 3609)`);
  if (s.action === 'COMMIT' && state.tranCount <= context.entryTranCount) throw state.unsupported(s, `COMMIT of the firing statement's transaction ${where} (SQL Server ends the batch with error 3609)`);
}

/** A TRY block inside a trigger caught an error: SQL Server has doomed the transaction meanwhile (XACT_ABORT is ON in triggers). */
export function refuseCaughtInTrigger(state: EmulatorState, err: TsqlRuntimeError): void {
  const context = enclosingContext(state);
  if (context === undefined) return;
  throw errorInTrigger(context.fired, err);
}

function errorInTrigger(fired: FiredTrigger, err: TsqlRuntimeError): LegacyError {
  return new LegacyError('LEGACY_UNSUPPORTED', `the emulator does not support error ${err.error.number} (${err.error.message}) raised inside the trigger ${describeTrigger(fired.trigger)}: SQL Server rolls back the statement that fired it with its transaction and ends the batch`, {
    location: err.location,
    hint: 'capture from SQL Server with MIGRATE_MSSQL_URL, or give the run data the trigger accepts',
  });
}

/**
 * The one trigger a MERGE fires: SQL Server fires the AFTER triggers of every action the MERGE
 * specifies but "doesn't guarantee on which action to fire triggers first or last" (MERGE page),
 * so a MERGE whose actions fire more than one trigger run (the same trigger twice included) is refused.
 */
export function mergeTrigger(state: EmulatorState, m: Merge, fired: readonly FiredTrigger[]): FiredTrigger | undefined {
  if (fired.length > 1) {
    const triggers = [...new Set(fired.map((f) => f.trigger))].map(describeTrigger).join('; ');
    throw state.unsupported(m, `a MERGE whose ${fired.map((f) => f.event).join(' and ')} actions fire triggers (${triggers}): SQL Server does not guarantee which action's triggers fire first`);
  }
  return fired[0];
}

/**
 * The key a MERGE's UPDATE trigger pairs each updated row's old values by (DuckDB's RETURNING
 * gives the new values only, output-clause.ts): the PRIMARY KEY, which none of its UPDATEs may
 * assign. Beside WHEN NOT MATCHED BY SOURCE … UPDATE, whose rows DuckDB returns wrongly, dml.ts
 * reads the rows by key instead (merge-changes-by-key.ts).
 */
export function mergeTriggerPairing(state: EmulatorState, m: Merge, info: TableInfo): readonly string[] {
  const key = info.key.map((k) => k.toLowerCase());
  const assigned = m.whens.flatMap((w) => (w.action.kind === 'MergeUpdate' ? w.action.assignments : [])).find((a) => key.includes((a.column?.parts[a.column.parts.length - 1]?.name ?? '').toLowerCase()));
  if (key.length === 0 || assigned !== undefined) {
    throw state.unsupported(assigned ?? m, `a MERGE that fires an UPDATE trigger and updates ${key.length === 0 ? 'a table without a PRIMARY KEY' : 'a column of the PRIMARY KEY'} (the trigger's deleted rows are found by that key)`);
  }
  return info.key;
}
