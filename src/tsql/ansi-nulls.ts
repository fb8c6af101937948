import type { BatchSettings, ContainerStatement, Expression, Node, ParsedScript, Statement } from './ast';
import { walk } from './visitor';

/*
 * SET ANSI_NULLS OFF, as SQL Server keeps it with a procedure, function or trigger created under
 * it: `=`, `<>` and `!=` compare NULL as a value when one side is a variable or a literal NULL
 * (TRUE when both are NULL), and leave comparisons between columns or expressions alone. The
 * emulator and the drafts compare as under ON, so both refuse the comparisons below in a module
 * created under OFF (parseScript records the setting on each batch).
 */

/** The settings the batch holding `statement` (a CREATE, or any top-level statement) was parsed and run under. */
export function creationSettingsOf(script: ParsedScript, statement: ContainerStatement | Statement): BatchSettings | undefined {
  return script.batches.find((b) => b.statements.includes(statement as Statement))?.settings;
}

/**
 * The first comparison under the roots whose outcome ANSI_NULLS OFF can change, if any. Under OFF a
 * NULL variable (or literal) compared with `=` is FALSE instead of UNKNOWN, and TRUE against
 * another NULL; with `<>` it is TRUE instead of UNKNOWN. So `<>`, and `=` against anything that
 * may be NULL, can change what a statement does; `=` against a constant that is not NULL only
 * changes UNKNOWN into FALSE, which no WHERE, IF or CASE tells apart unless a NOT turns it
 * around. The same holds for IN (an OR of `=`) and a simple CASE (`=` against each WHEN).
 */
export function ansiNullsSensitiveComparison(roots: readonly Node[]): Node | undefined {
  const negated = new Set<Node>();
  for (const root of roots) walk(root, (n) => {
    if (n.kind === 'Unary' && n.operator === 'NOT') walk(n.operand, (m) => { negated.add(m); return undefined; });
    return undefined;
  });
  let found: Node | undefined;
  for (const root of roots) walk(root, (n) => {
    if (found !== undefined) return false;
    if (n.kind === 'Binary' && (n.operator === '=' || n.operator === '<>' || n.operator === '!=')) {
      const sides = [n.left, n.right];
      if (sides.some(nullable) && (n.operator !== '=' || negated.has(n) || !sides.some(constant))) found = n;
    } else if (n.kind === 'In' && n.list.length > 0) {
      if (n.list.some(nullable) || (nullable(n.expression) && (n.not || negated.has(n)))) found = n;
    } else if (n.kind === 'Case' && n.operand !== undefined && n.whens.some((w) => nullable(w.when))) {
      found = n;
    }
    return undefined;
  });
  return found;
}

/** A variable or a literal NULL: the operands ANSI_NULLS OFF compares NULL as a value for. */
function nullable(e: Expression): boolean {
  return e.kind === 'Variable' || (e.kind === 'Literal' && e.literalType === 'null');
}

/** A literal that is not NULL. */
function constant(e: Expression): boolean {
  return e.kind === 'Literal' && e.literalType !== 'null' && e.literalType !== 'default';
}
