import type { StubInfo } from '../sections';
import { renderTransformStub, tsString } from '../sections';
import { describeRefusal, type Refusal } from './draft-model';
import { splitPlaceholders } from './sql-text';

/*
 * Writes the drafted transform file: the same declarations `scaffold` writes (inputs, output,
 * params, entity), a header naming the idioms applied and what the reviewer must check, and
 * either the translated SQL or the refusals as comments with a notImplemented throw that names
 * where the work is left.
 */

/** What the renderer needs beyond the stub: the SQL or the refusals, idioms and notes. */
export interface DraftBody {
  readonly sql: string | undefined;
  readonly refusals: readonly Refusal[];
  readonly idioms: readonly string[];
  readonly notes: readonly string[];
  /** Output columns of the table the draft leaves out of the declaration (not in the spec, no known value). */
  readonly droppedOutputColumns?: readonly string[];
  /** The values the section hands to later sections (the stub's `values`), each drafted or refused (drafted-values.ts). */
  readonly values?: readonly { readonly name: string; readonly sql: string | undefined; readonly refusals: readonly Refusal[] }[];
}

/** Text for a `//` comment line: no line breaks. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

/** The SQL as the body of a template literal: placeholders become `${param(…)}` / `${table(…)}`. */
export function templateOf(sql: string): { text: string; usesParam: boolean; usesTable: boolean; usesClock: boolean; usesUtcClock: boolean } {
  let usesParam = false;
  let usesTable = false;
  let usesClock = false;
  let usesUtcClock = false;
  const text = splitPlaceholders(sql).map((piece) => {
    if ('param' in piece) { usesParam = true; return `\${param(${tsString(piece.param)})}`; }
    if ('table' in piece) { usesTable = true; return `\${table(${tsString(piece.table)})}`; }
    if ('clock' in piece && piece.utc === true) { usesUtcClock = true; return '${utcClock()}'; }
    if ('clock' in piece) { usesClock = true; return '${clock()}'; }
    return piece.text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
  }).join('');
  return { text, usesParam, usesTable, usesClock, usesUtcClock };
}

/**
 * The drafted transform: the scaffold stub with its body replaced by the draft. The header
 * lists the idioms applied (or "none") and the reviewer's notes; refusals are comments with
 * file:line:col, the construct, why, and the legacy text, and the body throws notImplemented
 * naming the first of them.
 */
export function renderDraftTransform(info: StubInfo, body: DraftBody, more: readonly { readonly name: string; readonly body: DraftBody }[] = []): string {
  const stub = renderTransformStub(info);
  const all = [body, ...more.map((m) => m.body)];
  const header = [
    `// Drafted by \`migrate scaffold --draft\` from the legacy statements (review before trusting it).`,
    `// Idioms applied: ${all.some((b) => b.idioms.length > 0) ? [...new Set(all.flatMap((b) => b.idioms))].map(oneLine).join('; ') : 'none'}`,
    ...[...new Set(all.flatMap((b) => b.notes))].map((n) => `// Check: ${oneLine(n)}`),
  ];
  // a function, so that `$'`, `$&` or `$$` in the drafted SQL (a regex's end anchor before its quote) stay as written
  const primaryComments = refusalComments(body, '  ');
  let out = stub.replace(`  sql: () => notImplemented(${tsString(info.id)}),`, () => `${primaryComments.map((c) => `${c}\n`).join('')}${sqlProperty(info.id, body, '  ')},`);
  // each further table's body in its moreOutputs entry; its refusals as comments above the entry
  for (const m of more) out = replaceStubBody(out, `${info.id}: ${m.name}`, m.body);
  // each carried value's SELECT in its `values` entry; its refusal as comments above the entry
  for (const v of body.values ?? []) out = replaceStubBody(out, `${info.id}: ${v.name}`, { sql: v.sql, refusals: v.refusals, idioms: [], notes: [] });
  // notImplemented stays imported while a body (a refusal, another output's stub) still calls it
  const imports = out.includes('notImplemented(') ? out : out.replace('import { defineTransform, notImplemented, table }', 'import { defineTransform, table }');
  return `${header.join('\n')}\n${imports}`;
}

/**
 * The stub entry whose body is `sql: () => notImplemented('<id>')` (a further output's, a carried
 * value's) with the drafted body instead, its refusals as comments above the entry's line.
 */
function replaceStubBody(out: string, id: string, body: DraftBody): string {
  const stubBody = `sql: () => notImplemented(${tsString(id)})`;
  const at = out.indexOf(stubBody);
  if (at < 0) return out;
  const lineStart = out.lastIndexOf('\n', at) + 1;
  const comments = refusalComments(body, '    ');
  return `${out.slice(0, lineStart)}${comments.length > 0 ? `${comments.join('\n')}\n` : ''}${out.slice(lineStart, at)}${sqlProperty(id, body, '    ').trimStart()}${out.slice(at + stubBody.length)}`;
}

/** The refusals of a draft as `// NOT TRANSLATED` comments with their legacy text. */
function refusalComments(body: DraftBody, indent: string): string[] {
  return body.refusals.flatMap((r) => [
    `${indent}// NOT TRANSLATED ${oneLine(describeRefusal(r))}`,
    ...r.legacyText.split(/\r?\n/).slice(0, 30).map((l) => `${indent}//   | ${l.replace(/\s+$/, '')}`),
  ]);
}

/** `sql: …` for a drafted body at `indent`: the translated SQL, or a notImplemented naming the first refusal (the caller writes the refusals' comments). */
function sqlProperty(id: string, body: DraftBody, indent: string): string {
  if (body.refusals.length > 0 || body.sql === undefined) {
    const first = body.refusals[0];
    const what = first ? `${id}: ${first.file}:${first.line}:${first.col} ${first.construct} (${first.reason})` : id;
    return `${indent}sql: () => notImplemented(${tsString(oneLine(what))})`;
  }
  const t = templateOf(body.sql);
  const args = [t.usesTable ? 'table' : '', t.usesParam ? 'param' : '', t.usesClock ? 'clock' : '', t.usesUtcClock ? 'utcClock' : ''].filter((x) => x !== '');
  const indented = t.text.split('\n').map((l) => `${indent}  ${l}`).join('\n');
  return `${indent}sql: (${args.length > 0 ? `{ ${args.join(', ')} }` : ''}) => \`\n${indented}\``;
}
