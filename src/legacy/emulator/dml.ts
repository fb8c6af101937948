import type { Delete, Expression, Insert, Merge, Select, TableSource, TableTarget, Update } from '../../tsql';
import { noteCollatedCopies } from './collated-copies';
import { selectIntoQuery } from '../../tsql';
import type { TsqlType } from './tsql-types';
import { readableTableName } from '../baseline-names';
import { quote, SqlTranslator } from './expressions';
import { insertExecRows, noteResultSetTypes } from './insert-exec';
import { columnTypesOf, resolveTable, translateSource } from './queries';
import { assignText, assignTextNow, changedRows, coerceToColumn, runSql, slotOf } from './runtime';
import { TsqlRuntimeError, type EmulatorState, type TableInfo } from './state';
import { familyOfDuckType, SqlScope } from './sql-scope';
import { writableColumns } from './tables/computed-columns';
import { cteTarget, dmlThroughCte, onePerTarget } from './cte-dml';
import { defineCtes } from './ctes';
import { atCurrentRow } from './cursors/cursor-current-row';
import { noteTaintedRead } from './reproducibility/taint-reads';
import { noteUnorderedIdentity } from './reproducibility/taint-sources';
import { markNumberedIdentityColumns } from './reproducibility/taint-reads';
import { isFollowedOutput } from './reproducibility/composable-output-taint';
import { noteWrite } from './reproducibility/statement-tracking';
import { refuseWriteIntoGivenView } from './section/given-view-rows';
import { selectAssign } from './select-assignment';
import { rowPick } from './reproducibility/row-picks';
import { explicitIdentity, explicitIdentityReturning, noteExplicitIdentity, refuseMergedIdentity } from './tables/identity-insert';
import { noteTransactionWrite, refuseRolledBackRows } from './transactions/transaction-writes';
import { firedTriggers, refuseTriggeredWrite, refuseViewTrigger, type FiredTrigger, type TriggerEvent } from './triggers';
import { objectKey } from './catalog';
import { isTriggerPseudoTable, mergeTrigger, mergeTriggerPairing, refuseTriggeredForm, runTrigger, runTriggers, type TriggerImages } from './trigger-run';
import { noteDefaultDraw, noteInsertedSequenceColumn } from './sequences';
import { periodInsert, refusePeriodAssignment, refusePeriodOutput, refuseVersionedWrite, temporalDelete, temporalMergeBefore, temporalMergeHistory, temporalTarget, temporalUpdate, visibleColumns, type TemporalTable } from './tables/temporal-writes';
import { noteRandomDefaultDraw } from './reproducibility/random-defaults';
import { noteRowversionWrite, outputShowsRowversion, refuseRowversionAssignment, refuseRowversionInsert, rowversionSet } from './reproducibility/rowversion';
import { storedQuery } from './reproducibility/window-ties';
import { prepareVariableAssignment, splitUpdateAssignments, variableValueSql } from './update-variables';
import { changedTableName, emitOutput, insertedFromReturning, mergedFromReturning, mergeOutputPairing, mergePreImage, outputIntoInserts, outputMayCarryIdentity, returningText } from './output-clause';
import { dropMergeSourcePlan, pairMergeSourceRows, planMergeSourceOutput } from './merge-source-output';
import { bySourceUpdateClause, dropMergeChangePlan, mergeChangesByKey, planMergeChanges, refuseUnkeyedChanges, type MergeChangePlan } from './merge-changes-by-key';
import { composableSource, runComposableInsert } from './composable-dml';
import { FOR_JSON_RESULT_SET, isForJson } from './xml-json/for-json-path';
import { resultSetSelect } from './dates/offset-values';
import { selectInto } from './select-into';
import { bySourceInserts, noteIdentityDrawn, noteMergedIdentity, sequenceLastValue } from './tables/identity-drawn';
import { columnConversions, columnOverflow, updateOverflowCheck } from './column-overflow';
import type { AssignedConversion } from './assignment-overflow';

/** Statements that run another procedure (INSERT … EXEC); provided by the interpreter. */
export type ExecForRows = (state: EmulatorState, exec: Extract<Insert['source'], { kind: 'Execute' }>) => Promise<{ columns: string[]; rows: Record<string, unknown>[]; sets?: readonly object[] }>;

/** A top-level SELECT: variable assignment, SELECT … INTO, or a result set. */
export async function executeSelect(state: EmulatorState, select: Select): Promise<void> {
  const into = selectIntoQuery(select.body);
  if (into !== undefined) return selectInto(state, select, into);
  const spec = select.body.kind === 'QuerySpec' ? select.body : undefined;
  if (spec !== undefined && spec.items.some((i) => i.kind === 'SelectAssignment')) return selectAssign(state, select, spec);
  if (isForJson(select.forClause)) throw state.unsupported(select, FOR_JSON_RESULT_SET);
  const t = new SqlTranslator(state);
  const q = t.query(select, undefined);
  // Kept as a DuckDB table too, so a capture can export it with exact types.
  const table = quote(`__result_set_${state.resultSets.length + 1}_${state.tempCounter++}`);
  const names = q.columns.map((c, i) => quote(uniqueName(q.columns.map((x) => x.name), c.name, i)));
  await runSql(state, `CREATE OR REPLACE TEMP TABLE ${table} AS ${resultSetSelect(names, q.columns)} FROM (${q.sql}) AS __rs(${names.join(', ')})`, t.params, select.span);
  const rows = await state.session.all(`SELECT * FROM ${table}`);
  const entry = { kind: 'result-set' as const, columns: names.map((n) => n.slice(1, -1).replace(/""/g, '"')), rows, table };
  noteResultSetTypes(entry, q.columns);
  state.resultSets.push(entry);
  state.rowCount = rows.length;
}

/**
 * The table a DML statement writes, and the alias it goes by in the statement; notes the write
 * (outputs, RAND() tainting) and refuses writes SQL Server would do differently (after an error
 * inside a transaction, into a system-versioned table).
 */
export function targetOf(state: EmulatorState, t: SqlTranslator, target: TableTarget, from: readonly TableSource[], events: readonly TriggerEvent[]): { info: TableInfo; alias: string | undefined; temporal: TemporalTable | undefined; fired: FiredTrigger[] } {
  if (target.kind === 'TableRef') refuseViewTrigger(state, target, objectKey(target.name.parts), events, targetName(target));
  const found = findTarget(state, t, target, from);
  noteTargetWrite(state, target, found.info, events, true, true);
  // The AFTER triggers the statement fires (trigger-run.ts runs them once it has changed its rows).
  const fired = firedTriggers(state, target, found.info, events, targetName(target));
  return { ...found, temporal: temporalTarget(state, target, found.info), fired };
}

function targetName(target: TableTarget): string {
  return target.kind === 'TableVariableRef' ? target.variable.name : target.kind === 'TableRef' ? target.name.parts.map((p) => p.name).join('.') : 'the table';
}

/**
 * The bookkeeping of a write into `info` (targetOf's, for a target already resolved): refuses
 * what SQL Server would do differently, notes the table as written (outputs, RAND() tainting).
 */
export function noteTargetWrite(state: EmulatorState, target: TableTarget, info: TableInfo, events: readonly TriggerEvent[], temporalHandled = false, triggersRun = false): void {
  // After an error inside a transaction the emulator has already rolled it back; SQL Server
  // would roll these writes back with the transaction's ROLLBACK, so they cannot be reproduced.
  if (state.doomed && state.tranCount > 0) throw state.unsupported(target, 'writing inside a transaction after an error, before its ROLLBACK');
  const name = targetName(target);
  // SQL Server's error 286 ("The logical tables INSERTED and DELETED cannot be updated") is a compile error of the trigger.
  if (isTriggerPseudoTable(info)) throw state.unsupported(target, `writing ${name}, the trigger's ${name.toLowerCase()} table (SQL Server does not create such a trigger: error 286)`);
  refuseRolledBackRows(state, target, info, name);
  if (!triggersRun) refuseTriggeredWrite(state, target, info, events, name);
  noteTransactionWrite(state, info);
  noteDefaultDraw(state, target, info, events);
  // SQL Server writes the history rows of a system-versioned table itself: only the statements of temporal-writes.ts do too.
  refuseVersionedWrite(state, target, info, temporalHandled);
  refuseWriteIntoGivenView(state, target, info);
  state.written.add(info);
  noteWrite(state, info, target);
}

function findTarget(state: EmulatorState, t: SqlTranslator, target: TableTarget, from: readonly TableSource[]): { info: TableInfo; alias: string | undefined } {
  if (target.kind === 'TableFunctionRef') throw state.unsupported(target, 'writing through a table function');
  if (target.kind === 'TableVariableRef') {
    const alias = aliasInFrom(from, target.variable.name);
    return { info: resolveTable(t, target.variable.name), alias };
  }
  const parts = target.name.parts.map((p) => p.name);
  if (parts.length === 1) {
    // `UPDATE t … FROM dbo.Table t`: the target names an alias of the FROM clause.
    const src = findSource(from, parts[0] ?? '');
    if (src !== undefined) {
      const written = src.kind === 'TableRef' ? src.name.parts.map((p) => p.name).join('.') : src.variable.name;
      return { info: resolveTable(t, written), alias: src.alias?.name ?? parts[0] };
    }
  }
  const written = parts.join('.');
  const alias = aliasInFrom(from, written);
  return { info: resolveTable(t, written), alias };
}

function findSource(from: readonly TableSource[], name: string): Extract<TableSource, { kind: 'TableRef' | 'TableVariableRef' }> | undefined {
  const n = name.toLowerCase();
  for (const s of from) {
    if (s.kind === 'Join') {
      const hit = findSource([s.left, s.right], name);
      if (hit !== undefined) return hit;
    } else if (s.kind === 'TableRef' || s.kind === 'TableVariableRef') {
      const alias = s.alias?.name.toLowerCase();
      const base = s.kind === 'TableRef' ? (s.name.parts[s.name.parts.length - 1]?.name ?? '').toLowerCase() : s.variable.name.toLowerCase();
      if (alias === n || (alias === undefined && base === n)) return s;
    }
  }
  return undefined;
}

function aliasInFrom(from: readonly TableSource[], written: string): string | undefined {
  const base = written.split('.').pop() ?? written;
  const s = findSource(from, base);
  return s === undefined ? undefined : (s.alias?.name ?? base);
}

/** INSERT … VALUES / SELECT / EXEC / DEFAULT VALUES, converting values to the column types. */
export async function executeInsert(state: EmulatorState, ins: Insert, execForRows: ExecForRows): Promise<void> {
  if (ins.top !== undefined) throw state.unsupported(ins.top, 'INSERT TOP');
  if (ins.ctes.length > 0 && ins.source.kind !== 'Select') throw state.unsupported(ins, 'INSERT with a WITH clause and no SELECT');
  if (ins.ctes.length > 0 && ins.source.kind === 'Select') {
    // `WITH x AS (…) INSERT INTO t SELECT … FROM x`: the CTEs belong to the SELECT.
    return executeInsert(state, { ...ins, ctes: [], source: { ...ins.source, ctes: [...ins.ctes, ...ins.source.ctes] } }, execForRows);
  }
  const composable = composableSource(ins);
  if (composable !== undefined) return runComposableInsert(state, ins, composable, { merge: executeMerge, update: executeUpdate, delete: executeDelete, insert: (st, x) => executeInsert(st, x, execForRows), select: executeSelect });
  const t = new SqlTranslator(state);
  const { info, temporal, fired } = targetOf(state, t, ins.target, [], ['INSERT']);
  refuseTriggeredForm(state, ins, fired, { output: ins.output, temporal: temporal !== undefined, exec: ins.source.kind === 'Execute' });
  const trigger = fired[0];
  const listed = ins.columns.length > 0
    ? ins.columns.map((c) => columnOf(state, info, c.name, c))
    : visibleColumns(temporal, writableColumns(info));
  refuseRowversionInsert(state, ins.source, info, listed, ins.source.kind === 'ValuesSource' ? ins.source.rows : ins.source.kind === 'DefaultValues' ? [] : undefined);
  noteRowversionWrite(state, info, `the INSERT at ${state.place(ins.span)}`);
  noteRandomDefaultDraw(state, ins, ins.target, info, trigger !== undefined);
  if (outputShowsRowversion(info, ins.output)) noteTaintedRead(state);
  // A system-versioned table's period columns get the transaction time and the end of time (temporal-writes.ts).
  const period = temporal === undefined ? undefined : periodInsert(state, temporal, ins, listed, ins.source.kind === 'ValuesSource' ? ins.source.rows : ins.source.kind === 'DefaultValues' ? [] : undefined);
  const columns = period === undefined ? listed : listed.filter((_, i) => period.keep[i]);
  const colList = [...columns.map((c) => quote(c.name)), ...(period?.names ?? [])].join(', ');
  const extra = period?.values.map((v) => `, ${v}`).join('') ?? '';
  const explicit = explicitIdentity(state, ins, info);
  let sql: string;
  let overflow: { readonly conversions: AssignedConversion[] | undefined; readonly sql: string } | undefined;
  switch (ins.source.kind) {
    case 'DefaultValues': sql = period === undefined ? `INSERT INTO ${info.sqlName} DEFAULT VALUES` : `INSERT INTO ${info.sqlName} (${colList}) VALUES (${extra.slice(2)})`; break;
    case 'ValuesSource': {
      const scope = new SqlScope();
      const values = ins.source.rows.map((r) => {
        if (r.length !== listed.length) throw state.unsupported(ins.source, `an INSERT whose VALUES has ${r.length} values for ${listed.length} columns`);
        return r.filter((_, i) => period?.keep[i] ?? true).map((e) => t.expr(e, scope));
      });
      const rows = values.map((r) => `(${r.map((f, i) => coerceToColumn(f, columns[i], state.dateFormat, readableTableName(info.sqlName))).join(', ')}${extra})`);
      sql = `INSERT INTO ${info.sqlName} (${colList}) VALUES ${rows.join(', ')}`;
      overflow = { conversions: columnConversions(info, columns, values), sql: values.map((r) => `SELECT ${r.map((f) => `CAST(${f.sql} AS VARCHAR)`).join(', ')}`).join(' UNION ALL ') };
      break;
    }
    case 'Select': {
      // a column copied as it is takes the target column's collation (collated-copies.ts)
      noteCollatedCopies(ins.source);
      const q = t.query(storedQuery(ins.source, info.identity !== undefined && !explicit), undefined);
      if (q.columns.length !== columns.length) throw state.unsupported(ins.source, `an INSERT … SELECT with ${q.columns.length} columns for ${columns.length} target columns`);
      const names = q.columns.map((_, i) => quote(`c${i}`));
      const list = q.columns.map((c, i) => coerceToColumn({ sql: names[i] ?? '', family: c.family, duckType: c.duckType, tsqlType: c.tsqlType }, columns[i], state.dateFormat, readableTableName(info.sqlName)));
      sql = `INSERT INTO ${info.sqlName} (${colList}) SELECT ${list.join(', ')}${extra} FROM (${q.sql}) AS __src(${names.join(', ')})`;
      overflow = { conversions: columnConversions(info, columns, [q.columns.map((c) => ({ sql: '', family: c.family, duckType: c.duckType, tsqlType: c.tsqlType }))]), sql: `SELECT ${names.map((n) => `CAST(${n} AS VARCHAR)`).join(', ')} FROM (${q.sql}) AS __src(${names.join(', ')})` };
      break;
    }
    case 'Execute': {
      if (ins.output !== undefined) throw state.unsupported(ins.output, 'OUTPUT with INSERT … EXEC');
      if (explicit) throw state.unsupported(ins, 'INSERT … EXEC of explicit identity values');
      await insertExecRows(state, ins, { info, columns, colList, extra }, await execForRows(state, ins.source));
      return;
    }
  }
  // A trigger's `inserted` rows come back as OUTPUT's do.
  const returning = ins.output !== undefined || trigger !== undefined;
  if (returning) sql += ` RETURNING ${returningText(info)}`;
  else if (explicit) sql += ` RETURNING ${explicitIdentityReturning(info)}`;
  // (an 8115 of a value too large for its decimal column gets its certain text: column-overflow.ts)
  const rows = await runSql(state, sql, t.params, ins.span).catch(async (err: unknown) => {
    throw overflow === undefined ? err : await columnOverflow(err, overflow.conversions, overflow.sql, (check) => runSql(state, check, t.params, ins.span));
  });
  state.rowCount = returning || explicit ? rows.length : changedRows(rows);
  if (explicit) {
    // The values written, from RETURNING: every column (c0, c1, …) or the identity alone.
    const at = info.columns.findIndex((c) => c.name === info.identity?.column);
    const values = (rows as Record<string, unknown>[]).map((r) => r[returning ? `c${at}` : '__identity']).filter((v) => v !== null && v !== undefined).map(String);
    await noteExplicitIdentity(state, ins, info, values);
  }
  // With ORDER BY, ties are numbered in table order, the other way in capture's order check.
  if (info.identity !== undefined && !explicit && state.rowCount > 1 && ins.source.kind === 'Select' && ins.source.orderBy.length > 0) {
    state.noteUnorderedRead(ins, (place) => `rows with equal ORDER BY values the INSERT … SELECT at ${place} numbers with identity values`);
  }
  if (info.identity !== undefined && !explicit && state.rowCount > 1 && ins.source.kind === 'Select' && ins.source.orderBy.length === 0) {
    const by = outputIntoInserts.has(ins) ? 'the OUTPUT … INTO' : 'the INSERT … SELECT without ORDER BY';
    // an OUTPUT into composable DML's #temp table: composable-output-taint.ts marks the columns carrying the numbers
    noteUnorderedIdentity(state, readableTableName(info.sqlName), `${by} at ${state.place(ins.span)}`, (ins.output === undefined || isFollowedOutput(ins.output)) && trigger === undefined ? info : undefined);
  }
  if (info.identity !== undefined && !explicit && state.rowCount > 0) await noteIdentityDrawn(state, info);
  noteInsertedSequenceColumn(state, ins, info, trigger !== undefined);
  if (trigger !== undefined) await runTriggers(state, fired, info, { inserted: await insertedFromReturning(state, info, rows) }, ins);
  if (ins.output !== undefined) {
    const inserted = await insertedFromReturning(state, info, rows);
    await emitOutput(state, ins.output, info, { inserted, deleted: undefined }, (st, x) => executeInsert(st, x, execForRows), (sel) => executeSelect(state, sel));
  }
}

function columnOf(state: EmulatorState, info: TableInfo, name: string, node: Parameters<EmulatorState['unsupported']>[0]): TableInfo['columns'][number] {
  const c = info.columns.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (c === undefined) throw state.unsupported(node, `the column ${name}, which ${info.sqlName} does not have`);
  return c;
}

/**
 * UPDATE. Without FROM it maps directly. With FROM (joins, aliases, LEFT JOIN with the target
 * on the preserved side), the new values are computed by the original FROM/WHERE as a query
 * keyed by the target's rowid, then applied with DuckDB's UPDATE … FROM; a row matched several
 * times gets one of its values, as SQL Server does.
 */
export async function executeUpdate(state: EmulatorState, upd: Update): Promise<void> {
  if (upd.top !== undefined && (upd.top.percent || upd.top.withTies)) throw state.unsupported(upd.top, 'UPDATE TOP … PERCENT');
  if (upd.currentOf !== undefined) return executeUpdate(state, atCurrentRow(state, upd));
  if (cteTarget(upd) !== undefined) return dmlThroughCte(state, upd);
  const t = new SqlTranslator(state);
  // WITH … UPDATE: the CTEs feed the FROM/WHERE, so the update takes the row-id path below.
  const ctes = defineCtes(t, upd.ctes, upd.option, undefined);
  const { info, alias, temporal, fired } = targetOf(state, t, upd.target, upd.from, ['UPDATE']);
  refuseTriggeredForm(state, upd, fired, { output: upd.output, temporal: temporal !== undefined });
  const trigger = fired[0];
  // `SET @n = NextNo = NextNo + 1`: the variables are read from the rows the UPDATE changes.
  const vars = splitUpdateAssignments(state, upd);
  const assignments = vars?.columns ?? upd.assignments;
  if (assignments.length === 0) throw state.unsupported(upd, 'an UPDATE that assigns only variables');
  const setColumns = assignments.map((a) => columnOf(state, info, a.column?.parts[a.column.parts.length - 1]?.name ?? '', a));
  setColumns.forEach((c, i) => refuseRowversionAssignment(state, assignments[i] ?? upd, info, c.name));
  // Every row it touches gets a new rowversion value (changed or not: the rowversion page).
  const versioned = rowversionSet(info);
  noteRowversionWrite(state, info, `the UPDATE at ${state.place(upd.span)}`);
  if (outputShowsRowversion(info, upd.output)) noteTaintedRead(state);
  if (temporal !== undefined) {
    setColumns.forEach((c, i) => refusePeriodAssignment(state, temporal, assignments[i] ?? upd, c.name));
    refusePeriodOutput(state, temporal, upd.output);
  }
  const valueOf = (a: Update['assignments'][number], scope: SqlScope): ReturnType<SqlTranslator['expr']> => {
    const e: Expression = a.operator === '=' ? a.value : { kind: 'Binary', operator: a.operator.slice(0, -1), left: a.column as Expression, right: a.value, span: a.span };
    return t.expr(e, scope);
  };
  let sql: string;
  const limited = upd.top !== undefined || state.rowCountLimit > 0;
  if (limited) {
    const picked = state.pickedColumns.get(info.sqlName) ?? new Set<string>();
    for (const c of setColumns) picked.add(c.name);
    state.pickedColumns.set(info.sqlName, picked);
  }
  // A system-versioned table's rows are changed by row id, their old versions kept for its history;
  // a trigger's `inserted` and `deleted` rows are kept as OUTPUT's are.
  let assignVariables: (() => void) | undefined;
  let overflow: ReturnType<typeof updateOverflowCheck> | undefined;
  if (upd.from.length === 0 && !limited && upd.output === undefined && upd.ctes.length === 0 && temporal === undefined && trigger === undefined && vars === undefined) {
    const scope = new SqlScope();
    const name = alias ?? (upd.target.kind === 'TableRef' ? upd.target.name.parts[upd.target.name.parts.length - 1]?.name ?? '' : '__t');
    // a column holding values numbered in no defined order is followed to the columns its SET values reach (column-taint.ts)
    scope.add(name, markNumberedIdentityColumns(state, info, columnTypesOf(info)));
    const raw = assignments.map((a) => valueOf(a, scope));
    const sets = raw.map((v, i) => `${quote(setColumns[i]?.name ?? '')} = ${coerceToColumn(v, setColumns[i], state.dateFormat, readableTableName(info.sqlName))}`);
    if (versioned !== undefined) sets.push(versioned);
    sql = `UPDATE ${info.sqlName} AS ${quote(name)} SET ${sets.join(', ')}`;
    const where = upd.where === undefined ? undefined : t.condition(upd.where, scope);
    if (where !== undefined) sql += ` WHERE ${where}`;
    overflow = updateOverflowCheck(info, setColumns, raw, `${info.sqlName} AS ${quote(name)}`, where);
  } else {
    const scope = new SqlScope();
    let from: string;
    let a0: string;
    if (upd.from.length === 0) {
      a0 = upd.target.kind === 'TableRef' ? upd.target.name.parts[upd.target.name.parts.length - 1]?.name ?? '__t' : '__t';
      scope.add(a0, columnTypesOf(info));
      from = `${info.sqlName} AS ${quote(a0)}`;
    } else {
      from = upd.from.map((s) => translateSource(t, s, scope, undefined)).join(', ');
      a0 = alias ?? '';
      if (alias === undefined) ({ a0, from } = targetBesideFrom(upd.target, info, scope, from));
    }
    const raw = assignments.map((a) => valueOf(a, scope));
    const written = raw.map((v, i) => coerceToColumn(v, setColumns[i], state.dateFormat, readableTableName(info.sqlName)));
    const values = written.map((w, i) => `${w} AS ${quote(`v${i}`)}`);
    // Each variable's value per row follows the columns' (v<n>…), read before the UPDATE runs.
    vars?.variables.forEach((a, j) => {
      const columnValue = (c: typeof a): { sql: string; duckType: string; tsqlType?: TsqlType } | undefined => {
        const k = assignments.indexOf(c);
        const col = setColumns[k];
        return k < 0 || col === undefined ? undefined : { sql: written[k] ?? '', duckType: col.duckType, ...(col.tsqlType === undefined ? {} : { tsqlType: col.tsqlType }) };
      };
      values.push(`${variableValueSql(state, a, columnValue, (e) => t.expr(e, scope))} AS ${quote(`v${assignments.length + j}`)}`);
    });
    let matches = `SELECT ${quote(a0)}.rowid AS __rid, ${values.join(', ')} FROM ${from}`;
    const where = upd.where === undefined ? undefined : t.condition(upd.where, scope);
    if (where !== undefined) matches += ` WHERE ${where}`;
    overflow = updateOverflowCheck(info, setColumns, raw, `${from}`, where);
    const inner = `${ctes.sql}${onePerTarget(matches, values.length, readableTableName(info.sqlName))}${rowPick(t, upd, '__rid')}`;
    if (vars !== undefined) assignVariables = await prepareVariableAssignment(state, upd, vars, inner, t.params, assignments.length);
    const sets = setColumns.map((c, i) => `${quote(c.name)} = __u.${quote(`v${i}`)}`);
    if (versioned !== undefined) sets.push(versioned);
    sql = `UPDATE ${info.sqlName} AS __t SET ${sets.join(', ')} FROM (${inner}) AS __u WHERE __t.rowid = __u.__rid`;
    if (upd.output !== undefined || temporal !== undefined || trigger !== undefined) {
      await updateWithOutput(state, upd.output, info, inner, sets, t.params, upd.span, temporal, trigger === undefined ? undefined : (images) => runTriggers(state, fired, info, images, upd));
      assignVariables?.();
      return;
    }
  }
  const rows = await runSql(state, sql, t.params, upd.span).catch(async (err: unknown) => {
    throw overflow === undefined || upd.ctes.length > 0 ? err : await columnOverflow(err, overflow.conversions, overflow.sql, (check) => runSql(state, check, t.params, upd.span));
  });
  state.rowCount = changedRows(rows);
  assignVariables?.();
}

/**
 * `UPDATE dbo.T SET … FROM dbo.S s WHERE s.Id = T.Id`: a target the FROM does not name joins the
 * FROM's tables as one more table (SQL Server's UPDATE and DELETE pages: the target is read
 * beside the FROM's sources), referred to by its name.
 */
function targetBesideFrom(target: TableTarget, info: TableInfo, scope: SqlScope, from: string): { a0: string; from: string } {
  const a0 = target.kind === 'TableRef' ? target.name.parts[target.name.parts.length - 1]?.name ?? '__t'
    : target.kind === 'TableVariableRef' ? target.variable.name : '__t';
  scope.add(a0, columnTypesOf(info));
  return { a0, from: `${info.sqlName} AS ${quote(a0)}, ${from}` };
}

/** DELETE, with `DELETE a FROM t a JOIN …` through the target's rowid. */
export async function executeDelete(state: EmulatorState, del: Delete): Promise<void> {
  if (del.top !== undefined && (del.top.percent || del.top.withTies)) throw state.unsupported(del.top, 'DELETE TOP … PERCENT');
  if (del.currentOf !== undefined) return executeDelete(state, atCurrentRow(state, del));
  if (cteTarget(del) !== undefined) return dmlThroughCte(state, del);
  const t = new SqlTranslator(state);
  const ctes = defineCtes(t, del.ctes, del.option, undefined);
  const { info, alias, temporal, fired } = targetOf(state, t, del.target, del.from, ['DELETE']);
  if (temporal !== undefined) refusePeriodOutput(state, temporal, del.output);
  refuseTriggeredForm(state, del, fired, { output: del.output, temporal: temporal !== undefined });
  const trigger = fired[0];
  let sql: string;
  const limited = del.top !== undefined || state.rowCountLimit > 0;
  if (del.from.length === 0 && !limited && del.output === undefined && del.ctes.length === 0 && temporal === undefined && trigger === undefined) {
    const scope = new SqlScope();
    const name = del.target.kind === 'TableRef' ? del.target.name.parts[del.target.name.parts.length - 1]?.name ?? '' : '__t';
    scope.add(name, columnTypesOf(info));
    sql = `DELETE FROM ${info.sqlName} AS ${quote(name)}`;
    if (del.where !== undefined) sql += ` WHERE ${t.condition(del.where, scope)}`;
  } else {
    const scope = new SqlScope();
    let from: string;
    let a0: string;
    if (del.from.length === 0) {
      a0 = del.target.kind === 'TableRef' ? del.target.name.parts[del.target.name.parts.length - 1]?.name ?? '__t' : '__t';
      scope.add(a0, columnTypesOf(info));
      from = `${info.sqlName} AS ${quote(a0)}`;
    } else {
      from = del.from.map((s) => translateSource(t, s, scope, undefined)).join(', ');
      a0 = alias ?? '';
      if (alias === undefined) ({ a0, from } = targetBesideFrom(del.target, info, scope, from));
    }
    // each target row once: a join may match it several times, and TOP counts rows deleted
    let inner = `${ctes.sql}SELECT ${limited ? 'DISTINCT ' : ''}${quote(a0)}.rowid FROM ${from}`;
    if (del.where !== undefined) inner += ` WHERE ${t.condition(del.where, scope)}`;
    const limit = rowPick(t, del, `${quote(a0)}.rowid`);
    sql = `DELETE FROM ${info.sqlName} AS __t WHERE __t.rowid IN (${inner}${limit})`;
    if (del.output !== undefined || temporal !== undefined || trigger !== undefined) {
      return deleteWithOutput(state, del.output, info, `${inner}${limit}`, t.params, del.span, temporal, trigger === undefined ? undefined : (images) => runTriggers(state, fired, info, images, del));
    }
  }
  const rows = await runSql(state, sql, t.params, del.span);
  state.rowCount = changedRows(rows);
}

/** MERGE, translated to DuckDB's MERGE INTO (all three WHEN kinds, with AND conditions). */
export async function executeMerge(state: EmulatorState, m: Merge): Promise<void> {
  if (m.top !== undefined) throw state.unsupported(m.top, 'MERGE TOP');
  const t = new SqlTranslator(state);
  const ctes = defineCtes(t, m.ctes, m.option, undefined);
  const events = [...new Set(m.whens.map((w): TriggerEvent => (w.action.kind === 'MergeInsert' ? 'INSERT' : w.action.kind === 'MergeUpdate' ? 'UPDATE' : 'DELETE')))];
  const { info, temporal, fired } = targetOf(state, t, m.target, [], events);
  if (temporal !== undefined) refusePeriodOutput(state, temporal, m.output);
  refuseTriggeredForm(state, m, fired, { output: m.output, temporal: temporal !== undefined });
  const trigger = mergeTrigger(state, m, fired);
  if (events.includes('INSERT') || events.includes('UPDATE')) noteRowversionWrite(state, info, `the MERGE at ${state.place(m.span)}`);
  noteRandomDefaultDraw(state, m, m.target, info, trigger !== undefined);
  if (outputShowsRowversion(info, m.output)) noteTaintedRead(state);
  // Beside WHEN NOT MATCHED BY SOURCE THEN UPDATE the rows an OUTPUT or a trigger needs are read by key (merge-changes-by-key.ts).
  const bySourceUpdate = bySourceUpdateClause(m);
  const byKey = bySourceUpdate !== undefined && (m.output !== undefined || trigger !== undefined);
  if (byKey) refuseUnkeyedChanges(state, m, info, bySourceUpdate, m.output !== undefined ? 'an OUTPUT clause' : `an ${trigger?.event ?? ''} trigger`);
  const pairBy = byKey ? [] : m.output !== undefined ? mergeOutputPairing(state, m, m.output, info) : trigger?.event === 'UPDATE' ? mergeTriggerPairing(state, m, info) : [];
  const alias = m.target.kind === 'TableRef' ? m.target.alias?.name ?? m.target.name.parts[m.target.name.parts.length - 1]?.name ?? '__t'
    : m.target.kind === 'TableVariableRef' ? m.target.alias?.name ?? m.target.variable.name : '__t';
  const scope = new SqlScope();
  scope.add(alias, columnTypesOf(info));
  const using = translateSource(t, m.source, scope, undefined);
  const on = t.condition(m.on, scope);
  // the values the CTEs, USING and ON bind, before the WHEN clauses bind theirs: a query of those parts alone takes only these
  const matchParams = [...t.params];
  await refuseRepeatedMatches(state, m, `${ctes.sql}SELECT 1 AS repeated FROM ${info.sqlName} AS ${quote(alias)} JOIN ${using} ON ${on} GROUP BY ${quote(alias)}.rowid HAVING count(*) > 1 LIMIT 1`, matchParams);
  let sql = `${ctes.sql}MERGE INTO ${info.sqlName} AS ${quote(alias)} USING ${using} ON ${on}`;
  for (const w of m.whens) {
    const cond = w.condition === undefined ? '' : ` AND ${t.condition(w.condition, scope)}`;
    const match = w.match === 'MATCHED' ? 'MATCHED' : w.match === 'NOT MATCHED BY TARGET' ? 'NOT MATCHED BY TARGET' : 'NOT MATCHED BY SOURCE';
    let action: string;
    switch (w.action.kind) {
      case 'MergeDelete': action = 'DELETE'; break;
      case 'MergeUpdate': {
        const sets = w.action.assignments.map((a) => {
          if (a.column === undefined || a.variable !== undefined) throw state.unsupported(a, 'SET @variable in MERGE');
          const col = columnOf(state, info, a.column.parts[a.column.parts.length - 1]?.name ?? '', a);
          if (temporal !== undefined) refusePeriodAssignment(state, temporal, a, col.name);
          refuseRowversionAssignment(state, a, info, col.name);
          const e: Expression = a.operator === '=' ? a.value : { kind: 'Binary', operator: a.operator.slice(0, -1), left: a.column, right: a.value, span: a.span };
          return `${quote(col.name)} = ${coerceToColumn(t.expr(e, scope), col, state.dateFormat, readableTableName(info.sqlName))}`;
        });
        if (temporal !== undefined) sets.push(`${quote(temporal.start.name)} = ${temporal.nowStart}`);
        const versioned = rowversionSet(info);
        if (versioned !== undefined) sets.push(versioned);
        action = `UPDATE SET ${sets.join(', ')}`;
        break;
      }
      case 'MergeInsert': {
        refuseMergedIdentity(state, w.action, info);
        const listed = w.action.columns.length > 0 ? w.action.columns.map((c) => columnOf(state, info, c.name, c)) : visibleColumns(temporal, writableColumns(info));
        const period = temporal === undefined ? undefined : periodInsert(state, temporal, w.action, w.action.defaultValues ? [] : listed, [w.action.values]);
        if (!w.action.defaultValues) refuseRowversionInsert(state, w.action, info, listed, [w.action.values]);
        if (w.action.defaultValues) { action = period === undefined ? 'INSERT DEFAULT VALUES' : `INSERT (${period.names.join(', ')}) VALUES (${period.values.join(', ')})`; break; }
        const cols = period === undefined ? listed : listed.filter((_, i) => period.keep[i]);
        const vals = w.action.values.filter((_, i) => period?.keep[i] ?? true).map((e, i) => coerceToColumn(t.expr(e, scope), cols[i], state.dateFormat, readableTableName(info.sqlName)));
        action = `INSERT (${[...cols.map((c) => quote(c.name)), ...(period?.names ?? [])].join(', ')}) VALUES (${[...vals, ...(period?.values ?? [])].join(', ')})`;
        break;
      }
    }
    sql += ` WHEN ${match}${cond} THEN ${action}`;
  }
  // No RETURNING beside WHEN NOT MATCHED BY SOURCE THEN UPDATE (wrong values: merge-changes-by-key.ts); new identity rows are then counted by bySourceInserts.
  const returned = bySourceUpdate === undefined && (m.output !== undefined || trigger !== undefined || info.identity !== undefined);
  if (returned && (m.output !== undefined || trigger !== undefined)) sql += ` RETURNING merge_action AS "__action", ${returningText(info)}`;
  else if (returned) sql += ' RETURNING merge_action AS "__action"';
  const drawnBefore = bySourceUpdate !== undefined ? await sequenceLastValue(state, info) : undefined;
  // A system-versioned target: the rows it may change checked, and its image kept for the history rows.
  const versions = temporal === undefined ? undefined : await temporalMergeBefore(state, temporal, m, ctes.sql, `SELECT ${quote(alias)}.rowid FROM ${info.sqlName} AS ${quote(alias)} JOIN ${using} ON ${on}`, matchParams);
  const sourcePlan = m.output === undefined ? undefined : await planMergeSourceOutput(state, m, m.output, info, alias, visibleColumns(temporal, writableColumns(info)).map((c) => c.name));
  const before = await mergePreImage(state, info, pairBy, m.span);
  let plan: MergeChangePlan | undefined;
  let changed: Awaited<ReturnType<typeof mergedFromReturning>> | undefined;
  try {
    if (byKey) plan = await planMergeChanges(state, m, info, alias);
    const rows = await runSql(state, sql, t.params, m.span);
    if (temporal !== undefined && versions !== undefined) await temporalMergeHistory(state, temporal, versions, m);
    state.rowCount = returned ? rows.length : changedRows(rows);
    const inserts = returned ? rows.filter((r) => r.__action === 'INSERT').length : await bySourceInserts(state, info, drawnBefore);
    // without a trigger, or an OUTPUT naming the identity, the numbers reach nothing but the identity column (as an INSERT … SELECT's);
    // composable DML's OUTPUT is followed into its #temp table's columns (composable-output-taint.ts)
    if (info.identity !== undefined) await noteMergedIdentity(state, info, inserts, state.place(m.span), trigger === undefined && (m.output === undefined || !outputMayCarryIdentity(m.output, info) || isFollowedOutput(m.output)));
    if (plan !== undefined) changed = await mergeChangesByKey(state, m, info, plan, state.rowCount);
    else if (m.output !== undefined || trigger !== undefined) changed = await mergedFromReturning(state, info, rows, before === undefined ? undefined : { table: before, key: pairBy });
    if (sourcePlan !== undefined && changed?.inserted !== undefined && changed.deleted !== undefined) changed = { ...changed, source: await pairMergeSourceRows(state, m, sourcePlan, changed.inserted, changed.deleted) };
  } finally {
    await dropMergeSourcePlan(state, sourcePlan);
    await dropMergeChangePlan(state, plan);
    if (before !== undefined) await state.session.run(`DROP TABLE IF EXISTS ${before}`).catch(() => undefined);
    if (versions !== undefined) await state.session.run(`DROP TABLE IF EXISTS ${versions}`).catch(() => undefined);
  }
  if (trigger !== undefined && changed !== undefined) await runTrigger(state, trigger, info, { inserted: changed.inserted, deleted: changed.deleted, action: trigger.event }, m);
  if (m.output !== undefined && changed !== undefined) await emitOutput(state, m.output, info, changed, (st, x) => executeInsert(st, x, noExec), (sel) => executeSelect(state, sel));
}

/**
 * A MERGE with WHEN MATCHED … UPDATE/DELETE may touch each target row once: a target row the ON
 * condition matches with several source rows is SQL Server's error 8672 (catchable, nothing
 * written). DuckDB's MERGE applies one of them. With an AND condition on a MATCHED clause,
 * whether SQL Server counts the matches before or after it is not documented: refused.
 */
async function refuseRepeatedMatches(state: EmulatorState, m: Merge, check: string, params: unknown[]): Promise<void> {
  const matched = m.whens.filter((w) => w.match === 'MATCHED');
  if (matched.length === 0) return;
  const repeated = await runSql(state, check, params, m.span);
  if (repeated.length === 0) return;
  const conditional = matched.find((w) => w.condition !== undefined);
  if (conditional !== undefined) throw state.unsupported(conditional, 'a MERGE whose ON matches a target row with several source rows, with an AND condition on WHEN MATCHED');
  throw new TsqlRuntimeError({
    number: 8672,
    message: 'The MERGE statement attempted to UPDATE or DELETE the same row more than once. This happens when a target row matches more than one source row. A MERGE statement cannot UPDATE/DELETE the same row of the target table multiple times. Refine the ON clause to ensure a target row matches at most one source row, or use the GROUP BY clause to group the source rows.',
    severity: 16, state: 1, line: state.tsqlLine(m.span), procedure: state.procedureName,
  }, { location: state.locate(m.span) });
}

/**
 * FETCH INTO helper shared with cursors: assigns a row of DuckDB text to variables, in order.
 * Returns undefined when every value was assigned at once, else the promise of the assignments
 * from the first value DuckDB has to convert (a loop's FETCH then costs no await).
 */
export function assignRow(state: EmulatorState, into: readonly Parameters<typeof slotOf>[1][], row: readonly (string | null)[], types: readonly string[], span: Parameters<typeof assignText>[5], tsqlTypes: readonly (TsqlType | undefined)[] = []): Promise<void> | undefined {
  for (let i = 0; i < into.length; i++) {
    const v = into[i];
    if (v === undefined) continue;
    const duck = types[i] ?? '';
    // Values that need no conversion by DuckDB are assigned at once; from the first that does, in order.
    if (!assignTextNow(state, slotOf(state, v), row[i] ?? null, familyOfDuckType(duck), duck)) return assignRowFrom(state, into, row, types, span, i, tsqlTypes);
  }
  return undefined;
}

async function assignRowFrom(state: EmulatorState, into: readonly Parameters<typeof slotOf>[1][], row: readonly (string | null)[], types: readonly string[], span: Parameters<typeof assignText>[5], from: number, tsqlTypes: readonly (TsqlType | undefined)[]): Promise<void> {
  for (let i = from; i < into.length; i++) {
    const v = into[i];
    if (v === undefined) continue;
    const duck = types[i] ?? '';
    await assignText(state, v, row[i] ?? null, familyOfDuckType(duck), duck, span, tsqlTypes[i]);
  }
}

/** Result-set column names made unique (`x`, `x_2`) so they can name a table's columns. */
function uniqueName(all: readonly string[], name: string, i: number): string {
  const before = all.slice(0, i).filter((n) => n.toLowerCase() === name.toLowerCase()).length;
  return before === 0 ? name : `${name}_${before + 1}`;
}

const noExec: ExecForRows = () => Promise.reject(new Error('emulator: INSERT … EXEC inside OUTPUT INTO'));

/**
 * UPDATE with OUTPUT: the rows to change and their new values are computed first (keyed by row
 * id), their old values kept as `deleted`, the update applied, and the new rows read back as
 * `inserted`, so OUTPUT sees both sides of each row as SQL Server does.
 */
/** DELETE of the rows of `info` whose row ids the query `rowids` gives, with its OUTPUT of their old values. */
export async function deleteWithOutput(state: EmulatorState, output: Delete['output'], info: TableInfo, rowids: string, params: readonly unknown[], span: Delete['span'], temporal?: TemporalTable, trigger?: (images: TriggerImages) => Promise<void>): Promise<void> {
  const deleted = changedTableName(state, 'deleted');
  if (temporal !== undefined) {
    state.rowCount = await temporalDelete(state, temporal, { span }, rowids, params, deleted);
  } else {
    await runSql(state, `CREATE TEMP TABLE ${deleted} AS SELECT __t.*, __t.rowid AS __rid FROM ${info.sqlName} AS __t WHERE __t.rowid IN (${rowids})`, params, span);
    const n = await runSql(state, `DELETE FROM ${info.sqlName} AS __t WHERE __t.rowid IN (SELECT __rid FROM ${deleted})`, [], span);
    state.rowCount = changedRows(n);
  }
  // The trigger takes the deleted rows (and drops them); OUTPUT and a trigger never meet (refuseTriggeredForm).
  if (trigger !== undefined) { await trigger({ deleted }); return; }
  if (output === undefined) { await state.session.run(`DROP TABLE IF EXISTS ${deleted}`); return; }
  await emitOutput(state, output, info, { inserted: undefined, deleted }, (st, x) => executeInsert(st, x, noExec), (sel) => executeSelect(state, sel));
}

export async function updateWithOutput(state: EmulatorState, output: Update['output'], info: TableInfo, inner: string, sets: readonly string[], params: readonly unknown[], span: Update['span'], temporal?: TemporalTable, trigger?: (images: TriggerImages) => Promise<void>): Promise<void> {
  const planned = quote(`__update_${state.tempCounter++}`);
  await runSql(state, `CREATE TEMP TABLE ${planned} AS ${inner}`, params, span);
  const image = (name: string): string => `CREATE TEMP TABLE ${name} AS SELECT __t.*, __t.rowid AS __rid FROM ${info.sqlName} AS __t WHERE __t.rowid IN (SELECT __rid FROM ${planned})`;
  const deleted = changedTableName(state, 'deleted');
  if (temporal !== undefined) {
    state.rowCount = await temporalUpdate(state, temporal, { span }, planned, sets, deleted).catch(async (err: unknown) => { await state.session.run(`DROP TABLE IF EXISTS ${planned}`); throw err; });
    if (output === undefined) { await state.session.run(`DROP TABLE IF EXISTS ${deleted}; DROP TABLE IF EXISTS ${planned}`); return; }
  } else {
    await runSql(state, image(deleted), [], span);
    const n = await runSql(state, `UPDATE ${info.sqlName} AS __t SET ${sets.join(', ')} FROM ${planned} AS __u WHERE __t.rowid = __u.__rid`, [], span);
    state.rowCount = changedRows(n);
  }
  if (output === undefined && trigger === undefined) return;
  const inserted = changedTableName(state, 'inserted');
  await runSql(state, image(inserted), [], span);
  await runSql(state, `DROP TABLE IF EXISTS ${planned}`, [], span);
  if (trigger !== undefined) { await trigger({ inserted, deleted }); return; }
  if (output === undefined) return;
  await emitOutput(state, output, info, { inserted, deleted }, (st, x) => executeInsert(st, x, noExec), (sel) => executeSelect(state, sel));
}
