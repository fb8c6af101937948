import type { Cte, QueryExpression, QuerySpec } from './ast';
import { aliasOfOnePartName } from './names';

// Recursive CTEs as the emulator and the draft both read them.

/** SQL Server's default limit of recursion levels of a recursive CTE. */
export const DEFAULT_MAXRECURSION = 100;

/** The recursion limit a statement's `OPTION (…)` sets: MAXRECURSION n (0: none), else the default. */
export function maxRecursionOf(option: string | undefined): number {
  const m = /MAXRECURSION\s+(\d+)/i.exec(option ?? '');
  return m === null ? DEFAULT_MAXRECURSION : Number(m[1]);
}

/**
 * A CTE's members split as recursion reads them: the set operators between them, the anchor
 * members and the recursive ones (plain SELECTs whose FROM reads the CTE's own name). No
 * recursive member: not a recursive CTE.
 */
export function recursiveMembers(cte: Cte): { operators: string[]; anchors: QueryExpression[]; steps: QuerySpec[] } {
  const operators: string[] = [];
  const members: QueryExpression[] = [];
  const collect = (q: QueryExpression): void => {
    if (q.kind === 'SetOperation') { collect(q.left); operators.push(q.operator); collect(q.right); } else members.push(q);
  };
  collect(cte.query.body);
  const name = cte.name.name;
  const reads = (m: QueryExpression): m is QuerySpec => m.kind === 'QuerySpec' && aliasOfOnePartName(m.from, name) !== undefined;
  return { operators, anchors: members.filter((m) => !reads(m)), steps: members.filter(reads) };
}
