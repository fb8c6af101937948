import { formatColumnType, type ColumnType } from '../engine';

/** A table as a generated transform declares it. */
export interface StubTable {
  readonly name: string;
  readonly columns: readonly { readonly name: string; readonly type: ColumnType }[];
}

/** What the scaffolder knows about a section when it writes the stub and its test. */
export interface StubInfo {
  readonly id: string;
  readonly title: string;
  readonly procedure: string;
  readonly lines: string;
  readonly inputs: readonly StubTable[];
  readonly output: StubTable;
  /** The other tables the section writes (its further @output tables): moreOutputs stubs. */
  readonly moreOutputs?: readonly StubTable[];
  readonly params: readonly { readonly name: string; readonly type: ColumnType }[];
  /** The variables the section hands to later sections (`@BatchId`): `values` stubs. */
  readonly values?: readonly { readonly name: string; readonly type: ColumnType }[];
  readonly entity: string | undefined;
  /** Module specifiers as seen from the generated files. */
  readonly engineImport: string;
  readonly sectionsImport: string;
  /** From the test file: the transform module and the workspace root. */
  readonly transformFromTest: string;
  readonly rootFromTest: string;
}

// TypeScript identifiers may be Unicode (`Größe`); anything else is a quoted key.
const IDENT = /^[\p{ID_Start}_$][\p{ID_Continue}$\u200c\u200d]*$/u;

/**
 * A TypeScript string literal for any text: single-quoted, with backslashes, quotes, line
 * breaks and other control characters escaped (names may hold `'`, `]`, Unicode, anything).
 */
export function tsString(text: string): string {
  const body = JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'").replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  return `'${body}'`;
}

/** An object key: bare when it is a plain identifier, else a quoted string literal (`'WWI City ID'`). */
function key(name: string): string {
  return IDENT.test(name) ? name : tsString(name);
}

/** Text for a `//` comment: one line, whatever the names hold. */
function commentText(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

function renderShape(columns: StubTable['columns']): string {
  return `{ ${columns.map((c) => `${key(c.name)}: '${formatColumnType(c.type)}'`).join(', ')} }`;
}

/**
 * The typed stub of a section's transform: input and output declarations (so row types follow
 * from them) and a body that throws "not implemented" until someone writes the set-based SQL.
 */
export function renderTransformStub(info: StubInfo): string {
  const inputs = info.inputs.map((t) => `  ${key(t.name)}: table(${renderShape(t.columns)}),`).join('\n');
  const params = info.params.length > 0 ? `\n  params: { ${info.params.map((p) => `${key(p.name)}: '${formatColumnType(p.type)}'`).join(', ')} },` : '';
  return `// Section ${commentText(info.id)}: ${commentText(info.title)}
// Legacy: ${commentText(info.procedure)}, lines ${info.lines}. Spec: sections/${commentText(info.id)}.feature
// Inputs and output were generated from the CREATE TABLE scripts and the data-flow graph;
// keep them in step with the spec. The body is set-based SQL over all entities at once.
import { defineTransform, notImplemented, table } from ${tsString(info.engineImport)};

export const inputs = {
${inputs}
};

export const output = table(${renderShape(info.output.columns)});

export default defineTransform({
  name: ${tsString(info.id)},
  inputs,
  outputName: ${tsString(info.output.name)},
  output,${params}${info.entity ? `\n  entity: ${tsString(info.entity)},` : ''}
  sql: () => notImplemented(${tsString(info.id)}),${renderMoreOutputs(info)}${renderValues(info)}
});
`;
}

/** The `moreOutputs` of a section that writes several tables: each declared, its body not implemented. */
function renderMoreOutputs(info: StubInfo): string {
  const more = info.moreOutputs ?? [];
  if (more.length === 0) return '';
  const entries = more.map((t) => `    ${key(t.name)}: { output: table(${renderShape(t.columns)}), sql: () => notImplemented(${tsString(`${info.id}: ${t.name}`)}) },`);
  return `\n  moreOutputs: {\n${entries.join('\n')}\n  },`;
}

/**
 * The `values` a section hands to later sections: each typed, its SELECT not implemented. The
 * SELECT gives one row of one column over the inputs, params and the section's own output
 * (`ctx.output()`), e.g. SELECT max(BatchId) FROM ${ctx.output()}.
 */
export function renderValues(info: Pick<StubInfo, 'id' | 'values'>): string {
  const values = info.values ?? [];
  if (values.length === 0) return '';
  const entries = values.map((v) => `    ${key(v.name)}: { type: '${formatColumnType(v.type)}', sql: () => notImplemented(${tsString(`${info.id}: ${v.name}`)}) },`);
  return `\n  // what later sections read of this one's variables: one row, one column, over inputs, params and ctx.output()\n  values: {\n${entries.join('\n')}\n  },`;
}

/**
 * The jest test of a section: one test per scenario of its spec, plus the entity-independence
 * proof when the section declares an entity. Results are recorded for `migrate status`.
 */
export function renderSectionTest(info: StubInfo): string {
  return `// Section tests for ${commentText(info.id)}: every scenario of sections/${commentText(info.id)}.feature runs
// against the transform; ${info.entity ? `each is also run per ${commentText(info.entity)} and unioned (entity independence).` : 'the section has no entity column.'}
// Generated by \`migrate scaffold\`; yours to edit, never overwritten.
import { join } from 'node:path';
import { describeSection } from ${tsString(info.sectionsImport)};
import transform from ${tsString(info.transformFromTest)};

describeSection({ root: join(__dirname, ${tsString(info.rootFromTest)}), id: ${tsString(info.id)}, transform });
`;
}
