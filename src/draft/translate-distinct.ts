import type { SourceSpan } from '../core';
import type { DraftColumn } from './draft-model';
import { locatedStop, type DraftContext } from './draft-scope';
import { collationKey, equatedTextStop, quoteName, stringLiteral } from './sql-text';

/*
 * SELECT DISTINCT over text. SQL Server removes duplicates as its default collation compares
 * text: 'abc', 'ABC' and 'abc ' are one value, and the row it keeps shows one of their spellings,
 * which one its plan decides. The draft groups the query's rows by the collation key of each
 * text column (the other columns as they are) and shows the group's spelling when the group
 * has one, which is then SQL Server's result exactly. A group holding two spellings has no
 * defined result: the query stops with an error naming the DISTINCT's file:line:col, so a
 * drafted number is never a guess (the data decides, which the draft cannot know statically).
 * UNION (without ALL), INTERSECT and EXCEPT remove duplicates the same way. Spellings are told apart by their bytes
 * (encode), whatever collation the session compares text with.
 */

export const DISTINCT_SPELLINGS = 'SELECT DISTINCT over text values equal under the collation but spelled differently (case, trailing blanks): SQL Server keeps one of the spellings, which one is not defined';

/**
 * `innerSql` (the query without DISTINCT, a UNION's two sides as UNION ALL, or an INTERSECT's or
 * EXCEPT's left side, kept where `against` says) returning `columns`, with its duplicates removed
 * as SQL Server removes them.
 */
export function collatedDistinct(ctx: DraftContext, span: SourceSpan, innerSql: string, columns: readonly DraftColumn[], construct = 'SELECT DISTINCT', against?: { operator: 'INTERSECT' | 'EXCEPT'; sql: string }): string {
  const names = columns.map((_, i) => `c${i + 1}`);
  const stop = stringLiteral(locatedStop(ctx, span, DISTINCT_SPELLINGS.replace('SELECT DISTINCT', construct)));
  const select = columns.map((c, i) => {
    const v = `d.${names[i] as string}`;
    const shown = c.type.family === 'string' ? `CASE WHEN count(DISTINCT encode(${v})) > 1 THEN error(${stop}) ELSE min(${v}) END` : v;
    return `${shown} AS ${quoteName(c.name)}`;
  });
  const equated = locatedStop(ctx, span, equatedTextStop(construct));
  const key = (alias: string, c: DraftColumn, i: number): string => (c.type.family === 'string' ? collationKey(`${alias}.${names[i] as string}`, equated) : `${alias}.${names[i] as string}`);
  // INTERSECT / EXCEPT: the left rows whose row is (or is not) among the right's, compared as the
  // rows' keys, NULL equal to NULL (SQL Server compares set operations' rows so); every row of a
  // group has the group's keys, so a group is kept or dropped whole.
  const where = against === undefined ? '' : `\nWHERE ${against.operator === 'EXCEPT' ? 'NOT ' : ''}EXISTS (SELECT 1 FROM (${against.sql}) r(${names.join(', ')}) WHERE ${columns.map((c, i) => `${key('d', c, i)} IS NOT DISTINCT FROM ${key('r', c, i)}`).join(' AND ')})`;
  return `SELECT ${select.join(',\n       ')}\nFROM (${innerSql}) d(${names.join(', ')})${where}\nGROUP BY ${columns.map((c, i) => key('d', c, i)).join(', ')}`;
}
