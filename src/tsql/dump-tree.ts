import type { DataType, Identifier, Node, ObjectName, ParsedScript } from './ast';
import { NODE_KINDS } from './visitor';

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string' && (v as { kind: string }).kind in NODE_KINDS;
}

function showIdentifier(i: Identifier): string {
  return i.quote === 'bracket' ? `[${i.name}]` : i.quote === 'double' ? `"${i.name}"` : i.name;
}

function showName(n: ObjectName): string {
  return n.parts.map(showIdentifier).join('.');
}

function showType(t: DataType): string {
  return `${showName(t.name)}${t.args.length > 0 ? `(${t.args.join(',')})` : ''}`;
}

/** Nodes shown inline as a field value rather than on their own line. */
function inline(v: Node): string | undefined {
  switch (v.kind) {
    case 'Identifier': return showIdentifier(v);
    case 'ObjectName': return showName(v);
    case 'DataType': return showType(v);
    case 'Variable': return v.name;
    case 'CursorRef': return `${v.global ? 'GLOBAL ' : ''}${v.name}`;
    default: return undefined;
  }
}

function showScalar(v: unknown): string | undefined {
  if (v === undefined || v === false) return undefined;
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return undefined;
    if (v.every((x) => typeof x === 'string')) return `[${v.map((x) => JSON.stringify(x)).join(',')}]`;
    if (v.every((x) => isNode(x) && inline(x) !== undefined)) return `[${v.map((x) => inline(x as Node)).join(',')}]`;
    return undefined;
  }
  if (isNode(v)) return inline(v);
  return undefined;
}

function dumpNode(node: Node, depth: number, label: string, out: string[]): void {
  const fields: string[] = [];
  const children: [string, Node][] = [];
  for (const key in node) {
    if (key === 'kind' || key === 'span') continue;
    const v = (node as unknown as Record<string, unknown>)[key];
    const s = showScalar(v);
    if (s !== undefined) {
      fields.push(`${key}=${s}`);
    } else if (isNode(v)) {
      children.push([key, v]);
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => {
        if (isNode(x)) children.push([key, x]);
        else if (Array.isArray(x)) x.forEach((y) => { if (isNode(y)) children.push([`${key}[${i}]`, y]); });
      });
    }
  }
  const at = `@${node.span.start.line}:${node.span.start.column}`;
  out.push(`${'  '.repeat(depth)}${label ? `${label}: ` : ''}${node.kind}${fields.length > 0 ? ` ${fields.join(' ')}` : ''} ${at}`);
  const seen = new Set<Node>();
  for (const [k, c] of children) {
    if (seen.has(c)) continue;
    seen.add(c);
    dumpNode(c, depth + 1, k, out);
  }
}

/**
 * A compact, stable text dump of a parsed script: one node per line, indented by depth, with
 * the field it hangs from, its kind, its scalar fields and `@line:col`; names, types and
 * variables shown inline. Diagnostics follow. Used for golden files and `--debug` output.
 */
export function dumpTree(script: ParsedScript | Node): string {
  const out: string[] = [];
  if (script.kind === 'Script') {
    out.push(`Script lines=${script.lineCount} batches=${script.batches.length}`);
    for (const b of script.batches) dumpNode(b, 1, '', out);
    for (const d of script.diagnostics) out.push(`! ${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`);
  } else {
    dumpNode(script, 0, '', out);
  }
  return `${out.join('\n')}\n`;
}
