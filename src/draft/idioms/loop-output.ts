import type { SourceSpan } from '../../core';
import {
  findAll, type Delete, type Expression, type Identifier, type Insert, type Select, type Statement, type TableTarget,
} from '../../tsql';
import type { DraftColumn, Refusal, SqlPart, Translated } from '../draft-model';
import type { TableState } from '../draft-scope';
import { castTo } from '../convert-value';
import { DraftScope, freshName } from '../draft-scope';
import { untracked } from '../translate-dml';
import { tableKeyOf } from '../translate-query';
import { placeholderClock, quoteName, stringLiteral } from '../sql-text';
import { duckTypeOf } from '../sql-types';
import { expressionIn, isRefusal, queryIn, refuseSpan, type Bindings, type IdiomContext } from './idiom-context';
import { refuse, varKey, type IdiomRefusal } from './loop-shape';
import { sameExpression } from './loop-levels';

/*
 * The write at the end of a loop iteration: `INSERT INTO t (cols) VALUES (…)`, optionally
 * preceded by `DELETE FROM t WHERE key = @var` (replace the entity's row), or guarded by
 * `IF NOT EXISTS (SELECT … FROM t WHERE key = <the value it inserts>)` (add what is missing).
 * Rendered as the rows the loop inserts, then the table's state after the loop: its rows
 * before, minus those replaced, plus the new ones.
 */

/** The recognised write of one iteration. */
export interface LoopWrite {
  readonly insert: Insert;
  readonly target: TableTarget;
  readonly columns: readonly Identifier[];
  /** The VALUES row; empty for INSERT … SELECT. */
  readonly values: readonly Expression[];
  /** The SELECT of INSERT … SELECT: its rows are inserted once per iteration. */
  readonly query: Select | undefined;
  /** `DELETE FROM t WHERE column = @variable` before the INSERT. */
  readonly replaceKey: { readonly column: string; readonly variable: string | undefined; readonly expression: Expression; readonly node: Delete } | undefined;
  /** `IF NOT EXISTS (SELECT … FROM t WHERE column = expression)` around the INSERT, which writes that expression to that column. */
  readonly ifMissing: { readonly column: string; readonly node: Statement } | undefined;
  /** How many statements at the end of the body the write takes. */
  readonly count: number;
  /** `SET @n += @@ROWCOUNT` & co. after the INSERT inside its IF NOT EXISTS (with `guardedSets`). */
  readonly guardedSets?: readonly Statement[];
}

/** Lookup key of a write target as the draft tracks tables; undefined for rowset functions. */
export function targetKey(t: TableTarget): string | undefined {
  return t.kind === 'TableFunctionRef' ? undefined : tableKeyOf(t);
}

/**
 * Recognises the write that ends an iteration: the last statement is a one-row INSERT … VALUES
 * with a column list, optionally preceded by a DELETE of the same table keyed on a column the
 * INSERT fills from the same variable. A refusal when the body ends otherwise.
 */
export function matchLoopWrite(body: readonly Statement[], loopNode: { readonly span: SourceSpan }, options: { readonly guardedSets?: boolean } = {}): LoopWrite | IdiomRefusal {
  const end = body[body.length - 1];
  const guarded = end?.kind === 'If' ? guardedInsert(end, options.guardedSets === true) : undefined;
  if (guarded !== undefined && 'reason' in guarded) return guarded;
  const last = guarded?.insert ?? end;
  if (!last || last.kind !== 'Insert') return refuse(last ?? loopNode, 'the loop body does not end with the INSERT of its row');
  const src = last.source;
  if (src.kind !== 'Select' && (src.kind !== 'ValuesSource' || src.rows.length !== 1)) return refuse(last, 'INSERT … EXEC, DEFAULT VALUES or several VALUES rows per iteration: only INSERT … VALUES (one row) or INSERT … SELECT is drafted');
  if (last.columns.length === 0) return refuse(last, 'INSERT without a column list: name the columns so the draft knows which value goes where');
  if (last.output || last.top || last.ctes.length > 0) return refuse(last, 'INSERT with OUTPUT, TOP or a WITH clause inside a loop');
  const key = targetKey(last.target);
  if (!key) return refuse(last, 'INSERT into a rowset function');
  if (src.kind === 'Select' && findAll(src, 'TableRef').some((t) => targetKey(t) === key)) {
    return refuse(src, 'the INSERT … SELECT reads the table it inserts into: each iteration sees the rows of the earlier ones');
  }
  const values = src.kind === 'ValuesSource' ? src.rows[0] as readonly Expression[] : [];
  const query = src.kind === 'Select' ? src : undefined;
  if (guarded !== undefined) {
    const at = last.columns.findIndex((c) => c.name.toLowerCase() === guarded.column.toLowerCase());
    const item = query && query.body.kind === 'QuerySpec' ? query.body.items[at] : undefined;
    const fed = at < 0 ? undefined : query ? (item?.kind === 'SelectItem' ? item.expression : undefined) : values[at];
    // The INSERT must write the very value the guard looks for, so each iteration adds its own key once.
    if (!fed || !sameExpression(fed, guarded.expression)) {
      return refuse(end as Statement, `IF NOT EXISTS around the INSERT: the INSERT must write to ${guarded.column} the value the guard looks for`);
    }
    return { insert: last, target: last.target, columns: last.columns, values, query, replaceKey: undefined, ifMissing: { column: guarded.column, node: end as Statement }, count: 1, guardedSets: guarded.sets };
  }
  const prev = body[body.length - 2];
  let replaceKey: LoopWrite['replaceKey'];
  if (prev && prev.kind === 'Delete') {
    const w = prev.where;
    const same = targetKey(prev.target) === key && prev.from.length === 0 && !prev.top && !prev.output && !prev.currentOf;
    let column: string | undefined;
    let expression: Expression | undefined;
    if (w && w.kind === 'Binary' && w.operator === '=') {
      if (w.left.kind === 'ColumnRef' && w.right.kind !== 'ColumnRef') { column = (w.left.parts[w.left.parts.length - 1] as Identifier).name; expression = w.right; }
      else if (w.right.kind === 'ColumnRef' && w.left.kind !== 'ColumnRef') { column = (w.right.parts[w.right.parts.length - 1] as Identifier).name; expression = w.left; }
    }
    const at = column === undefined ? -1 : last.columns.findIndex((c) => c.name.toLowerCase() === (column as string).toLowerCase());
    const item = query && query.body.kind === 'QuerySpec' ? query.body.items[at] : undefined;
    const fed = at < 0 ? undefined : query ? (item?.kind === 'SelectItem' ? item.expression : undefined) : values[at];
    // The INSERT must write the very value the DELETE looks for, so each iteration replaces
    // exactly the rows of its own key.
    if (!same || column === undefined || !expression || !fed || !sameExpression(fed, expression) || findAll(expression, 'ColumnRef').length > 0 || findAll(expression, 'Subquery').length > 0) {
      return refuse(prev, 'DELETE before the INSERT: only `DELETE FROM <same table> WHERE <key column> = <value of the loop variables>`, with the INSERT writing that same value to that column, is drafted (replace the rows of the entity or day)');
    }
    replaceKey = { column, variable: expression.kind === 'Variable' ? varKey(expression) : undefined, expression, node: prev };
  }
  return { insert: last, target: last.target, columns: last.columns, values, query, replaceKey, ifMissing: undefined, count: replaceKey ? 2 : 1 };
}

/**
 * `IF NOT EXISTS (SELECT … FROM t [AS a] WHERE [a.]column = <expression of no column>) INSERT
 * INTO t …` (no ELSE): the INSERT, the column and the expression; a refusal for another IF
 * around an INSERT; undefined for an IF around anything else.
 */
function guardedInsert(s: Extract<Statement, { kind: 'If' }>, withSets: boolean): { insert: Insert; column: string; expression: Expression; sets: readonly Statement[] } | IdiomRefusal | undefined {
  // With `withSets`, the block may go on after the INSERT with SETs (`SET @n += @@ROWCOUNT`),
  // which the caller treats as bookkeeping the draft does not compute.
  const list = s.then.kind === 'Block' ? s.then.statements : [s.then];
  const sets = list.slice(1);
  const counted = list.length === 1 || (withSets && sets.every((x) => x.kind === 'SetVariable'));
  const then = counted ? list[0] as Statement : s.then;
  if (then.kind !== 'Insert') return undefined;
  const why = 'IF around the INSERT: only `IF NOT EXISTS (SELECT … FROM <same table> WHERE <key column> = <value of the loop variables>) INSERT …` without ELSE is drafted (add the rows that are missing)';
  const c = s.condition;
  if (s.else !== undefined || c.kind !== 'Unary' || c.operator.toUpperCase() !== 'NOT' || c.operand.kind !== 'Exists') return refuse(s, why);
  const q = c.operand.query;
  const spec = q.body.kind === 'QuerySpec' ? q.body : undefined;
  const source = spec?.from.length === 1 ? spec.from[0] : undefined;
  const w = spec?.where;
  if (!spec || q.ctes.length > 0 || spec.groupBy || spec.having || spec.top || source?.kind !== 'TableRef' || targetKey(source) !== targetKey(then.target) || !w || w.kind !== 'Binary' || w.operator !== '=') return refuse(s, why);
  const alias = source.alias?.name.toLowerCase();
  const own = (e: Expression): boolean => e.kind === 'ColumnRef' && (e.parts.length === 1 || (e.parts.length === 2 && alias !== undefined && e.parts[0]?.name.toLowerCase() === alias));
  const [col, expression] = own(w.left) ? [w.left, w.right] : own(w.right) ? [w.right, w.left] : [undefined, undefined];
  if (col?.kind !== 'ColumnRef' || !expression || findAll(expression, 'ColumnRef').length > 0 || findAll(expression, 'Subquery').length > 0 || findAll(expression, 'Exists').length > 0) return refuse(s, why);
  return { insert: then, column: (col.parts[col.parts.length - 1] as Identifier).name, expression, sets };
}

// The clock functions the translator emits for GETDATE()/SYSDATETIME()/CURRENT_TIMESTAMP.
const CLOCK = new RegExp(`${placeholderClock()}|current_localtimestamp\\(|current_timestamp|now\\(\\)`, 'i');
const CLOCK_FUNCTIONS = new Set(['getdate', 'sysdatetime', 'current_timestamp', 'getutcdate', 'sysutcdatetime', 'sysdatetimeoffset']);

/** Whether the INSERT … SELECT's item `i` reads the clock (its translation is only `ins.cN`). */
function selectItemReadsClock(query: Select | undefined, i: number): boolean {
  const item = query && query.body.kind === 'QuerySpec' ? query.body.items[i] : undefined;
  if (!item || item.kind !== 'SelectItem') return false;
  return findAll(item.expression, 'FunctionCall').some((f) => CLOCK_FUNCTIONS.has(f.name.parts.map((p) => p.name).join('.').toLowerCase()));
}

/**
 * Renders the loop's write as draft SQL: a CTE of the inserted rows (FROM `rowsSql`, the
 * set-based rows of the loop, values bound by `bindings`) and the target's state after it.
 * `iterations` (a FROM of one row per iteration) is given by loops whose DELETE + INSERT
 * replaces each iteration's own key (a day), which may insert several rows.
 */
export function renderLoopWrite(ic: IdiomContext, write: LoopWrite, rowsSql: string, bindings: Bindings, span: SourceSpan, notes: readonly string[], iterations?: string): SqlPart | Refusal {
  const key = targetKey(write.target) as string;
  const state = ic.ctx.tables.get(key);
  const items: string[] = [];
  const columns: DraftColumn[] = [];
  let from = rowsSql;
  let selected: readonly Translated[] | undefined;
  if (write.query) {
    const q = queryIn(ic, write.query, bindings);
    if (isRefusal(q)) return q;
    if (q.columns.length !== write.columns.length) return refuseSpan(ic, write.insert.span, 'INSERT … SELECT', `${write.columns.length} columns listed, the SELECT returns ${q.columns.length}`);
    // Each iteration inserts the SELECT's rows for its own variable values: a lateral join.
    from = `${rowsSql}
  CROSS JOIN LATERAL (${q.sql}) AS ins(${q.columns.map((_, i) => `c${i + 1}`).join(', ')})`;
    selected = q.columns.map((c, i) => ({ kind: 'translated', sql: `ins.c${i + 1}`, type: c.type }));
  }
  const scope = new DraftScope(ic.ctx);
  const clockColumns = new Set<string>();
  for (let i = 0; i < write.columns.length; i++) {
    const col = write.columns[i] as Identifier;
    const t = selected ? selected[i] as Translated : expressionIn(ic, write.values[i] as Expression, bindings);
    if (isRefusal(t)) return t;
    const declared = state?.columns.find((c) => c.name.toLowerCase() === col.name.toLowerCase());
    // Columns the spec does not declare are not carried, as for set-based INSERTs.
    if (state && !declared) { ic.ctx.notes.push(untracked(state.displayName, col.name)); continue; }
    if (CLOCK.test(t.sql) || selectItemReadsClock(write.query, i)) {
      // GETDATE() per row is the moment each legacy INSERT ran: no draft reproduces it, so
      // the column is left out (the output then drops it, or refuses if the spec checks it).
      clockColumns.add((declared?.name ?? col.name).toLowerCase());
      ic.ctx.notes.push(`${state?.displayName ?? key}.${col.name} is the clock at each loop iteration: not reproducible, left out of the draft`);
      continue;
    }
    const value = declared ? castTo(t, declared.type, scope, write.values[i] ?? write.insert) : t;
    if (isRefusal(value)) return value;
    items.push(`${value.sql} AS ${quoteName(declared?.name ?? col.name)}`);
    columns.push({ name: declared?.name ?? col.name, type: declared?.type ?? t.type });
  }
  const display = write.target.kind === 'TableRef' ? write.target.name.parts.map((p) => p.name).join('.') : key;
  const rowsName = freshName(ic.ctx, `${display}_rows`);
  const ctes = [{ name: rowsName, sql: `SELECT ${items.join(',\n       ')}\n  FROM ${from}` }];
  let newRows = rowsName;
  if (write.ifMissing) {
    const added = missingRows(ic, write.ifMissing, state, display, ctes, columns, rowsName);
    if (isRefusal(added)) return added;
    newRows = added;
  }
  if (write.replaceKey && iterations !== undefined) return renderIterationReplace(ic, write, state, key, display, ctes, columns, clockColumns, rowsName, iterations, bindings, span, notes);
  if (write.replaceKey) {
    if (!write.replaceKey.variable) return refuseSpan(ic, write.replaceKey.node.span, 'DELETE … WHERE key = …', 'a cursor loop replaces by a fetched variable only');
    const k = quoteName(columns.find((c) => c.name.toLowerCase() === write.replaceKey?.column.toLowerCase())?.name ?? write.replaceKey.column);
    const kt = columns.find((c) => c.name.toLowerCase() === write.replaceKey?.column.toLowerCase())?.type;
    if (!kt || kt.family === 'string' || kt.family === 'unknown' || kt.family === 'float') {
      return refuseSpan(ic, write.replaceKey.node.span, 'DELETE … WHERE key = @v', 'the key is text (compared case-insensitively by SQL Server) or of an unknown type: which inserted row replaces which is not drafted');
    }
    // The loop deletes then inserts per row: of several rows with one key only the last stays.
    // Identical rows leave the same result; different ones depend on the cursor's order, so
    // the draft stops with an error rather than pick one.
    const dedup = freshName(ic.ctx, `${display}_last`);
    const msg = stringLiteral(`loop inserts different rows for one ${write.replaceKey.column}: the legacy result depends on the cursor order`);
    ctes.push({ name: dedup, sql: `SELECT * EXCLUDE (dup_count) FROM (
    SELECT *, count(*) OVER (PARTITION BY ${k}) AS dup_count FROM (SELECT DISTINCT * FROM ${rowsName} WHERE ${k} IS NOT NULL)
  ) WHERE CASE WHEN dup_count > 1 THEN error(${msg}) ELSE true END
  UNION ALL SELECT * FROM ${rowsName} WHERE ${k} IS NULL` });
    newRows = dedup;
  }
  if (!state) {
    return { kind: 'sql', span, ctes, tables: [{ table: key, relation: newRows, columns }], variables: [], notes };
  }
  const after = freshName(ic.ctx, display);
  const keptColumns = state.columns.filter((c) => !clockColumns.has(c.name.toLowerCase()));
  const list = keptColumns.map((c) => quoteName(c.name)).join(', ');
  const fill = keptColumns.map((c) => {
    const mine = columns.find((x) => x.name.toLowerCase() === c.name.toLowerCase());
    if (mine) return quoteName(c.name);
    // A column the INSERT does not name gets its DEFAULT (or NULL); the draft knows no defaults.
    ic.ctx.notes.push(`${state.displayName}.${c.name} is not named by the loop's INSERT: the draft writes NULL (check the column's DEFAULT)`);
    return `CAST(NULL AS ${duckTypeOf(c.type) ?? 'VARCHAR'}) AS ${quoteName(c.name)}`;
  });
  const added = `SELECT ${fill.join(', ')} FROM ${newRows}`;
  const kept = write.replaceKey
    ? `SELECT ${list} FROM ${state.relation} AS old WHERE NOT EXISTS (SELECT 1 FROM ${rowsName} AS n WHERE n.${quoteName(write.replaceKey.column)} = old.${quoteName(write.replaceKey.column)})`
    : `SELECT ${list} FROM ${state.relation}`;
  ctes.push({ name: after, sql: state.empty ? added : `${kept}\n  UNION ALL\n  ${added}` });
  return { kind: 'sql', span, ctes, tables: [{ table: key, relation: after, columns: keptColumns }], variables: [], notes };
}

/**
 * IF NOT EXISTS (… WHERE key = f(iteration)) INSERT a row with key = f(iteration): a row is added
 * when its key was not in the table before the loop and no earlier iteration added it. The draft
 * adds the rows whose key was not there before, provided no two iterations give one key (else
 * which iteration's row stays would follow the loop's order: the query stops with an error on
 * such data). A NULL key never matches, so its rows are always added.
 */
function missingRows(ic: IdiomContext, guard: NonNullable<LoopWrite['ifMissing']>, state: TableState | undefined, display: string, ctes: { name: string; sql: string }[], columns: readonly DraftColumn[], rowsName: string): string | Refusal {
  const column = columns.find((c) => c.name.toLowerCase() === guard.column.toLowerCase());
  if (!column || !['int', 'date', 'datetime', 'decimal'].includes(column.type.family)) {
    return refuseSpan(ic, guard.node.span, 'IF NOT EXISTS … INSERT', 'only number and date keys are drafted (text compares case-insensitively, float inexactly)');
  }
  const k = quoteName(column.name);
  const msg = stringLiteral(`two iterations of the loop add the same ${column.name}: which one's row stays follows the loop's order`);
  const name = freshName(ic.ctx, `${display}_missing`);
  const missing = state === undefined || state.empty ? '' : ` AND (n.${k} IS NULL OR NOT EXISTS (SELECT 1 FROM ${state.relation} AS old WHERE old.${k} = n.${k}))`;
  // The check is in the WHERE so that it runs (an unused column could be optimised away).
  ctes.push({ name, sql: `SELECT n.* FROM ${rowsName} AS n, (SELECT CASE WHEN count(${k}) <> count(DISTINCT ${k}) THEN error(${msg}) ELSE 0 END AS ok FROM ${rowsName}) AS unique_keys
  WHERE unique_keys.ok = 0${missing}` });
  return name;
}

/**
 * DELETE WHERE col = f(iteration) + INSERT of rows with col = f(iteration), per iteration: the
 * old rows of every iteration's key go, the inserted rows all stay, provided no two
 * iterations share a key (else a later one would delete an earlier one's rows: the query
 * stops with an error on such data).
 */
function renderIterationReplace(ic: IdiomContext, write: LoopWrite, state: TableState | undefined, key: string, display: string, ctes: { name: string; sql: string }[], columns: readonly DraftColumn[], clockColumns: ReadonlySet<string>, rowsName: string, iterations: string, bindings: Bindings, span: SourceSpan, notes: readonly string[]): SqlPart | Refusal {
  const rk = write.replaceKey as NonNullable<LoopWrite['replaceKey']>;
  const k = expressionIn(ic, rk.expression, bindings);
  if (isRefusal(k)) return k;
  if (!['int', 'date', 'datetime', 'decimal'].includes(k.type.family)) {
    return refuseSpan(ic, rk.node.span, 'DELETE … WHERE key = …', 'only number and date keys are replaced per iteration (text compares case-insensitively)');
  }
  const msg = stringLiteral(`two iterations of the loop replace the same ${rk.column}: a later one deletes what an earlier one inserted`);
  const guard = freshName(ic.ctx, `${display}_keys`);
  ctes.push({ name: guard, sql: `SELECT CASE WHEN count(*) <> count(DISTINCT ${k.sql}) THEN error(${msg}) ELSE 0 END AS ok FROM ${iterations}` });
  const added = `SELECT ${columns.map((c) => quoteName(c.name)).join(', ')} FROM ${rowsName}, ${guard}`;
  if (!state) return { kind: 'sql', span, ctes: [...ctes, { name: `${rowsName}_ok`, sql: added }], tables: [{ table: key, relation: `${rowsName}_ok`, columns }], variables: [], notes };
  const keptColumns = state.columns.filter((c) => !clockColumns.has(c.name.toLowerCase()));
  const list = keptColumns.map((c) => quoteName(c.name)).join(', ');
  const fill = keptColumns.map((c) => (columns.some((x) => x.name.toLowerCase() === c.name.toLowerCase()) ? quoteName(c.name) : `CAST(NULL AS ${duckTypeOf(c.type) ?? 'VARCHAR'}) AS ${quoteName(c.name)}`));
  const col = state.columns.find((c) => c.name.toLowerCase() === rk.column.toLowerCase());
  if (!col) return refuseSpan(ic, rk.node.span, rk.column, `${state.displayName} has no column ${rk.column} here`);
  const after = freshName(ic.ctx, display);
  const kept = `SELECT ${list} FROM ${state.relation} AS old WHERE NOT EXISTS (SELECT 1 FROM ${iterations} WHERE old.${quoteName(col.name)} = ${k.sql})`;
  const newRows = `SELECT ${fill.join(', ')} FROM (${added})`;
  ctes.push({ name: after, sql: state.empty ? newRows : `${kept}\n  UNION ALL\n  ${newRows}` });
  return { kind: 'sql', span, ctes, tables: [{ table: key, relation: after, columns: keptColumns }], variables: [], notes };
}
