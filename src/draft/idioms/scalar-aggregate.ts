import { isAggregateCall, type Expression, type FunctionCall } from '../../tsql';

/**
 * True when `e` reads the FROM's rows only through aggregates (`SUM(x)`, `ISNULL(SUM(x), 0)`,
 * `MAX(a) - MIN(a)`): without GROUP BY such a SELECT yields exactly one row, also over no rows,
 * so the assignment is the scalar subquery of the same expression. A column outside an
 * aggregate would make it one row per source row (SQL Server's 8120 when mixed with one).
 */
export function scalarAggregate(e: Expression): boolean {
  let aggregates = 0;
  let rowRead = false;
  const visit = (x: unknown): void => {
    if (rowRead || x === null || typeof x !== 'object') return;
    const n = x as { kind?: string; over?: unknown; name?: { parts?: { name: string }[] } };
    if (n.kind === 'Subquery' || n.kind === 'Exists' || n.kind === 'ColumnRef') { rowRead = true; return; }
    if (n.kind === 'FunctionCall' && isAggregateCall(x as FunctionCall)) { aggregates++; return; }
    for (const [k, v] of Object.entries(x)) if (k !== 'span' && v && typeof v === 'object') visit(v);
  };
  visit(e);
  return aggregates > 0 && !rowRead;
}
