import { LegacyError } from '../../core';
import { procedureNameAsWritten } from './procedure-names';
import type { TsqlType } from './tsql-types';
import { caughtUnderXactAbort } from './transactions/xact-state';
import type { CreateProcedure, Declare, Execute, Expression, Statement } from '../../tsql';
import { displayObjectName, isTempName, parseScript } from '../../tsql';
import { closeCursor, declareCursor, declaresCursorVariable, fetchCursor, openCursor } from './cursors/cursors';
import { executeDelete, executeInsert, executeMerge, executeSelect, executeUpdate } from './dml';
import { checkSetOption } from './set-options';
import { dbccCheckident } from './tables/dbcc-checkident';
import { quote } from './expressions';
import { tableKey, resolveTable } from './queries';
import { assignExpression, assignText, evalCondition, evalScalar, runSql, slotOf } from './runtime';
import { SqlTranslator } from './expressions';
import { SqlScope } from './sql-scope';
import { evalFast } from './fast-paths/fastpath';
import { TsqlRuntimeError, type EmulatorState, type Flow, type Frame, type OutputParameterValue } from './state';
import { createTable, duckTableName, duckTypeAt, restartIdentityAtSeed } from './tables/tables';
import { refuseSqlcmdStrings } from './sqlcmd-strings';
import { normalizeObjectName } from '../legacy-run';
import { declaredType } from './declared-types';
import { returnFromFunction, withInterpretedCalls } from './interpret-calls';
import { endTracking, startTracking } from './reproducibility/statement-tracking';
import { taintOf } from './reproducibility/taint-report';
import { noteSequenceRows, noteStatementDraws } from './sequences';
import { sequenceGetRange } from './sequence-range';
import { appLockProcedure, getAppLock, releaseAppLock } from './app-locks';
import { refuseTemporalTruncate } from './tables/temporal-writes';
import { forgetUnstatedRows } from './tables/unstated-columns';
import { refuseWriteIntoGivenView } from './section/given-view-rows';
import { refuseRowversionCondition, startCondition } from './reproducibility/rowversion';
import { beginCondition, endCondition } from './reproducibility/control-taint';
import { GotoSignal, labelIndex, runProcedureBody } from './goto';
import { refuseUnderRowCount } from './reproducibility/row-picks';
import { noteLoopAddend } from './reproducibility/order-insensitive-runs';
import { bindTableParameter, callerTable, tableTypeOf } from './table-parameters';
import { xmlParameterText } from './xml-json/xml-parameters';
import { callsXmlMethodOnColumn, withXmlColumnDocuments } from './xml-json/xml-columns';
import { objectKey } from './catalog';
import { externalProcedureOf } from '../external-effects';
import { ensureTables, referencedTables } from './tables/table-definitions';
import { noteAnyWrite } from './tables/table-versions';
import { noteIdentityMove } from './transactions/transaction-writes';
import { dynamicSqlScriptText, markDynamicSql } from './dynamic-sql-scope';
import { refuseUnstatedDynamicReads } from './dynamic-sql-inputs';
import { nonBooleanCondition } from './dynamic-sql-conditions';
import { printedText, refuseNonUnicodeArgument, refusePartlyNullExec } from './dynamic-sql-text';
import { alterTable } from './tables/alter-table';
import { bufferedDelete, bufferedInsert } from './fast-paths/buffered-dml';
import { compiledLoop, runCompiledLoop } from './fast-paths/compiled-loops';
import { continuesAfterError, errorAfterInnerErrors, pendingAbortRefusal } from './statement-errors';
import { refuseCaughtInTrigger } from './trigger-run';
import { transaction } from './transactions/transaction-statements';
import { raiserror, throwError } from './raised-errors';

/** Runs statements in order; stops at BREAK, CONTINUE or RETURN and reports which. */
export async function executeStatements(state: EmulatorState, statements: readonly Statement[]): Promise<Flow> {
  let i = 0;
  while (i < statements.length) {
    try {
      const flow = await executeStatement(state, statements[i] as Statement);
      if (flow !== 'normal') return flow;
      i++;
    } catch (err) {
      // GOTO: this list goes on after the label when it holds it; otherwise an outer list may.
      const target = err instanceof GotoSignal ? labelIndex(statements, err.goto.label) : -1;
      if (target < 0) throw err;
      i = target + 1;
    }
  }
  return 'normal';
}

/**
 * Runs one statement. Every kind of the AST is either executed or refused with its location.
 * @@ERROR is 0 after a statement that succeeded, as in SQL Server.
 */
export async function executeStatement(state: EmulatorState, s: Statement): Promise<Flow> {
  // After an error that may have ended the batch, nothing more may run (statement-errors.ts).
  if (state.pendingAbort !== undefined) throw pendingAbortRefusal(state);
  if (s.kind !== 'Block') { state.atStatement(s.span); state.counters.statements++; }
  // RAND()/NEWID() tracking around the interpreted function calls around executeOne, without a
  // closure and an async layer per wrapper for each statement run (a loop runs hundreds of thousands).
  const mark = startTracking(state);
  const writes = state.dmlWrites;
  const errors = state.clientErrors.length;
  let flow: Flow;
  try {
    noteStatementDraws(state, s);
    const one = callsXmlMethodOnColumn(s) ? (): Promise<Flow> => withXmlColumnDocuments(state, s, () => executeOne(state, s)) : undefined;
    flow = state.catalog.functions.size === 0 ? await (one?.() ?? executeOne(state, s)) : await withInterpretedCalls(state, s, executeStatements, one ?? (() => executeOne(state, s)));
    noteSequenceRows(state, s, state.rowCount);
  } catch (err) {
    // An error outside TRY: SQL Server often ends only this statement and goes on.
    if (!continuesAfterError(state, s, err, writes)) throw err;
    return 'normal';
  } finally {
    endTracking(state, s, mark);
  }
  state.errorNumber = state.clientErrors.length === errors ? 0 : errorAfterInnerErrors(state, s);
  return flow;
}

async function executeOne(state: EmulatorState, s: Statement): Promise<Flow> {
  // Declared namespaces change which nodes the statement's paths and FOR XML names mean: refused
  // rather than read as if the names had none.
  if ('xmlNamespaces' in s && s.xmlNamespaces !== undefined) throw state.unsupported({ span: s.xmlNamespaces }, 'WITH XMLNAMESPACES (the emulator does not read XML namespaces)');
  switch (s.kind) {
    case 'Block': return executeStatements(state, s.statements);
    case 'If': {
      // The IF is a statement: @@ERROR is 0 inside it (`IF @@ERROR <> 0 PRINT @@ERROR` prints 0).
      startCondition(state);
      const mark = beginCondition(state);
      const holds = await evalCondition(state, s.condition);
      refuseRowversionCondition(state, s.condition);
      endCondition(state, s, mark);
      state.errorNumber = 0;
      if (holds) return executeStatement(state, s.then);
      return s.else === undefined ? 'normal' : executeStatement(state, s.else);
    }
    case 'While': {
      // Compiled once and run with a program counter (compiled-loops.ts); functions the
      // interpreter precomputes per statement (interpret-calls.ts) keep the statement-wise path.
      const compiled = state.compileLoops && state.catalog.functions.size === 0 ? compiledLoop(s) : undefined;
      if (compiled !== undefined) return runCompiledLoop(state, compiled, executeStatement);
      for (let guard = 0; ; guard++) {
        if (guard > 10_000_000) throw state.unsupported(s, 'a WHILE loop that ran more than 10 million times');
        startCondition(state);
        const mark = beginCondition(state);
        const holds = await evalCondition(state, s.condition);
        refuseRowversionCondition(state, s.condition);
        endCondition(state, s, mark);
        if (!holds) return 'normal';
        state.errorNumber = 0;
        const flow = await executeStatement(state, s.body);
        if (flow === 'break') return 'normal';
        if (flow === 'return') return 'return';
      }
    }
    case 'Break': return 'break';
    case 'Continue': return 'continue';
    case 'Return': {
      if (state.frame.procedure.kind === 'CreateFunction') return returnFromFunction(state, state.frame.procedure, s);
      if (s.expression !== undefined) {
        // `RETURN 0` / `RETURN @rc` end every call of an EXECed procedure: an int in JavaScript.
        const fast = state.fastPath ? evalFast(state, s.expression) : undefined;
        const value = fast !== undefined && (fast.kind === 'int' || fast.kind === 'null') ? fast.value : (await evalScalar(state, s.expression)).value;
        state.returnValue = value === null ? 0 : Math.trunc(Number(value));
      } else {
        state.returnValue = 0;
      }
      return 'return';
    }
    case 'TryCatch': return executeTryCatch(state, s);
    case 'Declare': return declare(state, s);
    case 'SetVariable': {
      if (s.cursor !== undefined) { declareCursor(state, { ...s.cursor, name: s.variable.name }); return 'normal'; }
      if (s.value === undefined) throw state.unsupported(s, 'SET without a value');
      await assignExpression(state, s.variable, s.value, s.operator);
      noteLoopAddend(state, s);
      state.rowCount = 1; // a simple assignment sets @@ROWCOUNT to 1
      return 'normal';
    }
    case 'SetOption': checkSetOption(state, s); state.rowCount = 0; return 'normal';
    case 'Select': refuseUnderRowCount(state, s); await executeSelect(state, s); return 'normal';
    case 'Insert': refuseUnderRowCount(state, s); if (!(await bufferedInsert(state, s))) await executeInsert(state, s, execForRows); return 'normal';
    case 'Update': await executeUpdate(state, s); return 'normal';
    case 'Delete': if (!(await bufferedDelete(state, s))) await executeDelete(state, s); return 'normal';
    case 'Merge': refuseUnderRowCount(state, s); await executeMerge(state, s); return 'normal';
    case 'Truncate': {
      const t = new SqlTranslator(state);
      const info = resolveTable(t, s.target.name.parts.map((p) => p.name).join('.'));
      refuseTemporalTruncate(state, s, info);
      refuseWriteIntoGivenView(state, s.target, info);
      state.written.add(info);
      await runSql(state, `DELETE FROM ${info.sqlName}`, [], s.span);
      forgetUnstatedRows(state, info);
      await restartIdentityAtSeed(state, info);
      // Inside a transaction, a ROLLBACK would undo the reset in DuckDB, while what SQL Server's
      // counter is then is not documented: the table's next identity is refused only after such
      // a rollback (transaction-writes.ts), as for DBCC CHECKIDENT; a COMMIT keeps the reset.
      if (info.identity !== undefined) noteIdentityMove(state, info.sqlName, state.place(s.span));
      state.rowCount = 0;
      return 'normal';
    }
    case 'Transaction': return transaction(state, s);
    case 'Print': {
      const { value, fragment } = await evalScalar(state, s.expression);
      state.messages.push(printedText(value, fragment.tsqlType?.name));
      state.rowCount = 0;
      return 'normal';
    }
    case 'Raiserror': await raiserror(state, s); state.rowCount = 0; return 'normal';
    case 'Throw': return throwError(state, s);
    case 'DeclareCursor': declareCursor(state, s); return 'normal';
    case 'OpenCursor': await openCursor(state, s); return 'normal';
    case 'Fetch': await fetchCursor(state, s); return 'normal';
    case 'CloseCursor': case 'DeallocateCursor': closeCursor(state, s); state.rowCount = 0; return 'normal';
    case 'Execute': await execute(state, s); return 'normal';
    case 'CreateTable': {
      const parts = s.name.parts.map((p) => p.name);
      const written = parts.join('.');
      const temp = s.temp || isTempName(written);
      const key = tableKey(written, state.frames.length);
      // A procedure may create a #temp table named like one its caller created: SQL Server makes a
      // second table, and which of the two a statement then reads is not defined (CREATE TABLE,
      // "Temporary tables"). Never 2714 there, which TRY would catch.
      if (temp && state.tables.has(key) && state.frames.slice(0, -1).some((f) => f.tempTables.includes(key))) throw state.unsupported(s, `CREATE TABLE ${written} in a procedure whose caller created a ${written} (SQL Server creates a second table; which one each statement reads is not defined)`);
      if (state.tables.has(key)) throw new TsqlRuntimeError({ number: 2714, message: `There is already an object named '${written}' in the database.`, severity: 16, state: 6, line: state.tsqlLine(s.span), procedure: state.procedureName }, { location: state.locate(s.span) });
      await createTable(state, key, duckTableName(parts), s.definition, temp);
      if (temp) state.frame.tempTables.push(key);
      return 'normal';
    }
    case 'Drop': {
      if (s.objectType.toUpperCase() !== 'TABLE') throw state.unsupported(s, `DROP ${s.objectType}`);
      for (const n of s.names) {
        const written = n.parts.map((p) => p.name).join('.');
        const key = tableKey(written, state.frames.length);
        const info = state.tables.get(key);
        if (info === undefined) {
          if (s.ifExists) continue;
          throw new TsqlRuntimeError({ number: 3701, message: `Cannot drop the table '${written}', because it does not exist or you do not have permission.`, severity: 11, state: 5, line: state.tsqlLine(s.span), procedure: state.procedureName }, { location: state.locate(s.span) });
        }
        await runSql(state, `DROP TABLE ${info.sqlName}`, [], s.span);
        state.tables.delete(key);
      }
      return 'normal';
    }
    case 'CreateIndex': return 'normal';
    case 'AlterTable': await alterTable(state, s); state.rowCount = 0; return 'normal';
    case 'Unparsed': throw state.unsupported(s, `a statement the parser could not read (${s.reason})`);
    case 'Goto': throw new GotoSignal(s);
    case 'Label': return 'normal';
    case 'OpaqueStatement':
      if (/^DBCC\s+CHECKIDENT\b/i.test(s.text.trim())) { await dbccCheckident(state, s); return 'normal'; }
      throw state.unsupported(s, `the statement ${s.command}`);
    default: throw state.unsupported(s, `the statement ${s.kind}`);
  }
}

async function executeTryCatch(state: EmulatorState, s: Extract<Statement, { kind: 'TryCatch' }>): Promise<Flow> {
  let err: TsqlRuntimeError;
  // Every error inside the TRY block, in this frame or a procedure it calls, goes to the CATCH
  // block; outside it, the CATCH block's own errors follow statement-errors.ts.
  state.tryDepth++;
  try {
    return await executeStatements(state, s.tryStatements);
  } catch (thrown) {
    if (!(thrown instanceof TsqlRuntimeError)) throw thrown;
    err = thrown;
  } finally {
    state.tryDepth--;
  }
  refuseCaughtInTrigger(state, err);
  await caughtUnderXactAbort(state, err);
  state.caught.push(err.error);
  state.errorNumber = err.error.number;
  try {
    return await executeStatements(state, s.catchStatements);
  } finally {
    state.caught.pop();
  }
}

async function declare(state: EmulatorState, d: Declare): Promise<Flow> {
  for (const decl of d.declarations) {
    if (declaresCursorVariable(decl)) continue; // its cursor comes with `SET @c = CURSOR …`
    // `DECLARE @t dbo.SomeTableType` declares a table variable of the type's columns.
    const typed = decl.kind === 'VariableDeclaration' ? state.catalog.types.get(objectKey(decl.dataType.name.parts))?.definition.definition : undefined;
    if (decl.kind === 'TableVariableDeclaration' || typed !== undefined) {
      const key = tableKey(decl.variable.name, state.frames.length);
      const sqlName = quote(`${decl.variable.name}#${state.frames.length}`);
      const definition = decl.kind === 'TableVariableDeclaration' ? decl.definition : typed as NonNullable<typeof typed>;
      await createTable(state, key, sqlName, definition, true);
      state.frame.tempTables.push(key);
      continue;
    }
    const type = declaredType(state, decl.dataType);
    // DECLARE is not an executable reset: inside a loop, a DECLARE without a value keeps the
    // variable's current value in SQL Server (the declaration is scoped to the batch).
    const existing = state.frame.variables.get(decl.variable.name.toLowerCase());
    if (existing === undefined) state.frame.variables.set(decl.variable.name.toLowerCase(), { type, duckType: duckTypeAt(state, decl.dataType, type, decl.variable.name), value: null });
    if (decl.initialValue !== undefined) await assignExpression(state, decl.variable, decl.initialValue);
  }
  return 'normal';
}

/** System procedures often called without `sys.` (msdb's and the database engine's). */
const SYSTEM_PROCEDURES = /^(?:[^.]+\.)*sp_(?:sequence_get_range|rename|getapplock|releaseapplock|send_dbmail|start_job|addmessage|set_session_context|describe_first_result_set|lock|who2?|refreshview|recompile|updatestats|spaceused|helptext)$/i;

/** EXEC of a loaded procedure; dynamic SQL is refused (never executed blindly). */
async function execute(state: EmulatorState, e: Execute): Promise<void> {
  if (e.dynamic.length > 0) {
    if (!state.allowDynamicSql) throw dynamicSqlError(state, e, 'EXEC (@sql)');
    const values: (string | null)[] = [];
    for (const part of e.dynamic) values.push((await evalScalar(state, part)).value);
    refusePartlyNullExec(state, e, values);
    if (values.includes(null)) return; // EXEC (NULL) runs nothing, as in SQL Server
    await runDynamicSql(state, e, values.join(''), '', []);
    return;
  }
  if (e.procedure === undefined || e.procedure.kind === 'Variable') throw state.unsupported(e, 'EXEC of a procedure named by a variable');
  const name = normalizeObjectName(e.procedure.parts.map((p) => p.name).join('.'));
  if (name === 'dbo.sp_executesql' || name === 'sys.sp_executesql') {
    if (!state.allowDynamicSql) throw dynamicSqlError(state, e, 'sp_executesql');
    const [sqlArg, declArg, ...rest] = e.args;
    if (sqlArg?.value === undefined) throw state.unsupported(e, 'sp_executesql without a statement');
    const statement = await evalScalar(state, sqlArg.value);
    refuseNonUnicodeArgument(state, e, sqlArg.value, statement.fragment, '@statement');
    const text = statement.value;
    if (text === null) return;
    const params = declArg?.value === undefined ? undefined : await evalScalar(state, declArg.value);
    if (declArg?.value !== undefined && params !== undefined) refuseNonUnicodeArgument(state, e, declArg.value, params.fragment, '@params');
    const decl = params?.value ?? '';
    const rc = await runDynamicSql(state, e, text, decl, rest);
    if (e.returnVariable !== undefined) slotOf(state, e.returnVariable).value = String(rc);
    return;
  }
  if (!state.procedures.has(name) && /^(?:sys|dbo)\.sp_sequence_get_range$/.test(name)) { await sequenceGetRange(state, e); return; }
  const appLock = state.procedures.has(name) ? undefined : appLockProcedure(name);
  if (appLock !== undefined) { await (appLock === 'get' ? getAppLock(state, e) : releaseAppLock(state, e)); return; }
  // A system procedure (sp_rename, sp_lock…) no script defines: not emulated.
  // (`msdb.dbo.sp_send_dbmail`, `master.sys.sp_x`: the key keeps another database's name)
  if (!state.procedures.has(name) && (name.split('.').at(-2) === 'sys' || SYSTEM_PROCEDURES.test(name))) {
    const external = externalProcedureOf(e);
    // Mail, jobs, shell commands: never a hint to run the procedure on SQL Server, where it would act for real.
    if (external !== undefined) {
      throw new LegacyError('LEGACY_UNSUPPORTED', `the emulator does not run ${external.name}, which ${external.effect} (an effect outside the database, which no baseline holds)`, {
        location: state.locate(e.span),
        hint: 'move the call into a housekeeping section, or capture a copy of the procedure without it; on SQL Server, capture only where it cannot reach anyone (--allow-external-effects)',
      });
    }
    throw state.unsupported(e, `the system procedure ${e.procedure.parts.map((p) => p.name).join('.')}`);
  }
  const rc = await callProcedure(state, name, e);
  if (e.returnVariable !== undefined) slotOf(state, e.returnVariable).value = String(rc);
}

/**
 * Runs dynamic SQL (only with --allow-dynamic-sql): the text is parsed as the body of a
 * one-off procedure whose parameters are sp_executesql's declaration, so it gets its own
 * scope (its #temp tables end with it) exactly as SQL Server's dynamic SQL does.
 */
async function runDynamicSql(state: EmulatorState, e: Execute, text: string, declaration: string, args: Execute['args']): Promise<number> {
  const n = state.tempCounter++;
  const where = state.frames.length > 0 ? `${state.frame.script.file}:${e.span.start.line}` : 'dynamic SQL';
  const script = parseScript(dynamicSqlScriptText(`dbo.__dynamic_sql_${n}`, declaration, text), { file: `<dynamic SQL from ${where}>` });
  const problem = script.diagnostics.find((d) => d.severity === 'error');
  const proc = script.batches[0]?.statements[0];
  if (problem !== undefined || proc === undefined || proc.kind !== 'CreateProcedure') {
    throw new LegacyError('LEGACY_DYNAMIC_SQL', `cannot read the dynamic SQL built at run time: ${problem?.message ?? 'not a statement list'}`, {
      location: state.locate(e.span), hint: `the text was: ${text.slice(0, 200)}`,
    });
  }
  const value = nonBooleanCondition(proc);
  if (value !== undefined) {
    const scriptText = dynamicSqlScriptText(`dbo.__dynamic_sql_${n}`, declaration, text);
    throw new LegacyError('LEGACY_DYNAMIC_SQL', `the dynamic SQL built at run time has a value where a condition is expected (\`${scriptText.slice(value.span.start.offset, value.span.end.offset)}\` at its line ${value.span.start.line}): SQL Server refuses to compile such a text (error 4145) and runs none of it`, {
      location: state.locate(e.span), hint: `check the text the procedure builds (a filter or condition read from a table or parameter); the text was: ${text.slice(0, 200)}`,
    });
  }
  const name = `dbo.__dynamic_sql_${n}`;
  markDynamicSql(proc);
  refuseUnstatedDynamicReads(state, e, proc.body, text);
  (state.procedures as Map<string, { procedure: typeof proc; script: typeof script }>).set(name, { procedure: proc, script });
  await ensureTables(state, referencedTables(state.procedures, name));
  return callProcedure(state, name, { ...e, args });
}

function dynamicSqlError(state: EmulatorState, e: Execute, what: string): LegacyError {
  return new LegacyError('LEGACY_DYNAMIC_SQL', `the emulator does not run dynamic SQL (${what}): its text is only known at run time`, {
    location: state.locate(e.span),
    hint: 'capture this procedure from SQL Server with MIGRATE_MSSQL_URL, or allow it explicitly with --allow-dynamic-sql after reading what it builds',
  });
}

/**
 * Calls a procedure from the loaded set in a new frame: parameters by position or by name,
 * defaults, OUTPUT parameters copied back. Temp tables the callee creates are dropped when it
 * returns, as in SQL Server. Returns the return code.
 */
export async function callProcedure(state: EmulatorState, name: string, e: Execute | undefined, params: Readonly<Record<string, unknown>> = {}): Promise<number> {
  const loaded = state.procedures.get(name);
  if (loaded === undefined) {
    // `sp_…` names SQL Server's own procedures first (sp_xml_preparedocument): the hint names both readings.
    const system = /^(?:(?:dbo|sys)\.)?sp_\w+$/i.test(name);
    throw new LegacyError('LEGACY_UNKNOWN_PROCEDURE', `the procedure ${procedureNameAsWritten(state.procedures, name, e?.procedure?.kind === 'ObjectName' ? e.procedure.parts.map((p) => p.name) : undefined)} is not in the loaded procedures${system ? ' (if it is SQL Server\'s system procedure of that name, the emulator does not run it)' : ''}`, {
      location: e === undefined ? undefined : state.locate(e.span),
      hint: system ? 'a system procedure: capture from SQL Server with MIGRATE_MSSQL_URL (--engine mssql); the database\'s own: pass the folder that holds its CREATE PROCEDURE script with --procedures' : 'pass the folder that holds its CREATE PROCEDURE script with --procedures',
    });
  }
  const proc = loaded.procedure;
  const frame: Frame = { procedure: proc, script: loaded.script, variables: new Map(), cursors: new Map(), tempTables: [] };
  // Argument values are evaluated in the caller's frame, then the callee's frame is pushed.
  const values = new Map<string, { text: string | null; fromDuck: string; family: string; tsqlType?: TsqlType } | 'default'>();
  const outputs: { param: string; variable: NonNullable<Execute['args'][number]['value']> }[] = [];
  const tableArgs = new Map<string, Parameters<typeof bindTableParameter>[4]['table']>();
  if (e !== undefined) {
    let position = 0;
    for (const arg of e.args) {
      const param = arg.name !== undefined ? proc.parameters.find((p) => p.name.toLowerCase() === arg.name?.toLowerCase()) : proc.parameters[position];
      position++;
      if (param === undefined) throw state.unsupported(arg, `an argument ${arg.name ?? `#${position}`} that ${procedureNameAsWritten(state.procedures, name)} does not declare`);
      if (arg.default || arg.value === undefined) { values.set(param.name.toLowerCase(), 'default'); continue; }
      if (arg.value.kind === 'Variable' && tableTypeOf(state, param) !== undefined) {
        const table = callerTable(state, arg.value.name);
        if (table === undefined) throw state.unsupported(arg, `the table-valued parameter ${param.name} given something other than a table variable`);
        tableArgs.set(param.name.toLowerCase(), table);
        continue;
      }
      const { value, fragment } = arg.value.kind === 'Variable' ? variableArgument(state, arg.value) : await evalScalar(state, arg.value);
      values.set(param.name.toLowerCase(), { text: value, fromDuck: fragment.duckType ?? '', family: fragment.family, tsqlType: fragment.tsqlType });
      if (arg.output && arg.value.kind === 'Variable') outputs.push({ param: param.name.toLowerCase(), variable: arg.value });
    }
  } else {
    for (const [k, v] of Object.entries(params)) {
      const key = (k.startsWith('@') ? k : `@${k}`).toLowerCase();
      if (!proc.parameters.some((p) => p.name.toLowerCase() === key)) {
        // Named as the CREATE and the command line write them (`name` and `key` are lookup keys).
        throw new LegacyError('LEGACY_PARAM', `${displayObjectName(proc.name.parts.map((p) => p.name))} has no parameter ${k.startsWith('@') ? k : `@${k}`}`, { hint: `its parameters: ${proc.parameters.map((p) => p.name).join(', ') || '(none)'}` });
      }
      values.set(key, { text: v === null || v === undefined ? null : xmlParameterText(state, proc.parameters.find((p) => p.name.toLowerCase() === key), String(v)), fromDuck: '', family: 'string' });
    }
  }
  state.frames.push(frame);
  const entryTranCount = state.tranCount;
  const savedReturn = state.returnValue;
  // SCOPE_IDENTITY() belongs to a scope: the caller's value comes back when the callee returns.
  const savedIdentity = state.lastIdentity;
  const savedIdentityUnknown = state.identityUnknownWhy;
  // SET IDENTITY_INSERT, like every SET option, reverts when the procedure that set it returns.
  const savedIdentityInsert = state.identityInsert;
  // SET options a procedure (or a dynamic SQL batch) changes revert when it returns, as in SQL
  // Server: DATEFORMAT, DATEFIRST (a callee's SET DATEFIRST 1 must not renumber the caller's
  // weekdays), ROWCOUNT. A callee still starts with the caller's values.
  const [savedLanguage, savedDateFormat] = [state.language, state.dateFormat];
  const savedDateFirst = state.dateFirst;
  const savedRowCountLimit = state.rowCountLimit;
  // SQL Server restores a SET option a procedure changed when it returns.
  const savedXactAbort = state.xactAbort;
  let rc: number;
  try {
    refuseSqlcmdStrings(state, proc);
    for (const p of proc.parameters) {
      const tableType = tableTypeOf(state, p);
      if (tableType !== undefined) {
        const v = values.get(p.name.toLowerCase());
        await bindTableParameter(state, frame, p, tableType, { table: tableArgs.get(p.name.toLowerCase()), file: v !== undefined && v !== 'default' ? v.text ?? undefined : undefined });
        continue;
      }
      const type = declaredType(state, p.dataType);
      frame.variables.set(p.name.toLowerCase(), { type, duckType: duckTypeAt(state, p.dataType, type, p.name), value: null });
      const v = values.get(p.name.toLowerCase());
      const variable = { kind: 'Variable' as const, name: p.name, span: p.span };
      if (v === undefined || v === 'default') {
        if (p.default !== undefined) await assignExpression(state, variable, p.default);
        else if (v === undefined && !p.output) {
          throw new TsqlRuntimeError({ number: 201, message: `Procedure or function '${proc.name.parts.map((x) => x.name).pop()}' expects parameter '${p.name}', which was not supplied.`, severity: 16, state: 4, line: 0, procedure: name }, { location: state.locate(p.span) });
        }
      } else if (e === undefined) {
        // a value given on the command line (--param) that does not convert to the parameter's type
        // is a mistake of the call, not an outcome of the procedure to keep as its baseline
        try {
          await assignText(state, variable, v.text, v.family as never, v.fromDuck, p.span, v.tsqlType);
        } catch (err) {
          if (!(err instanceof TsqlRuntimeError)) throw err;
          const written = p.dataType.name.parts.map((x) => x.name).join('.');
          throw new LegacyError('LEGACY_PARAM', `the value '${v.text ?? 'NULL'}' given for ${p.name} does not convert to its type ${written}${p.dataType.args.length > 0 ? `(${p.dataType.args.join(',')})` : ''}: ${err.error.message}`, { hint: `correct --param ${p.name}=… (a date as yyyy-mm-dd, a number without thousands separators)` });
        }
      } else {
        await assignText(state, variable, v.text, v.family as never, v.fromDuck, p.span, v.tsqlType);
      }
    }
    state.returnValue = null;
    await runProcedureBody(state, () => executeStatements(state, proc.body));
    rc = state.returnValue ?? 0;
    // The outermost call's OUTPUT parameters are outputs of the capture, as its return code is.
    if (e === undefined && state.frames.length === 1) state.outputParameters = outputParameterValues(state, proc.parameters, frame);
  } catch (err) {
    // An error leaving the callee meets its own XACT_ABORT, which the finally below restores.
    if (err instanceof TsqlRuntimeError) await caughtUnderXactAbort(state, err);
    throw err;
  } finally {
    // The callee's temp tables go with it: their buffered rows are never needed.
    for (const key of frame.tempTables) {
      const info = state.tables.get(key);
      if (info !== undefined) state.writes.discard(info);
    }
    // The outermost call leaves every write in DuckDB, where callers read the outputs.
    if (state.frames.length === 1) await state.writes.flush();
    state.returnValue = savedReturn;
    state.lastIdentity = savedIdentity;
    state.identityUnknownWhy = savedIdentityUnknown;
    state.identityInsert = savedIdentityInsert;
    [state.language, state.dateFormat] = [savedLanguage, savedDateFormat];
    state.dateFirst = savedDateFirst;
    state.rowCountLimit = savedRowCountLimit;
    state.xactAbort = savedXactAbort;
    if (frame.tempTables.length > 0) noteAnyWrite(state);
    for (const key of frame.tempTables) {
      const info = state.tables.get(key);
      if (info !== undefined) {
        try { await state.session.run(`DROP TABLE IF EXISTS ${info.sqlName}`); } catch { /* already gone with a rolled-back transaction */ }
        state.tables.delete(key);
      }
    }
    state.frames.pop();
  }
  for (const o of outputs) {
    const slot = frame.variables.get(o.param);
    if (slot !== undefined && o.variable.kind === 'Variable') await assignText(state, o.variable, slot.value, 'unknown', slot.duckType, o.variable.span);
  }
  // A procedure that returns with another @@TRANCOUNT than it was called with (a ROLLBACK of the
  // caller's transaction, a BEGIN without COMMIT) raises 266 in the caller, `Line 0` of the callee.
  if (e !== undefined && state.tranCount !== entryTranCount && state.pendingAbort === undefined) {
    throw new TsqlRuntimeError({
      number: 266,
      message: `Transaction count after EXECUTE indicates a mismatching number of BEGIN and COMMIT statements. Previous count = ${entryTranCount}, current count = ${state.tranCount}.`,
      severity: 16, state: 2, line: 0, procedure: proc.name.parts[proc.name.parts.length - 1]?.name ?? '',
    }, { location: state.locate(e.span) });
  }
  return rc;
}

/**
 * An argument that is a variable (`@Day = @d`, `@n OUTPUT`): its slot's text with the fragment
 * the translator gives it, as evalScalar would return them without the DuckDB round trip
 * (`CAST(CAST(text AS type) AS VARCHAR)` gives the slot's text back: the slot holds what that
 * cast produced). The translator still notes the read (RAND()/NEWID() taint).
 */
function variableArgument(state: EmulatorState, v: Extract<Expression, { kind: 'Variable' }>): { value: string | null; fragment: ReturnType<SqlTranslator['expr']> } {
  const fragment = new SqlTranslator(state).expr(v, new SqlScope());
  return { value: fragment.constant?.value ?? null, fragment };
}

/** The OUTPUT parameters (table-valued ones aside) with their values in `frame`, in declared order. */
function outputParameterValues(state: EmulatorState, parameters: CreateProcedure['parameters'], frame: Frame): OutputParameterValue[] {
  const taint = taintOf(state);
  return parameters.flatMap((p) => {
    const slot = p.output ? frame.variables.get(p.name.toLowerCase()) : undefined;
    return slot === undefined ? [] : [{ name: p.name, duckType: slot.duckType, value: slot.value, nonReproducible: taint.variable(p.name.toLowerCase()) }];
  });
}

/** INSERT … EXEC: runs the procedure and takes the rows of the result sets it returned. */
async function execForRows(state: EmulatorState, e: Execute): Promise<{ columns: string[]; rows: Record<string, unknown>[]; sets: readonly object[] }> {
  const before = state.resultSets.length;
  await execute(state, e);
  const produced = state.resultSets.splice(before);
  const columns = produced[0]?.columns.slice() ?? [];
  return { columns, rows: produced.flatMap((r) => r.rows.map((x) => ({ ...x }))), sets: produced };
}
