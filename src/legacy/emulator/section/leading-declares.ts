// A section `propose` cuts often begins with a DECLARE far above its real work: `DECLARE
// @MonthEnd date = EOMONTH(@CloseMonth)` at the top of the procedure, used only by the cursor
// eighty lines down, goes to the cursor's section. Everything between (the statements of other
// sections that build the #temp table the cursor reads) still runs before the section's work in
// a legacy run. Such a DECLARE may run after them instead when nothing between touches what it
// names and its value depends on nothing the statements between could change.
import type { Node, Statement, Variable } from '../../../tsql';
import { walk } from '../../../tsql';

interface LineRange { readonly start: number; readonly end: number }

const inRanges = (ranges: readonly LineRange[], line: number): boolean => ranges.some((r) => line >= r.start && line <= r.end);

/**
 * Built-in functions whose value depends on their arguments alone (or on the run's fixed clock):
 * a DECLARE calling only these gives the same value wherever it runs. Any other call (RAND,
 * NEWID, SCOPE_IDENTITY, OBJECT_ID, a user function reading tables) keeps it in place.
 */
const PURE_FUNCTIONS = new Set([
  'abs', 'ceiling', 'floor', 'round', 'sign', 'power', 'sqrt',
  'coalesce', 'isnull', 'nullif', 'choose',
  'year', 'month', 'day', 'datepart', 'datename', 'dateadd', 'datediff', 'datediff_big', 'eomonth',
  'datefromparts', 'datetimefromparts', 'datetime2fromparts', 'smalldatetimefromparts', 'isdate',
  'getdate', 'sysdatetime', 'current_timestamp',
  'len', 'left', 'right', 'substring', 'upper', 'lower', 'ltrim', 'rtrim', 'trim', 'replace', 'replicate',
  'concat', 'charindex', 'stuff', 'str', 'space', 'reverse',
]);

/** Node kinds whose value depends on the state the statements before leave (rows, counters, the catalog). */
const STATEFUL_KINDS = new Set<Node['kind']>(['Subquery', 'Exists', 'TableRef', 'SystemVariable', 'NextValueFor', 'MethodCall', 'ColumnRef', 'QuantifiedComparison']);

/**
 * Whether `s` is a DECLARE of scalar variables whose initial values depend on variables, literals
 * and pure built-ins only, or of a table variable (`DECLARE @Summary TABLE (…)` at the top of a
 * procedure, filled by a MERGE … OUTPUT far below: it starts empty wherever it runs, and its
 * column DEFAULTs are evaluated when rows go in, not when it is declared).
 */
function isMovableDeclare(s: Statement): boolean {
  if (s.kind !== 'Declare') return false;
  let movable = true;
  walk(s, (n) => {
    if (STATEFUL_KINDS.has(n.kind)) movable = false;
    else if (n.kind === 'FunctionCall' && (n.name.parts.length !== 1 || !PURE_FUNCTIONS.has(n.name.parts[0]?.name.toLowerCase() ?? ''))) movable = false;
    return movable ? undefined : false;
  });
  return movable;
}

/** The variables (lower case) `s` names anywhere, and those it assigns (`assigns` tells a write from a read). */
function variablesOf(s: Statement, assigns: AssignsVariable): { readonly named: Set<string>; readonly assigned: Set<string> } {
  const named = new Set<string>();
  const assigned = new Set<string>();
  walk(s, (n, parent) => {
    if (n.kind !== 'Variable') return;
    const name = n.name.toLowerCase();
    named.add(name);
    if (assigns(n, parent) || (parent?.kind === 'VariableDeclaration' && parent.variable === n)) assigned.add(name);
  });
  return { named, assigned };
}

/** Whether a use of a variable assigns it (section-statements.ts assignsVariable). */
export type AssignsVariable = (v: Variable, parent: Node | undefined) => boolean;

/**
 * Where the section's work starts when its first statements are DECLAREs that may run after
 * the statements of other sections standing between them and the rest of the section: the
 * first line of the section's first other statement. Undefined when the section does not start
 * so (its first statement is its work), or when a statement between assigns a variable such a
 * DECLARE reads, or names one it declares (running the DECLARE later could change what either
 * sees; both only reading a parameter is no conflict).
 * `statements` are the procedure's statements in order, containers opened as a section run
 * opens them.
 */
export function lineAfterLeadingDeclares(statements: readonly Statement[], ranges: readonly LineRange[], assigns: AssignsVariable): number | undefined {
  const leading: Statement[] = [];
  const between: Statement[] = [];
  for (const s of statements) {
    if (!inRanges(ranges, s.span.start.line)) {
      if (leading.length > 0) between.push(s);
      continue;
    }
    if (isMovableDeclare(s)) { leading.push(s); continue; }
    if (leading.length === 0 || between.length === 0) return undefined;
    const declares = leading.map((d) => variablesOf(d, assigns));
    for (const f of between) {
      const other = variablesOf(f, assigns);
      for (const d of declares) {
        for (const v of d.assigned) if (other.named.has(v)) return undefined;
        for (const v of d.named) if (other.assigned.has(v)) return undefined;
      }
    }
    return s.span.start.line;
  }
  return undefined;
}
