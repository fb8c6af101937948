import { AcceptanceError } from '../core';
import { quoteIdent, type EngineSession } from '../engine';
import type { TextRules } from './normalize-rules';
import type { ColumnPair } from './pair-columns';
import { combinations } from './key-combinations';
import { keyExpr } from './sql-compare-parts';

/** Largest key `--key auto` tries, and how many candidate columns it looks at. */
const MAX_KEY_SIZE = 3;
const MAX_CANDIDATES = 12;

/**
 * Finds the smallest set of columns that is unique and free of NULLs on both sides, preferring
 * columns that come first (keys usually do). Each size is checked in one scan per side; sizes
 * grow from 1 to 3. Throws an AcceptanceError when no such set exists.
 */
export async function detectKey(session: EngineSession, eView: string, aView: string, pairs: readonly ColumnPair[], rules: TextRules): Promise<string[]> {
  const candidates = pairs.slice(0, MAX_CANDIDATES);
  // One query at a time: both sides run on the session's one connection, where DuckDB runs them
  // one after the other anyway, and a rejected Promise.all would leave the other side's query
  // running on a connection its caller then closes (a native crash, not an error).
  const eNulls = await nullFree(session, eView, candidates, 'expected', rules);
  const aNulls = await nullFree(session, aView, candidates, 'actual', rules);
  const usable = candidates.filter((_, i) => eNulls[i] && aNulls[i]);
  for (let size = 1; size <= Math.min(MAX_KEY_SIZE, usable.length); size++) {
    const sets = combinations(usable, size);
    const eu = await uniqueSets(session, eView, sets, 'expected', rules);
    const au = await uniqueSets(session, aView, sets, 'actual', rules);
    const found = sets.find((_, i) => eu[i] && au[i]);
    if (found) return found.map((p) => p.name);
  }
  throw new AcceptanceError('ACCEPT_NO_KEY', `--key auto: no set of up to ${MAX_KEY_SIZE} columns is unique and non-NULL on both sides`, {
    hint: 'declare the key with --key col1,col2 (duplicates are then reported), or leave --key out to compare rows as a multiset',
  });
}

async function nullFree(session: EngineSession, view: string, pairs: readonly ColumnPair[], side: 'expected' | 'actual', rules: TextRules): Promise<boolean[]> {
  const row = (await session.all(`SELECT ${pairs.map((p, i) => `count(*) FILTER (WHERE (${keyExpr(p, side, rules)}) IS NULL) AS n${i}`).join(', ')} FROM ${quoteIdent(view)}`))[0] ?? {};
  return pairs.map((_, i) => Number(row[`n${i}`]) === 0);
}

async function uniqueSets(session: EngineSession, view: string, sets: readonly ColumnPair[][], side: 'expected' | 'actual', rules: TextRules): Promise<boolean[]> {
  const exprs = sets.map((set, i) => `count(DISTINCT ${set.length === 1 ? keyExpr(set[0] as ColumnPair, side, rules) : `row(${set.map((p) => keyExpr(p, side, rules)).join(', ')})`}) AS d${i}`);
  const row = (await session.all(`SELECT count(*) AS n, ${exprs.join(', ')} FROM ${quoteIdent(view)}`))[0] ?? {};
  return sets.map((_, i) => Number(row[`d${i}`]) === Number(row.n));
}
