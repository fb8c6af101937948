import { checkEntityIndependence, formatColumnType, diffRowSets, formatRowSetDiff, formatValue, parametersRead, requireColumnType, runTransformResult, valueKey, valuesEqual, type ProducedOutput, type TransformResult, type EngineSession, type InputsOf, type ParamsOf, type RunOptions, type TableSchema, type TableShape, type Transform } from '../engine';
import { transformFailureText } from './draft-stop-text';
import { normalizeObjectName, type ScenarioSpec, type SectionSpec, type TableData } from './spec-model';

/** The outcome of one scenario against a transform. */
export interface ScenarioResult {
  readonly kind: 'scenario-result';
  readonly scenario: string;
  readonly line: number;
  readonly passed: boolean;
  /** Empty when passed; otherwise what differs, as a person reads it. */
  readonly message: string;
}

type AnyTransform = Transform<Readonly<Record<string, TableSchema>>, TableSchema, TableShape>;

/** Finds a name in a list case-insensitively (SQL Server names are). */
function findName(names: readonly string[], wanted: string): string | undefined {
  const w = wanted.toLowerCase();
  return names.find((n) => n.toLowerCase() === w);
}

/** Rows of a spec table re-keyed to the transform's column spelling; absent columns are NULL. */
function toInputRows(data: TableData | undefined, schema: TableSchema): Record<string, unknown>[] {
  if (!data) return [];
  const specCols = data.columns.map((c) => c.name);
  return data.rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const c of schema.columns) {
      const s = findName(specCols, c.name);
      out[c.name] = s === undefined ? null : row[s];
    }
    return out;
  });
}

/**
 * Turns a scenario's Given steps into a transform's typed inputs and parameters. A Given table
 * the transform does not read is a mismatch between spec and code, reported as such.
 */
export function buildScenarioInputs<I extends Readonly<Record<string, TableSchema>>, O extends TableSchema, P extends TableShape>(typed: Transform<I, O, P>, scenario: ScenarioSpec): { inputs: InputsOf<Readonly<Record<string, TableSchema>>>; params: ParamsOf<TableShape>; problems: string[] } {
  const t = typed as unknown as AnyTransform;
  const problems: string[] = [];
  const inputNames = Object.keys(t.inputs);
  const inputs: Record<string, Record<string, unknown>[]> = {};
  for (const name of inputNames) {
    const data = scenario.inputs.find((d) => normalizeObjectName(d.name) === normalizeObjectName(name));
    inputs[name] = toInputRows(data, t.inputs[name] as TableSchema);
  }
  for (const d of scenario.inputs) {
    if (!inputNames.some((n) => normalizeObjectName(n) === normalizeObjectName(d.name))) problems.push(`the spec gives table ${d.name} (line ${d.line}) but the transform does not read it (inputs: ${inputNames.join(', ')})`);
  }
  const params: Record<string, unknown> = {};
  // A parameter declared not nullable and read by the SQL, which the scenario does not give, would
  // run as NULL and show up as wrong rows far from the cause: named instead, as `migrate run` does.
  const read = parametersRead(t);
  for (const [name, typeText] of Object.entries(t.params)) {
    const given = scenario.params.find((p) => p.name.toLowerCase() === name.toLowerCase());
    if (given === undefined && !requireColumnType(name, String(typeText)).nullable && read?.has(name) === true) {
      problems.push(`the transform reads parameter ${name} (${String(typeText)}, not nullable) but the scenario gives none: add \`Given parameter ${name}:${String(typeText)} = <value>\` (the value the legacy run had) or declare it ${String(typeText)}?`);
    }
    params[name] = given?.value ?? null;
  }
  return { inputs: inputs as InputsOf<Readonly<Record<string, TableSchema>>>, params: params as ParamsOf<TableShape>, problems };
}

/**
 * Runs one scenario: loads its Given tables, runs the transform, and compares the output with
 * every Then table (on the columns the spec lists, numbers within its tolerance, rows as a
 * multiset) and every Then scalar (a column of the single output row).
 */
export async function runScenario<I extends Readonly<Record<string, TableSchema>>, O extends TableSchema, P extends TableShape>(session: EngineSession, typed: Transform<I, O, P>, spec: SectionSpec, scenario: ScenarioSpec): Promise<ScenarioResult> {
  const t = typed as unknown as AnyTransform;
  // A parameter still `= TODO` runs as NULL: a failure it caused (a draft's 515 on a NOT NULL
  // column the parameter fills) names the parameter, not only the symptom.
  const todo = scenario.params.filter((p) => p.pending === true);
  const todoNote = todo.length === 0 ? '' : `\n${spec.file}:${todo[0]?.line ?? scenario.line}: ran with ${todo.map((p) => p.name).join(', ')} NULL: ${todo.length === 1 ? 'its value is' : 'their values are'} still TODO; write the value${todo.length === 1 ? '' : 's'} this case runs with`;
  const fail = (message: string): ScenarioResult => ({ kind: 'scenario-result', scenario: scenario.name, line: scenario.line, passed: false, message: message + todoNote });
  const { inputs, params, problems } = buildScenarioInputs(t, scenario);
  if (problems.length > 0) return fail(problems.join('\n'));
  let produced: ProducedOutput[];
  let values: TransformResult['values'];
  try {
    const keepOrder = scenario.expected.some((e) => e.orderedBy !== undefined);
    ({ outputs: produced, values } = await runTransformResult(session, t, inputs, params, { ...clockOf(scenario), ...(keepOrder ? { keepOrder } : {}) }));
  } catch (err) {
    return fail(transformFailureText(err));
  }
  const messages: string[] = [];
  for (const e of scenario.expected) {
    // each Then table against the output of its name: the transform's, or one of its moreOutputs
    const out = produced.find((o) => normalizeObjectName(o.name) === normalizeObjectName(e.table.name));
    if (out === undefined) {
      messages.push(`${spec.file}:${e.table.line}: expects table ${e.table.name} but the transform produces ${produced.map((o) => o.name).join(', ')}${produced.length === 1 ? ' (a section writing several tables declares the others in moreOutputs)' : ''}`);
      continue;
    }
    const rows = out.rows;
    const outCols = out.schema.columns.map((c) => c.name);
    const cols = e.table.columns.map((c) => findName(outCols, c.name) ?? c.name);
    const missing = e.table.columns.filter((c) => !findName(outCols, c.name));
    if (missing.length > 0) {
      messages.push(`${spec.file}:${e.table.line}: the output has no column ${missing.map((c) => c.name).join(', ')}`);
      continue;
    }
    if (e.key.length > 0) {
      // `keyed by` promises one row per key: a duplicate is a failure even if the rows match
      const keyCols = e.key.map((k) => findName(outCols, k) ?? k);
      const seen = new Map<string, number>();
      for (const row of rows) {
        const k = JSON.stringify(keyCols.map((c) => formatValue(row[c])));
        seen.set(k, (seen.get(k) ?? 0) + 1);
      }
      const dup = [...seen.entries()].find(([, n]) => n > 1);
      if (dup) messages.push(`${spec.file}:${e.table.line}: ${out.name} has ${dup[1]} rows for key ${e.key.join(',')} = ${dup[0]}`);
    }
    const expected = e.table.rows.map((r) => Object.fromEntries(e.table.columns.map((c, i) => [cols[i] as string, r[c.name]])));
    const diff = diffRowSets(expected, rows, cols, e.tolerance);
    if (diff.missing.length > 0 || diff.extra.length > 0) {
      messages.push(`${spec.file}:${e.table.line}: ${out.name} differs (- expected, not produced; + produced, not expected):\n${formatRowSetDiff(diff, cols)}`);
    } else if (e.orderedBy !== undefined) {
      const order = e.orderedBy.map((k) => findName(outCols, k) ?? k);
      const at = expected.findIndex((row, i) => !order.every((c) => valuesEqual(row[c], rows[i]?.[c], e.tolerance)));
      if (at >= 0) {
        const show = (row: Readonly<Record<string, unknown>> | undefined): string => order.map((c) => `${c}=${formatValue(row?.[c])}`).join(' ');
        messages.push(`${spec.file}:${e.table.line}: ${out.name} has the expected rows in another order (ordered by ${e.orderedBy.join(', ')}): row ${at + 1} should have ${show(expected[at])}, it has ${show(rows[at])}`);
      }
    }
  }
  messages.push(...scalarMessages(t, spec, scenario, produced[0]?.rows ?? [], values));
  return messages.length === 0 ? { kind: 'scenario-result', scenario: scenario.name, line: scenario.line, passed: true, message: '' } : fail(messages.join('\n'));
}

/**
 * What differs between the Then scalars and the run: a value the transform declares (its
 * `values`) under the step's name, else a column of the section's own output's single row.
 */
function scalarMessages(t: AnyTransform, spec: SectionSpec, scenario: ScenarioSpec, rows: readonly Record<string, unknown>[], values: TransformResult['values']): string[] {
  const messages: string[] = [];
  const outCols = t.output.columns.map((c) => c.name);
  for (const s of scenario.scalars) {
    const at = `${spec.file}:${s.line}${s.column === undefined ? '' : `:${s.column}`}`;
    const declared = values.get(valueKey(s.name));
    if (declared !== undefined) {
      if (s.pending === true) messages.push(`${at}: ${s.name}: the expected value is still TODO (the transform gives ${formatValue(declared.value)}); \`migrate sections record\` writes what the legacy code leaves`);
      else if (!valuesEqual(s.value, declared.value, s.tolerance)) messages.push(`${at}: value ${s.name}: expected ${formatValue(s.value)}, got ${formatValue(declared.value)}`);
      continue;
    }
    const col = findName(outCols, s.name.replace(/^@/, ''));
    if (!col) {
      const names = Object.keys(t.values ?? {});
      messages.push(`${at}: ${s.name}: the transform declares no value ${s.name} (${names.length > 0 ? `its values: ${names.join(', ')}` : 'it has no values'}) and its output has no column ${s.name.replace(/^@/, '')}; declare it: values: { '${s.name}': { type: '${formatColumnType(s.type)}', sql: (ctx) => \`SELECT …\` } }`);
    } else if (rows.length !== 1) messages.push(`${at}: ${s.name} needs exactly one output row, got ${rows.length}`);
    else if (!valuesEqual(s.value, rows[0]?.[col], s.tolerance)) messages.push(`${at}: ${s.name}: expected ${formatValue(s.value)}, got ${formatValue(rows[0]?.[col])}`);
  }
  return messages;
}

/**
 * Checks that the transform gives the same rows for all entities at once as for each entity
 * alone, on this scenario's inputs. Only for sections with an entity column.
 */
export async function checkScenarioIndependence<I extends Readonly<Record<string, TableSchema>>, O extends TableSchema, P extends TableShape>(session: EngineSession, typed: Transform<I, O, P>, scenario: ScenarioSpec): Promise<number> {
  const t = typed as unknown as AnyTransform;
  const { inputs, params } = buildScenarioInputs(t, scenario);
  const tolerance = Math.max(0, ...scenario.expected.map((e) => e.tolerance));
  return checkEntityIndependence(session, t, inputs, params, tolerance, clockOf(scenario));
}

/** The scenario's clock for the transform's `clock()` (see ScenarioSpec.clock). */
function clockOf(scenario: ScenarioSpec): RunOptions {
  return { ...(scenario.clock === undefined ? {} : { clock: scenario.clock }), ...(scenario.clockOffsetMinutes === undefined ? {} : { utcOffsetMinutes: scenario.clockOffsetMinutes }) };
}
