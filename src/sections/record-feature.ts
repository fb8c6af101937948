// Textual edits of a .feature for `migrate sections record`: only the data tables, values and
// tags being recorded change; every other byte (the person's comments, spacing, other scenarios,
// line endings) stays as it was.
import type { LayoutScenario, LayoutStep } from './feature-layout';

/** New rows for the data table of a Then table step. */
export interface TableEdit {
  readonly kind: 'table-edit';
  readonly step: LayoutStep;
  /** Header cells as Gherkin reads them (`DeviceId:int`, `[Odd Name]:text?`). */
  readonly header: readonly string[];
  /** Cells as Gherkin should read them back (`NULL`, `"a b  "`, `10.50`). */
  readonly rows: readonly (readonly string[])[];
}

/** A new value for a `Then scalar @x:type = value` step. */
export interface ScalarEdit {
  readonly kind: 'scalar-edit';
  readonly step: LayoutStep;
  readonly value: string;
}

/** Everything recorded for one scenario, and the tag that says so. */
export interface ScenarioEdit {
  readonly scenario: LayoutScenario;
  /**
   * `@recorded:2026-12-03T00:00:00` (with `@statements:<fingerprint>` after it): replaces an
   * earlier `@recorded…` tag (and a `@statements:` tag on its line), else is added.
   */
  readonly tag: string;
  readonly edits: readonly (TableEdit | ScalarEdit)[];
  /** Given steps to add before the scenario's first When step (`Given parameter @End:date? = 2026-11-30`). */
  readonly givens?: readonly string[];
  /** Then steps to add after the scenario's last step, keyword left out (`value @BatchId:int? = 100`, written as `And …`). */
  readonly thens?: readonly string[];
  /** Given steps that replace the step at a line (a `Given parameter @x = TODO` the run found a value for). */
  readonly replacedGivens?: readonly { readonly line: number; readonly text: string }[];
}

/** Escapes what Gherkin reads specially in a cell: `\`, `|` and line breaks. */
export function escapeCell(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, '\\n');
}

/** Renders a data table with aligned columns, one line per row, the header first. */
export function renderDataTable(indent: string, header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const all = [header, ...rows].map((r) => r.map(escapeCell));
  const widths = header.map((_, i) => Math.max(...all.map((r) => [...(r[i] ?? '')].length)));
  return all.map((r) => `${indent}| ${r.map((c, i) => c + ' '.repeat((widths[i] ?? 0) - [...c].length)).join(' | ')} |`);
}

/** Cells people leave in a skeleton until they know the value: `TODO`, `?`, `...`, `…`, `-` or nothing. */
export function isPlaceholderCell(value: string): boolean {
  return /^(?:todo\b.*|\?|\.\.\.|…|-|)$/i.test(value.trim());
}

/**
 * Whether the Then steps of a scenario hold only what a skeleton leaves: data tables with a
 * header and no rows (or rows of placeholders), scalars whose value is a placeholder.
 */
export function hasOnlyPlaceholders(thenSteps: readonly LayoutStep[]): boolean {
  return thenSteps.every((s) => {
    if (s.table) return s.table.rows.slice(1).every((r) => r.every(isPlaceholderCell));
    const value = /(?:=|\bis\b)\s*(.*?)(?:\s+with\s+tolerance\s+\S+)?\s*$/i.exec(s.text)?.[1];
    return value === undefined || isPlaceholderCell(value.replace(/^["']|["']$/g, ''));
  });
}

const SCALAR_VALUE = /^(.*?(?:=|\bis\b)\s*)(.*?)(\s+with\s+tolerance\s+[0-9.eE+-]+)?(\s*)$/i;

/**
 * Applies the recorded rows, values and tags to the text of a .feature and returns the new text.
 * Lines outside the edited data tables, steps and tag lines are kept byte for byte, and so are
 * the line endings (LF or CRLF) and the final newline.
 */
export function applyScenarioEdits(text: string, edits: readonly ScenarioEdit[]): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  // Each change replaces lines [from, to) (0-based); applied bottom-up so line numbers hold.
  const changes: { from: number; to: number; lines: string[] }[] = [];
  for (const edit of edits) {
    for (const e of edit.edits) {
      const stepIndex = e.step.line - 1;
      const stepLine = lines[stepIndex] ?? '';
      if (e.kind === 'scalar-edit') {
        const m = SCALAR_VALUE.exec(stepLine);
        if (m) changes.push({ from: stepIndex, to: stepIndex + 1, lines: [`${m[1]}${e.value}${m[3] ?? ''}${m[4] ?? ''}`] });
        continue;
      }
      // Rows now exist: `is empty` would contradict them.
      const newStep = e.rows.length > 0 ? stepLine.replace(/\s+is\s+empty(\s*:?\s*)$/i, '$1') : stepLine;
      const indent = e.step.table?.indent ?? `${/^\s*/.exec(stepLine)?.[0] ?? ''}  `;
      const table = renderDataTable(indent, e.header, e.rows);
      if (e.step.table) {
        if (newStep !== stepLine) changes.push({ from: stepIndex, to: stepIndex + 1, lines: [newStep] });
        changes.push({ from: e.step.table.firstLine - 1, to: e.step.table.lastLine, lines: table });
      } else changes.push({ from: stepIndex, to: stepIndex + 1, lines: [newStep.replace(/\s*$/, '').replace(/:?$/, ':'), ...table] });
    }
    changes.push(tagChange(lines, edit));
    const when = edit.scenario.steps.find((st) => st.keywordType === 'Action');
    if (when && edit.givens && edit.givens.length > 0) {
      const indent = /^\s*/.exec(lines[when.line - 1] ?? '')?.[0] ?? '';
      changes.push({ from: when.line - 1, to: when.line - 1, lines: edit.givens.map((g) => `${indent}${g}`) });
    }
    const lastStep = edit.scenario.steps[edit.scenario.steps.length - 1];
    if (lastStep && edit.thens && edit.thens.length > 0) {
      const indent = /^\s*/.exec(lines[lastStep.line - 1] ?? '')?.[0] ?? '';
      const after = lastStep.table?.lastLine ?? lastStep.line;
      changes.push({ from: after, to: after, lines: edit.thens.map((t) => `${indent}And ${t}`) });
    }
    for (const g of edit.replacedGivens ?? []) {
      const line = lines[g.line - 1] ?? '';
      // keeps the step's keyword (Given, And, *) and indentation
      const keyword = /^\s*(?:\S+\s+)?(?=(?:the\s+)?(?:parameter|variable)\b)/i.exec(line)?.[0];
      changes.push({ from: g.line - 1, to: g.line, lines: [keyword !== undefined ? `${keyword}${g.text.replace(/^Given\s+/, '')}` : `${/^\s*/.exec(line)?.[0] ?? ''}${g.text}`] });
    }
  }
  changes.sort((a, b) => b.from - a.from);
  for (const c of changes) lines.splice(c.from, c.to - c.from, ...c.lines);
  return lines.join(eol);
}

/** A tag line without its `@statements:…` tag (and the blank before it). */
function withoutStatementsTag(line: string): string {
  return line.replace(/^(\s*)@statements:[^\s@]*\s*/i, '$1').replace(/\s+@statements:[^\s@]*/i, '');
}

/** The change that tags a scenario: an existing `@recorded…` tag replaced, else appended to its tag line, else a new tag line. */
function tagChange(lines: readonly string[], edit: ScenarioEdit): { from: number; to: number; lines: string[] } {
  const sc = edit.scenario;
  const old = sc.tags.find((t) => /^@recorded(?::|$)/i.test(t.name));
  if (old) {
    // the fingerprint of an earlier recording goes with it (the new one is in edit.tag)
    const line = /@statements:/i.test(edit.tag) ? withoutStatementsTag(lines[old.line - 1] ?? '') : lines[old.line - 1] ?? '';
    const at = line.search(/@recorded(?=[:\s@]|$)/i);
    // the tag's end: Gherkin splits tags at whitespace and at the next @
    const end = line.slice(at + 1).search(/[\s@]/);
    const stop = end < 0 ? line.length : at + 1 + end;
    return { from: old.line - 1, to: old.line, lines: [line.slice(0, at) + edit.tag + line.slice(stop)] };
  }
  const last = sc.tags[sc.tags.length - 1];
  if (last) {
    const line = lines[last.line - 1] ?? '';
    const trimmed = line.replace(/\s+$/, '');
    return { from: last.line - 1, to: last.line, lines: [`${trimmed} ${edit.tag}${line.slice(trimmed.length)}`] };
  }
  const indent = /^\s*/.exec(lines[sc.line - 1] ?? '')?.[0] ?? '';
  return { from: sc.line - 1, to: sc.line - 1, lines: [`${indent}${edit.tag}`] };
}

/**
 * Appends scenarios (each a block of lines, without a trailing newline) at the end of a
 * .feature, after one blank line, keeping the file's line endings.
 */
export function appendScenarios(text: string, blocks: readonly string[]): string {
  if (blocks.length === 0) return text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const body = text.replace(/(?:\r?\n)*$/, '');
  return `${body}${eol}${blocks.map((b) => `${eol}${b.split('\n').join(eol)}${eol}`).join('')}`;
}

/**
 * Puts scenarios (blocks as appendScenarios takes them) in the place of existing ones: from each
 * one's first tag line to its last line, every other line kept byte for byte.
 */
export function replaceScenarios(text: string, replaced: readonly { readonly scenario: LayoutScenario; readonly block: string }[]): string {
  if (replaced.length === 0) return text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const first = (sc: LayoutScenario): number => Math.min(sc.line, ...sc.tags.map((t) => t.line));
  for (const r of [...replaced].sort((a, b) => first(b.scenario) - first(a.scenario))) {
    lines.splice(first(r.scenario) - 1, r.scenario.lastLine - first(r.scenario) + 1, ...r.block.split('\n'));
  }
  return lines.join(eol);
}
