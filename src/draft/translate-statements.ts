import type { SourceSpan } from '../core';
import { selectIntoQuery, selectIntoTarget, walk, type Expression, type Insert, type Select, type Statement, type TableTarget, type Variable } from '../tsql';
import { isRefusal, type DraftColumn, type Refusal, type Translated } from './draft-model';
import { DraftScope, freshName, refuseAt, type DraftContext, type TableState } from './draft-scope';
import { castTo } from './convert-value';
import { storeAs } from './store-value';
import { LOOP_REWRITERS, type LoopRewriteContext } from './loop-rewriters';
import { quoteName } from './sql-text';
import { decimal, duckTypeOf, formatSqlType, INT, sqlTypeOfDataType, type SqlType } from './sql-types';
import { arithmetic, translateExpression } from './translate-expression';
import { historyTablesWritten, versionedWrite } from './versioned-writes';
import { firstTemporalRead, lookupTable, tableKeyOf, translateSelect, withStatementCtes } from './translate-query';
import { dmlTargetCandidates, translateDelete, translateUpdate, untracked } from './translate-dml';
import { translateMerge } from './translate-merge';
import { translateResultSelect } from './translate-order';
import { defineComputedColumns } from './computed-columns';
import { withCheckedRows } from './check-constraints';
import { withUniqueKeys } from './key-constraints';
import { withNotNullColumns } from './not-null-columns';
import { defineLocalConstraints, defineSelectIntoConstraints } from './local-table-constraints';
import { identityItem, IDENTITY_ROW_NUMBER, nextIdentityValue, noteNumberedRelation, numberedSelect, unorderedNumbering } from './identity-keys';
import { identitySpecOf } from './ddl-types';
import { applyDateFirst } from './date-first';
import { constantSelectItems } from './constant-select-items';
import { applyRowCount, rowCountRefusal } from './row-count-limit';
import { NOT_THROUGH_A_CTE, translateDeleteThroughCte, translateUpdateThroughCte } from './translate-cte-dml';
import { declaredTableOf } from './local-table-types';
import { namedObject, reachOtherNames } from './shared-table-writes';
import { selectAssignment } from './select-assignment';
import { alterTempTable } from './alter-temp-table';
import { translateIf } from './translate-if';

/*
 * A section's statements, in order, become CTEs: every statement that changes a table adds a
 * CTE holding the table's new rows (INSERT = previous rows UNION ALL new ones, SELECT INTO = the
 * query, UPDATE/DELETE/MERGE in translate-dml.ts), and a variable set to an expression is
 * substituted where it is read. A statement that cannot be translated does not stop the draft:
 * the tables and variables it writes become refused, so only the outputs that depend on it
 * refuse (statements that only log or debug cost nothing).
 */

/** The result set of the section (a SELECT without INTO), when it has one. */
export interface ResultSet {
  readonly relation: string;
  readonly columns: readonly DraftColumn[];
  /** Over the relation aliased `o`, by sort keys the relation carries beyond `columns`. */
  readonly orderBy: string | undefined;
  /** The SELECT, where a conversion of its values to the spec's column types is refused. */
  readonly span: SourceSpan;
}

/** Extra state of a statement walk: declared variable types and the last result set. */
export interface StatementState {
  readonly variableTypes: Map<string, SqlType>;
  resultSet: ResultSet | Refusal | undefined;
}

/** Adds a CTE to the draft and returns its name. */
export function addCte(ctx: DraftContext, hint: string, sql: string, materialized = false): string {
  const name = freshName(ctx, hint);
  ctx.ctes.push(materialized ? { name, sql, materialized } : { name, sql });
  return name;
}

/** Sets a table's state after a statement. */
export function setTable(ctx: DraftContext, key: string, written: TableState): void {
  // a row breaking the table's CHECK constraints, repeating a key or holding NULL in a NOT NULL
  // column stops the draft (check-constraints.ts, key-constraints.ts, not-null-columns.ts);
  // inside an IF's branch the rows after the IF are checked instead: a branch's rows are
  // computed whether or not the condition takes it
  // a synonym's rows are its target's, and so are its constraints
  const table = namedObject(ctx, key.toLowerCase());
  const state = ctx.inBranch === true ? written : withUniqueKeys(ctx, table, withNotNullColumns(ctx, table, withCheckedRows(ctx, table, written)));
  ctx.tables.set(key.toLowerCase(), state);
  // the same table by another name (a synonym, a view of it) must not keep the old rows
  reachOtherNames(ctx, key.toLowerCase(), state);
}

/** SQL for a relation with these columns and no rows. */
export function emptyRelation(columns: readonly DraftColumn[]): string {
  return `SELECT ${columns.map((c) => `CAST(NULL AS ${duckTypeOf(c.type) ?? 'VARCHAR'}) AS ${quoteName(c.name)}`).join(', ')} WHERE false`;
}

/** The written name of a DML target, for messages. */
export function targetName(t: TableTarget): string {
  return t.kind === 'TableRef' ? t.name.parts.map((p) => p.name).join('.') : t.kind === 'TableVariableRef' ? t.variable.name : 'a rowset function';
}

/** The state of a DML target, or a refusal when the draft does not know its rows. */
export function targetState(ctx: DraftContext, t: TableTarget): { key: string; state: TableState } | Refusal {
  if (t.kind === 'TableFunctionRef') return refuseAt(ctx, t.span, 'DML into a rowset function', 'not translated');
  const { key, state } = lookupTable(ctx, t);
  if (!state) return refuseAt(ctx, t.span, `table ${targetName(t)}`, 'its rows before the statement are unknown: it is neither an input (Given) of the section nor created by it');
  if (state.refused) return state.refused;
  if (state.cte) return refuseAt(ctx, t.span, `DML through the CTE ${targetName(t)}`, 'changing a table through a CTE is not translated');
  return { key, state };
}

/** Marks table `key` refused, keeping what the draft knew of it for messages. */
function poisonTable(ctx: DraftContext, key: string, displayName: string, why: Refusal): void {
  const old = ctx.tables.get(key);
  const state = { displayName: old?.displayName ?? displayName, relation: old?.relation ?? '', columns: old?.columns ?? [], refused: why };
  ctx.tables.set(key, state);
  reachOtherNames(ctx, key, state);
}

/** Marks everything a statement writes as refused (its effect is not translated). */
export function poisonWrites(ctx: DraftContext, stmt: Statement, why: Refusal): void {
  // DML through a statement's CTE changes the tables under it: the draft cannot say which. Looked
  // for in every statement inside too: an `UPDATE todo` of a `;WITH todo AS (SELECT TOP (@n) …)`
  // in a refused WHILE (a batch loop) would poison only a table named todo, and the draft would
  // give the table under it unchanged.
  const throughOwnCte = (n: object): boolean => {
    const ctes = 'ctes' in n && Array.isArray(n.ctes) ? (n.ctes as readonly { name: { name: string } }[]).map((c) => c.name.name.toLowerCase()) : [];
    const target = 'target' in n && n.target && typeof n.target === 'object' && 'kind' in n.target && n.target.kind === 'TableRef' ? (n.target as Extract<TableTarget, { kind: 'TableRef' }>) : undefined;
    return target !== undefined && target.name.parts.length === 1 && ctes.includes((target.name.parts[0]?.name ?? '').toLowerCase());
  };
  walk(stmt, (n) => {
    if (throughOwnCte(n) && !ctx.unknownEffects) ctx.unknownEffects = why;
    if ((n.kind === 'Update' || n.kind === 'Delete') && n.target.kind !== 'TableFunctionRef') {
      // `UPDATE o … FROM Sales.Orders o` writes Sales.Orders, not a table named o: poison the
      // table the alias stands for; when that is not one known table, every output.
      const candidates = dmlTargetCandidates(n);
      if (candidates.length !== 1 && !ctx.unknownEffects) ctx.unknownEffects = why;
      for (const { key } of candidates) poisonTable(ctx, key, targetName(n.target), why);
    } else if ((n.kind === 'Insert' || n.kind === 'Merge') && n.target.kind !== 'TableFunctionRef') {
      poisonTable(ctx, tableKeyOf(n.target), targetName(n.target), why);
    } else if (n.kind === 'Truncate') {
      poisonTable(ctx, tableKeyOf(n.target), targetName(n.target), why);
    } else if (n.kind === 'OutputClause' && n.into !== undefined && n.into.kind !== 'TableFunctionRef') {
      // OUTPUT … INTO @t writes @t too: reading it afterwards must refuse, not see its old rows.
      poisonTable(ctx, tableKeyOf(n.into), targetName(n.into), why);
    } else if (n.kind === 'QuerySpec' && n.into && n.into.kind !== 'TableFunctionRef') {
      ctx.tables.set(tableKeyOf(n.into), { displayName: targetName(n.into), relation: '', columns: [], refused: why });
    } else if (n.kind === 'SelectAssignment' || (n.kind === 'UpdateAssignment' && n.variable !== undefined)) ctx.variables.set((n.variable as Variable).name.toLowerCase(), why);
    else if (n.kind === 'SetVariable') ctx.variables.set(n.variable.name.toLowerCase(), why);
    else if (n.kind === 'Fetch') for (const v of n.into) ctx.variables.set(v.name.toLowerCase(), why);
    else if (n.kind === 'Execute' && !ctx.unknownEffects) ctx.unknownEffects = why;
    // a ROLLBACK undoes what the transaction (or since its savepoint) wrote, whichever tables those were
    else if (n.kind === 'Transaction' && n.action === 'ROLLBACK' && !ctx.unknownEffects) ctx.unknownEffects = why;
    return undefined;
  });
}

/** Statements with no effect on data: skipped. */
export function isNoOp(s: Statement): boolean {
  // a ROLLBACK outside CATCH (`IF <bad rows> ROLLBACK TRAN before_cleanup`) undoes writes: not a no-op
  if (s.kind === 'Transaction') return s.action !== 'ROLLBACK';
  if (['SetOption', 'Print', 'Waitfor', 'Use', 'OpenCursor', 'CloseCursor', 'DeallocateCursor'].includes(s.kind)) return true;
  if (s.kind === 'Drop') return s.objectType.toUpperCase() === 'TABLE' && s.names.every((n) => (n.parts[n.parts.length - 1]?.name ?? '').startsWith('#'));
  if (s.kind === 'Raiserror') {
    // Severity 0-10 is a message, not an error.
    const sev = s.args[1];
    return sev?.kind === 'Literal' && sev.literalType === 'integer' && Number(sev.value) <= 10;
  }
  if (s.kind === 'If' && !s.else) {
    // IF OBJECT_ID('tempdb..#t') IS NOT NULL DROP TABLE #t: housekeeping.
    if (s.then.kind === 'Drop' && isNoOp(s.then)) return true;
    if (s.then.kind === 'Block' && s.then.statements.every(isNoOp)) return true;
  }
  return false;
}

/** Translates the statements in order, updating `ctx` (tables, variables, CTEs). */
export function translateStatements(stmts: readonly Statement[], ctx: DraftContext, st: StatementState): void {
  // the statement a write is located at (shared-table-writes.ts); an IF's merge after its branches is the IF's
  const outer = ctx.statement;
  try {
    translateEach(stmts, ctx, st);
  } finally {
    ctx.statement = outer;
  }
}

function translateEach(stmts: readonly Statement[], ctx: DraftContext, st: StatementState): void {
  for (let i = 0; i < stmts.length; i += 1) {
    const s = stmts[i] as Statement;
    ctx.statement = s;
    if (s.kind === 'Block') { translateStatements(s.statements, ctx, st); continue; }
    // @@ROWCOUNT: what the statement before this one left, read by this one only
    ctx.rowCount = ctx.forAllEntities === true ? undefined : ctx.rowCountLeft;
    ctx.rowCountLeft = undefined;
    ctx.scopeIdentity = ctx.forAllEntities === true ? undefined : ctx.scopeIdentityLeft;
    ctx.scopeIdentityLeft = undefined;
    // under SET ROWCOUNT n only the first rows the plan meets are read or changed: not drafted
    const limited = rowCountRefusal(ctx, s);
    if (limited) {
      if (s.kind === 'Select' && !(selectIntoTarget(s.body) !== undefined || (s.body.kind === 'QuerySpec' && s.body.items.every((it) => it.kind === 'SelectAssignment')))) st.resultSet = limited;
      poisonWrites(ctx, s, limited);
      continue;
    }
    const rewrite = tryRewriters(stmts, i, ctx, st);
    if (rewrite > 0) { i += rewrite - 1; continue; }
    if (s.kind === 'TryCatch') { translateStatements(s.tryStatements, ctx, st); continue; }
    // SET DATEFIRST changes DATEPART(weekday) and DATEPART(week) of what follows; SET ROWCOUNT what later statements may touch
    if (s.kind === 'SetOption') { applyDateFirst(ctx, s); applyRowCount(ctx, s); }
    if (isNoOp(s)) continue;
    // A write into a versioned table is refused before any translator sees it: none of them writes a history table.
    const versioned = versionedWrite(ctx, s);
    if (versioned) { refuseTemporal(ctx, st, s, versioned); continue; }
    const r = translateStatement(s, ctx, st);
    // A FOR SYSTEM_TIME reference no query of the statement read as such (temporal-reads.ts)
    // would have read the current rows only: the statement refuses after all.
    const unread = r === undefined ? firstTemporalRead(ctx, s) : undefined;
    if (unread) { refuseTemporal(ctx, st, s, unread); continue; }
    // after a refused UPDATE (`…; IF @@ROWCOUNT = 0 INSERT`) a read of the count names the UPDATE's cause
    if (r !== undefined) { poisonWrites(ctx, s, r); ctx.rowCountLeft = r; }
  }
}

/** What statement `s` sets, refused with `why` (a temporal read or a versioned write the draft does not translate). */
function refuseTemporal(ctx: DraftContext, st: StatementState, s: Statement, why: Refusal): void {
  if (s.kind === 'Select' && !(selectIntoTarget(s.body) !== undefined || (s.body.kind === 'QuerySpec' && s.body.items.every((it) => it.kind === 'SelectAssignment')))) st.resultSet = why;
  poisonWrites(ctx, s, why);
  for (const h of historyTablesWritten(ctx, s)) poisonTable(ctx, h.key, h.name, why);
  // `DECLARE @v int = (SELECT … FOR SYSTEM_TIME …)`: a read of @v refuses naming the clause
  if (s.kind === 'Declare') for (const d of s.declarations) if (d.kind === 'VariableDeclaration') ctx.variables.set(d.variable.name.toLowerCase(), why);
}

function tryRewriters(stmts: readonly Statement[], i: number, ctx: DraftContext, st: StatementState): number {
  if (LOOP_REWRITERS.length === 0) return 0;
  const lctx: LoopRewriteContext = {
    draft: ctx, scope: new DraftScope(ctx), translateExpression, translateSelect: (s, sc) => translateSelect(s, sc), freshName: (h) => freshName(ctx, h),
  };
  for (const rw of LOOP_REWRITERS) {
    const r = rw(stmts, i, lctx);
    if (r === null) continue;
    const consumed = Math.max(1, r.consumed);
    // A rewriter builds its SQL from the loop's statements; a temporal read among them would
    // come out as a read of the current rows, so the whole loop refuses instead.
    const temporal = isRefusal(r.part) ? undefined : stmts.slice(i, i + consumed).map((s) => firstTemporalRead(ctx, s)).find((x) => x !== undefined);
    if (temporal) { for (const s of stmts.slice(i, i + consumed)) poisonWrites(ctx, s, temporal); return consumed; }
    // A loop the rewriter recognised but refused is not an idiom applied.
    if (isRefusal(r.part)) { for (const s of stmts.slice(i, i + consumed)) poisonWrites(ctx, s, r.part); return consumed; }
    ctx.idioms.push(r.idiom);
    ctx.ctes.push(...r.part.ctes);
    for (const t of r.part.tables) setTable(ctx, t.table, { displayName: t.table, relation: t.relation, columns: t.columns });
    if (r.once === true) for (const s of stmts.slice(i, i + consumed)) if (s.kind === 'While') (ctx.loopsRunOnce ??= new Set()).add(s);
    if (r.statements) {
      const outer = ctx.forAllEntities;
      ctx.forAllEntities = r.once === true ? outer : true;
      translateStatements(r.statements, ctx, st);
      ctx.forAllEntities = outer;
    }
    // @@ROWCOUNT after a loop is what its last pass left, not the count of the statements drafted for it
    ctx.rowCountLeft = undefined;
    ctx.scopeIdentityLeft = undefined;
    for (const v of r.part.variables) ctx.variables.set(v.variable.toLowerCase(), v.value);
    if (r.part.notes) ctx.notes.push(...r.part.notes);
    return consumed;
  }
  return 0;
}

/** One statement; returns a refusal when it cannot be translated (its writes are then refused). */
function translateStatement(s: Statement, ctx: DraftContext, st: StatementState): Refusal | undefined {
  const scope = new DraftScope(ctx);
  switch (s.kind) {
    case 'Declare':
      for (const d of s.declarations) {
        const table = declaredTableOf(d, ctx.text, ctx.tableTypes, ctx.file);
        if (table !== undefined) {
          defineLocalConstraints(ctx, d.variable.name, table.definition, table);
          const columns = table.definition.columns.flatMap((c) => (c.dataType ? [{ name: c.name.name, type: sqlTypeOfDataType(c.dataType), ...(c.default ? { default: c.default } : {}), ...(c.identity ? { identity: identitySpecOf(c) } : {}) }] : []));
          setTable(ctx, d.variable.name, { displayName: d.variable.name, relation: addCte(ctx, d.variable.name, emptyRelation(columns)), columns, empty: true });
          defineComputedColumns(ctx, d.variable.name, table.definition.columns);
          continue;
        }
        if (d.kind !== 'VariableDeclaration') continue;
        const type = sqlTypeOfDataType(d.dataType);
        st.variableTypes.set(d.variable.name.toLowerCase(), type);
        if (d.initialValue) assignVariable(ctx, st, d.variable.name, translateExpression(d.initialValue, scope), d.initialValue);
        else ctx.variables.set(d.variable.name.toLowerCase(), { kind: 'translated', sql: `CAST(NULL AS ${duckTypeOf(type) ?? 'VARCHAR'})`, type });
      }
      return undefined;
    case 'SetVariable': {
      if (s.cursor || !s.value) return refuseAt(ctx, s.span, 'SET @cursor = CURSOR', 'cursors are rewritten only by the loop idioms');
      let value = translateExpression(s.value, scope);
      if (s.operator !== '=' && !isRefusal(value)) {
        const old = scope.variable(s.variable.name);
        if (old === undefined || isRefusal(old)) return old ?? refuseAt(ctx, s.span, s.variable.name, 'read before it is set');
        value = arithmetic(s.operator.slice(0, -1), old, value, scope, s.value);
      }
      assignVariable(ctx, st, s.variable.name, value, s.value);
      return undefined;
    }
    case 'CreateTable': {
      const columns = s.definition.columns.flatMap((c) => (c.dataType ? [{ name: c.name.name, type: sqlTypeOfDataType(c.dataType), ...(c.default ? { default: c.default } : {}), ...(c.identity ? { identity: identitySpecOf(c) } : {}) }] : []));
      const key = s.temp ? (s.name.parts[s.name.parts.length - 1]?.name ?? '').toLowerCase() : tableKeyOf({ kind: 'TableRef', name: s.name, temp: false, alias: undefined, hints: [], span: s.span });
      if (s.temp) defineLocalConstraints(ctx, key, s.definition, { file: ctx.file, text: ctx.text });
      setTable(ctx, key, { displayName: s.name.parts.map((p) => p.name).join('.'), relation: addCte(ctx, key, emptyRelation(columns)), columns, empty: true });
      defineComputedColumns(ctx, key, s.definition.columns);
      return undefined;
    }
    case 'Truncate': {
      const t = targetState(ctx, s.target);
      if (isRefusal(t)) return t;
      setTable(ctx, t.key, { ...t.state, relation: addCte(ctx, t.key, emptyRelation(t.state.columns)), empty: true });
      return undefined;
    }
    case 'Select': return selectStatement(s, ctx, st);
    case 'Insert': return insertStatement(s, ctx);
    case 'Update': {
      const through = translateUpdateThroughCte(s, ctx);
      return through === NOT_THROUGH_A_CTE ? translateUpdate(s, ctx) : through;
    }
    case 'Delete': {
      const through = translateDeleteThroughCte(s, ctx);
      return through === NOT_THROUGH_A_CTE ? translateDelete(s, ctx) : through;
    }
    case 'Merge': return translateMerge(s, ctx);
    case 'Execute': return refuseAt(ctx, s.span, s.dynamic.length > 0 ? 'EXEC (dynamic SQL)' : `EXEC ${s.procedure && s.procedure.kind === 'ObjectName' ? s.procedure.parts.map((p) => p.name).join('.') : 'procedure'}`, 'what it changes is unknown to the draft: every output of the section depends on it');
    case 'While': return refuseAt(ctx, s.span, 'WHILE loop', 'no loop idiom matched: rewrite the loop set-based by hand');
    case 'DeclareCursor': return refuseAt(ctx, s.span, `cursor ${s.name}`, 'no loop idiom matched: rewrite the cursor loop set-based by hand');
    case 'If': return translateIf(s, ctx, st);
    case 'AlterTable': return alterTempTable(s, ctx);
    case 'Transaction': return refuseAt(ctx, s.span, `ROLLBACK TRANSACTION${s.name === undefined ? '' : ` ${s.name}`}`, `it undoes what was written since ${s.name === undefined ? 'the BEGIN TRANSACTION' : 'its savepoint or BEGIN TRANSACTION'}, which the draft does not follow: write this part by hand`);
    default: return refuseAt(ctx, s.span, s.kind, 'this statement is not translated');
  }
}

/** Stores a variable's new value, converted to its declared type as SQL Server does. */
export function assignVariable(ctx: DraftContext, st: StatementState, name: string, value: Translated | Refusal, at: Expression): void {
  const declared = st.variableTypes.get(name.toLowerCase());
  if (isRefusal(value) || declared === undefined) { ctx.variables.set(name.toLowerCase(), value); return; }
  ctx.variables.set(name.toLowerCase(), castTo(value, declared, new DraftScope(ctx), at));
}

function selectStatement(s: Select, ctx: DraftContext, st: StatementState): Refusal | undefined {
  const spec = s.body.kind === 'QuerySpec' ? s.body : undefined;
  if (spec && spec.items.length > 0 && spec.items.every((i) => i.kind === 'SelectAssignment')) return selectAssignment(s, ctx, st);
  const into = selectIntoTarget(s.body); // on the first query of a UNION too
  if (!into) {
    // a result set: its ORDER BY is kept (translate-order.ts)
    const r = translateResultSelect(s, new DraftScope(ctx));
    st.resultSet = isRefusal(r) ? r : { relation: addCte(ctx, 'result', r.sql), columns: r.columns, orderBy: r.orderBy, span: s.span };
    return isRefusal(r) ? r : undefined;
  }
  const q = translateSelect(s, new DraftScope(ctx));
  if (isRefusal(q)) return q;
  if (into.kind === 'TableFunctionRef') return refuseAt(ctx, into.span, 'SELECT INTO a rowset function', 'not translated');
  const key = tableKeyOf(into);
  const query = selectIntoQuery(s.body);
  if (query !== undefined) defineSelectIntoConstraints(ctx, key, s, query, q.columns.map((c) => c.name));
  setTable(ctx, key, { displayName: targetName(into), relation: addCte(ctx, key, q.sql), columns: q.columns });
  // its columns are the query's, stored: none computed, whatever an earlier #t of the name had
  defineComputedColumns(ctx, key, []);
  return undefined;
}

/** Names for a SELECT's columns that tell each apart (DuckDB matches names case-insensitively),
 * the repeated ones numbered by position; undefined when its own names already do. */
function positionalNames(names: readonly string[]): string[] | undefined {
  const count = new Map<string, number>();
  for (const n of names) count.set(n.toLowerCase(), (count.get(n.toLowerCase()) ?? 0) + 1);
  if ([...count.values()].every((c) => c === 1)) return undefined;
  // only the repeated names change: a unique one (the identity numbering's column) keeps its name
  return names.map((n, i) => ((count.get(n.toLowerCase()) ?? 0) > 1 ? `__col${i + 1}` : n));
}

/** INSERT … SELECT / VALUES: the target's rows become its previous rows plus the new ones. */
function insertStatement(s: Insert, ctx: DraftContext): Refusal | undefined {
  if (s.output) return refuseAt(ctx, s.output.span, 'OUTPUT', 'OUTPUT clauses are not translated');
  if (s.top) return refuseAt(ctx, s.span, 'INSERT TOP', 'not translated');
  if (s.ctes.length > 0) return withStatementCtes(s.ctes, ctx, () => insertStatement({ ...s, ctes: [] }, ctx), s.option ?? (s.source.kind === 'Select' ? s.source.option : undefined));
  const t = targetState(ctx, s.target);
  if (isRefusal(t)) return t;
  const targetCols = t.state.columns;
  // Without a column list the values go to every column but the identity (the INSERT page).
  const named = s.columns.length > 0 ? s.columns.map((c) => c.name) : targetCols.filter((c) => c.identity === undefined).map((c) => c.name);
  // The identity column the INSERT leaves to the table's counter (identity-keys.ts).
  const identity = targetCols.find((c) => c.identity !== undefined && !named.some((n) => n.toLowerCase() === c.name.toLowerCase()));
  let rowNumber: string | undefined;
  // The identity column as the rows hold it after the INSERT: marked when numbered in no defined order.
  let numberedColumn: DraftColumn | undefined;
  // Columns the spec does not declare are not carried: their values cannot reach the output.
  for (const n of named) if (!targetCols.some((c) => c.name.toLowerCase() === n.toLowerCase())) ctx.notes.push(untracked(t.state.displayName, n));
  const scope = new DraftScope(ctx);
  let rows: { values: readonly Translated[] }[];
  let from = '';
  let inserted: string | undefined;
  if (s.source.kind === 'Select') {
    const source = identity === undefined ? s.source : numberedSelect(ctx, s.source, identity);
    if (isRefusal(source)) return source;
    // TOP (n) WITH TIES … ORDER BY keeps the same rows on any plan: drafted as a result set's (translate-order.ts)
    const q = source === s.source && source.body.kind === 'QuerySpec' && source.body.top?.withTies === true ? translateResultSelect(source, scope) : translateSelect(source, scope);
    if (isRefusal(q)) return q;
    const numbers = source === s.source ? 0 : 1;
    if (q.columns.length - numbers !== named.length) return refuseAt(ctx, s.source.span, 'INSERT … SELECT', `${named.length} columns named, ${q.columns.length - numbers} selected`);
    // INSERT … SELECT takes the SELECT's columns by position, and a self-join may name two of them
    // alike (`a1.[Admission Id], a2.[Admission Id]`): read by name, the first would stand for both.
    const names = positionalNames(q.columns.map((c) => c.name));
    const src = addCte(ctx, `${t.key}_new`, names === undefined ? q.sql : `SELECT * FROM (${q.sql}) AS q(${names.map(quoteName).join(', ')})`);
    const columns = names === undefined ? q.columns : q.columns.map((c, i) => ({ ...c, name: names[i] as string }));
    inserted = `(SELECT CAST(count(*) AS INTEGER) FROM ${src})`;
    const alias = 'n';
    if (numbers > 0) rowNumber = `${alias}.${quoteName(IDENTITY_ROW_NUMBER)}`;
    else if (identity !== undefined) ({ rowNumber, column: numberedColumn } = unorderedNumbering(ctx, identity, src, s));
    const constants = constantSelectItems(source, scope);
    rows = [{ values: columns.map((c, i) => constants[i] ?? { kind: 'translated', sql: `${alias}.${quoteName(c.name)}`, type: c.type }) }];
    from = ` FROM ${src} ${alias}`;
  } else if (s.source.kind === 'ValuesSource') {
    rows = [];
    for (const row of s.source.rows) {
      const values: Translated[] = [];
      for (const e of row) {
        const v = translateExpression(e, scope);
        if (isRefusal(v)) return v;
        values.push(v);
      }
      if (values.length !== named.length) return refuseAt(ctx, s.source.span, 'INSERT … VALUES', `${named.length} columns named, ${values.length} values`);
      rows.push({ values });
    }
  } else {
    return refuseAt(ctx, s.source.span, s.source.kind === 'Execute' ? 'INSERT … EXEC' : 'INSERT DEFAULT VALUES', 'not translated');
  }
  const selects: string[] = [];
  for (const row of rows) {
    const items: string[] = [];
    for (const c of targetCols) {
      const idx = named.findIndex((n) => n.toLowerCase() === c.name.toLowerCase());
      if (idx < 0 && c === identity) {
        // Several rows of VALUES: SQL Server numbers them in its plan's order (no ORDER BY can say it).
        if (rows.length > 1) return refuseAt(ctx, s.source.span, `identity column ${c.name}`, 'a VALUES list of several rows is numbered in the order SQL Server\'s plan meets them: write one INSERT per row, or INSERT … SELECT … ORDER BY');
        const v = identityItem(ctx, t.key, t.state, c, rowNumber, s);
        if (isRefusal(v)) return v;
        items.push(v);
        continue;
      }
      if (idx < 0) {
        // A column the INSERT does not name gets its DEFAULT, converted as an INSERT converts, or NULL.
        const d = defaultItem(c, scope, s);
        if (isRefusal(d)) return d;
        if (d !== undefined) {
          items.push(d);
          continue;
        }
        ctx.notes.push(`${t.state.displayName}.${c.name} is not named by an INSERT and the table script gives it no DEFAULT: the draft writes NULL`);
        items.push(`CAST(NULL AS ${duckTypeOf(c.type) ?? 'VARCHAR'}) AS ${quoteName(c.name)}`);
        continue;
      }
      // The value is converted to the column's type as SQL Server does on INSERT.
      const v = storeAs(row.values[idx] as Translated, c.type, scope, s.source, t.state.displayName, c.name);
      if (isRefusal(v)) return v;
      items.push(`${v.sql} AS ${quoteName(c.name)}`);
    }
    selects.push(`SELECT ${items.join(', ')}${from}`);
  }
  const added = selects.join('\nUNION ALL\n');
  const sql = t.state.empty ? added : `SELECT * FROM ${t.state.relation}\nUNION ALL\n${added}`;
  const relation = addCte(ctx, t.key, sql);
  setTable(ctx, t.key, { displayName: t.state.displayName, relation, columns: targetCols.map((c) => (c === identity ? numberedColumn ?? c : c)) });
  // the relation the table's state ends up with (its key and CHECK constraints add one)
  if (identity !== undefined) noteNumberedRelation(ctx, t.key, ctx.tables.get(t.key.toLowerCase())?.relation ?? relation);
  ctx.rowCountLeft = { kind: 'translated', sql: inserted ?? `CAST(${rows.length} AS INTEGER)`, type: INT };
  // one row of VALUES: its identity value, for a SCOPE_IDENTITY() right after (SQL Server's numeric(38,0))
  if (identity !== undefined && s.source.kind === 'ValuesSource' && rows.length === 1) {
    const v = nextIdentityValue(ctx, t.key, t.state, identity, s);
    ctx.scopeIdentityLeft = isRefusal(v) ? v : { kind: 'translated', sql: `CAST(${v} AS DECIMAL(38,0))`, type: decimal(38, 0) };
  }
  return undefined;
}

export { formatSqlType };

/** The SELECT item of a column an INSERT (or a MERGE's INSERT) does not name but whose table
 * script gives it a DEFAULT: that value, converted as an INSERT converts it; undefined without one. */
export function defaultItem(c: DraftColumn, scope: DraftScope, at: { readonly span: SourceSpan }): string | Refusal | undefined {
  // SQL Server numbers the new rows from the table's identity counter (its value left by earlier
  // loads, several rows in its plan's order): never NULL, and not known to the draft.
  if (c.identity) return refuseAt(scope.ctx, at.span, `identity column ${c.name}`, 'the INSERT leaves it to the table\'s identity counter, which the draft does not reproduce: write this part by hand');
  if (c.default === undefined) return undefined;
  const d = translateExpression(c.default, scope);
  if (isRefusal(d)) return d;
  const v = castTo(d, c.type, scope, c.default);
  return isRefusal(v) ? v : `${v.sql} AS ${quoteName(c.name)}`;
}
