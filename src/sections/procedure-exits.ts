import { walk, type CreateProcedure, type Expression, type Node, type ParsedScript, type Statement } from '../tsql';
import { mergeLineRanges } from './propose-sections';

/**
 * A statement of a procedure's body after which the procedure may end early: an IF (outside any
 * loop and any CATCH block) with a RETURN or THROW inside it, the guard clause of legacy code
 * (`IF @PeriodStart IS NULL BEGIN RAISERROR('…', 16, 1); RETURN END`). The sections leave it in
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
   * Whether the guard can be answered from the parameters alone: its condition reads constants,
   * built-in functions, parameters and variables that earlier statements at the body's top
   * level compute from those alone (`SET @Days = DATEDIFF(DAY, @From, @To) + 1`), and its exit
   * is no deeper than the IF's own branch. Then `lines` (those statements and the IF) run in the
   * emulator with the run's parameter values tell whether the procedure ends there.
   */
  readonly parametersOnly: boolean;
  /** The line ranges to run: the statements the condition's variables come from, then the IF. */
  readonly lines: readonly { readonly start: number; readonly end: number }[];
  /** Otherwise, what the answer depends on (`@rc, set at line 38 by an EXEC`, `a table`, `@@ROWCOUNT`). */
  readonly reads: readonly string[];
}

// Expression kinds a condition may hold and still be answered from the parameters alone.
const PURE_KINDS = new Set<Node['kind']>([
  'Literal', 'Variable', 'Identifier', 'Binary', 'Unary', 'FunctionCall', 'ObjectName', 'Case', 'CaseWhen', 'Cast', 'Iif', 'In',
  'Between', 'Like', 'IsNull', 'Collate', 'ExpressionList', 'DataType',
]);

const STATEMENT_WORDS: Partial<Record<Statement['kind'], string>> = {
  If: 'an IF', While: 'a WHILE loop', Execute: 'an EXEC', Select: 'a SELECT', Fetch: 'a FETCH', Update: 'an UPDATE', Merge: 'a MERGE',
};

type Known = { readonly lines: readonly Range[] } | { readonly why: string };
type Range = { readonly start: number; readonly end: number };

/** The early exits of a procedure's body, in source order. */
export function earlyExits(proc: CreateProcedure, script: ParsedScript): EarlyExit[] {
  // What each variable holds at this point of the top level: computed from the parameters by
  // these lines, or not (and why). Parameters start as the caller gave them.
  const known = new Map<string, Known>(proc.parameters.map((p) => [p.name.toLowerCase(), { lines: [] }]));
  const out: EarlyExit[] = [];
  const spanLines = (n: Node): Range => ({ start: n.span.start.line, end: n.span.end.line });
  /** The lines `e`'s variables come from, or why it cannot be answered from the parameters. */
  const pure = (e: Node): { lines: Range[] } | { why: string[] } => {
    const lines: Range[] = [];
    const why: string[] = [];
    walk(e, (n) => {
      if (!PURE_KINDS.has(n.kind)) {
        why.push(n.kind === 'SystemVariable' ? textOf(script, n) : n.kind === 'ColumnRef' || n.kind === 'Subquery' || n.kind === 'Exists' ? 'a table' : `\`${textOf(script, n).replace(/\s+/g, ' ').slice(0, 40)}\``);
        return false;
      }
      if (n.kind === 'FunctionCall' && n.name.parts.length > 1) {
        why.push(`the function ${textOf(script, n.name)}`);
        return false;
      }
      if (n.kind === 'Variable') {
        const k = known.get(n.name.toLowerCase());
        if (k === undefined) why.push(`${n.name}, declared nowhere before it`);
        else if ('why' in k) why.push(`${n.name}, ${k.why}`);
        else lines.push(...k.lines);
      }
      return undefined;
    });
    return why.length > 0 ? { why } : { lines };
  };
  const assign = (name: string, value: Expression | undefined, at: Node): void => {
    const found = value === undefined ? { lines: [] } : pure(value);
    known.set(name.toLowerCase(), 'why' in found ? { why: `set at line ${at.span.start.line} from ${found.why.join(', ')}` } : { lines: [...found.lines, spanLines(at)] });
  };
  /** Variables a statement nested in control flow (or assigning in a way the top level cannot follow) sets: no longer known. */
  const forget = (s: Statement, why: string): void => {
    walk(s, (n) => {
      const target = n.kind === 'SetVariable' || n.kind === 'SelectAssignment' ? [n.variable]
        : n.kind === 'Fetch' ? n.into : n.kind === 'ExecArgument' && n.output && n.value?.kind === 'Variable' ? [n.value]
          : n.kind === 'Execute' && n.returnVariable !== undefined ? [n.returnVariable] : [];
      for (const v of target) known.set(v.name.toLowerCase(), { why: `set at line ${n.span.start.line} ${why}` });
    });
  };
  const visit = (statements: readonly Statement[]): void => {
    for (const s of statements) {
      if (s.kind === 'Block') visit(s.statements);
      else if (s.kind === 'TryCatch') {
        visit(s.tryStatements); // a CATCH block runs only after an error: not a guard of the run
        forget({ ...s, tryStatements: [] }, 'in a CATCH block');
      } else if (s.kind === 'Declare') {
        for (const d of s.declarations) if (d.kind === 'VariableDeclaration') assign(d.variable.name, d.initialValue, s);
      } else if (s.kind === 'SetVariable' && s.cursor === undefined && s.operator === '=') {
        assign(s.variable.name, s.value, s);
      } else {
        if (s.kind === 'If' && exitsInside(s)) out.push(describe(s));
        forget(s, `by ${STATEMENT_WORDS[s.kind] ?? `the statement at line ${s.span.start.line}`}`);
      }
    }
  };
  const describe = (s: Statement & { kind: 'If' }): EarlyExit => {
    const found = pure(s.condition);
    const why = 'why' in found ? found.why : directExit(s) ? [] : ['an exit nested deeper than the IF\'s branch'];
    const lines = 'lines' in found ? mergeLineRanges([...found.lines, spanLines(s)]) : [];
    return {
      file: script.file, line: s.span.start.line, column: s.span.start.column,
      condition: textOf(script, s.condition).replace(/\s+/g, ' ').trim(), parametersOnly: why.length === 0,
      lines: why.length === 0 ? lines : [], reads: [...new Set(why)],
    };
  };
  visit(proc.body);
  return out;
}

/** Whether a RETURN or THROW lies in the IF outside any loop (a RETURN in a WHILE's body exits too, but on the loop's state: no guard). */
function exitsInside(s: Statement): boolean {
  let found = false;
  walk(s, (n) => {
    if (found || n.kind === 'While') return false;
    if (n.kind === 'TryCatch') {
      for (const t of n.tryStatements) if (exitsInside(t)) found = true;
      return false;
    }
    if (n.kind === 'Return' || n.kind === 'Throw') found = true;
    return undefined;
  });
  return found;
}

/** Whether the IF's THEN or ELSE branch ends the procedure at its own level (`BEGIN …; RETURN END`), not in a further IF. */
function directExit(s: Statement & { kind: 'If' }): boolean {
  const ends = (b: Statement | undefined): boolean => b !== undefined
    && (b.kind === 'Return' || b.kind === 'Throw' || (b.kind === 'Block' && b.statements.some((x) => x.kind === 'Return' || x.kind === 'Throw')));
  return ends(s.then) || ends(s.else);
}

function textOf(script: ParsedScript, node: Node): string {
  return script.lineIndex.text.slice(node.span.start.offset, node.span.end.offset);
}
