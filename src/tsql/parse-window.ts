import type { Expression, FrameBound, OrderByItem, WindowFrame, WindowSpec } from './ast';
import type { Parser } from './parser-core';
import { parseExpression, parseExpressionList, parseScalar } from './parse-expression';

/** `OVER (PARTITION BY … ORDER BY … frame)` or `OVER w`. */
export function parseOver(p: Parser): WindowSpec {
  const start = p.pos;
  p.expectWord('OVER');
  if (!p.isOp('(')) {
    const name = p.identifier().name;
    return { kind: 'WindowSpec', name, partitionBy: [], orderBy: [], frame: undefined, span: p.spanFrom(start) };
  }
  p.pos++;
  // OVER (w ORDER BY …): a named window refined in place (SQL Server 2022)
  const base = p.isNameToken() && !p.isWord('PARTITION') && !p.isWord('ORDER') && !p.isWord('ROWS') && !p.isWord('RANGE')
    ? p.identifier().name : undefined;
  let partitionBy: Expression[] = [];
  let orderBy: OrderByItem[] = [];
  let frame: WindowFrame | undefined;
  if (p.isWord('PARTITION')) {
    p.pos++;
    p.expectWord('BY');
    partitionBy = parseExpressionList(p);
  }
  if (p.isWord('ORDER')) {
    p.pos++;
    p.expectWord('BY');
    orderBy = parseOrderByItems(p);
  }
  if (p.isWord('ROWS') || p.isWord('RANGE')) {
    const fs = p.pos;
    const unit = p.next().upper as 'ROWS' | 'RANGE';
    let startBound: FrameBound;
    let endBound: FrameBound | undefined;
    if (p.eatWord('BETWEEN')) {
      startBound = parseFrameBound(p);
      p.expectWord('AND');
      endBound = parseFrameBound(p);
    } else {
      startBound = parseFrameBound(p);
    }
    frame = { kind: 'WindowFrame', unit, start: startBound, end: endBound, span: p.spanFrom(fs) };
  }
  p.expectOp(')');
  return { kind: 'WindowSpec', name: base, partitionBy, orderBy, frame, span: p.spanFrom(start) };
}

function parseFrameBound(p: Parser): FrameBound {
  const start = p.pos;
  if (p.eatWord('UNBOUNDED')) {
    const dir = p.eatWord('PRECEDING') ? 'UNBOUNDED PRECEDING' : (p.expectWord('FOLLOWING'), 'UNBOUNDED FOLLOWING');
    return { kind: 'FrameBound', bound: dir, offset: undefined, span: p.spanFrom(start) };
  }
  if (p.eatWord('CURRENT')) {
    p.expectWord('ROW');
    return { kind: 'FrameBound', bound: 'CURRENT ROW', offset: undefined, span: p.spanFrom(start) };
  }
  const offset = parseScalar(p);
  const bound = p.eatWord('PRECEDING') ? 'PRECEDING' : (p.expectWord('FOLLOWING'), 'FOLLOWING');
  return { kind: 'FrameBound', bound, offset, span: p.spanFrom(start) };
}

/** `e [ASC|DESC], …`. */
export function parseOrderByItems(p: Parser): OrderByItem[] {
  const items: OrderByItem[] = [];
  do {
    const start = p.pos;
    const expression = parseExpression(p);
    const direction = p.eatWord('ASC') ? 'ASC' : p.eatWord('DESC') ? 'DESC' : undefined;
    items.push({ kind: 'OrderByItem', expression, direction, span: p.spanFrom(start) });
  } while (p.eatOp(','));
  return items;
}
