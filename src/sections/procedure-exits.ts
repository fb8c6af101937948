import { displayObjectName, gotoTargets, localNameParts, normalizeObjectName, walk, type CreateProcedure, type Goto, type Jump, type Node, type ParsedScript, type Statement, type TryCatch } from '../tsql';
import { catchAccount, raiserrorCaught, type CatchAccount } from './catch-account';
import { mergeLineRanges } from './propose-sections';

/**
 * A statement of a procedure's body after which the procedure may end early: an IF (outside any
 * loop and any CATCH block) with a RETURN or THROW inside it, the guard clause of legacy code
 * (`IF @PeriodStart IS NULL BEGIN RAISERROR('…', 16, 1); RETURN END`), or with a GOTO to a label
 * only the procedure's end follows (`IF @n = 0 GOTO done` … `done: RETURN 0`), which ends it the
 * same way. An IF whose GOTO jumps forward to any other label of the body's top level (not the
 * error handler after its RETURN) is listed too, with `jump`: it skips what lies between, and
 * the pipeline cannot skip a section. The sections leave such an IF in
 * housekeeping, and a transform returns a table, never "stop here": so `migrate run` must ask
 * whether the procedure stops there for the run's values, or it would go on where legacy stops.
 */
export interface EarlyExit {
  readonly file: string;
  /** Where the IF is (1-based line and column). */
  readonly line: number;
  readonly column: number;
  /** The IF's condition as written (whitespace collapsed), for messages. */
  readonly condition: string;
  /**
   * Whether the guard can be answered before the run writes: its condition reads constants,
   * built-in functions, parameters, tables no earlier statement writes (`IF NOT EXISTS (SELECT 1
   * FROM dbo.Staging WHERE LoadDate = @d) RETURN`: their start state is the run's data files),
   * and variables that earlier statements at the body's top level compute from those alone
   * (`SET @Days = DATEDIFF(DAY, @From, @To) + 1`, `SELECT @n = COUNT(*) FROM dbo.Staging`); and
   * its exit is no deeper than the IF's own branch. Then `lines` (those statements and the IF) run
   * in the emulator with the run's parameter values and `tables` loaded from the data tell
   * whether the procedure ends there.
   */
  readonly answerable: boolean;
  /** The line ranges to run: the statements the condition's variables come from, then the IF. */
  readonly lines: readonly { readonly start: number; readonly end: number }[];
  /** The tables those lines read, as written (`dbo.[Load Log]`): empty when the parameters alone answer it. */
  readonly tables: readonly string[];
  /** Otherwise, what the answer depends on (`@rc, set at line 38 by an EXEC`, `#stage`, `@@ROWCOUNT`). */
  readonly reads: readonly string[];
  /**
   * Set when the IF leaves by a GOTO (and holds no RETURN or THROW): its label as written, the
   * label's line, and whether only the procedure's end follows the label (tsql exitLabels: then
   * the GOTO is the procedure's end, as a RETURN; otherwise it skips the lines up to the label).
   */
  readonly jump?: Jump;
  /**
   * Set when the IF lies in a TRY block and raises (a THROW, a RAISERROR): the procedure does
   * not end there, the error goes to the CATCH block, whose effects (a ROLLBACK, a log row, the
   * error raised again) this gives as the code shows them.
   */
  readonly caught?: CatchAccount;
}


// Expression kinds a condition may hold and still be answered from the parameters alone.
const PURE_KINDS = new Set<Node['kind']>([
  'Literal', 'Variable', 'Identifier', 'Binary', 'Unary', 'FunctionCall', 'ObjectName', 'Case', 'CaseWhen', 'Cast', 'Iif', 'In',
  'Between', 'Like', 'IsNull', 'Collate', 'ExpressionList', 'DataType',
]);

const STATEMENT_WORDS: Partial<Record<Statement['kind'], string>> = {
  If: 'an IF', While: 'a WHILE loop', Execute: 'an EXEC', Select: 'a SELECT', Fetch: 'a FETCH', Update: 'an UPDATE', Merge: 'a MERGE',
};

type Known = { readonly lines: readonly Range[]; readonly tables: readonly string[] } | { readonly why: string };
type Found = { lines: Range[]; tables: string[] } | { why: string[] };
type Range = { readonly start: number; readonly end: number };

/** The early exits of a procedure's body, in source order. */
export function earlyExits(proc: CreateProcedure, script: ParsedScript): EarlyExit[] {
  // What each variable holds at this point of the top level: computed from the parameters and
  // the tables' start state by these lines, or not (and why). Parameters start as the caller gave them.
  const known = new Map<string, Known>(proc.parameters.map((p) => [p.name.toLowerCase(), { lines: [], tables: [] }]));
  // Tables statements so far may have changed (key -> where), and the first EXEC, which may change any.
  const written = new Map<string, string>();
  let calls: string | undefined;
  const out: EarlyExit[] = [];
  const spanLines = (n: Node): Range => ({ start: n.span.start.line, end: n.span.end.line });
  const variable = (name: string, lines: Range[], tables: string[], why: string[]): void => {
    const k = known.get(name.toLowerCase());
    if (k === undefined) why.push(`${name}, declared nowhere before it`);
    else if ('why' in k) why.push(`${name}, ${k.why}`);
    else {
      lines.push(...k.lines);
      tables.push(...k.tables);
    }
  };
  /** What a query reads: tables as the data files give them (none written before), and known variables. */
  const pureQuery = (q: Node, lines: Range[], tables: string[], why: string[]): void => {
    const ctes = new Set<string>();
    walk(q, (n) => {
      if (n.kind === 'Cte') ctes.add(n.name.name.toLowerCase());
      if (n.kind === 'SelectAssignment') {
        pureQuery(n.expression, lines, tables, why);
        return false;
      }
      if (n.kind === 'TableRef') {
        const shown = displayObjectName(localNameParts(n.name.parts.map((p) => p.name)));
        if (n.temp) why.push(`${shown}, a #temp table`);
        else if (n.name.parts.length === 1 && ctes.has(n.name.parts[0]?.name.toLowerCase() ?? '')) return undefined;
        else if (localNameParts(n.name.parts.map((p) => p.name)).length > 2) why.push(`${shown}, in another database`);
        else if (written.has(normalizeObjectName(n.name))) why.push(`${shown}, ${written.get(normalizeObjectName(n.name))}`);
        else if (calls !== undefined) why.push(`${shown}, which ${calls} may change`);
        else tables.push(shown);
        return false;
      }
      if (n.kind === 'TableVariableRef') why.push(`${n.variable.name}, a table variable`);
      else if (n.kind === 'TableFunctionRef' || n.kind === 'DmlTable') why.push(`\`${textOf(script, n).replace(/\s+/g, ' ').slice(0, 40)}\``);
      else if (n.kind === 'SystemVariable') why.push(textOf(script, n));
      else if (n.kind === 'FunctionCall' && n.name.parts.length > 1) why.push(`the function ${textOf(script, n.name)}`);
      else if (n.kind === 'Variable') variable(n.name, lines, tables, why);
      else return undefined;
      return false;
    });
  };
  /** The lines and tables `e`'s value comes from, or why it cannot be answered before the run writes. */
  const pure = (e: Node): Found => {
    const lines: Range[] = [];
    const tables: string[] = [];
    const why: string[] = [];
    walk(e, (n) => {
      if (n.kind === 'Subquery' || n.kind === 'Exists' || n.kind === 'Select') {
        pureQuery(n.kind === 'Select' ? n : n.query, lines, tables, why);
        return false;
      }
      if (!PURE_KINDS.has(n.kind)) {
        why.push(n.kind === 'SystemVariable' ? textOf(script, n) : `\`${textOf(script, n).replace(/\s+/g, ' ').slice(0, 40)}\``);
        return false;
      }
      if (n.kind === 'FunctionCall' && n.name.parts.length > 1) {
        why.push(`the function ${textOf(script, n.name)}`);
        return false;
      }
      if (n.kind === 'Variable') variable(n.name, lines, tables, why);
      return undefined;
    });
    return why.length > 0 ? { why } : { lines, tables };
  };
  const assign = (name: string, found: Found, at: Node): void => {
    known.set(name.toLowerCase(), 'why' in found ? { why: `set at line ${at.span.start.line} from ${found.why.join(', ')}` } : { lines: [...found.lines, spanLines(at)], tables: found.tables });
  };
  /** `SELECT @a = …, @b = … [FROM …]` at the top level: each variable from the query's reads. */
  const assignsOnly = (s: Statement): boolean => s.kind === 'Select' && s.ctes.length === 0 && s.body.kind === 'QuerySpec' && s.body.into === undefined
    && s.body.items.length > 0 && s.body.items.every((i) => i.kind === 'SelectAssignment' && i.operator === '=');
  /** Variables a statement nested in control flow (or assigning in a way the top level cannot follow) sets: no longer known. */
  const forget = (s: Statement, why: string): void => {
    walk(s, (n) => {
      const target = n.kind === 'SetVariable' || n.kind === 'SelectAssignment' ? [n.variable]
        : n.kind === 'Fetch' ? n.into : n.kind === 'ExecArgument' && n.output && n.value?.kind === 'Variable' ? [n.value]
          : n.kind === 'Execute' && n.returnVariable !== undefined ? [n.returnVariable] : [];
      for (const v of target) known.set(v.name.toLowerCase(), { why: `set at line ${n.span.start.line} ${why}` });
    });
  };
  /** Tables the statement may change, for the guards after it. */
  const noteWrites = (s: Statement): void => {
    walk(s, (n) => {
      const target = n.kind === 'Insert' || n.kind === 'Update' || n.kind === 'Delete' || n.kind === 'Merge' ? n.target
        : n.kind === 'QuerySpec' || n.kind === 'OutputClause' ? n.into : n.kind === 'Truncate' || n.kind === 'BulkInsert' ? n.target : undefined;
      if (target?.kind === 'TableRef') {
        const key = normalizeObjectName(target.name);
        if (!written.has(key)) written.set(key, `written at line ${n.span.start.line} before it`);
      }
      if (n.kind === 'Execute') calls ??= `the EXEC at line ${n.span.start.line}`;
      return undefined;
    });
  };
  const visit = (statements: readonly Statement[], tries: readonly TryCatch[] = []): void => {
    for (const s of statements) {
      if (s.kind === 'Block') visit(s.statements, tries);
      else if (s.kind === 'TryCatch') {
        visit(s.tryStatements, [...tries, s]); // a CATCH block runs only after an error: not a guard of the run
        forget({ ...s, tryStatements: [] }, 'in a CATCH block');
        noteWrites({ ...s, tryStatements: [] });
      } else if (s.kind === 'Declare') {
        for (const d of s.declarations) if (d.kind === 'VariableDeclaration') assign(d.variable.name, d.initialValue === undefined ? { lines: [], tables: [] } : pure(d.initialValue), s);
      } else if (s.kind === 'SetVariable' && s.cursor === undefined && s.operator === '=') {
        assign(s.variable.name, s.value === undefined ? { lines: [], tables: [] } : pure(s.value), s);
      } else if (assignsOnly(s)) {
        const lines: Range[] = [];
        const tables: string[] = [];
        const why: string[] = [];
        pureQuery(s, lines, tables, why);
        const found: Found = why.length > 0 ? { why } : { lines, tables };
        walk(s, (n) => {
          if (n.kind === 'SelectAssignment') assign(n.variable.name, found, s);
          return n.kind === 'Subquery' ? false : undefined;
        });
      } else {
        const exit = s.kind === 'If' ? exitInside(s, jumpOf, tries.length > 0) : undefined;
        if (s.kind === 'If' && exit !== undefined) out.push(describe(s, exit, tries));
        forget(s, `by ${STATEMENT_WORDS[s.kind] ?? `the statement at line ${s.span.start.line}`}`);
        noteWrites(s);
      }
    }
  };
  const describe = (s: Statement & { kind: 'If' }, exit: Exit, tries: readonly TryCatch[]): EarlyExit => {
    const found = pure(s.condition);
    const why = 'why' in found ? found.why : directExit(s, jumpOf, tries.length > 0) ? [] : ['an exit nested deeper than the IF\'s branch'];
    const answerable = why.length === 0 && 'lines' in found;
    const tables = answerable ? [...new Map(found.tables.map((t) => [t.toLowerCase(), t])).values()] : [];
    return {
      file: script.file, line: s.span.start.line, column: s.span.start.column,
      condition: textOf(script, s.condition).replace(/\s+/g, ' ').trim(), answerable,
      lines: answerable ? mergeLineRanges([...found.lines, spanLines(s)]) : [], tables, reads: [...new Set(why)],
      ...(exit.jump === undefined ? {} : { jump: exit.jump }),
      ...caughtBy(s, tries),
    };
  };
  const caughtBy = (s: Statement & { kind: 'If' }, tries: readonly TryCatch[]): { caught?: CatchAccount } => {
    const caught = catchAccount(s, tries, proc.body, (n) => textOf(script, n));
    return caught === undefined ? {} : { caught };
  };
  const jumpOf = gotoTargets(proc);
  visit(proc.body);
  return out;
}

type Exit = { readonly jump?: Jump };

/**
 * The exit a RETURN, THROW or GOTO (gotoTargets) in the IF outside any loop makes (a RETURN in a
 * WHILE's body exits too, but on the loop's state: no guard), or undefined. A RETURN or THROW
 * decides it: the IF ends the procedure; else the first GOTO's jump. Inside a TRY block
 * (`inTry`) a RAISERROR of severity 11 or more leaves it too, for its CATCH block (catch-account.ts).
 */
function exitInside(s: Statement, jumpOf: (g: Goto) => Jump | undefined, inTry: boolean): Exit | undefined {
  let ends = false;
  let jump: Jump | undefined;
  const look = (x: Statement): void => walk(x, (n) => {
    if (ends || n.kind === 'While') return false;
    if (n.kind === 'TryCatch') {
      for (const t of n.tryStatements) look(t);
      return false;
    }
    if (n.kind === 'Return' || n.kind === 'Throw' || (inTry && n.kind === 'Raiserror' && raiserrorCaught(n) !== 'no')) ends = true;
    if (n.kind === 'Goto') jump ??= jumpOf(n);
    return undefined;
  });
  look(s);
  return ends ? {} : jump !== undefined ? { jump } : undefined;
}

/** Whether the IF's THEN or ELSE branch leaves at its own level (`BEGIN …; RETURN END`, `GOTO done`), not in a further IF. */
function directExit(s: Statement & { kind: 'If' }, jumpOf: (g: Goto) => Jump | undefined, inTry: boolean): boolean {
  const leaves = (x: Statement): boolean => x.kind === 'Return' || x.kind === 'Throw' || (x.kind === 'Goto' && jumpOf(x) !== undefined) || (inTry && x.kind === 'Raiserror' && raiserrorCaught(x) !== 'no');
  const ends = (b: Statement | undefined): boolean => b !== undefined && (leaves(b) || (b.kind === 'Block' && b.statements.some(leaves)));
  return ends(s.then) || ends(s.else);
}

function textOf(script: ParsedScript, node: Node): string {
  return script.lineIndex.text.slice(node.span.start.offset, node.span.end.offset);
}
