import type { Statement } from '../tsql';
import type { DraftPart, Refusal, Translated } from './draft-model';
import type { DraftContext, DraftScope } from './draft-scope';
import type { TranslatedQuery } from './translate-query';
import type { Expression, Select } from '../tsql';
import { IDIOM_REWRITERS } from './idioms';

/*
 * The hook where row-by-row idiom rewriters plug in (helper `draft-idioms` fills LOOP_REWRITERS).
 *
 * How it is called: the statement translator (translate-statements.ts) walks the section's
 * statements in order. Before it translates statement `stmts[startIndex]` on its own, it offers
 * the list and the index to every rewriter in LOOP_REWRITERS, in order. The first one that
 * returns a result wins: its `part` (an SqlPart with the CTEs it adds, the tables it changes and
 * the variables it sets, or a Refusal) replaces statements startIndex .. startIndex+consumed-1,
 * and `idiom` (a short name, e.g. "cursor over entities -> GROUP BY") is listed in the draft's
 * header ("Idioms applied: …"). A rewriter returns null when the statements at startIndex are
 * not its idiom; it must never return SQL that differs from SQL Server's result: when it
 * recognises its idiom but cannot reproduce it exactly it returns a Refusal part.
 *
 * `ctx` gives what a rewriter needs to build SQL the same way the rest of the draft does:
 * the current scope (variables, tables: read `scope.table(key)` for a table's current relation
 * and columns), the expression and query translators, and fresh CTE names.
 */

/** What a rewriter may use: the same translators and state as the set-based translation. */
export interface LoopRewriteContext {
  readonly draft: DraftContext;
  /** A scope over no FROM sources: variables, parameters and tables as they stand before the loop. */
  readonly scope: DraftScope;
  readonly translateExpression: (e: Expression, scope: DraftScope) => Translated | Refusal;
  readonly translateSelect: (s: Select, scope: DraftScope) => TranslatedQuery | Refusal;
  /** A fresh, readable CTE name. */
  readonly freshName: (hint: string) => string;
}

/**
 * A rewriter's answer: how many statements it replaces, with what, under which idiom name.
 * `statements`, when given, are equivalent set-based T-SQL statements (built from the loop's
 * own syntax trees, so refusals keep their legacy locations) that the framework translates
 * like any others right after applying `part`'s CTEs and tables; `part`'s variables are set
 * after them.
 */
export interface LoopRewrite {
  readonly consumed: number;
  readonly part: DraftPart;
  readonly idiom: string;
  readonly statements?: readonly Statement[];
  /**
   * `statements` are the loop's whole effect run once, as the section's own statements (a count
   * read right after one of them is its count), not statements run once for every entity.
   */
  readonly once?: boolean;
}

/** A row-by-row idiom rewriter: null when the statements at `startIndex` are not its idiom. */
export interface LoopRewriter {
  (stmts: readonly Statement[], startIndex: number, ctx: LoopRewriteContext): LoopRewrite | null;
}

/** The registered rewriters, tried in order (draft-idioms adds (a)-(e) here). */
export const LOOP_REWRITERS: LoopRewriter[] = [...IDIOM_REWRITERS];
