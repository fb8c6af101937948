import { findAll, type Join } from '../../tsql';
import { quote, type SqlTranslator } from './expressions';

/*
 * An outer join whose ON holds a subquery (`LEFT JOIN a ON a.Id IN (SELECT … WHERE s.Src = cs.Src)`):
 * DuckDB cannot plan one ("Cannot perform non-inner join on subquery"). A LEFT JOIN's ON only
 * chooses which right rows each left row pairs with, so it is the same join as a LATERAL
 * subquery of the right rows filtered by that ON, joined ON TRUE: a left row no right row
 * matches keeps NULLs either way, and the ON's unknown is false in both places. RIGHT and FULL
 * joins have no such rewrite (the right side's unmatched rows are not the lateral's) and are
 * refused, located, as is a right side that is itself a join (no single alias names its rows).
 */

/** Whether `join` is an outer join whose ON DuckDB cannot run as written. */
export function needsLateralOn(join: Join): boolean {
  return (join.joinType === 'LEFT' || join.joinType === 'RIGHT' || join.joinType === 'FULL')
    && join.on !== undefined && findAll(join.on, 'Select').length > 0;
}

/** The alias the right side's translation ends with (`… AS "alias"`), undefined when it has none of its own. */
function rightAlias(join: Join): string | undefined {
  const right = join.right;
  switch (right.kind) {
    case 'TableRef': return right.alias?.name ?? right.name.parts[right.name.parts.length - 1]?.name;
    case 'TableVariableRef': return right.alias?.name ?? right.variable.name;
    case 'DerivedTable': return right.alias?.name ?? '__derived';
    default: return undefined;
  }
}

/** `left LEFT JOIN LATERAL (SELECT * FROM right WHERE on) AS alias ON TRUE`; refuses what it cannot rewrite. */
export function lateralOuterJoin(t: SqlTranslator, join: Join, left: string, right: string, on: string): string {
  if (join.joinType !== 'LEFT') throw t.state.unsupported(join.on ?? join, `a subquery in the ON of a ${join.joinType} JOIN (only a LEFT JOIN's is emulated; write it as a LEFT JOIN with the tables swapped)`);
  const alias = rightAlias(join);
  if (alias === undefined) throw t.state.unsupported(join.on ?? join, `a subquery in the ON of a LEFT JOIN whose right side is a ${join.right.kind === 'Join' ? 'nested join' : join.right.kind} (write the right side as a derived table with an alias)`);
  return `${left} LEFT JOIN LATERAL (SELECT * FROM ${right} WHERE ${on}) AS ${quote(alias)} ON TRUE`;
}
