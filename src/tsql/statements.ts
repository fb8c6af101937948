import type { Batch, Node, ParsedScript, Statement } from './ast';

/**
 * The statements directly nested in a statement: block and TRY/CATCH bodies, IF branches, WHILE
 * body, the body of a procedure/function/trigger/view. Queries inside a statement are not
 * statements and are not listed.
 */
export function nestedStatements(s: Statement): readonly Statement[] {
  switch (s.kind) {
    case 'Block': return s.statements;
    case 'TryCatch': return [...s.tryStatements, ...s.catchStatements];
    case 'If': return s.else === undefined ? [s.then] : [s.then, s.else];
    case 'While': return [s.body];
    case 'CreateProcedure': case 'CreateFunction': case 'CreateTrigger': case 'CreateView': return s.body;
    default: return [];
  }
}

/**
 * Visits every statement of a script or batch (nested ones included), parent before children,
 * with the chain of enclosing statements (outermost first).
 */
export function forEachStatement(root: ParsedScript | Batch | Statement, callback: (s: Statement, ancestors: readonly Statement[]) => void): void {
  const top: readonly Statement[] = root.kind === 'Script' ? root.batches.flatMap((b) => b.statements)
    : root.kind === 'Batch' ? root.statements : [root];
  const stack: [Statement, readonly Statement[]][] = top.map((s) => [s, []] as [Statement, readonly Statement[]]).reverse();
  while (stack.length > 0) {
    const [s, ancestors] = stack.pop() as [Statement, readonly Statement[]];
    callback(s, ancestors);
    const kids = nestedStatements(s);
    if (kids.length === 0) continue;
    const chain = [...ancestors, s];
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i] as Statement, chain]);
  }
}

/** Counts for reports: `statements` recognised (control flow included, containers excluded),
 * `unparsed` skipped statements, and the source lines those span. */
export interface StatementCounts {
  readonly statements: number;
  readonly unparsed: number;
  readonly unparsedLines: number;
  readonly containers: number;
}

const CONTAINERS = new Set<Node['kind']>(['CreateProcedure', 'CreateFunction', 'CreateTrigger', 'CreateView']);

/**
 * Counts statements the way `migrate analyze` reports them. A procedure, function, trigger or
 * view counts as a container, not a statement; everything inside it (IF, WHILE, BEGIN…END,
 * DECLARE, SET, DML, …) counts once. Unparsed statements are counted apart.
 */
export function countStatements(root: ParsedScript | Batch | Statement): StatementCounts {
  let statements = 0;
  let unparsed = 0;
  let unparsedLines = 0;
  let containers = 0;
  forEachStatement(root, (s) => {
    if (s.kind === 'Unparsed') {
      unparsed++;
      unparsedLines += s.span.end.line - s.span.start.line + 1;
    } else if (CONTAINERS.has(s.kind)) {
      containers++;
    } else {
      statements++;
    }
  });
  return { statements, unparsed, unparsedLines, containers };
}
