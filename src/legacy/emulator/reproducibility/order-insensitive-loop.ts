import type { CreateFunction, CreateProcedure, CreateTrigger, Expression, Fetch, Node, OpenCursor, Select, SetVariable, Statement, While } from '../../../tsql';
import { walk } from '../../../tsql';
import { accumulatorVerdict, minMaxSites, type SumSite } from './order-insensitive-accumulators';

/*
 * Which loops over a cursor without ORDER BY no fetch order can change (tie-disputes.ts refuses the
 * others when three or more of their rows differ). A static rule on the loop, kept small so that it
 * is plainly sound: the standard loop
 *   OPEN c; FETCH NEXT FROM c INTO …; WHILE @@FETCH_STATUS = 0 BEGIN … FETCH NEXT FROM c INTO … END
 * whose body (before its last FETCH) holds only SET, IF, nested WHILE and BEGIN … END over plain
 * scalar expressions (variables, constants, operators, CASE, CAST and a few deterministic built-ins:
 * no table, no subquery, no @@ value, no user function), so that a pass writes nothing, sends
 * nothing and cannot leave the loop early, and where every variable the body assigns is
 * - pass-local: a FETCH INTO target, or set unconditionally at the body's top level before any read
 *   of it in the pass; so its value in a pass follows from that pass's row alone. After the loop it
 *   holds the last pass's value, which the order decides: it must be read nowhere outside the loop
 *   (nor be a parameter, which a caller reads), and a section's end marks it (order-insensitive-runs.ts);
 * - or an accumulator (order-insensitive-accumulators.ts), read nowhere else in the body: a count
 *   (`SET @v = @v + n`, n a non-negative integer literal), an exact sum of a pass-local number
 *   (`SET @v = @v + @x`), or the least or greatest of one (`IF @m IS NULL OR @x > @m SET @m = @x`),
 *   whose final value does not depend on the order the passes come in. An error a pass raises is
 *   refused at run time (which row fails first, and what was summed by then, is the order's), and
 *   so is a sum whose running total could leave its type in some order (order-insensitive-runs.ts).
 * Conditions then read only pass-local variables, variables the body never assigns, and constants.
 * Computed once per cursor declaration (for each OPEN of it in the procedure) and cached.
 */

/**
 * The verdict on one OPEN of a cursor: exempt with the variables its loop leaves holding the last
 * pass's values and the sums whose running totals the run checks, or why not.
 */
export type LoopVerdict =
  | { readonly exempt: true; readonly passLocal: readonly string[]; readonly sums: readonly SumSite[] }
  | { readonly exempt: false; readonly why: string };

type Container = CreateProcedure | CreateFunction | CreateTrigger;

const verdicts = new WeakMap<Select, Map<OpenCursor, LoopVerdict>>();

/** Whether the loop `open` starts over the rows of the cursor declared with `declaration` (its query) in `container` is order-insensitive. */
export function orderInsensitiveLoop(container: Container, declaration: Select, open: OpenCursor): LoopVerdict {
  let known = verdicts.get(declaration);
  if (known === undefined) {
    known = loopsOfDeclaration(container, declaration);
    verdicts.set(declaration, known);
  }
  return known.get(open) ?? { exempt: false, why: 'the cursor is not declared and opened in the same procedure with DECLARE … CURSOR' };
}

function loopsOfDeclaration(container: Container, declaration: Select): Map<OpenCursor, LoopVerdict> {
  const out = new Map<OpenCursor, LoopVerdict>();
  let name: string | undefined;
  walk(container, (n) => { if (n.kind === 'DeclareCursor' && n.query === declaration) name = n.name.toLowerCase(); });
  if (name === undefined) return out;
  const cursor = name;
  for (const list of statementLists(container)) {
    list.forEach((s, i) => {
      if (s.kind === 'OpenCursor' && !s.cursor.global && s.cursor.name.toLowerCase() === cursor) out.set(s, loopVerdict(container, cursor, list, i));
    });
  }
  return out;
}

/** Every list of statements in the container (its body, blocks, TRY and CATCH), where OPEN, FETCH and WHILE follow one another. */
function statementLists(container: Container): (readonly Statement[])[] {
  const lists: (readonly Statement[])[] = [container.body];
  walk(container, (n) => {
    if (n.kind === 'Block') lists.push(n.statements);
    else if (n.kind === 'TryCatch') lists.push(n.tryStatements, n.catchStatements);
  });
  return lists;
}

const not = (why: string): LoopVerdict => ({ exempt: false, why });

const lower = (name: string): string => name.toLowerCase();

function isFetchNext(s: Statement | undefined, cursor: string): s is Fetch {
  return s?.kind === 'Fetch' && s.direction === 'NEXT' && !s.cursor.global && lower(s.cursor.name) === cursor && s.into.length > 0;
}

/** `WHILE @@FETCH_STATUS = 0 BEGIN … FETCH NEXT FROM c INTO (the same variables) END`. */
function isFetchLoop(s: Statement | undefined, cursor: string, fetch: Fetch): s is While & { readonly body: { readonly kind: 'Block'; readonly statements: readonly Statement[] } } {
  if (s?.kind !== 'While' || s.body.kind !== 'Block') return false;
  const c = s.condition;
  if (c.kind !== 'Binary' || c.operator !== '=' || c.left.kind !== 'SystemVariable' || lower(c.left.name) !== '@@fetch_status' || c.right.kind !== 'Literal' || c.right.literalType !== 'integer' || c.right.value !== '0') return false;
  const last = s.body.statements[s.body.statements.length - 1];
  return isFetchNext(last, cursor) && last.into.map((v) => lower(v.name)).join(',') === fetch.into.map((v) => lower(v.name)).join(',');
}

function loopVerdict(container: Container, cursor: string, list: readonly Statement[], at: number): LoopVerdict {
  const fetch = list[at + 1];
  const loop = list[at + 2];
  if (!isFetchNext(fetch, cursor) || !isFetchLoop(loop, cursor, fetch)) return not('the OPEN is not followed by FETCH NEXT … INTO and WHILE @@FETCH_STATUS = 0 ending in the same FETCH');
  const body = loop.body.statements.slice(0, -1);
  for (const s of body) {
    const why = plainStatement(s);
    if (why !== undefined) return not(why);
  }
  const passLocal = new Set([...fetch.into.map((v) => lower(v.name)), ...setFirstAtTopLevel(body)]);
  const { assignments, reads } = variablesOf(body);
  const minMax = minMaxSites(body);
  const sums: SumSite[] = [];
  for (const [v, sets] of assignments) {
    if (passLocal.has(v)) continue;
    const carried = accumulatorVerdict(container, v, sets, reads.get(v) ?? 0, passLocal, minMax);
    if (typeof carried === 'string') return not(carried);
    sums.push(...carried);
  }
  const outside = readOutside(container, loop, fetch);
  const parameters = new Set(container.kind === 'CreateTrigger' ? [] : container.parameters.map((p) => lower(p.name)));
  for (const v of passLocal) {
    if (parameters.has(v)) return not(`it sets the parameter ${v} in every pass, which keeps the last row's value`);
    if (outside.has(v)) return not(`${v}, set in every pass, is used outside the loop, where it holds the last row's value`);
  }
  return { exempt: true, passLocal: [...passLocal], sums };
}

/** Deterministic scalar built-ins without side effects whose value follows from their arguments alone. */
const PLAIN_FUNCTIONS = new Set(['len', 'datalength', 'substring', 'left', 'right', 'upper', 'lower', 'ltrim', 'rtrim', 'charindex', 'replace', 'isnull', 'coalesce', 'nullif', 'abs', 'ascii', 'unicode', 'char']);

/** Kinds of expression nodes whose value follows from their operands alone (their own checks below). */
const PLAIN_NODES = new Set<Node['kind']>(['Variable', 'Literal', 'Binary', 'Unary', 'Case', 'CaseWhen', 'Iif', 'Between', 'Like', 'IsNull', 'Collate', 'In', 'Cast', 'DataType', 'FunctionCall', 'ObjectName', 'Identifier']);

/** Why `e` is not a plain scalar value, or undefined when it is. */
function plainExpression(e: Expression): string | undefined {
  let why: string | undefined;
  walk(e, (n) => {
    if (why !== undefined) return false;
    if (!PLAIN_NODES.has(n.kind)) why = n.kind === 'SystemVariable' ? `it reads ${n.name}` : 'it reads a query or a value other than variables, constants and scalar built-ins';
    else if (n.kind === 'In' && n.query !== undefined) why = 'it reads a query';
    else if (n.kind === 'Cast' && n.function !== 'CAST' && n.function !== 'CONVERT' && n.function !== 'TRY_CAST' && n.function !== 'TRY_CONVERT') why = `it calls ${n.function}`;
    else if (n.kind === 'FunctionCall') {
      const fn = n.name.parts.length === 1 ? lower(n.name.parts[0]?.name ?? '') : '';
      if (!PLAIN_FUNCTIONS.has(fn) || n.over !== undefined || n.star || n.distinct || n.withinGroup.length > 0) why = `it calls ${n.name.parts.map((p) => p.name).join('.')}()`;
    }
    return why === undefined;
  });
  return why;
}

const STATEMENT_NAMES: Partial<Record<Statement['kind'], string>> = {
  Insert: 'an INSERT', Update: 'an UPDATE', Delete: 'a DELETE', Merge: 'a MERGE', Truncate: 'a TRUNCATE', Select: 'a SELECT', Execute: 'an EXEC',
  Print: 'a PRINT', Raiserror: 'a RAISERROR', Throw: 'a THROW', Return: 'a RETURN', Break: 'a BREAK', Continue: 'a CONTINUE', Goto: 'a GOTO', Label: 'a label',
  Waitfor: 'a WAITFOR', Transaction: 'a transaction statement', Declare: 'a DECLARE', DeclareCursor: 'a cursor', OpenCursor: 'a cursor', Fetch: 'another FETCH', TryCatch: 'a TRY … CATCH',
};

/** Why a statement of the body is not one a pass may hold (SET, IF, WHILE, BEGIN … END over plain values), or undefined. */
function plainStatement(s: Statement): string | undefined {
  switch (s.kind) {
    case 'Block': return s.statements.map(plainStatement).find((w) => w !== undefined);
    case 'If': return plainExpression(s.condition) ?? plainStatement(s.then) ?? (s.else === undefined ? undefined : plainStatement(s.else));
    case 'While': return plainExpression(s.condition) ?? plainStatement(s.body);
    case 'SetVariable':
      if (s.cursor !== undefined || s.value === undefined) return 'it sets a cursor variable';
      return plainExpression(s.value);
    default: return `its body holds ${STATEMENT_NAMES[s.kind] ?? `a ${s.kind} statement`}`;
  }
}

/** Variables each set by a top-level `SET @v = …` of the body before anything in the pass reads (or sets) them. */
function setFirstAtTopLevel(body: readonly Statement[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const s of body) {
    if (s.kind === 'SetVariable' && s.operator === '=' && s.value !== undefined && !seen.has(lower(s.variable.name)) && !namesIn(s.value).has(lower(s.variable.name))) out.push(lower(s.variable.name));
    for (const v of namesIn(s)) seen.add(v);
  }
  return out;
}

function namesIn(n: Node): Set<string> {
  const names = new Set<string>();
  walk(n, (x) => { if (x.kind === 'Variable') names.add(lower(x.name)); });
  return names;
}

/** The SETs of each variable in the body, and how often the body reads each (the target of a SET is no read). */
function variablesOf(body: readonly Statement[]): { assignments: Map<string, SetVariable[]>; reads: Map<string, number> } {
  const assignments = new Map<string, SetVariable[]>();
  const reads = new Map<string, number>();
  for (const s of body) {
    walk(s, (n) => {
      if (n.kind === 'SetVariable') {
        const v = lower(n.variable.name);
        assignments.set(v, [...(assignments.get(v) ?? []), n]);
        // `SET @v += n` reads @v as it sets it
        if (n.operator !== '=') reads.set(v, (reads.get(v) ?? 0) + 1);
        if (n.value !== undefined) walk(n.value, (x) => { if (x.kind === 'Variable') reads.set(lower(x.name), (reads.get(lower(x.name)) ?? 0) + 1); });
        return false;
      }
      if (n.kind === 'Variable') reads.set(lower(n.name), (reads.get(lower(n.name)) ?? 0) + 1);
      return true;
    });
  }
  return { assignments, reads };
}

/** Variables the container names outside the loop (its DECLAREs' names and its first FETCH aside). */
function readOutside(container: Container, loop: While, fetch: Fetch): Set<string> {
  const names = new Set<string>();
  const visit = (n: Node): void => walk(n, (x) => {
    if (x === loop || x === fetch) return false;
    if (x.kind === 'VariableDeclaration') {
      if (x.initialValue !== undefined) visit(x.initialValue);
      return false;
    }
    if (x.kind === 'Variable') names.add(lower(x.name));
    return true;
  });
  for (const s of container.body) visit(s);
  return names;
}
