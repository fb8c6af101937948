import type { DataType, Identifier, ObjectName } from './ast';
import type { Parser } from './parser-core';

const TYPE_WORDS = new Set(['PRECISION', 'VARYING', 'CHARACTER', 'CHAR']);

/**
 * A data type: `int`, `dbo.MyType`, `varchar(max)`, `decimal(18, 4)`, `double precision`,
 * `national char varying(10)`.
 */
export function parseDataType(p: Parser): DataType {
  const start = p.pos;
  const name = p.objectName();
  // Multi-word types: DOUBLE PRECISION, CHAR VARYING, NATIONAL CHARACTER VARYING.
  let extra = '';
  while (name.parts.length === 1 && p.isAnyWord(TYPE_WORDS) && /^(DOUBLE|NATIONAL|CHAR|CHARACTER|NCHAR)$/i.test(p.peek(-1).text)) {
    extra += ` ${p.next().text}`;
  }
  const args: string[] = [];
  if (p.isOp('(')) {
    p.pos++;
    while (!p.isOp(')')) {
      const t = p.peek();
      if (t.kind === 'op' && t.text === '-' && p.peek(1).kind === 'number') {
        p.pos += 2;
        args.push(`-${p.peek(-1).text}`);
      } else if ((t.kind === 'word' || t.kind === 'quoted') && (p.isOp('.', 1) || p.isNameToken(1))) {
        // Typed xml: xml(dbo.Schema), xml(CONTENT dbo.Schema), xml(DOCUMENT [s].[c]) — kept as written.
        const as = p.pos;
        if (p.isWord('CONTENT') || p.isWord('DOCUMENT')) p.pos++;
        p.objectName();
        args.push(p.textBetween(as, p.pos));
      } else if (t.kind === 'number' || t.kind === 'word') {
        p.pos++;
        args.push(t.kind === 'word' ? t.upper : t.text);
      } else {
        p.fail('a type argument');
      }
      if (!p.eatOp(',')) break;
    }
    p.expectOp(')');
  }
  const first = name.parts[0] as Identifier;
  const fullName: ObjectName = extra ? { ...name, parts: [{ ...first, name: first.name + extra }] } : name;
  return { kind: 'DataType', name: fullName, args, span: p.spanFrom(start) };
}
