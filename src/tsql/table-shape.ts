import type { CreateTable, Node } from './ast';

/**
 * What of a CREATE TABLE decides the values a procedure computes from the table: its columns in
 * order (name, type, computed expression, nullability, identity, collation, default, inline CHECK)
 * and its PRIMARY KEY, UNIQUE, CHECK and DEFAULT constraints. Layout, case, brackets, comments,
 * constraint names and foreign keys are left out, so two copies of one table in two files (a
 * project folder and a deployment script) have the same shape.
 */
export function tableShape(create: CreateTable, text: string): string {
  const source = (n: Node | undefined): string => (n === undefined ? '' : unwrapped(canonical(text.slice(n.span.start.offset, n.span.end.offset))));
  const keyed = new Set(create.definition.constraints.filter((k) => k.type === 'PRIMARY KEY').flatMap((k) => k.columns.map((c) => c.name.toLowerCase())));
  const columns = create.definition.columns.map((c) => {
    const notNull = c.nullable === false || keyed.has(c.name.name.toLowerCase()) || c.constraints.some((k) => k.type === 'PRIMARY KEY');
    const inline = c.constraints.filter((k) => k.type !== 'FOREIGN KEY').map((k) => `${k.type}${source(k.expression)}`).sort();
    return [c.name.name.toLowerCase(), source(c.dataType), source(c.computed), notNull ? 'not null' : 'null', c.identity ? identityOf(text, c) : '', (c.collation ?? '').toLowerCase(), source(c.default), ...inline].join('|');
  });
  const constraints = create.definition.constraints.filter((k) => k.type === 'PRIMARY KEY' || k.type === 'UNIQUE' || k.type === 'CHECK' || k.type === 'DEFAULT')
    .map((k) => `${k.type}(${k.columns.map((c) => c.name.toLowerCase()).join(',')})${source(k.expression)}`).sort();
  return [...columns, '--', ...constraints].join('\n');
}

/** IDENTITY with its seed and increment as written (`identity(1000,1)`): other seeds number rows differently. */
function identityOf(text: string, c: Node): string {
  const written = /identity\s*(\([^)]*\))?/i.exec(text.slice(c.span.start.offset, c.span.end.offset))?.[0].replace(/\s+/g, '').toLowerCase();
  return written === undefined || written === 'identity' ? 'identity(1,1)' : written;
}

/** Text with comments, blanks, brackets and quotes of names removed, in lower case. */
function canonical(text: string): string {
  return text.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, '').replace(/[\s[\]"]+/g, '').toLowerCase();
}

/** An expression without the parentheses around all of it: `DEFAULT (0)` and `DEFAULT 0` are one default. */
function unwrapped(text: string): string {
  let t = text;
  while (t.startsWith('(') && t.endsWith(')') && closingParen(t) === t.length - 1) t = t.slice(1, -1);
  return t;
}

/** Where the parenthesis opening `t` closes (quotes are not looked into: a default's text rarely holds one). */
function closingParen(t: string): number {
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '(') depth++;
    else if (t[i] === ')' && --depth === 0) return i;
  }
  return -1;
}
