import { parseGherkin } from './gherkin-loader';

/** A data table under a step: where its rows are, and their cells as Gherkin reads them. */
export interface LayoutTable {
  readonly firstLine: number;
  readonly lastLine: number;
  /** The indentation of its first row, as written. */
  readonly indent: string;
  /** Cells per row, the header first (Gherkin-unescaped, trimmed). */
  readonly rows: readonly (readonly string[])[];
}

/** One step as written: its keyword, text and line, with its data table. */
export interface LayoutStep {
  readonly keyword: string;
  /** `Context`, `Action`, `Outcome` or `Conjunction`, as Gherkin types them. */
  readonly keywordType: string;
  readonly text: string;
  readonly line: number;
  readonly column: number;
  readonly table: LayoutTable | undefined;
}

/** A scenario as written: its name, where it starts, its tags, its steps (Background excluded). */
export interface LayoutScenario {
  readonly name: string;
  readonly line: number;
  readonly column: number;
  readonly tags: readonly { readonly name: string; readonly line: number; readonly column: number }[];
  readonly steps: readonly LayoutStep[];
  /** The last line that belongs to the scenario (its last step or data table row). */
  readonly lastLine: number;
}

/** Where things are in a .feature: what a textual edit needs to keep everything else byte-identical. */
export interface FeatureLayout {
  readonly scenarios: readonly LayoutScenario[];
  readonly background: readonly LayoutStep[];
}

type RawStep = {
  keyword: string; keywordType?: string; text: string; location: { line: number; column?: number };
  dataTable?: { rows: readonly { location: { line: number; column?: number }; cells: readonly { value: string }[] }[] };
};

function stepOf(s: RawStep, lines: readonly string[]): LayoutStep {
  const rows = s.dataTable?.rows ?? [];
  const first = rows[0];
  const last = rows[rows.length - 1];
  const table = first && last ? {
    firstLine: first.location.line, lastLine: last.location.line,
    indent: /^\s*/.exec(lines[first.location.line - 1] ?? '')?.[0] ?? '',
    rows: rows.map((r) => r.cells.map((c) => c.value)),
  } : undefined;
  return { keyword: s.keyword, keywordType: s.keywordType ?? 'Unknown', text: s.text, line: s.location.line, column: s.location.column ?? 1, table };
}

/**
 * Reads where the scenarios, tags, steps and data tables of a .feature are. Undefined when the
 * Gherkin does not parse (`migrate sections check` says why).
 */
export async function readFeatureLayout(text: string): Promise<FeatureLayout | undefined> {
  const { document } = await parseGherkin(text);
  const feature = document?.feature;
  if (!feature) return undefined;
  const lines = text.split(/\r?\n/);
  const scenarios: LayoutScenario[] = [];
  let background: LayoutStep[] = [];
  const children = feature.children.flatMap((c) => (c.rule ? c.rule.children : [c]));
  for (const child of children) {
    if (child.background) background = child.background.steps.map((s) => stepOf(s as RawStep, lines));
    const sc = child.scenario;
    if (!sc) continue;
    const steps = sc.steps.map((s) => stepOf(s as RawStep, lines));
    const lastStep = steps[steps.length - 1];
    const lastLine = lastStep ? lastStep.table?.lastLine ?? lastStep.line : sc.location.line;
    scenarios.push({
      name: sc.name, line: sc.location.line, column: sc.location.column ?? 1,
      tags: sc.tags.map((t) => ({ name: t.name, line: t.location.line, column: t.location.column ?? 1 })), steps, lastLine,
    });
  }
  return { scenarios, background };
}

/** The steps of a scenario with the phase each belongs to (And/But take the phase before them). */
export function stepsWithPhase(steps: readonly LayoutStep[]): { step: LayoutStep; phase: string }[] {
  let phase = 'Context';
  return steps.map((step) => {
    if (step.keywordType !== 'Conjunction' && step.keywordType !== 'Unknown') phase = step.keywordType;
    return { step, phase };
  });
}
