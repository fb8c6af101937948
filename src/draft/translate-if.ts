import { findAll, walk, type Expression, type If, type SetVariable, type Statement } from '../tsql';
import { isRefusal, type Refusal, type Translated } from './draft-model';
import { DraftScope, refuseAt, type DraftContext, type TableState } from './draft-scope';
import { castTo } from './convert-value';
import { quoteName } from './sql-text';
import { formatSqlType } from './sql-types';
import { translateExpression } from './translate-expression';
import { addCte, isNoOp, setTable, translateStatements, type StatementState } from './translate-statements';

// IF … ELSE in a section: branches that set variables become CASEs, branches that change tables
// the rows of the branch the condition takes.

/** A statement inside `s` that stops the procedure or jumps (RETURN, THROW, an error RAISERROR, GOTO, BREAK, CONTINUE). */
function stopIn(s: Statement): Statement | undefined {
  let found: Statement | undefined;
  walk(s, (n) => {
    if (found) return false;
    if (n.kind === 'Return' || n.kind === 'Throw' || n.kind === 'Goto' || n.kind === 'Break' || n.kind === 'Continue') found = n;
    else if (n.kind === 'Raiserror' && !isNoOp(n)) found = n;
    return undefined;
  });
  return found;
}

/** The `SET @v = …` statements of a branch, or undefined when it does anything else. */
function branchAssignments(b: Statement | undefined): SetVariable[] | undefined {
  if (b === undefined) return [];
  const list = b.kind === 'Block' ? b.statements : [b];
  return list.every((x) => x.kind === 'SetVariable' && x.operator === '=' && x.value !== undefined && !x.cursor) ? (list as SetVariable[]) : undefined;
}

/**
 * IF: a branch that stops the procedure refuses every output (what runs after it depends on
 * it); branches that only set variables become `CASE WHEN cond THEN … ELSE … END` per variable
 * (a NULL condition takes the ELSE branch in both); anything else is refused.
 */
export function translateIf(s: If, ctx: DraftContext, st: StatementState): Refusal | undefined {
  const stop = stopIn(s);
  if (stop) {
    const r = refuseAt(ctx, stop.span, `${stop.kind.toUpperCase()} inside IF`, 'a branch that stops the procedure or jumps changes what every later statement does; not translated');
    if (!ctx.unknownEffects) ctx.unknownEffects = r;
    return r;
  }
  const thenSets = branchAssignments(s.then);
  const elseSets = branchAssignments(s.else);
  if ((!thenSets || !elseSets) && tableBranches(s)) return translateTableIf(s, ctx, st);
  if (!thenSets || !elseSets || thenSets.length + elseSets.length === 0) return refuseAt(ctx, s.span, 'IF', 'only IFs whose branches set variables or only change tables are translated (write other branches as a CASE or WHERE by hand)');
  const names = [...new Set([...thenSets, ...elseSets].map((x) => x.variable.name.toLowerCase()))];
  const assignedTwice = [thenSets, elseSets].some((b) => new Set(b.map((x) => x.variable.name.toLowerCase())).size !== b.length);
  // each value reads the variables as before the IF: right for `SET @d = EOMONTH(@d)`, not after a SET of the same branch
  const readsAssigned = [thenSets, elseSets].some((b) => b.some((x, i) => findAll(x.value as Expression, 'Variable').some((v) => b.slice(0, i).some((y) => y.variable.name.toLowerCase() === v.name.toLowerCase()))));
  if (assignedTwice || readsAssigned) return refuseAt(ctx, s.span, 'IF', 'a branch that sets a variable twice or reads one it set before is not translated');
  const scope = new DraftScope(ctx);
  const cond = translateExpression(s.condition, scope);
  if (isRefusal(cond)) return cond;
  const results = new Map<string, Translated | Refusal>();
  for (const name of names) {
    const current = scope.variable(name);
    const side = (b: readonly SetVariable[]): Translated | Refusal => {
      const set = b.find((x) => x.variable.name.toLowerCase() === name);
      if (!set) return current ?? keepsUnknown(ctx, s, [...thenSets, ...elseSets].find((x) => x.variable.name.toLowerCase() === name)?.variable.name ?? name);
      const v = translateExpression(set.value as Expression, scope);
      const type = st.variableTypes.get(name) ?? (current && !isRefusal(current) ? current.type : undefined);
      return isRefusal(v) || type === undefined ? v : castTo(v, type, scope, set);
    };
    const a = side(thenSets);
    const b = side(elseSets);
    if (isRefusal(a)) { results.set(name, a); continue; }
    if (isRefusal(b)) { results.set(name, b); continue; }
    results.set(name, { kind: 'translated', sql: `(CASE WHEN ${cond.sql} THEN ${a.sql} ELSE ${b.sql} END)`, type: a.type });
  }
  for (const [name, v] of results) ctx.variables.set(name, v);
  return undefined;
}

/** A variable one branch of the IF sets and the other leaves as it was before the section: that value is not known. */
function keepsUnknown(ctx: DraftContext, s: If, name: string): Refusal {
  return refuseAt(ctx, s.span, name, `set in one branch of the IF at line ${s.span.start.line} only, and the other keeps the value it had before the section, which the section does not know: set it before the IF, or give it as a parameter`);
}

/** Whether both branches of an IF only change tables (INSERT, UPDATE, DELETE, MERGE, TRUNCATE), writing no variable. */
function tableBranches(s: If): boolean {
  const dml = (b: Statement | undefined): boolean => {
    if (b === undefined) return true;
    const list = b.kind === 'Block' ? b.statements : [b];
    // `SET @Rows = @@ROWCOUNT; SET @Step = 'full'` beside the changes (a log line's values): each
    // variable becomes the branch taken's value, refused only where a later statement reads it
    // `SET IDENTITY_INSERT t ON|OFF` around the INSERT (a dimension's unknown member, added when it
    // is missing) and PRINT change no rows: skipped as they are outside an IF
    const inert = (x: Statement): boolean => x.kind === 'Print' || (x.kind === 'SetOption' && x.options.every((o) => o === 'IDENTITY_INSERT'));
    return list.some((x) => !inert(x)) && list.every((x) => (['Insert', 'Update', 'Delete', 'Merge', 'Truncate'].includes(x.kind)
      && findAll(x, 'SelectAssignment').length === 0 && !('output' in x && x.output !== undefined))
      || (x.kind === 'SetVariable' && x.operator === '=' && x.value !== undefined && !x.cursor) || inert(x));
  };
  return dml(s.then) && dml(s.else);
}

/**
 * IF whose branches change tables: each branch is drafted from the tables as they are before
 * the IF, and every table either changes becomes the THEN branch's rows when the condition
 * holds, else the ELSE branch's (the condition reads variables and tables as before the IF, a
 * value for the whole statement; NULL takes the ELSE branch, as in SQL Server).
 */
function translateTableIf(s: If, ctx: DraftContext, st: StatementState): Refusal | undefined {
  const cond = translateExpression(s.condition, new DraftScope(ctx));
  if (isRefusal(cond)) return cond;
  const before = new Map(ctx.tables);
  const variablesBefore = new Map(ctx.variables);
  const branch = (b: Statement | undefined): { tables: Map<string, TableState>; variables: Map<string, Translated | Refusal> } => {
    ctx.tables.clear();
    for (const [k, v] of before) ctx.tables.set(k, v);
    ctx.variables.clear();
    for (const [k, v] of variablesBefore) ctx.variables.set(k, v);
    ctx.rowCountLeft = undefined;
    const outer = ctx.inBranch;
    ctx.inBranch = true;
    if (b !== undefined) translateStatements(b.kind === 'Block' ? b.statements : [b], ctx, st);
    ctx.inBranch = outer;
    return { tables: new Map(ctx.tables), variables: new Map(ctx.variables) };
  };
  const { tables: yes, variables: yesVars } = branch(s.then);
  const { tables: no, variables: noVars } = branch(s.else);
  ctx.tables.clear();
  for (const [k, v] of before) ctx.tables.set(k, v);
  ctx.variables.clear();
  for (const [k, v] of variablesBefore) ctx.variables.set(k, v);
  // after the IF, @@ROWCOUNT is the last statement of the branch taken: not known
  ctx.rowCountLeft = undefined;
  for (const name of new Set([...yesVars.keys(), ...noVars.keys()])) {
    const a = yesVars.get(name);
    const b = noVars.get(name);
    if (a === variablesBefore.get(name) && b === variablesBefore.get(name)) continue;
    if (a === undefined || b === undefined) { ctx.variables.set(name, keepsUnknown(ctx, s, findAll(s, 'SetVariable').find((x) => x.variable.name.toLowerCase() === name)?.variable.name ?? name)); continue; }
    if (isRefusal(a) || isRefusal(b)) { ctx.variables.set(name, isRefusal(a) ? a : b); continue; }
    if (a.type.family !== b.type.family) { ctx.variables.set(name, refuseAt(ctx, s.span, 'IF', `${name} takes a ${formatSqlType(a.type)} in one branch and a ${formatSqlType(b.type)} in the other`)); continue; }
    ctx.variables.set(name, { kind: 'translated', sql: `(CASE WHEN ${cond.sql} THEN ${a.sql} ELSE ${b.sql} END)`, type: a.type });
  }
  for (const key of new Set([...yes.keys(), ...no.keys()])) {
    const a = yes.get(key);
    const b = no.get(key);
    if (a === before.get(key) && b === before.get(key)) continue;
    const name = (a ?? b)?.displayName ?? key;
    const refused = a?.refused ?? b?.refused;
    const sameColumns = a !== undefined && b !== undefined && a.columns.map((c) => c.name.toLowerCase()).join('\u0000') === b.columns.map((c) => c.name.toLowerCase()).join('\u0000');
    if (refused !== undefined || !sameColumns || a === undefined || b === undefined) {
      setTable(ctx, key, { displayName: name, relation: '', columns: [], refused: refused ?? refuseAt(ctx, s.span, 'IF', `${name} has different columns in the two branches (or exists in one only)`) });
      continue;
    }
    const list = a.columns.map((c) => quoteName(c.name)).join(', ');
    const relation = addCte(ctx, key, `SELECT ${list} FROM ${a.relation} WHERE ${cond.sql}\n  UNION ALL\n  SELECT ${list} FROM ${b.relation} WHERE (${cond.sql}) IS NOT TRUE`);
    setTable(ctx, key, { displayName: a.displayName, relation, columns: a.columns, ...(a.empty === true && b.empty === true ? { empty: true } : {}) });
  }
  return undefined;
}

