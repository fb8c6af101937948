import { stringTokenValue } from './lexer';
import type { Case, CaseWhen, Cast, DataType, Expression, FunctionCall, Identifier, ObjectName, OrderByItem, Select } from './ast';
import type { Parser } from './parser-core';
import { CLAUSE_WORDS, RESERVED, identifierFromToken } from './parser-core';
import { parseSelect } from './parse-select';
import { parseDataType } from './parse-data-type';
import { parseOrderByItems, parseOver } from './parse-window';

const COMPARISON = new Set(['=', '<>', '!=', '<', '>', '<=', '>=', '!<', '!>', '*=', '=*']);
const ADDITIVE = new Set(['+', '-', '&', '^', '|', '<<', '>>']);
const MULTIPLICATIVE = new Set(['*', '/', '%']);
/** Reserved words that are still function names when followed by `(`. */
const RESERVED_FUNCTIONS = new Set(['LEFT', 'RIGHT', 'COALESCE', 'NULLIF', 'USER', 'IDENTITY', 'CONTAINS', 'FREETEXT',
  'OPENQUERY', 'OPENROWSET', 'OPENDATASOURCE', 'OPENXML', 'CURRENT_USER', 'SESSION_USER', 'SYSTEM_USER', 'SCHEMA', 'UPDATE']);
/** Niladic functions written without parentheses. */
const NILADIC = new Set(['CURRENT_TIMESTAMP', 'CURRENT_USER', 'SESSION_USER', 'SYSTEM_USER', 'USER', 'CURRENT_DATE']);
const CAST_FUNCTIONS = new Set(['CAST', 'TRY_CAST', 'CONVERT', 'TRY_CONVERT', 'PARSE', 'TRY_PARSE']);
const DATEPART_FUNCTIONS = new Set(['DATEADD', 'DATEDIFF', 'DATEDIFF_BIG', 'DATEPART', 'DATENAME', 'DATETRUNC', 'DATE_BUCKET']);
const FULL_TEXT_FUNCTIONS = new Set(['CONTAINS', 'FREETEXT', 'CONTAINSTABLE', 'FREETEXTTABLE']);
const XML_METHODS = new Set(['VALUE', 'QUERY', 'EXIST', 'NODES', 'MODIFY', 'WRITE']);

/** Parses an expression or search condition (OR is the loosest operator). */
export function parseExpression(p: Parser): Expression {
  return p.nested(() => parseOr(p));
}

function parseOr(p: Parser): Expression {
  const start = p.pos;
  let left = parseAnd(p);
  while (p.isWord('OR')) {
    p.pos++;
    const right = parseAnd(p);
    left = { kind: 'Binary', operator: 'OR', left, right, span: p.spanFrom(start) };
  }
  return left;
}

function parseAnd(p: Parser): Expression {
  const start = p.pos;
  let left = parseNot(p);
  while (p.isWord('AND')) {
    p.pos++;
    const right = parseNot(p);
    left = { kind: 'Binary', operator: 'AND', left, right, span: p.spanFrom(start) };
  }
  return left;
}

function parseNot(p: Parser): Expression {
  if (p.isWord('NOT')) {
    const start = p.pos++;
    const operand = p.nested(() => parseNot(p));
    return { kind: 'Unary', operator: 'NOT', operand, span: p.spanFrom(start) };
  }
  return parsePredicate(p);
}

/** Comparison and the predicates that share its level: IS NULL, IN, BETWEEN, LIKE, ANY/ALL/SOME. */
function parsePredicate(p: Parser): Expression {
  const start = p.pos;
  const left = parseAdditive(p);
  const t = p.peek();
  if (t.kind === 'op' && COMPARISON.has(t.text)) {
    if (t.text === '*=' || t.text === '=*') {
      p.fail(`ANSI join syntax (old-style outer join '${t.text}' is not valid since SQL Server 2012; rewrite it as LEFT/RIGHT OUTER JOIN)`, 'TSQL_OLD_OUTER_JOIN');
    }
    p.pos++;
    if (p.isAnyWord(QUANTIFIERS) && p.isOp('(', 1)) {
      const quantifier = p.next().upper as 'ALL' | 'ANY' | 'SOME';
      const query = parseParenthesizedSelect(p);
      return { kind: 'QuantifiedComparison', operator: t.text, quantifier, left, query, span: p.spanFrom(start) };
    }
    const right = parseAdditive(p);
    return { kind: 'Binary', operator: t.text, left, right, span: p.spanFrom(start) };
  }
  if (t.kind !== 'word') return left;
  if (t.upper === 'IS') {
    p.pos++;
    const not = p.eatWord('NOT');
    if (p.eatWord('DISTINCT')) {
      // SQL Server 2022 null-safe comparison: a IS [NOT] DISTINCT FROM b.
      p.expectWord('FROM');
      const right = parseAdditive(p);
      return { kind: 'Binary', operator: not ? 'IS NOT DISTINCT FROM' : 'IS DISTINCT FROM', left, right, span: p.spanFrom(start) };
    }
    p.expectWord('NULL');
    return { kind: 'IsNull', expression: left, not, span: p.spanFrom(start) };
  }
  let not = false;
  if (t.upper === 'NOT' && p.isAnyWord(NEGATABLE, 1)) {
    p.pos++;
    not = true;
  }
  const op = p.peek().kind === 'word' ? p.peek().upper : '';
  if (op === 'IN') {
    p.pos++;
    p.expectOp('(');
    if (startsQuery(p)) {
      // `IN ((SELECT …), 42)` is a list whose first item is a scalar subquery.
      const read = (): Select => {
        const q = parseSelect(p);
        p.expectOp(')');
        return q;
      };
      const query = p.isOp('(') ? p.attempt(read) : read();
      if (query !== undefined) return { kind: 'In', expression: left, not, list: [], query, span: p.spanFrom(start) };
    }
    const list = parseExpressionList(p);
    p.expectOp(')');
    return { kind: 'In', expression: left, not, list, query: undefined, span: p.spanFrom(start) };
  }
  if (op === 'BETWEEN') {
    p.pos++;
    const low = parseAdditive(p);
    p.expectWord('AND');
    const high = parseAdditive(p);
    return { kind: 'Between', expression: left, not, low, high, span: p.spanFrom(start) };
  }
  if (op === 'LIKE') {
    p.pos++;
    const pattern = parseAdditive(p);
    let escape: Expression | undefined;
    if (p.eatWord('ESCAPE')) escape = parseAdditive(p);
    else if (p.isOp('{') && p.isWord('ESCAPE', 1)) {
      // ODBC form: LIKE 'a!%' {ESCAPE '!'}
      p.pos += 2;
      escape = parseAdditive(p);
      p.expectOp('}');
    }
    return { kind: 'Like', expression: left, not, pattern, escape, span: p.spanFrom(start) };
  }
  if (not) p.fail('IN, BETWEEN or LIKE');
  return left;
}

const QUANTIFIERS = new Set(['ALL', 'ANY', 'SOME']);
const NEGATABLE = new Set(['IN', 'BETWEEN', 'LIKE']);

/** An expression without comparisons or boolean operators (BETWEEN bounds, frame offsets). */
export function parseScalar(p: Parser): Expression {
  return p.nested(() => parseAdditive(p));
}

function parseAdditive(p: Parser): Expression {
  const start = p.pos;
  let left = parseMultiplicative(p);
  for (;;) {
    const t = p.peek();
    if (t.kind !== 'op' || !ADDITIVE.has(t.text)) return left;
    p.pos++;
    const right = parseMultiplicative(p);
    left = { kind: 'Binary', operator: t.text, left, right, span: p.spanFrom(start) };
  }
}

function parseMultiplicative(p: Parser): Expression {
  const start = p.pos;
  let left = parseUnary(p);
  for (;;) {
    const t = p.peek();
    if (t.kind !== 'op' || !MULTIPLICATIVE.has(t.text)) return left;
    p.pos++;
    const right = parseUnary(p);
    left = { kind: 'Binary', operator: t.text, left, right, span: p.spanFrom(start) };
  }
}

function parseUnary(p: Parser): Expression {
  const t = p.peek();
  if (t.kind === 'op' && (t.text === '-' || t.text === '+' || t.text === '~')) {
    const start = p.pos++;
    const operand = p.nested(() => parseUnary(p));
    return { kind: 'Unary', operator: t.text, operand, span: p.spanFrom(start) };
  }
  return parsePostfix(p);
}

/** A primary followed by COLLATE and method calls (`.value(…)`). */
function parsePostfix(p: Parser): Expression {
  const start = p.pos;
  let e = parsePrimary(p);
  for (;;) {
    if (p.isWord('COLLATE')) {
      p.pos++;
      const collation = p.next().text;
      e = { kind: 'Collate', expression: e, collation, span: p.spanFrom(start) };
    } else if (p.isWord('AT') && p.isWord('TIME', 1) && p.isWord('ZONE', 2)) {
      p.pos += 3;
      const zone = parsePrimary(p);
      e = { kind: 'Binary', operator: 'AT TIME ZONE', left: e, right: zone, span: p.spanFrom(start) };
    } else if (p.isOp('.') && p.peek(1).kind === 'word' && p.isOp('(', 2) && e.kind !== 'ColumnRef') {
      p.pos++;
      const method = p.next().text;
      const args = parseArgs(p);
      e = { kind: 'MethodCall', target: e, method, args, span: p.spanFrom(start) };
    } else {
      return e;
    }
  }
}

/** True when the next tokens start a query: SELECT, WITH, or `(` followed by one. */
export function startsQuery(p: Parser, k = 0): boolean {
  let i = k;
  while (p.isOp('(', i)) i++;
  return p.isWord('SELECT', i) || (p.isWord('WITH', i) && p.isNameToken(i + 1));
}

/** `( select )`. */
export function parseParenthesizedSelect(p: Parser): Select {
  p.expectOp('(');
  const query = parseSelect(p);
  p.expectOp(')');
  return query;
}

/** Comma-separated expressions (at least one). */
export function parseExpressionList(p: Parser): Expression[] {
  const list = [parseExpression(p)];
  while (p.eatOp(',')) list.push(parseExpression(p));
  return list;
}

function parsePrimary(p: Parser): Expression {
  const t = p.peek();
  const start = p.pos;
  switch (t.kind) {
    case 'number': {
      p.pos++;
      const literalType = /[eE]/.test(t.text) ? 'float' : t.text.includes('.') ? 'decimal' : 'integer';
      return { kind: 'Literal', literalType, value: t.text, span: p.spanOfToken(t) };
    }
    case 'string': {
      p.pos++;
      const { value, national } = stringTokenValue(t.text);
      return { kind: 'Literal', literalType: national ? 'nstring' : 'string', value, span: p.spanOfToken(t) };
    }
    case 'money':
      p.pos++;
      return { kind: 'Literal', literalType: 'money', value: t.text, span: p.spanOfToken(t) };
    case 'binary':
      p.pos++;
      return { kind: 'Literal', literalType: 'binary', value: t.text, span: p.spanOfToken(t) };
    case 'variable':
      p.pos++;
      return parseVariableSuffix(p, start, { kind: 'Variable', name: t.text, span: p.spanOfToken(t) });
    case 'sysvar':
      p.pos++;
      return { kind: 'SystemVariable', name: t.text, span: p.spanOfToken(t) };
    case 'sqlcmdvar':
      if (!p.isOp('.', 1)) {
        p.pos++;
        return { kind: 'SqlcmdVariable', name: t.text.slice(2, -1), span: p.spanOfToken(t) };
      }
      return parseNameExpression(p);
    case 'quoted':
    case 'temp':
      return parseNameExpression(p);
    case 'op':
      if (t.text === '(') {
        if (startsQuery(p, 1)) {
          // `((SELECT 1) = 2)`: behind two parentheses a query may be only the first operand.
          const query = p.isOp('(', 1) ? p.attempt(() => parseParenthesizedSelect(p)) : parseParenthesizedSelect(p);
          if (query !== undefined) return { kind: 'Subquery', query, span: p.spanFrom(start) };
        }
        p.pos++;
        const items = parseExpressionList(p);
        p.expectOp(')');
        if (items.length === 1) return items[0] as Expression;
        return { kind: 'ExpressionList', items, span: p.spanFrom(start) };
      }
      if (t.text === '*') {
        p.pos++;
        return { kind: 'Star', qualifier: [], span: p.spanOfToken(t) };
      }
      if (t.text === '{') return parseOdbcEscape(p);
      return p.fail('an expression');
    case 'word':
      return parseWordPrimary(p);
    default:
      return p.fail('an expression');
  }
}

function parseVariableSuffix(p: Parser, start: number, v: Expression): Expression {
  // `@x.value('…', 'int')`, `@x.nodes('/a')`
  if (p.isOp('.') && p.peek(1).kind === 'word' && p.isOp('(', 2)) {
    p.pos++;
    const method = p.next().text;
    const args = parseArgs(p);
    return { kind: 'MethodCall', target: v, method, args, span: p.spanFrom(start) };
  }
  // `@g.Lat`, `@p.X`: a property of a CLR-typed variable (geography, hierarchyid, UDTs), kept
  // as a method call without arguments.
  if (p.isOp('.') && p.peek(1).kind === 'word' && !p.isOp('.', 2)) {
    p.pos++;
    const method = p.next().text;
    return { kind: 'MethodCall', target: v, method, args: [], span: p.spanFrom(start) };
  }
  return v;
}

function parseWordPrimary(p: Parser): Expression {
  const t = p.peek();
  const start = p.pos;
  const u = t.upper;
  const call = p.isOp('(', 1);
  switch (u) {
    case 'NULL':
      p.pos++;
      return { kind: 'Literal', literalType: 'null', value: 'NULL', span: p.spanOfToken(t) };
    case 'DEFAULT':
      p.pos++;
      return { kind: 'Literal', literalType: 'default', value: 'DEFAULT', span: p.spanOfToken(t) };
    case 'CASE':
      return parseCase(p);
    case 'EXISTS': {
      p.pos++;
      const query = parseParenthesizedSelect(p);
      return { kind: 'Exists', query, span: p.spanFrom(start) };
    }
    case 'IIF':
      if (call) {
        p.pos += 2;
        const condition = parseExpression(p);
        p.expectOp(',');
        const then = parseExpression(p);
        p.expectOp(',');
        const otherwise = parseExpression(p);
        p.expectOp(')');
        return { kind: 'Iif', condition, then, else: otherwise, span: p.spanFrom(start) };
      }
      break;
    case 'NEXT':
      if (p.isWord('VALUE', 1) && p.isWord('FOR', 2)) {
        p.pos += 3;
        const sequence = p.objectName();
        const over = p.isWord('OVER') ? parseOver(p) : undefined;
        return { kind: 'NextValueFor', sequence, over, span: p.spanFrom(start) };
      }
      break;
    case '$ACTION':
      p.pos++;
      return { kind: 'ActionPseudoColumn', span: p.spanOfToken(t) };
    case 'IDENTITYCOL':
    case 'ROWGUIDCOL':
      // Reserved pseudo-columns (the table's identity / rowguid column), read as column names.
      p.pos++;
      return { kind: 'ColumnRef', parts: [identifierFromToken(t, p.spanOfToken(t))], span: p.spanOfToken(t) };
    default:
      break;
  }
  if (call && CAST_FUNCTIONS.has(u)) return parseCast(p);
  if (NILADIC.has(u) && !call) {
    p.pos++;
    const name: ObjectName = { kind: 'ObjectName', parts: [{ kind: 'Identifier', name: t.text, quote: 'none', span: p.spanOfToken(t) }], span: p.spanOfToken(t) };
    return { kind: 'FunctionCall', name, args: [], distinct: false, star: false, withinGroup: [], over: undefined, span: name.span };
  }
  if (RESERVED.has(u) && !CLAUSE_WORDS.has(u) && !(call && RESERVED_FUNCTIONS.has(u))) return p.fail('an expression');
  return parseNameExpression(p);
}

/** A (multi-part) name: a column reference, `t.*`, a function call or an XML method call. */
function parseNameExpression(p: Parser): Expression {
  const start = p.pos;
  const name = p.objectName();
  if (p.isOp('.') && p.isOp('*', 1)) {
    p.pos += 2;
    return { kind: 'Star', qualifier: name.parts, span: p.spanFrom(start) };
  }
  if (p.isOp('::') && p.peek(1).kind === 'word') {
    // `geography::Point(…)`: a static method of a CLR type, read as a function named `type::method`.
    p.pos++;
    const m = p.next();
    const last = name.parts[name.parts.length - 1] as Identifier;
    const parts = [...name.parts.slice(0, -1), { ...last, name: `${last.name}::${m.text}`, span: p.spanFrom(start) }];
    return parseCallRest(p, start, { kind: 'ObjectName', parts, span: p.spanFrom(start) });
  }
  if (!p.isOp('(')) return { kind: 'ColumnRef', parts: name.parts, span: name.span };
  const last = name.parts[name.parts.length - 1] as Identifier;
  if (name.parts.length >= 2 && XML_METHODS.has(last.name.toUpperCase())) {
    const targetParts = name.parts.slice(0, -1);
    const target: Expression = { kind: 'ColumnRef', parts: targetParts, span: p.lineIndex.spanOf(name.span.start.offset, (targetParts[targetParts.length - 1] as Identifier).span.end.offset) };
    const args = parseArgs(p);
    return { kind: 'MethodCall', target, method: last.name, args, span: p.spanFrom(start) };
  }
  return parseCallRest(p, start, name);
}

function parseCallRest(p: Parser, start: number, name: ObjectName): FunctionCall {
  p.expectOp('(');
  let distinct = false;
  let star = false;
  const args: Expression[] = [];
  const fname = (name.parts[name.parts.length - 1] as Identifier).name.toUpperCase();
  let argOrder: OrderByItem[] = [];
  if (p.eatWord('DISTINCT')) distinct = true;
  else if (p.isWord('ALL') && !p.isOp(')', 1)) p.pos++;
  if (fname === 'MATCH' || fname === 'SHORTEST_PATH') {
    // Graph patterns (`MATCH(a-(e)->b)`) are not expressions: kept opaque.
    p.pos--;
    skipBalanced(p);
    p.pos--;
  } else if (p.isOp('*') && p.isOp(')', 1)) {
    p.pos++;
    star = true;
  } else if (fname === 'TRIM' && (p.isWord('LEADING') || p.isWord('TRAILING') || p.isWord('BOTH'))) {
    // TRIM(LEADING|TRAILING|BOTH [chars] FROM s): the side is kept as a first, keyword argument.
    const side = p.next();
    args.push({ kind: 'Literal', literalType: 'datepart', value: side.text.toUpperCase(), span: p.spanOfToken(side) });
    if (!p.isWord('FROM')) args.push(parseExpression(p));
    p.expectWord('FROM');
    args.push(parseExpression(p));
  } else if (fname === 'CHANGETABLE' && (p.isWord('CHANGES') || p.isWord('VERSION'))) {
    p.pos++;
    args.push(...parseExpressionList(p));
  } else if (!p.isOp(')')) {
    if (DATEPART_FUNCTIONS.has(fname) && p.peek().kind === 'word' && p.isOp(',', 1)) {
      const d = p.next();
      args.push({ kind: 'Literal', literalType: 'datepart', value: d.text, span: p.spanOfToken(d) });
      p.expectOp(',');
    }
    do {
      // CONTAINS(col, 'x', LANGUAGE 1033): the language term is kept as one more argument.
      eatFullTextLanguage(p, fname);
      args.push(parseExpression(p));
      // TRIM(chars FROM s); JSON_OBJECT('key': value)
      if (p.isWord('FROM') && fname === 'TRIM') { p.pos++; args.push(parseExpression(p)); }
      if (p.isOp(':') && (fname === 'JSON_OBJECT' || fname === 'JSON_OBJECTAGG')) { p.pos++; args.push(parseExpression(p)); }
    } while (p.eatOp(','));
    // AI_GENERATE_EMBEDDINGS(text USE MODEL m [PARAMETERS json]): the model is a database object,
    // not a column; the optional parameters are one more argument.
    if (p.isWord('USE') && p.isWord('MODEL', 1)) {
      p.pos += 2;
      p.objectName();
      if (p.eatWord('PARAMETERS')) args.push(parseExpression(p));
    }
    // JSON_ARRAYAGG(v ORDER BY v): the order of the aggregate, kept like WITHIN GROUP's.
    if (p.isWord('ORDER') && p.isWord('BY', 1)) {
      p.pos += 2;
      argOrder = parseOrderByItems(p);
    }
    // JSON_OBJECT/JSON_ARRAY(… ABSENT ON NULL | NULL ON NULL)
    if ((p.isWord('ABSENT') || p.isWord('NULL')) && p.isWord('ON', 1) && p.isWord('NULL', 2)) p.pos += 3;
  }
  p.expectOp(')');
  let withinGroup: OrderByItem[] = argOrder;
  if (p.isWord('WITHIN') && p.isWord('GROUP', 1) && p.isOp('(', 2) && p.isWord('GRAPH', 3)) {
    p.pos += 2;
    skipBalanced(p);
  } else if (p.isWord('WITHIN') && p.isWord('GROUP', 1)) {
    p.pos += 2;
    p.expectOp('(');
    p.expectWord('ORDER');
    p.expectWord('BY');
    withinGroup = parseOrderByItems(p);
    p.expectOp(')');
  }
  // LAST_VALUE(x) IGNORE NULLS OVER (…) (SQL Server 2022)
  if ((p.isWord('IGNORE') || p.isWord('RESPECT')) && p.isWord('NULLS', 1)) p.pos += 2;
  const over = p.isWord('OVER') ? parseOver(p) : undefined;
  return { kind: 'FunctionCall', name, args, distinct, star, withinGroup, over, span: p.spanFrom(start) };
}

/**
 * Skips the LANGUAGE keyword of a full-text argument (`CONTAINS(col, 'x', LANGUAGE 1033)`,
 * `CONTAINSTABLE(t, col, 'x', LANGUAGE 'German', 10)`): the language term stays an argument.
 * `fname` is the upper-case function name; a column named LANGUAGE is still read as one.
 */
export function eatFullTextLanguage(p: Parser, fname: string): void {
  if (p.isWord('LANGUAGE') && FULL_TEXT_FUNCTIONS.has(fname) && !p.isOp(',', 1) && !p.isOp(')', 1)) p.pos++;
}

/** Skips a balanced `( … )` group starting at the current `(`. */
function skipBalanced(p: Parser): void {
  p.expectOp('(');
  let depth = 1;
  while (depth > 0) {
    if (p.atEnd) p.fail("')'");
    const t = p.next();
    if (t.kind === 'op' && t.text === '(') depth++;
    else if (t.kind === 'op' && t.text === ')') depth--;
  }
}

/** `( args )` of a method or function, no DISTINCT/OVER. */
function parseArgs(p: Parser): Expression[] {
  p.expectOp('(');
  if (p.eatOp(')')) return [];
  const args = parseExpressionList(p);
  p.expectOp(')');
  return args;
}

function parseCase(p: Parser): Case {
  const start = p.pos;
  p.expectWord('CASE');
  const operand = p.isWord('WHEN') ? undefined : parseExpression(p);
  const whens: CaseWhen[] = [];
  while (p.isWord('WHEN')) {
    const ws = p.pos++;
    const when = parseExpression(p);
    p.expectWord('THEN');
    const then = parseExpression(p);
    whens.push({ kind: 'CaseWhen', when, then, span: p.spanFrom(ws) });
  }
  if (whens.length === 0) p.fail('WHEN');
  const otherwise = p.eatWord('ELSE') ? parseExpression(p) : undefined;
  p.expectWord('END');
  return { kind: 'Case', operand, whens, else: otherwise, span: p.spanFrom(start) };
}

function parseCast(p: Parser): Cast {
  const start = p.pos;
  const fn = p.next().upper as Cast['function'];
  p.expectOp('(');
  let dataType: DataType;
  let expression: Expression;
  let style: Expression | undefined;
  let culture: Expression | undefined;
  if (fn === 'CONVERT' || fn === 'TRY_CONVERT') {
    dataType = parseDataType(p);
    p.expectOp(',');
    expression = parseExpression(p);
    if (p.eatOp(',')) style = parseExpression(p);
  } else {
    expression = parseExpression(p);
    p.expectWord('AS');
    dataType = parseDataType(p);
    if ((fn === 'PARSE' || fn === 'TRY_PARSE') && p.eatWord('USING')) culture = parseExpression(p);
  }
  p.expectOp(')');
  return { kind: 'Cast', function: fn, dataType, expression, style, culture, span: p.spanFrom(start) };
}

function parseOdbcEscape(p: Parser): Expression {
  const start = p.pos;
  p.expectOp('{');
  const args: Expression[] = [];
  if (p.peek().kind === 'word') p.pos++;
  // {fn CURRENT_DATE()}: ODBC niladic functions whose names are reserved words in T-SQL.
  if (p.peek().kind === 'word' && p.isOp('(', 1) && p.isOp(')', 2) && p.isOp('}', 3)) p.pos += 3;
  while (!p.isOp('}') && !p.atEnd) args.push(parseExpression(p));
  p.expectOp('}');
  return { kind: 'OdbcEscape', text: p.textBetween(start, p.pos), args, span: p.spanFrom(start) };
}
