import { findAll, normalizeObjectName, tablesInEffect, type ColumnDefinition, type CreateTable, type DeclareCursor, type Expression, type Literal, type Node, type ParsedScript, type QuerySpec, type Statement, type While } from '../../../tsql';
import { normalizeObjectName as normalizeWrittenName } from '../../legacy-run';
import { collectProcedures } from '../emulate-procedure';
import { AGGREGATE_NAMES } from '../functions';
import { selectSectionStatements, type SectionLines } from './section-statements';

// A cursor section is per-entity on a column k (`@entity:k`: `sections record --from-data`
// records one k at a time, `migrate test` runs each k alone and compares) only when a pass of
// the loop over one row computes the same whether the rows of other k values ran before it or
// not. A variable the loop body reads before it sets it in the same pass carries state from the
// rows before (`SET @RunGain = @RunGain + @Gain`, a `SELECT @Rate = … FROM …` that keeps the last
// row's rate when it finds none): a per-k run starts it from its value before the loop, the run
// over all rows from what the rows of other k values left. That is the same only where the loop
// resets it at each change of k, as legacy code writes it:
//   IF @EntityCode <> @PrevEntity OR @CcyCode <> @PrevCcy
//   BEGIN SET @RunGain = 0; SET @PrevEntity = @EntityCode; SET @PrevCcy = @CcyCode; END
// or, as much legacy code has it, with the "previous" variable set after the work of the row:
//   IF @CustomerId <> @PrevCustomer OR @PrevCustomer IS NULL SET @PaidToDate = 0
//   … SET @PrevCustomer = @CustomerId
// (also `ISNULL(@PrevCustomer, '') <> @CustomerId`), before anything else reads it, and only
// where that is certain: every column compared is NOT NULL in its table (`x <> NULL` is not
// true: no reset), every "previous" variable is set to the fetched value (in the IF, or once
// after it with nothing reading it in between), and the first row of a per-k run either surely
// triggers the reset (an `@prev IS NULL` arm, @prev starting NULL; the other variables then only
// need a reset that reads no carried state) or, not triggering it, starts from the state the
// reset gives (@prev starting from a constant it is then equal to, or set after the IF anyway;
// every other carried variable reset to the constant it starts from before the loop); and the
// cursor's ORDER BY keeps the rows of k together or apart only by compared columns (its items
// up to k are all compared). Then the state at each row is that of the rows since its group of
// compared columns began, in both runs. A variable the IF does not reset (`@PrevAmount`, the
// previous customer's last payment on the next customer's first row) is carried across k.

/** What a cursor loop carries from one row to the next, and the cursor columns it is per-entity on. */
export interface CursorCarriedState {
  /** The cursor as written (`curPos`). */
  readonly cursor: string;
  /** Its columns as written (`Entity Code`; '' for a computed column without an alias), in the query's order. */
  readonly columns: readonly string[];
  /** The variables a pass reads before it sets them, each with its first such read. */
  readonly carried: readonly { readonly name: string; readonly node: Node }[];
  /** The columns (as written) on whose every change the carried state is reset; empty when none is certain. */
  readonly resetOn: readonly string[];
  /** The columns (as written) a run per value is certain on: every column when nothing is carried. */
  readonly keys: readonly string[];
  /** Why no reset is certain, when something is carried and `resetOn` is empty. */
  readonly why: string | undefined;
  /** The read `why` is about (the variable carried across k), else the first carried read. */
  readonly culprit: Node | undefined;
  /**
   * The cursors (as written) whose loops hold this cursor's loop: a pass of theirs runs it whole,
   * so what it carries from row to row stays within one of their rows unless their own loop
   * carries it on (their own CursorCarriedState says so).
   */
  readonly within: readonly string[];
}

const lower = (s: string): string => s.toLowerCase();
/** A column name as T-SQL writes it (`[Entity Code]`, `EntityId`). */
const written = (name: string): string => (/^[A-Za-z_][\w]*$/.test(name) ? name : `[${name.replace(/\]/g, ']]')}]`);
const last = (parts: readonly { readonly name: string }[]): string => lower(parts[parts.length - 1]?.name ?? '');

/** A statement list as a block's statements (a single statement as a list of one). */
const listOf = (st: Statement): readonly Statement[] => (st.kind === 'Block' ? st.statements : [st]);

/** The variables a statement (or a part of one) may set: SET, SELECT @v =, FETCH INTO, DECLARE @v = …, UPDATE … SET @v =. */
function targetsIn(node: Node): Set<string> {
  const out = new Set<string>();
  for (const s of findAll(node, 'SetVariable')) if (s.cursor === undefined) out.add(lower(s.variable.name));
  for (const a of findAll(node, 'SelectAssignment')) out.add(lower(a.variable.name));
  for (const f of findAll(node, 'Fetch')) for (const v of f.into) out.add(lower(v.name));
  for (const d of findAll(node, 'VariableDeclaration')) if (d.initialValue !== undefined) out.add(lower(d.variable.name));
  return out;
}

/** A plain assignment (`=`, not `+=`). */
const plain = (operator: string): boolean => operator === '' || operator === '=';

/**
 * Walks one pass of a loop body: `set` holds the variables certainly set so far in the pass;
 * each read of a variable the body may set (`assigned`) outside it is carried state. Returns
 * the variables set after the statements, or undefined when every path leaves the pass
 * (BREAK, CONTINUE, RETURN, GOTO).
 */
function walk(statements: readonly Statement[], set: Set<string> | undefined, assigned: ReadonlySet<string>, carried: Map<string, Node>): Set<string> | undefined {
  let now = set;
  const read = (node: Node | undefined, except: ReadonlySet<Node> = new Set()): void => {
    if (node === undefined || now === undefined) return;
    for (const v of findAll(node, 'Variable')) {
      const name = lower(v.name);
      if (!except.has(v) && assigned.has(name) && !now.has(name) && !carried.has(name)) carried.set(name, v);
    }
  };
  for (let at = 0; at < statements.length; at++) {
    const st = statements[at] as Statement;
    if (now === undefined) return undefined;
    switch (st.kind) {
      case 'Block': now = walk(st.statements, now, assigned, carried); break;
      case 'If': {
        read(st.condition);
        const a = walk(listOf(st.then), new Set(now), assigned, carried);
        const b = st.else === undefined ? new Set(now) : walk(listOf(st.else), new Set(now), assigned, carried);
        now = a === undefined ? b : b === undefined ? a : new Set([...a].filter((v) => b.has(v)));
        break;
      }
      case 'While':
        // the body may not run: what it sets is not certain after it
        read(st.condition);
        walk(listOf(st.body), new Set(now), assigned, carried);
        break;
      case 'TryCatch':
        walk(st.tryStatements, new Set(now), assigned, carried);
        walk(st.catchStatements, new Set(now), assigned, carried);
        break;
      case 'Break': case 'Continue': case 'Return': case 'Goto': read(st); return undefined;
      case 'SetVariable': {
        if (st.cursor !== undefined) break;
        read(st.value);
        const name = lower(st.variable.name);
        if (!plain(st.operator)) read(st.variable);
        now.add(name);
        break;
      }
      case 'Declare':
        for (const d of findAll(st, 'VariableDeclaration')) {
          read(d.initialValue);
          // a DECLARE without a value does not reset the variable on a later pass (T-SQL scopes it to the batch)
          if (d.initialValue !== undefined) now.add(lower(d.variable.name));
        }
        break;
      case 'Fetch':
        read(st.offset);
        for (const v of st.into) now.add(lower(v.name));
        break;
      default: {
        const assignments = st.kind === 'Select' && st.body.kind === 'QuerySpec' && st.body.items.length > 0 && st.body.items.every((i) => i.kind === 'SelectAssignment') ? st.body : undefined;
        if (assignments === undefined) { read(st); break; }
        const targets = new Set<Node>(assignments.items.flatMap((i) => (i.kind === 'SelectAssignment' ? [i.variable] : [])));
        read(st, targets);
        // `SELECT @Rate = r.Rate FROM … WHERE …` finding no row keeps the value from before: a read of it
        // (an aggregate without GROUP BY, `SELECT @Before = ISNULL(SUM(Amount), 0) FROM … WHERE …`, always gives its one row)
        const conditional = (assignments.from.length > 0 || assignments.where !== undefined) && !aggregateRow(assignments);
        // … unless the next statement leaves the pass when it found none (`IF @@ROWCOUNT = 0 BREAK`):
        // its branch sees the kept values (its reads of them are carried), the rest of the pass the row's
        const guard = conditional ? noRowGuard(statements[at + 1]) : undefined;
        if (guard !== undefined && walk(listOf(guard), new Set(now), assigned, carried) === undefined) {
          for (const i of assignments.items) {
            if (i.kind !== 'SelectAssignment') continue;
            if (plain(i.operator)) now.add(lower(i.variable.name));
            else read(i.variable);
          }
          at++;
          break;
        }
        for (const i of assignments.items) {
          if (i.kind !== 'SelectAssignment') continue;
          if (conditional || !plain(i.operator)) read(i.variable);
          else now.add(lower(i.variable.name));
        }
      }
    }
  }
  return now;
}

/**
 * The branch of `IF @@ROWCOUNT = 0 …` (also `0 = @@ROWCOUNT`, `@@ROWCOUNT < 1`) without ELSE: what runs
 * when the SELECT of assignments before it found no row (@@ROWCOUNT counts the rows it returned).
 */
function noRowGuard(st: Statement | undefined): Statement | undefined {
  if (st?.kind !== 'If' || st.else !== undefined || st.condition.kind !== 'Binary') return undefined;
  const { operator, left, right } = st.condition;
  const rowcount = (e: Expression): boolean => e.kind === 'SystemVariable' && e.name.toUpperCase() === '@@ROWCOUNT';
  const value = (e: Expression): string | undefined => (e.kind === 'Literal' && e.literalType === 'integer' ? e.value : undefined);
  const none = (operator === '=' && ((rowcount(left) && value(right) === '0') || (rowcount(right) && value(left) === '0')))
    || (operator === '<' && rowcount(left) && value(right) === '1');
  return none ? st.then : undefined;
}

/** Whether a query of assignments is an aggregate without GROUP BY, HAVING or TOP: it gives exactly one row, whatever its FROM and WHERE find. */
function aggregateRow(query: QuerySpec): boolean {
  if (query.groupBy !== undefined || query.having !== undefined || query.top !== undefined) return false;
  return query.items.every((i) => {
    if (i.kind !== 'SelectAssignment') return false;
    // an aggregate of a subquery in the value aggregates the subquery's rows, not this query's
    const queries: Node[] = [...findAll(i.expression, 'Subquery'), ...findAll(i.expression, 'Exists')].map((q) => q.query);
    for (const x of findAll(i.expression, 'In')) if (x.query !== undefined) queries.push(x.query);
    const nested = new Set<Node>(queries.flatMap((q) => findAll(q, 'FunctionCall')));
    return findAll(i.expression, 'FunctionCall').some((f) => !nested.has(f) && f.over === undefined && f.name.parts.length === 1 && AGGREGATE_NAMES.has((f.name.parts[0]?.name ?? '').toUpperCase()));
  });
}

/** The variables a simple statement reads (not those it assigns with `=`); undefined beside `sets` for a statement that does more than set variables. */
function variableStatement(st: Statement): { sets: string[]; reads: Node[] } | undefined {
  const readsIn = (nodes: readonly (Node | undefined)[]): Node[] => nodes.flatMap((n) => (n === undefined ? [] : findAll(n, 'Variable')));
  if (st.kind === 'SetVariable') return st.cursor !== undefined ? undefined : { sets: [lower(st.variable.name)], reads: readsIn([st.value, plain(st.operator) ? undefined : st.variable]) };
  if (st.kind === 'Declare') { const ds = findAll(st, 'VariableDeclaration'); return { sets: ds.map((d) => lower(d.variable.name)), reads: readsIn(ds.map((d) => d.initialValue)) }; }
  if (st.kind === 'Fetch') return { sets: st.into.map((v) => lower(v.name)), reads: readsIn([st.offset]) };
  if (st.kind !== 'Select' || st.body.kind !== 'QuerySpec' || st.body.into !== undefined || st.body.items.length === 0 || !st.body.items.every((i) => i.kind === 'SelectAssignment')) return undefined;
  const targets = new Set<Node>(st.body.items.flatMap((i) => (i.kind === 'SelectAssignment' && plain(i.operator) ? [i.variable] : [])));
  return { sets: st.body.items.map((i) => (i.kind === 'SelectAssignment' ? lower(i.variable.name) : '')), reads: findAll(st, 'Variable').filter((v) => !targets.has(v)) };
}

/**
 * Whether a variable's value (lower-case name) reaches anything among `statements` but variables
 * that reach nothing themselves: a row written, a result, an IF's or WHILE's condition, a cursor's
 * query, a call. Undecided is reached.
 */
function reachesBeyondVariables(statements: readonly Statement[], name: string): boolean {
  const conditions: Node[] = [];
  const leaves: Statement[] = [];
  const collect = (list: readonly Statement[]): void => {
    for (const st of list) {
      if (st.kind === 'Block') collect(st.statements);
      else if (st.kind === 'If') { conditions.push(st.condition); collect(st.else === undefined ? [st.then] : [st.then, st.else]); }
      else if (st.kind === 'While') { conditions.push(st.condition); collect([st.body]); }
      else if (st.kind === 'TryCatch') collect([...st.tryStatements, ...st.catchStatements]);
      else leaves.push(st);
    }
  };
  collect(statements);
  const reached = new Set([name]);
  const reads = (nodes: readonly Node[]): boolean => nodes.some((v) => v.kind === 'Variable' && reached.has(lower(v.name)));
  for (let grew = true; grew;) {
    grew = false;
    if (conditions.some((c) => reads(findAll(c, 'Variable')))) return true;
    for (const st of leaves) {
      const only = variableStatement(st);
      if (only === undefined) { if (reads(findAll(st, 'Variable'))) return true; continue; }
      if (!reads(only.reads) || only.sets.every((v) => reached.has(v))) continue;
      for (const v of only.sets) reached.add(v);
      grew = true;
    }
  }
  return false;
}

/** One arm of a reset IF's OR: `a <> b` (one side may be `ISNULL(@prev, constant)`), or `@prev IS NULL`. */
type ResetArm = { readonly kind: 'change'; readonly left: Expression; readonly right: Expression } | { readonly kind: 'null'; readonly variable: Expression };

/** The arms an OR of them holds; undefined when the condition is anything else. */
function resetArms(e: Expression): ResetArm[] | undefined {
  if (e.kind === 'Binary' && e.operator.toUpperCase() === 'OR') {
    const [l, r] = [resetArms(e.left), resetArms(e.right)];
    return l === undefined || r === undefined ? undefined : [...l, ...r];
  }
  if (e.kind === 'IsNull' && !e.not) return [{ kind: 'null', variable: e.expression }];
  return e.kind === 'Binary' && (e.operator === '<>' || e.operator === '!=') ? [{ kind: 'change', left: e.left, right: e.right }] : undefined;
}

/** `ISNULL(@v, <non-NULL constant>)`: the variable and the constant. */
function replacedNull(e: Expression): { variable: Extract<Expression, { kind: 'Variable' }>; constant: Expression } | undefined {
  if (e.kind !== 'FunctionCall' || lower(e.name.parts[e.name.parts.length - 1]?.name ?? '') !== 'isnull' || e.args.length !== 2) return undefined;
  const [v, c] = e.args;
  return v?.kind === 'Variable' && c?.kind === 'Literal' && c.literalType !== 'null' ? { variable: v, constant: c } : undefined;
}

/** The constant the variable holds when the loop starts: the last statement before the loop that sets it, when that is `SET @v = <constant>` or `DECLARE @v … [= <constant>]`. */
function startingConstant(before: readonly Statement[], name: string): Expression | undefined {
  for (let i = before.length - 1; i >= 0; i--) {
    const st = before[i] as Statement;
    if (st.kind === 'Declare') {
      const d = findAll(st, 'VariableDeclaration').find((x) => lower(x.variable.name) === name);
      if (d !== undefined) return d.initialValue === undefined ? { kind: 'Literal', literalType: 'null', value: 'NULL', span: d.span } : constant(d.initialValue);
    }
    if (!targetsIn(st).has(name)) continue;
    return st.kind === 'SetVariable' && plain(st.operator) && st.value !== undefined ? constant(st.value) : undefined;
  }
  return undefined;
}

/** A literal, or a negative number (`SET @PrevItem = -1` parses as a minus over the literal 1). */
function constant(e: Expression): Literal | undefined {
  if (e.kind === 'Literal') return e;
  const negated = e.kind === 'Unary' && e.operator === '-' && e.operand.kind === 'Literal' && ['integer', 'decimal', 'float', 'money'].includes(e.operand.literalType) ? e.operand : undefined;
  return negated === undefined ? undefined : { ...negated, value: `-${negated.value}`, span: e.span };
}

const sameConstant = (a: Expression | undefined, b: Expression | undefined): boolean => a?.kind === 'Literal' && b?.kind === 'Literal' && a.literalType === b.literalType && a.value === b.value;

/** The statement list that holds `node` directly, and its index there (through blocks, IFs, loops). */
function enclosingList(statements: readonly Statement[], node: Node): { list: readonly Statement[]; index: number } | undefined {
  const index = statements.indexOf(node as Statement);
  if (index >= 0) return { list: statements, index };
  for (const st of statements) {
    if (st.span.start.offset > node.span.start.offset || node.span.end.offset > st.span.end.offset) continue;
    const inner = st.kind === 'Block' ? st.statements : st.kind === 'If' ? [st.then, ...(st.else === undefined ? [] : [st.else])] : st.kind === 'While' ? [st.body] : st.kind === 'TryCatch' ? [...st.tryStatements, ...st.catchStatements] : [];
    const found = enclosingList(inner, node);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Whether a cursor column reads a column declared NOT NULL (or in a PRIMARY KEY) in its table. */
function notNullColumn(query: QuerySpec, item: Expression | undefined, creates: ReadonlyMap<string, CreateTable>): boolean {
  if (item?.kind !== 'ColumnRef') return false;
  const qualifier = item.parts.length >= 2 ? lower(item.parts[item.parts.length - 2]?.name ?? '') : undefined;
  const refs = query.from.flatMap((s) => findAll(s, 'TableRef'));
  const ref = qualifier === undefined ? (refs.length === 1 ? refs[0] : undefined) : refs.find((r) => lower(r.alias?.name ?? r.name.parts[r.name.parts.length - 1]?.name ?? '') === qualifier);
  const create = ref === undefined ? undefined : creates.get(normalizeObjectName(ref.name));
  if (create === undefined) return false;
  const column = last(item.parts);
  const def = create.definition.columns.find((c: ColumnDefinition) => lower(c.name.name) === column);
  if (def === undefined) return false;
  return def.nullable === false || def.constraints.some((c) => c.type === 'PRIMARY KEY')
    || findAll(create, 'TableConstraint').some((c) => c.type === 'PRIMARY KEY' && c.columns.some((x) => lower(x.name) === column));
}

/**
 * What each cursor loop among `statements` (a section's) carries from row to row, and the cursor
 * columns running it per value is certain on. `scripts` give the tables' NOT NULL columns.
 */
export function cursorCarriedStates(statements: readonly Statement[], scripts: readonly ParsedScript[]): CursorCarriedState[] {
  const creates = new Map([...tablesInEffect(scripts).creates].map((c) => [normalizeObjectName(c.name), c] as const));
  const cursors: DeclareCursor[] = statements.flatMap((s) => findAll(s, 'DeclareCursor'));
  const out: CursorCarriedState[] = [];
  const loops = new Map<DeclareCursor, While | undefined>(cursors.map((cursor) => {
    const name = lower(cursor.name);
    const fetchesOf = (node: Node): boolean => findAll(node, 'Fetch').some((f) => lower(f.cursor.name) === name);
    // the outermost loop that fetches from it (a loop of another cursor around it holds it too)
    return [cursor, statements.flatMap((s) => findAll(s, 'While')).find((w: While) => fetchesOf(w.body) && !findAll(w.body, 'DeclareCursor').includes(cursor))];
  }));
  for (const cursor of cursors) {
    const name = lower(cursor.name);
    const loop = loops.get(cursor);
    const within = loop === undefined ? [] : cursors.filter((c) => { const l = loops.get(c); return c !== cursor && l !== undefined && l !== loop && findAll(l.body, 'While').includes(loop); }).map((c) => c.name);
    const query = cursor.query.body.kind === 'QuerySpec' ? cursor.query.body : undefined;
    if (loop === undefined || query === undefined) continue;
    // (as written: a message names them so; compared lower-case)
    const columns = query.items.map((i) => (i.kind !== 'SelectItem' ? '' : i.alias?.name ?? (i.expression.kind === 'ColumnRef' ? i.expression.parts[i.expression.parts.length - 1]?.name ?? '' : '')));
    const fetch = findAll(loop.body, 'Fetch').find((f) => lower(f.cursor.name) === name);
    const columnOf = new Map((fetch?.into ?? []).map((v, i) => [lower(v.name), i] as const));
    const body = listOf(loop.body);
    // FETCH last in the body: its row is the next pass's, whose variables are set when it starts
    const lastStatement = body[body.length - 1];
    const start = new Set(lastStatement?.kind === 'Fetch' && lower(lastStatement.cursor.name) === name ? lastStatement.into.map((v) => lower(v.name)) : []);
    const carriedAt = new Map<string, Node>();
    walk(body, start, targetsIn(loop.body), carriedAt);
    // a count only handed on to a later section (`SET @DevicesProcessed = @DevicesProcessed + 1`)
    // leaves the output rows per entity, which is what the proof compares: as check-entity-reads.ts
    // leaves a grand total handed on, each scenario states the value its slice leaves
    for (const n of [...carriedAt.keys()]) if (!reachesBeyondVariables(statements, n)) carriedAt.delete(n);
    const carried = [...carriedAt].map(([n, node]) => ({ name: n, node }));
    const result = (resetOn: readonly string[], keys: readonly string[], why: string | undefined, culprit: Node | undefined = carried[0]?.node): CursorCarriedState => ({ cursor: cursor.name, columns, carried, resetOn, keys, why, culprit, within });
    if (carried.length === 0) { out.push(result([], columns.filter((c) => c !== ''), undefined)); continue; }
    const shown = carried.map((c) => (c.node as Extract<Node, { kind: 'Variable' }>).name).join(', ');
    // the reset: the first IF of the body that compares fetched values to carried ones
    const at = body.findIndex((st) => st.kind === 'If' && findAll(st.condition, 'Variable').some((v) => carriedAt.has(lower(v.name))));
    const reset = body[at];
    if (reset?.kind !== 'If' || body.slice(0, at).some((st) => findAll(st, 'Variable').some((v) => carriedAt.has(lower(v.name))))) {
      out.push(result([], [], carried.length === 1
        ? `the loop reads ${shown} before it sets it in a pass, and no IF at the start of its body resets it when the row's key changes`
        : `the loop reads ${shown} before it sets them in a pass, and no IF at the start of its body resets them when the row's key changes`));
      continue;
    }
    const why = resetWhy({ reset, body, at }, carriedAt, columnOf, query, creates, enclosingList(statements, loop), loop);
    if (!Array.isArray(why)) {
      const one = why.culprit === undefined ? undefined : (carriedAt.get(why.culprit) as Extract<Node, { kind: 'Variable' }> | undefined);
      out.push(result([], [], `the loop over ${cursor.name} carries ${one?.name ?? shown} from row to row: ${why.why}`, one));
      continue;
    }
    // per value of k when the ORDER BY items up to k are all compared columns
    const order = cursor.query.orderBy.map((o) => (o.expression.kind === 'ColumnRef' ? last(o.expression.parts) : ''));
    const sourceName = (i: number): string => { const item = query.items[i]; return item?.kind === 'SelectItem' && item.expression.kind === 'ColumnRef' ? last(item.expression.parts) : ''; };
    const resetSources = new Set(why.map((i) => sourceName(i)));
    const keys = why.filter((i) => { const at2 = order.indexOf(sourceName(i)); return at2 >= 0 && order.slice(0, at2 + 1).every((o) => resetSources.has(o)); }).map((i) => columns[i] as string);
    out.push(result(why.map((i) => columns[i] as string), keys, keys.length === 0 ? `the loop carries ${shown} from row to row, reset when ${why.map((i) => written(columns[i] ?? '')).join(' or ')} changes, but the cursor's ORDER BY does not keep those rows together` : undefined));
  }
  return out;
}

/**
 * The cursor columns (indexes) the reset IF follows, or why it is not a certain reset (and the
 * carried variable, lower case, the reason is about, when it is about one).
 */
function resetWhy(where: { reset: Extract<Statement, { kind: 'If' }>; body: readonly Statement[]; at: number }, carried: ReadonlyMap<string, Node>, columnOf: ReadonlyMap<string, number>, query: QuerySpec,
  creates: ReadonlyMap<string, CreateTable>, around: { list: readonly Statement[]; index: number } | undefined, loop: While): number[] | { why: string; culprit?: string } {
  const { reset, body } = where;
  const at = `the IF at line ${reset.span.start.line}`;
  const arms = resetArms(reset.condition);
  const form = `${at} is not an OR of \`@fetched <> @previous\` comparisons (with \`@previous IS NULL\`) without ELSE`;
  if (arms === undefined || reset.else !== undefined) return { why: form };
  const sets = new Map<string, Expression | undefined>();
  for (const st of listOf(reset.then)) if (st.kind === 'SetVariable' && plain(st.operator) && st.cursor === undefined) sets.set(lower(st.variable.name), st.value);
  const before = around === undefined ? [] : around.list.slice(0, around.index);
  const nullArms = new Set(arms.flatMap((a) => (a.kind === 'null' && a.variable.kind === 'Variable' ? [lower(a.variable.name)] : [])));
  if (arms.some((a) => a.kind === 'null' && a.variable.kind !== 'Variable')) return { why: form };
  const followed: number[] = [];
  // each previous-value variable (lower case) and the fetched variable it follows (as written)
  const previous = new Map<string, string>();
  // whether a per-k run's first row surely triggers the reset, and whether, not triggering it, its @previous values already equal the row's
  let firstFires = false;
  let settledWithout = true;
  for (const arm of arms) {
    if (arm.kind !== 'change') continue;
    const [l, r] = [arm.left, arm.right];
    const [fetched, other] = l.kind === 'Variable' && columnOf.has(lower(l.name)) ? [l, r] : [r, l];
    const replaced = replacedNull(other);
    const prev = replaced?.variable ?? other;
    if (fetched.kind !== 'Variable' || prev.kind !== 'Variable' || !columnOf.has(lower(fetched.name)) || !carried.has(lower(prev.name))) return { why: `${at} compares something other than a fetched column to a carried variable` };
    const name = lower(prev.name);
    const after = setAfter(body, where.at, prev.name);
    if (typeof after === 'string') return { why: after, culprit: name };
    const setTo = sets.get(name) ?? after?.value;
    if (setTo?.kind !== 'Variable' || lower(setTo.name) !== lower(fetched.name) || (sets.has(name) && after !== undefined)) return { why: `${at} does not set ${prev.name} = ${fetched.name} (in the IF, or once after it)`, culprit: name };
    const start = startingConstant(before, name);
    if (start?.kind !== 'Literal') return { why: `${prev.name} does not start from a constant before the loop`, culprit: name };
    if (start.literalType === 'null' && nullArms.has(name)) firstFires = true;
    // unset by a first row that leaves the IF: NULL (`x <> NULL` never triggers it) or a replacement the row's value may differ from
    else if (after === undefined && start.literalType === 'null') settledWithout = false;
    const index = columnOf.get(lower(fetched.name)) as number;
    const item = query.items[index];
    if (!notNullColumn(query, item?.kind === 'SelectItem' ? item.expression : undefined, creates)) return { why: `the cursor's column ${fetched.name} is fetched into is not declared NOT NULL (a NULL never triggers the reset)` };
    followed.push(index);
    previous.set(name, fetched.name);
  }
  if (followed.length === 0 || [...nullArms].some((n) => !previous.has(n))) return { why: form };
  if (!firstFires && !settledWithout) return { why: `${at} may not trigger on the first row of one key's rows (a previous value that starts NULL without an \`IS NULL\` arm), where the rows before left other state` };
  const resetTo = (name: string): string | undefined => {
    const value = sets.get(name);
    const shown = (carried.get(name) as Extract<Node, { kind: 'Variable' }>).name;
    const keyText = [...new Set(previous.values())].join(' or ');
    if (!sets.has(name)) return `${at} resets ${[...sets.keys()].filter((n) => carried.has(n) && !previous.has(n)).map((n) => (carried.get(n) as Extract<Node, { kind: 'Variable' }>).name).join(', ') || 'nothing'} when ${keyText} changes, not ${shown}`;
    // a reset the first row surely triggers may set any value the rows before did not leave
    if (firstFires) return value === undefined || findAll(value, 'Variable').some((v) => carried.has(lower(v.name))) ? `${at} resets ${shown} from state the rows before left` : undefined;
    return sameConstant(value, startingConstant(before, name)) ? undefined : `${at} resets ${shown} to another value than the constant it starts from before the loop at line ${loop.span.start.line}`;
  };
  for (const name of carried.keys()) {
    if (previous.has(name)) continue;
    const why = resetTo(name);
    if (why !== undefined) return { why, culprit: name };
  }
  return [...new Set(followed)].sort((a, b) => a - b);
}

/**
 * The `SET @prev = @fetched` after the reset IF (index `at` of the loop's body) that sets a
 * previous-value variable (lower case `name`), undefined when the body sets it nowhere after the
 * IF; why not, when it is not the only assignment after the IF, not a statement of the body
 * itself, or something between reads the variable (it would see another row's value in a
 * per-k run) or may skip it (CONTINUE, GOTO, RETURN).
 */
function setAfter(body: readonly Statement[], at: number, written: string): Extract<Statement, { kind: 'SetVariable' }> | undefined | string {
  const name = lower(written);
  const rest = body.slice(at + 1);
  const index = rest.findIndex((st) => targetsIn(st).has(name));
  if (index < 0) return undefined;
  const st = rest[index] as Statement;
  const shown = (v: Statement): string => `line ${v.span.start.line}`;
  if (st.kind !== 'SetVariable' || !plain(st.operator) || st.cursor !== undefined || rest.slice(index + 1).some((x) => targetsIn(x).has(name))) return `the previous value ${written} is set after the reset IF otherwise than once by \`SET ${written} = <fetched>\` (${shown(st)})`;
  const between = rest.slice(0, index);
  const reads = between.find((x) => findAll(x, 'Variable').some((v) => lower(v.name) === name));
  if (reads !== undefined) return `${written} is read at ${shown(reads)}, after the reset IF and before it is set to the row's value`;
  const skip = between.find((x) => ['Continue', 'Goto', 'Return'].some((k) => findAll(x, k as 'Continue').length > 0));
  if (skip !== undefined) return `the statement at ${shown(skip)} may leave the pass before ${written} is set to the row's value`;
  return st;
}

/** cursorCarriedStates of a section's statements (`lines` of `procedure`); empty when the scripts do not hold the procedure or the lines split a statement. */
export function sectionCursorCarriedStates(scripts: readonly ParsedScript[], procedure: string, lines: readonly SectionLines[]): (CursorCarriedState & { readonly file: string })[] {
  const loaded = collectProcedures(scripts).get(normalizeWrittenName(procedure));
  if (loaded === undefined) return [];
  try {
    return cursorCarriedStates(selectSectionStatements(loaded.procedure, loaded.script, lines), scripts).map((s) => ({ ...s, file: loaded.script.file }));
  } catch {
    return []; // a statement split between sections: check names it (SECTIONS_… of the cut)
  }
}
