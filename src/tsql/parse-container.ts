import type {
  CreateFunction, CreateProcedure, CreateTrigger, CreateView, DataType, Expression, Identifier, ObjectName, Parameter,
  Statement, TableVariableDeclaration,
} from './ast';
import type { Parser } from './parser-core';
import { parseExpression } from './parse-expression';
import { parseDataType } from './parse-data-type';
import { parseIdentifierList, parseSelect, skipParenthesized } from './parse-select';
import { parseTableDefinition } from './parse-ddl';
import { parseStatementList } from './parse-statement';

interface Head {
  readonly start: number;
  readonly alter: boolean;
  readonly orAlter: boolean;
}

/** Procedure, after `CREATE [OR ALTER] | ALTER` and with PROC/PROCEDURE next. */
export function parseCreateProcedure(p: Parser, head: Head): CreateProcedure {
  p.next();
  const name = p.objectName();
  let number: number | undefined;
  if (p.isOp(';') && p.peek(1).kind === 'number') {
    p.pos++;
    number = Number(p.next().text);
  }
  const parameters = parseParameters(p, false);
  const options = parseWithOptions(p);
  let forReplication = false;
  if (p.isWord('FOR') && p.isWord('REPLICATION', 1)) {
    p.pos += 2;
    forReplication = true;
  }
  p.expectWord('AS');
  const body = parseContainerBody(p);
  return { kind: 'CreateProcedure', name, alter: head.alter, orAlter: head.orAlter, parameters, options, forReplication, number, body, span: p.spanFrom(head.start) };
}

/** The body: every statement to the end of the batch (`AS EXTERNAL NAME …` gives an empty body). */
function parseContainerBody(p: Parser, inline = false): Statement[] {
  if (p.isWord('EXTERNAL') && p.isWord('NAME', 1)) {
    p.pos += 2;
    p.objectName();
    return [];
  }
  const saved = p.inlineFunction;
  p.inlineFunction = inline;
  try {
    return parseStatementList(p, () => false);
  } finally {
    p.inlineFunction = saved;
  }
}

/** `(@a int = 1, @b varchar(10) OUTPUT, @t dbo.T READONLY)`, parentheses optional for procedures. */
function parseParameters(p: Parser, required: boolean): Parameter[] {
  const params: Parameter[] = [];
  const paren = p.eatOp('(');
  if (required && !paren) p.fail("'('");
  if (paren && p.eatOp(')')) return params;
  if (!paren && p.peek().kind !== 'variable') return params;
  do {
    const start = p.pos;
    const t = p.peek();
    if (t.kind !== 'variable') p.fail('a parameter');
    p.pos++;
    p.eatWord('AS');
    const dataType = parseDataType(p);
    let varying = false;
    let output = false;
    let readonly = false;
    let def: Expression | undefined;
    for (;;) {
      if (p.eatWord('VARYING')) varying = true;
      else if (p.eatWord('NULL')) { /* nullability of natively compiled procs */ }
      else if (p.isWord('NOT') && p.isWord('NULL', 1)) p.pos += 2;
      else if (p.eatOp('=')) def = parseExpression(p);
      else if (p.eatWord('OUTPUT') || p.eatWord('OUT')) output = true;
      else if (p.eatWord('READONLY')) readonly = true;
      else break;
    }
    params.push({ kind: 'Parameter', name: t.text, dataType, default: def, output, readonly, varying, span: p.spanFrom(start) });
  } while (p.eatOp(','));
  if (paren) p.expectOp(')');
  return params;
}

/** `WITH RECOMPILE, EXECUTE AS OWNER, SCHEMABINDING, RETURNS NULL ON NULL INPUT, …` as upper-case text. */
function parseWithOptions(p: Parser): string[] {
  const options: string[] = [];
  if (!p.isWord('WITH') || p.isWord('CHECK', 1)) return options;
  p.pos++;
  do {
    const start = p.pos;
    if (p.isWord('EXECUTE') || p.isWord('EXEC')) {
      p.pos++;
      p.expectWord('AS');
      p.next();
    } else {
      if (p.peek().kind !== 'word') p.fail('a WITH option');
      p.pos++;
      if (p.eatOp('=')) p.next();
      while (p.peek().kind === 'word' && !p.isWord('AS') && !p.isWord('FOR') && !p.isWord('AFTER') && !p.isWord('INSTEAD')) p.pos++;
    }
    options.push(p.textBetween(start, p.pos).toUpperCase().replace(/\s+/g, ' '));
  } while (p.eatOp(','));
  return options;
}

/** Function: scalar, inline table-valued, multi-statement table-valued, or CLR. */
export function parseCreateFunction(p: Parser, head: Head): CreateFunction {
  p.next();
  const name = p.objectName();
  const parameters = parseParameters(p, true);
  p.expectWord('RETURNS');
  let functionType: CreateFunction['functionType'] = 'scalar';
  let returns: DataType | undefined;
  let returnsTable: TableVariableDeclaration | undefined;
  const t = p.peek();
  if (t.kind === 'variable') {
    const rs = p.pos++;
    p.expectWord('TABLE');
    const definition = parseTableDefinition(p);
    returnsTable = { kind: 'TableVariableDeclaration', variable: { kind: 'Variable', name: t.text, span: p.spanOfToken(t) }, definition, span: p.spanFrom(rs) };
    functionType = 'multi';
  } else if (p.isWord('TABLE')) {
    p.pos++;
    functionType = 'inline';
    // CLR table-valued function: RETURNS TABLE (cols) … AS EXTERNAL NAME a.b.c
    if (p.isOp('(')) {
      parseTableDefinition(p);
      functionType = 'clr';
    }
  } else {
    returns = parseDataType(p);
  }
  const options = parseWithOptions(p);
  p.eatWord('AS');
  if (p.isWord('EXTERNAL')) functionType = 'clr';
  const body = parseContainerBody(p, functionType === 'inline');
  return { kind: 'CreateFunction', name, alter: head.alter, orAlter: head.orAlter, parameters, functionType, returns, returnsTable, options, body, span: p.spanFrom(head.start) };
}

/** Trigger: `ON table|DATABASE|ALL SERVER [WITH …] FOR|AFTER|INSTEAD OF events [NOT FOR REPLICATION] AS body`. */
export function parseCreateTrigger(p: Parser, head: Head): CreateTrigger {
  p.next();
  const name = p.objectName();
  p.expectWord('ON');
  let scope: CreateTrigger['scope'] = 'TABLE';
  let table: ObjectName | undefined;
  if (p.isWord('DATABASE') && !p.isOp('.', 1)) {
    p.pos++;
    scope = 'DATABASE';
  } else if (p.isWord('ALL') && p.isWord('SERVER', 1)) {
    p.pos += 2;
    scope = 'ALL SERVER';
  } else {
    table = p.objectName();
  }
  const options = parseWithOptions(p);
  let timing: CreateTrigger['timing'];
  if (p.eatWord('FOR')) timing = 'FOR';
  else if (p.eatWord('AFTER')) timing = 'AFTER';
  else {
    p.expectWord('INSTEAD');
    p.expectWord('OF');
    timing = 'INSTEAD OF';
  }
  const events: string[] = [];
  do {
    if (p.peek().kind !== 'word') p.fail('a trigger event');
    events.push(p.next().upper);
  } while (p.eatOp(','));
  if (p.isWord('WITH') && p.isWord('APPEND', 1)) p.pos += 2;
  let notForReplication = false;
  if (p.isWord('NOT') && p.isWord('FOR', 1) && p.isWord('REPLICATION', 2)) {
    p.pos += 3;
    notForReplication = true;
  }
  p.expectWord('AS');
  const body = parseContainerBody(p);
  return { kind: 'CreateTrigger', name, alter: head.alter, orAlter: head.orAlter, scope, table, timing, events, notForReplication, options, body, span: p.spanFrom(head.start) };
}

/** View: `name [(cols)] [WITH opts] AS select [WITH CHECK OPTION]`. */
export function parseCreateView(p: Parser, head: Head): CreateView {
  p.next();
  const name = p.objectName();
  const columns: Identifier[] = p.isOp('(') ? parseIdentifierList(p) : [];
  let options: string[];
  if (p.isWord('WITH') && p.isOp('(', 1)) {
    // Synapse materialized view: WITH (DISTRIBUTION = HASH(c), FOR_APPEND)
    const os = ++p.pos;
    skipParenthesized(p);
    options = [p.textBetween(os, p.pos).toUpperCase()];
  } else {
    options = parseWithOptions(p);
  }
  p.expectWord('AS');
  const query = parseSelect(p);
  let checkOption = false;
  if (p.isWord('WITH') && p.isWord('CHECK', 1) && p.isWord('OPTION', 2)) {
    p.pos += 3;
    checkOption = true;
  }
  return { kind: 'CreateView', name, alter: head.alter, orAlter: head.orAlter, columns, options, checkOption, query, body: [query], span: p.spanFrom(head.start) };
}
