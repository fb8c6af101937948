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
}

/** Text for a `//` comment line: no line breaks. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

/** The SQL as the body of a template literal: placeholders become `${param(…)}` / `${table(…)}`. */
export function templateOf(sql: string): { text: string; usesParam: boolean; usesTable: boolean; usesClock: boolean } {
  let usesParam = false;
  let usesTable = false;
  let usesClock = false;
  const text = splitPlaceholders(sql).map((piece) => {
    if ('param' in piece) { usesParam = true; return `\${param(${tsString(piece.param)})}`; }
    if ('table' in piece) { usesTable = true; return `\${table(${tsString(piece.table)})}`; }
    if ('clock' in piece) { usesClock = true; return '${clock()}'; }
    return piece.text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
  }).join('');
  return { text, usesParam, usesTable, usesClock };
}

/**
 * The drafted transform: the scaffold stub with its body replaced by the draft. The header
 * lists the idioms applied (or "none") and the reviewer's notes; refusals are comments with
 * file:line:col, the construct, why, and the legacy text, and the body throws notImplemented
 * naming the first of them.
 */
export function renderDraftTransform(info: StubInfo, body: DraftBody): string {
  const stub = renderTransformStub(info);
  const header = [
    `// Drafted by \`migrate scaffold --draft\` from the legacy statements (review before trusting it).`,
    `// Idioms applied: ${body.idioms.length > 0 ? body.idioms.map(oneLine).join('; ') : 'none'}`,
    ...[...new Set(body.notes)].map((n) => `// Check: ${oneLine(n)}`),
  ];
  let replacement: string;
  if (body.refusals.length > 0 || body.sql === undefined) {
    const lines = body.refusals.flatMap((r) => [
      `  // NOT TRANSLATED ${oneLine(describeRefusal(r))}`,
      ...r.legacyText.split(/\r?\n/).slice(0, 30).map((l) => `  //   | ${l.replace(/\s+$/, '')}`),
    ]);
    const first = body.refusals[0];
    const what = first ? `${info.id}: ${first.file}:${first.line}:${first.col} ${first.construct} (${first.reason})` : info.id;
    replacement = `${lines.join('\n')}\n  sql: () => notImplemented(${tsString(oneLine(what))}),`;
  } else {
    const t = templateOf(body.sql);
    const args = [t.usesTable ? 'table' : '', t.usesParam ? 'param' : '', t.usesClock ? 'clock' : ''].filter((x) => x !== '');
    const indented = t.text.split('\n').map((l) => `    ${l}`).join('\n');
    replacement = `  sql: (${args.length > 0 ? `{ ${args.join(', ')} }` : ''}) => \`\n${indented}\`,`;
  }
  // a function, so that `$'`, `$&` or `$$` in the drafted SQL (a regex's end anchor before its quote) stay as written
  const out = stub.replace(`  sql: () => notImplemented(${tsString(info.id)}),`, () => replacement);
  // notImplemented stays imported while a body (a refusal, another output's stub) still calls it
  const imports = out.includes('notImplemented(') ? out : out.replace('import { defineTransform, notImplemented, table }', 'import { defineTransform, table }');
  return `${header.join('\n')}\n${imports}`;
}
