import type { Expression, Node } from '../../tsql';
import { walk } from '../../tsql';

// A metadata-driven loader appends a filter from a config table (`' AND (' + [Filter] + ')'`);
// a row holding the word NULL, a column name or `1` gives `AND (NULL)`, `AND ([Is Open])`, `AND (1)`.
// SQL Server refuses to compile such a text (error 4145, "An expression of non-boolean type
// specified in a context where a condition is expected") and runs none of it. The parser reads
// conditions and values alike and DuckDB takes NULL, a number or a column as a condition, so the
// emulator would insert rows where SQL Server inserts none. Static code never reaches here with
// one (SQL Server would not have created the procedure); dynamic text is checked before it runs.

const ARITHMETIC = new Set(['+', '-', '*', '/', '%', '&', '|', '^', '<<', '>>']);
// Functions that are conditions themselves: full-text predicates and a trigger's UPDATE(col).
const PREDICATE_FUNCTIONS = new Set(['CONTAINS', 'FREETEXT', 'UPDATE']);

/**
 * The first expression of `node` that stands where SQL Server expects a condition (WHERE,
 * HAVING, ON, IF, WHILE, a searched CASE's WHEN, IIF, MERGE's WHEN … AND) but is a value:
 * a constant, a column, a variable, arithmetic, a function or CASE. Undefined when none is.
 * Only kinds certain to be values are named, so a condition of a form not listed is never refused.
 */
export function nonBooleanCondition(node: Node): Expression | undefined {
  let found: Expression | undefined;
  walk(node, (n) => {
    if (found !== undefined) return false;
    for (const condition of conditionsOf(n)) {
      found = valueInCondition(condition);
      if (found !== undefined) return false;
    }
    return undefined;
  });
  return found;
}

function conditionsOf(n: Node): (Expression | undefined)[] {
  switch (n.kind) {
    case 'QuerySpec': return [n.where, n.having];
    case 'Update': case 'Delete': return [n.where];
    case 'Join': case 'Merge': return [n.on];
    case 'MergeWhen': case 'If': case 'While': case 'Iif': return [n.condition];
    case 'Case': return n.operand === undefined ? n.whens.map((w) => w.when) : [];
    default: return [];
  }
}

function valueInCondition(e: Expression | undefined): Expression | undefined {
  if (e === undefined) return undefined;
  switch (e.kind) {
    case 'Binary':
      if (e.operator === 'AND' || e.operator === 'OR') return valueInCondition(e.left) ?? valueInCondition(e.right);
      return ARITHMETIC.has(e.operator) ? e : undefined;
    case 'Unary':
      return e.operator === 'NOT' ? valueInCondition(e.operand) : e;
    case 'FunctionCall': {
      const name = e.name.parts.at(-1)?.name.toUpperCase() ?? '';
      return PREDICATE_FUNCTIONS.has(name) ? undefined : e;
    }
    case 'Literal': case 'ColumnRef': case 'Variable': case 'SystemVariable': case 'Cast': case 'Case':
    case 'Iif': case 'Subquery':
      return e;
    default:
      return undefined;
  }
}
