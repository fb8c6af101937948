import type { SourceSpan } from '../core';
import { stringTokenValue } from './lexer';
import type {
  Cte, Expression, GroupBy, GroupingSpec, Identifier, QueryExpression, QuerySpec, Select, SelectItem, SelectItemLike,
  TableTarget, Top,
} from './ast';
import type { Parser } from './parser-core';
import { identifierFromToken } from './parser-core';
import { parseExpression, parseParenthesizedSelect } from './parse-expression';
import { parseOrderByItems } from './parse-window';
import { parseTableSources, parseTableTarget } from './parse-table-source';
import { walk } from './visitor';

/**
 * A full query: `[WITH ctes] body [ORDER BY] [OFFSET/FETCH] [FOR XML|JSON] [OPTION (…)]`, where
 * body is SELECT blocks joined by UNION/EXCEPT/INTERSECT, possibly parenthesised.
 */
export function parseSelect(p: Parser): Select {
  return p.nested(() => {
    const start = p.pos;
    const { ctes, recursive, xmlNamespaces } = p.isWord('WITH') ? parseCtes(p) : { ctes: [], recursive: false, xmlNamespaces: undefined };
    const select = parseSelectAfterCtes(p, start, ctes, recursive);
    return xmlNamespaces === undefined ? select : { ...select, xmlNamespaces };
  });
}

/** The rest of a query once its WITH clause (if any) has been read. */
export function parseSelectAfterCtes(p: Parser, start: number, ctes: readonly Cte[], recursive: boolean): Select {
  const body = parseQueryExpression(p);
  let orderBy: Select['orderBy'] = [];
  let offset: Expression | undefined;
  let fetch: Expression | undefined;
  if (p.isWord('ORDER') && p.isWord('BY', 1)) {
    p.pos += 2;
    orderBy = parseOrderByItems(p);
    if (p.isWord('OFFSET')) {
      p.pos++;
      offset = parseExpression(p);
      if (!p.eatWord('ROWS')) p.expectWord('ROW');
      if (p.eatWord('FETCH')) {
        if (!p.eatWord('NEXT')) p.expectWord('FIRST');
        fetch = parseExpression(p);
        if (!p.eatWord('ROWS')) p.expectWord('ROW');
        p.expectWord('ONLY');
      }
    }
  }
  let forClause: string | undefined;
  if (p.isWord('FOR') && (p.isWord('XML', 1) || p.isWord('JSON', 1) || p.isWord('BROWSE', 1))) {
    const fs = p.pos;
    p.pos += 2;
    do {
      if (p.peek().kind === 'word' && !p.isWord('OPTION')) p.pos++;
      if (p.isOp('(')) skipParenthesized(p);
      if (p.isAnyWord(FOR_XML_MODIFIERS)) p.pos++;
    } while (p.eatOp(','));
    forClause = p.textBetween(fs, p.pos);
  }
  const option = parseOptionClause(p);
  return { kind: 'Select', ctes, recursive, body, orderBy, offset, fetch, forClause, option, span: p.spanFrom(start) };
}

const FOR_XML_MODIFIERS = new Set(['XSINIL', 'ABSENT', 'BASE64']);

/** `OPTION (hints)` as text, or undefined. */
export function parseOptionClause(p: Parser): string | undefined {
  if (!(p.isWord('OPTION') && p.isOp('(', 1))) return undefined;
  const start = p.pos++;
  skipParenthesized(p);
  return p.textBetween(start, p.pos);
}

/** Skips a balanced `( … )` group, the current token being `(`. */
export function skipParenthesized(p: Parser): void {
  p.expectOp('(');
  let depth = 1;
  while (depth > 0) {
    if (p.atEnd) p.fail("')'");
    const t = p.next();
    if (t.kind === 'op') {
      if (t.text === '(') depth++;
      else if (t.text === ')') depth--;
    } else if (t.kind === 'error') {
      p.pos--;
      p.fail("')'");
    }
  }
}

/** `WITH a (cols) AS (query), b AS (…)`. */
export function parseCtes(p: Parser): { ctes: Cte[]; recursive: boolean; xmlNamespaces: SourceSpan | undefined } {
  p.expectWord('WITH');
  const ctes: Cte[] = [];
  let recursive = false;
  let xmlNamespaces: SourceSpan | undefined;
  if (p.isWord('XMLNAMESPACES') && p.isOp('(', 1)) {
    // WITH XMLNAMESPACES ('uri' AS p, DEFAULT 'uri'): namespace declarations, not tables. Where
    // they are is kept: they change what the statement's xml paths select, which a reader of
    // the statement must not ignore.
    const from = p.pos;
    p.pos++;
    skipParenthesized(p);
    xmlNamespaces = p.spanFrom(from);
    if (!p.eatOp(',')) return { ctes, recursive, xmlNamespaces };
  }
  do {
    const start = p.pos;
    const name = p.identifier();
    const columns = p.isOp('(') ? parseIdentifierList(p) : [];
    p.expectWord('AS');
    p.expectOp('(');
    const query = parseSelect(p);
    p.expectOp(')');
    if (!recursive && referencesName(query, name.name)) recursive = true;
    ctes.push({ kind: 'Cte', name, columns, query, span: p.spanFrom(start) });
  } while (p.eatOp(','));
  return { ctes, recursive, xmlNamespaces };
}

/** A CTE is recursive when its body reads a one-part table of its own name. */
function referencesName(query: Select, name: string): boolean {
  const lower = name.toLowerCase();
  let found = false;
  walk(query, (n) => {
    if (found) return false;
    if (n.kind === 'TableRef' && n.name.parts.length === 1 && n.name.parts[0]?.name.toLowerCase() === lower) found = true;
    return undefined;
  });
  return found;
}

/** `(a, b, c)` of names. */
export function parseIdentifierList(p: Parser): Identifier[] {
  p.expectOp('(');
  const list: Identifier[] = [];
  do {
    list.push(p.identifier());
    if (p.isWord('ASC') || p.isWord('DESC')) p.pos++;
  } while (p.eatOp(','));
  p.expectOp(')');
  return list;
}

function parseQueryExpression(p: Parser): QueryExpression {
  const start = p.pos;
  let left = parseQueryTerm(p);
  for (;;) {
    let operator: 'UNION' | 'UNION ALL' | 'EXCEPT' | 'INTERSECT';
    if (p.isWord('UNION')) {
      p.pos++;
      operator = p.eatWord('ALL') ? 'UNION ALL' : 'UNION';
    } else if (p.isWord('EXCEPT') || p.isWord('INTERSECT')) {
      operator = p.next().upper as 'EXCEPT' | 'INTERSECT';
    } else {
      return left;
    }
    const right = parseQueryTerm(p);
    left = { kind: 'SetOperation', operator, left, right, span: p.spanFrom(start) };
  }
}

function parseQueryTerm(p: Parser): QueryExpression {
  if (p.isOp('(')) {
    p.pos++;
    const inner = parseSelect(p);
    p.expectOp(')');
    return inner;
  }
  return parseQuerySpec(p);
}

/** One `SELECT … FROM … WHERE … GROUP BY … HAVING …` block. */
export function parseQuerySpec(p: Parser): QuerySpec {
  const start = p.pos;
  p.expectWord('SELECT');
  let distinct = false;
  if (p.eatWord('DISTINCT')) distinct = true;
  else p.eatWord('ALL');
  const top = p.isWord('TOP') ? parseTop(p) : undefined;
  const items = parseSelectItems(p);
  let into: TableTarget | undefined;
  if (p.isWord('INTO')) {
    p.pos++;
    into = parseTableTarget(p);
    // SELECT … INTO t ON filegroup FROM … (SQL Server 2017)
    if (p.isWord('ON') && p.isNameToken(1) && p.isWord('FROM', 2)) p.pos += 2;
  }
  const from = p.eatWord('FROM') ? parseTableSources(p) : [];
  const where = p.eatWord('WHERE') ? parseExpression(p) : undefined;
  const groupBy = p.isWord('GROUP') && p.isWord('BY', 1) ? parseGroupBy(p) : undefined;
  const having = p.eatWord('HAVING') ? parseExpression(p) : undefined;
  // WINDOW w AS (…), … : named windows (their uses keep the name in WindowSpec.name).
  if (p.isWord('WINDOW') && p.isNameToken(1) && p.isWord('AS', 2)) {
    p.pos++;
    do {
      p.identifier();
      p.expectWord('AS');
      skipParenthesized(p);
    } while (p.eatOp(','));
  }
  return { kind: 'QuerySpec', distinct, top, items, into, from, where, groupBy, having, span: p.spanFrom(start) };
}

/** `TOP (n) [PERCENT] [WITH TIES]` or legacy `TOP n`. */
export function parseTop(p: Parser): Top {
  const start = p.pos;
  p.expectWord('TOP');
  let expression: Expression;
  if (p.isOp('(') && (p.isWord('SELECT', 1) || p.isWord('WITH', 1))) {
    // TOP (SELECT COUNT(*) / 2 FROM t): the median idiom's scalar subquery
    const qs = p.pos;
    const query = parseParenthesizedSelect(p);
    expression = { kind: 'Subquery', query, span: p.spanFrom(qs) };
  } else if (p.isOp('(')) {
    p.pos++;
    expression = parseExpression(p);
    p.expectOp(')');
  } else {
    const t = p.peek();
    if (t.kind !== 'number' && t.kind !== 'variable') p.fail('a row count');
    p.pos++;
    expression = t.kind === 'number'
      ? { kind: 'Literal', literalType: t.text.includes('.') ? 'decimal' : 'integer', value: t.text, span: p.spanOfToken(t) }
      : { kind: 'Variable', name: t.text, span: p.spanOfToken(t) };
  }
  const percent = p.eatWord('PERCENT');
  let withTies = false;
  if (p.isWord('WITH') && p.isWord('TIES', 1)) {
    p.pos += 2;
    withTies = true;
  }
  return { kind: 'Top', expression, percent, withTies, span: p.spanFrom(start) };
}

const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=']);

/** The select list: `*`, `t.*`, `e [AS] alias`, `alias = e`, `'alias' = e`, `@v = e`. */
export function parseSelectItems(p: Parser): SelectItemLike[] {
  const items: SelectItemLike[] = [];
  do {
    const start = p.pos;
    const t = p.peek();
    const op = p.peek(1);
    if (t.kind === 'variable' && op.kind === 'op' && ASSIGN_OPS.has(op.text)) {
      p.pos += 2;
      const expression = parseExpression(p);
      items.push({
        kind: 'SelectAssignment', variable: { kind: 'Variable', name: t.text, span: p.spanOfToken(t) },
        operator: op.text, expression, span: p.spanFrom(start),
      });
      continue;
    }
    if ((t.kind === 'word' || t.kind === 'quoted' || t.kind === 'string') && op.kind === 'op' && op.text === '=' && !(t.kind === 'word' && t.upper === 'NULL')) {
      p.pos += 2;
      const expression = parseExpression(p);
      items.push({ kind: 'SelectItem', expression, alias: aliasFromToken(p, t), aliasStyle: 'equals', span: p.spanFrom(start) });
      continue;
    }
    items.push(parseSelectItem(p));
  } while (p.eatOp(','));
  return items;
}

/** `e [AS] alias` (used by the select list and OUTPUT). */
export function parseSelectItem(p: Parser): SelectItem {
  const start = p.pos;
  const expression = parseExpression(p);
  let alias: Identifier | undefined;
  let aliasStyle: SelectItem['aliasStyle'] = 'none';
  if (p.eatWord('AS')) {
    const t = p.peek();
    if (t.kind !== 'string' && !p.isNameToken()) p.fail('an alias');
    p.pos++;
    alias = aliasFromToken(p, t);
    aliasStyle = 'as';
  } else if (p.isAliasToken() || p.peek().kind === 'string') {
    const t = p.next();
    alias = aliasFromToken(p, t);
    aliasStyle = 'implicit';
  }
  return { kind: 'SelectItem', expression, alias, aliasStyle, span: p.spanFrom(start) };
}

function aliasFromToken(p: Parser, t: ReturnType<Parser['peek']>): Identifier {
  if (t.kind === 'string') {
    return { kind: 'Identifier', name: stringTokenValue(t.text).value, quote: 'none', span: p.spanOfToken(t) };
  }
  return identifierFromToken(t, p.spanOfToken(t));
}

function parseGroupBy(p: Parser): GroupBy {
  const start = p.pos;
  p.pos += 2;
  const all = p.eatWord('ALL');
  const items = parseGroupingItems(p);
  let withOption: GroupBy['withOption'];
  if (p.isWord('WITH') && (p.isWord('ROLLUP', 1) || p.isWord('CUBE', 1))) {
    p.pos++;
    withOption = p.next().upper as 'ROLLUP' | 'CUBE';
  }
  return { kind: 'GroupBy', all, items, withOption, span: p.spanFrom(start) };
}

function parseGroupingItems(p: Parser): (Expression | GroupingSpec)[] {
  const items: (Expression | GroupingSpec)[] = [];
  do {
    const start = p.pos;
    if ((p.isWord('ROLLUP') || p.isWord('CUBE')) && p.isOp('(', 1)) {
      const type = p.next().upper as 'ROLLUP' | 'CUBE';
      p.pos++;
      const inner = parseGroupingItems(p);
      p.expectOp(')');
      items.push({ kind: 'GroupingSpec', type, items: inner, span: p.spanFrom(start) });
    } else if (p.isWord('GROUPING') && p.isWord('SETS', 1)) {
      p.pos += 2;
      p.expectOp('(');
      const inner = parseGroupingItems(p);
      p.expectOp(')');
      items.push({ kind: 'GroupingSpec', type: 'GROUPING SETS', items: inner, span: p.spanFrom(start) });
    } else if (p.isOp('(') && p.isOp(')', 1)) {
      p.pos += 2;
      items.push({ kind: 'ExpressionList', items: [], span: p.spanFrom(start) });
    } else {
      items.push(parseExpression(p));
    }
  } while (p.eatOp(','));
  return items;
}
