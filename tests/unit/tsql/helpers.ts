import type { ParsedScript, Statement } from '../../../src/tsql';
import { parseScript } from '../../../src/tsql';

/** Parses `sql` and returns the script, failing the test on any error diagnostic. */
export function parseClean(sql: string): ParsedScript {
  const script = parseScript(sql, { file: 'test.sql' });
  const errors = script.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`unexpected diagnostics:\n${errors.map((d) => `${d.line}:${d.column} ${d.message}`).join('\n')}`);
  return script;
}

/** All top-level statements of every batch. */
export function statementsOf(sql: string): readonly Statement[] {
  return parseClean(sql).batches.flatMap((b) => b.statements);
}

/** The single statement of `sql` (fails if there is not exactly one). */
export function parseOne(sql: string): Statement {
  const list = statementsOf(sql);
  if (list.length !== 1) throw new Error(`expected one statement, got ${list.map((s) => s.kind).join(', ')}`);
  return list[0] as Statement;
}

/** The kinds of the top-level statements. */
export function kindsOf(sql: string): string[] {
  return statementsOf(sql).map((s) => s.kind);
}
