import { readFileSync } from 'node:fs';
import {
  bindInputTable, bindParameter, createDraftContext, freshName, isRefusal, describeRefusal, sqlTypeOfColumnType, splitPlaceholders,
  translateExpression, translateSelect, DraftScope, type SqlPart,
} from '../../../../src/draft';
import { IDIOM_REWRITERS } from '../../../../src/draft/idioms';
import { defineTransform, formatColumnType, parseColumnType, table, EngineSession, type ColumnTypeText, type TableShape } from '../../../../src/engine';
import { loadSectionSpec, runSuiteScenario, type SectionSpec } from '../../../../src/sections';
import { parseScript, type Statement } from '../../../../src/tsql';

/*
 * Drafts one section's loop with the idiom rewriters alone (no statement translator around
 * them) and runs the section's scenarios against the result on DuckDB: the rewriters'
 * SQL is checked against hand-written, emulator-confirmed Then rows.
 */

function shapeOf(spec: SectionSpec, name: string, side: 'given' | 'then'): TableShape {
  const out: Record<string, ColumnTypeText> = {};
  for (const sc of spec.scenarios) {
    const tables = side === 'given' ? sc.inputs : sc.expected.map((e) => e.table);
    for (const t of tables.filter((x) => x.name.toLowerCase() === name.toLowerCase())) {
      for (const c of t.columns) if (!(c.name in out)) out[c.name] = formatColumnType(c.type) as ColumnTypeText;
    }
  }
  return out;
}

/** The drafted part of the section's only loop, or throws with the refusal. */
export async function draftSection(procFile: string, featureFile: string): Promise<{ spec: SectionSpec; part: SqlPart; idiom: string; sql: string; transform: ReturnType<typeof defineTransform> }> {
  const spec = await loadSectionSpec(featureFile);
  const text = readFileSync(procFile, 'utf8');
  const script = parseScript(text, { file: procFile });
  const proc = script.batches.flatMap((b) => b.statements).find((s) => s.kind === 'CreateProcedure');
  if (!proc || proc.kind !== 'CreateProcedure') throw new Error('no procedure');
  const body = proc.body.length === 1 && proc.body[0]?.kind === 'Block' ? proc.body[0].statements : proc.body;
  const stmts: Statement[] = body.filter((s) => spec.lines.some((r) => s.span.start.line >= r.start && s.span.start.line <= r.end));
  const ctx = createDraftContext(procFile, text);
  const params: Record<string, ColumnTypeText> = {};
  for (const p of spec.scenarios.flatMap((s) => s.params)) {
    params[p.name] = formatColumnType(p.type) as ColumnTypeText;
    bindParameter(ctx, p.name, { name: p.name, type: sqlTypeOfColumnType(p.type) });
  }
  const inputNames = [...new Set(spec.scenarios.flatMap((s) => s.inputs.map((t) => t.name)))];
  const inputs: Record<string, ReturnType<typeof table>> = {};
  for (const n of inputNames) {
    const shape = shapeOf(spec, n, 'given');
    inputs[n] = table(shape);
    bindInputTable(ctx, n.toLowerCase(), n, Object.entries(shape).map(([c, t]) => ({ name: c, type: sqlTypeOfColumnType(parseColumnType(t) as NonNullable<ReturnType<typeof parseColumnType>>) })));
  }
  const rc = { draft: ctx, scope: new DraftScope(ctx), translateExpression, translateSelect, freshName: (h: string) => freshName(ctx, h) };
  let found: { part: SqlPart; idiom: string } | undefined;
  for (let i = 0; i < stmts.length && !found; i++) {
    for (const rw of IDIOM_REWRITERS) {
      const r = rw(stmts, i, rc);
      if (!r) continue;
      if (isRefusal(r.part)) throw new Error(`refused: ${describeRefusal(r.part)}`);
      found = { part: r.part as SqlPart, idiom: r.idiom };
      break;
    }
    // What the statement translator does with a plain SET before the loop (only that here).
    const s = stmts[i] as Statement;
    if (!found && s.kind === 'SetVariable' && s.value && s.operator === '=') {
      const v = translateExpression(s.value, new DraftScope(ctx));
      ctx.variables.set(s.variable.name.toLowerCase(), v);
    }
  }
  if (!found) throw new Error('no idiom recognised');
  const outName = spec.outputs[0] as string;
  const effect = found.part.tables.find((t) => t.table === outName.toLowerCase());
  if (!effect) throw new Error(`the part does not write ${outName}`);
  const outShape = shapeOf(spec, outName, 'then');
  const sql = `WITH ${found.part.ctes.map((c) => `${c.name} AS (\n  ${c.sql}\n)`).join(',\n')}\nSELECT ${Object.keys(outShape).map((c) => `"${c}"`).join(', ')} FROM ${effect.relation}`;
  const transform = defineTransform({
    name: spec.id, inputs, outputName: outName, output: table(outShape), params, ...(spec.entity ? { entity: spec.entity } : {}),
    sql: (c: { table: (n: string) => string; param: (n: string) => string; clock: () => string }) => splitPlaceholders(sql).map((p) => ('param' in p ? c.param(p.param) : 'table' in p ? c.table(p.table) : 'clock' in p ? c.clock() : p.text)).join(''),
  } as never);
  return { spec, part: found.part, idiom: found.idiom, sql, transform };
}

/** Runs every scenario of the section against its drafted loop; returns the failures' messages. */
export async function failingScenarios(procFile: string, featureFile: string): Promise<{ failures: string[]; idiom: string; sql: string }> {
  const { spec, transform, idiom, sql } = await draftSection(procFile, featureFile);
  const session = await EngineSession.open({ threads: 1, memoryLimit: '1GB' });
  try {
    const failures: string[] = [];
    for (const sc of spec.scenarios) {
      const r = await runSuiteScenario(session, transform as never, spec, sc);
      if (!r.passed) failures.push(`${sc.name}: ${r.message}`);
    }
    return { failures, idiom, sql };
  } finally {
    session.close();
  }
}
