import { LegacyError } from '../../../core';
import { walk, type Node } from '../../../tsql';
import { quote } from '../expressions';
import type { EmulatorState, TableInfo } from '../state';
import { noteAnyWrite } from '../tables/table-versions';
import { isVersioned } from '../tables/temporal-writes';
import { identityMoves, writtenTables } from './transaction-writes';
import { copyForSavepoints, hasSavepoints, savepointsCopied, tablesOfRun } from './savepoints';
import { normalizeObjectName } from '../../legacy-run';

/*
 * SQL Server keeps its transaction open and committable after an error that ends only its
 * statement (XACT_ABORT OFF, STATEMENT_LEVEL in xact-state.ts): the rows written before stay,
 * the failing statement leaves none, and COMMIT keeps the rest (the SET XACT_ABORT page's first
 * example). DuckDB aborts its whole transaction at any error, a failing SELECT included, so a
 * DuckDB transaction cannot stand for SQL Server's where the code goes on past such an error.
 * There the emulator holds the transaction itself: every statement runs in DuckDB's autocommit
 * (a failing statement leaves nothing, as SQL Server's statement rollback does), and the first
 * write to a table inside the transaction copies its rows, which ROLLBACK puts back. A table
 * variable is never copied: SQL Server's ROLLBACK leaves its rows alone too. Identity and
 * sequence values drawn stay drawn in both. What the copies cannot put back is refused at the
 * ROLLBACK: tables created, dropped or altered since BEGIN (SQL Server undoes that DDL too), a
 * system-versioned table, an identity moved, a table written by a path that took no copy.
 */

interface UndoLog {
  /** Where the outermost BEGIN TRANSACTION is, for refusals. */
  readonly where: string;
  /** The run's tables at BEGIN: DuckDB name -> their columns (savepoints.ts). */
  readonly tables: ReadonlyMap<string, string>;
  /** The tables written since: DuckDB name -> the copy of their rows at BEGIN. */
  readonly copies: Map<string, string>;
  readonly moves: number;
}

const logs = new WeakMap<EmulatorState, UndoLog>();
const goesOn = new WeakMap<Node, boolean>();

/**
 * Whether the outermost BEGIN TRANSACTION is held by the emulator rather than by DuckDB: under
 * XACT_ABORT OFF (known), in code that can go on past an error inside it (TRY … CATCH, @@ERROR,
 * SAVE TRANSACTION in a procedure on the call stack or one it EXECs). Elsewhere DuckDB's
 * transaction costs nothing per table, and its rollback at an error stays what SQL Server does
 * (the batch ends, or the transaction is doomed and refused as before).
 */
export function wantsUndoLog(state: EmulatorState): boolean {
  if (state.xactAbort !== false) return false;
  const seen = new Set<Node>();
  const visit = (body: Node): boolean => {
    if (seen.has(body)) return false;
    seen.add(body);
    const known = goesOn.get(body);
    if (known !== undefined) return known;
    let found = false;
    const callees: Node[] = [];
    walk(body, (n) => {
      if (n.kind === 'TryCatch' || (n.kind === 'Transaction' && n.action === 'SAVE') || (n.kind === 'SystemVariable' && n.name.toUpperCase() === '@@ERROR')) found = true;
      if (n.kind === 'Execute' && n.procedure?.kind === 'ObjectName') {
        const callee = state.procedures.get(normalizeObjectName(n.procedure.parts.map((p) => p.name).join('.')));
        if (callee !== undefined) callees.push(callee.procedure);
      }
      return found ? false : undefined;
    });
    found ||= callees.some(visit);
    // A recursive call met before its answer is known counts as nothing found: cached only when final.
    if (found || callees.every((c) => goesOn.has(c))) goesOn.set(body, found);
    return found;
  };
  return state.frames.some((f) => visit(f.procedure));
}

/** The outermost BEGIN TRANSACTION held by the emulator: notes the run's tables, copies none yet. */
export async function beginUndoLog(state: EmulatorState, at: Node): Promise<void> {
  // Rows buffered before BEGIN belong before it: they reach DuckDB now, ahead of any copy.
  if (!state.writes.empty) await state.writes.flush();
  logs.set(state, { where: state.place(at.span), tables: tablesOfRun(state), copies: new Map(), moves: identityMoves(state) });
}

/** Whether SQL Server's open transaction is held by the emulator (no DuckDB transaction is open). */
export function inUndoLog(state: EmulatorState): boolean {
  return logs.has(state);
}

const TARGET = /^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|MERGE\s+INTO)\s+("(?:[^"]|"")*"(?:\s*\.\s*"(?:[^"]|"")*")*)(?=[\s(]|$)/i;

/**
 * Before `sql` (any statement but a SELECT) runs inside a transaction: the first write to a table
 * since BEGIN (a transaction the emulator holds) or since a savepoint copies the rows it had then.
 */
export async function copyBeforeWrite(state: EmulatorState, sql: string): Promise<void> {
  const log = logs.get(state);
  if ((log === undefined && !hasSavepoints(state)) || /^\s*SELECT\b/i.test(sql)) return;
  const target = TARGET.exec(sql)?.[1]?.replace(/\s*\.\s*/g, '.');
  if (target === undefined) return;
  await copyForSavepoints(state, target);
  if (log === undefined || log.copies.has(target)) return;
  const columns = log.tables.get(target);
  // A table created since BEGIN (refused at the ROLLBACK) or a table variable (never rolled back).
  if (columns === undefined) return;
  const copy = `__undo_${state.tempCounter++}`;
  await state.session.run(`CREATE TEMP TABLE ${quote(copy)} AS SELECT ${columns} FROM ${target}`);
  log.copies.set(target, copy);
}

/**
 * Whether a write to `info` may wait in the write buffer inside a transaction: only once the
 * rows the table had at BEGIN (a transaction the emulator holds) and at each savepoint are copied
 * (the unbuffered statement copies them first, runtime.ts).
 */
export function bufferedWriteCopied(state: EmulatorState, info: TableInfo): boolean {
  const log = logs.get(state);
  return (log === undefined || log.copies.has(info.sqlName) || !log.tables.has(info.sqlName)) && savepointsCopied(state, info.sqlName);
}

/** The outermost COMMIT of a transaction the emulator holds: the rows stay, the copies go. */
export async function commitUndoLog(state: EmulatorState): Promise<void> {
  const log = logs.get(state);
  logs.delete(state);
  for (const copy of log?.copies.values() ?? []) await state.session.run(`DROP TABLE IF EXISTS ${quote(copy)}`);
}

/**
 * ROLLBACK of a transaction the emulator holds: every table written since BEGIN gets its rows
 * back, or the rollback is refused (at `at`) where the copies cannot reproduce SQL Server's.
 */
export async function rollbackUndoLog(state: EmulatorState, at: Node): Promise<void> {
  const log = logs.get(state);
  if (log === undefined) return;
  const refuse = (why: string): Error => state.unsupported(at, `ROLLBACK of the transaction begun at ${log.where}: ${why}`);
  await putBack(state, log, refuse);
}

/** The run ended with the transaction open: its rows go back where they can (the run fails anyway). */
export async function abandonUndoLog(state: EmulatorState): Promise<void> {
  const log = logs.get(state);
  if (log === undefined) return;
  await putBack(state, log, (why) => new LegacyError('LEGACY_UNSUPPORTED', why)).catch(() => commitUndoLog(state));
}

async function putBack(state: EmulatorState, log: UndoLog, refuse: (why: string) => Error): Promise<void> {
  if (identityMoves(state) !== log.moves) throw refuse('an identity was moved since BEGIN (TRUNCATE, DBCC CHECKIDENT or an explicit value), and whether SQL Server keeps the move is not documented');
  const now = tablesOfRun(state);
  // A #temp table created inside the transaction goes with it (SQL Server undoes the CREATE, as
  // DuckDB's own rollback does); any other table created, dropped or altered since is refused.
  const temps = new Set([...state.tables].filter(([key]) => key.startsWith('#')).map(([, info]) => info.sqlName));
  const created = [...now.keys()].filter((t) => !log.tables.has(t));
  const changed = created.filter((t) => !temps.has(t))
    .concat([...log.tables].filter(([t, columns]) => now.get(t) !== columns).map(([t]) => t));
  if (changed.length > 0) throw refuse(`${changed.join(', ')} was created, dropped or altered inside the transaction (the emulator puts back rows, not tables)`);
  // A table gone since (a called procedure's temp table) has no rows to put back.
  for (const info of writtenTables(state).filter((t) => log.tables.has(t.sqlName) && now.has(t.sqlName))) {
    if (isVersioned(state, info)) throw refuse(`the system-versioned table ${info.sqlName} was written inside it, and its history is not put back`);
    if (!log.copies.has(info.sqlName)) throw refuse(`${info.sqlName} was written inside it by a statement whose rows the emulator did not copy first`);
  }
  logs.delete(state);
  // Plain autocommit statements: the copy is the truth, and nothing else reads in between.
  for (const [table, copy] of log.copies) {
    const columns = log.tables.get(table) as string;
    await state.session.run(`DELETE FROM ${table}`);
    await state.session.run(`INSERT INTO ${table} (${columns}) SELECT ${columns} FROM ${quote(copy)}`);
    await state.session.run(`DROP TABLE IF EXISTS ${quote(copy)}`);
  }
  for (const table of created) await state.session.run(`DROP TABLE IF EXISTS ${table}`);
  noteAnyWrite(state);
}
