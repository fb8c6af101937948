import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LegacyError } from '../../src/core';
import type { EngineSession } from '../../src/engine';
import { emulateProcedure, readAsText, TsqlRuntimeError, type EmulationResult } from '../../src/legacy';
import { parseScript } from '../../src/tsql';
import type { ConformanceCase } from './case-file';
import { withReusedDatabase } from '../support/reused-database';

/** What a run produced, as far as a case checks it. */
type Outcome = Pick<EmulationResult, 'resultSets' | 'messages' | 'errors'>;

/**
 * Runs a case in the emulator on a real DuckDB session and returns the differences from what
 * SQL Server gives (empty when the case passes). Result-set values are compared on the text a
 * capture file would hold, so a value the emulator gets right in memory but writes wrongly fails.
 */
export async function runConformanceCase(c: ConformanceCase): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'conformance-'));
  try {
    return await withReusedDatabase(async (session) => {
      const inputs = c.inputs.map((input) => {
        const file = join(dir, `${input.table}.csv`);
        writeFileSync(file, input.csv);
        return { table: input.table, file };
      });
      const scripts = [parseScript(c.setupText, { file: c.file }), parseScript(c.procedureText, { file: c.file })];
      let outcome: Outcome | undefined;
      let failure: unknown;
      try {
        outcome = await emulateProcedure({ scripts, procedure: 'dbo.conformance_case', session, inputs, clock: c.clock ?? '2000-01-01T00:00:00', compatibilityLevel: c.compatibilityLevel, serverVersion: c.serverVersion });
      } catch (err) {
        failure = err;
      }
      return await compareOutcome(c, session, outcome, failure);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function compareOutcome(c: ConformanceCase, session: EngineSession,
  outcome: Outcome | undefined, failure: unknown): Promise<string[]> {
  const problems: string[] = [];
  const expect = c.expect;
  if (expect.kind === 'refused') {
    if (!(failure instanceof LegacyError) || failure instanceof TsqlRuntimeError || failure.code === 'LEGACY_INTERNAL') {
      return [`expected a refusal naming "${expect.construct}", got ${describeOutcome(failure)}`];
    }
    if (!failure.message.toLowerCase().includes(expect.construct.toLowerCase())) problems.push(`the refusal does not name "${expect.construct}": ${failure.message}`);
    if (failure.location?.file !== c.file || failure.location.span === undefined) problems.push(`the refusal is not located at ${c.file}:line:col: ${failure.format()}`);
    return problems;
  }
  if (expect.kind === 'error') {
    // An error outside TRY that ends only its statement reaches the client while the procedure
    // goes on, as in SQL Server: the last such error counts when the run itself ends normally.
    const received = outcome?.errors[outcome.errors.length - 1];
    if (failure === undefined && received !== undefined) {
      return received.number === expect.number ? [] : [`expected error ${expect.number}, got ${received.number}: ${received.message}`];
    }
    if (!(failure instanceof TsqlRuntimeError)) return [`expected T-SQL error ${expect.number}, got ${describeOutcome(failure)}`];
    if (failure.error.number !== expect.number) problems.push(`expected error ${expect.number}, got ${failure.error.number}: ${failure.error.message}`);
    return problems;
  }
  if (outcome === undefined) return [`expected result sets, got ${describeOutcome(failure)}`];
  if (c.print !== undefined && JSON.stringify(outcome.messages) !== JSON.stringify(c.print)) {
    problems.push(`messages: expected ${JSON.stringify(c.print)}, got ${JSON.stringify(outcome.messages)}`);
  }
  if (outcome.resultSets.length !== expect.resultSets.length) {
    problems.push(`expected ${expect.resultSets.length} result set(s), got ${outcome.resultSets.length}`);
  }
  for (const [i, expected] of expect.resultSets.entries()) {
    const rs = outcome.resultSets[i];
    if (rs?.table === undefined) continue;
    const actual = await readAsText(session, `SELECT * FROM ${rs.table}`);
    problems.push(...compareResultSet(i + 1, expected, actual));
  }
  return problems;
}

function describeOutcome(failure: unknown): string {
  if (failure === undefined) return 'a successful run';
  if (failure instanceof TsqlRuntimeError) return `T-SQL error ${failure.error.number}: ${failure.error.message}`;
  if (failure instanceof LegacyError) return `${failure.code}: ${failure.format()}`;
  return `a crash: ${failure instanceof Error ? failure.stack ?? failure.message : String(failure)}`;
}

function compareResultSet(n: number, expected: readonly Record<string, unknown>[], actual: { columns: { name: string; type: string }[]; rows: (string | null)[][] }): string[] {
  const problems: string[] = [];
  const first = expected[0];
  if (first !== undefined) {
    const names = Object.keys(first);
    const got = actual.columns.map((c) => c.name);
    if (JSON.stringify(names) !== JSON.stringify(got)) problems.push(`result set ${n}: columns ${JSON.stringify(got)}, expected ${JSON.stringify(names)}`);
  }
  if (expected.length !== actual.rows.length) problems.push(`result set ${n}: ${actual.rows.length} row(s), expected ${expected.length}: got ${JSON.stringify(actual.rows)}`);
  expected.forEach((row, r) => {
    const got = actual.rows[r];
    if (got === undefined) return;
    Object.values(row).forEach((value, k) => {
      const col = actual.columns[k];
      if (col === undefined) return;
      const why = compareValue(value, got[k] ?? null, col.type);
      if (why !== undefined) problems.push(`result set ${n}, row ${r + 1}, ${col.name} (${col.type}): ${why}`);
    });
  });
  return problems;
}

const NUMERIC = /^(TINYINT|UTINYINT|SMALLINT|USMALLINT|INTEGER|UINTEGER|BIGINT|UBIGINT|HUGEINT|DOUBLE|FLOAT|DECIMAL.*)$/i;
const TEMPORAL = /^(DATE|TIME|TIME_NS|TIME WITH TIME ZONE|TIMESTAMP.*)$/i;

/**
 * Compares one expected JSON value with the emulator's text of a cell. Numbers compare as
 * numbers (and need a numeric column); strings compare exactly, except date/time values,
 * which compare as points in time at 100 ns precision so `2020-01-01 00:00:00.000` (SQL
 * Server's text) equals DuckDB's `2020-01-01 00:00:00` while `.1234567` never equals `.123456`.
 */
export function compareValue(expected: unknown, actual: string | null, type: string): string | undefined {
  const show = (): string => `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
  if (expected === null) return actual === null ? undefined : show();
  if (actual === null) return show();
  if (typeof expected === 'number') {
    if (!NUMERIC.test(type)) return `${show()} (a number was expected, the column is ${type})`;
    return Number(actual) === expected ? undefined : show();
  }
  if (typeof expected !== 'string') return `unsupported expectation ${JSON.stringify(expected)}`;
  if (TEMPORAL.test(type)) {
    const a = canonicalDateTime(actual);
    const e = canonicalDateTime(expected);
    if (e === undefined) return `the expectation ${JSON.stringify(expected)} is not a date/time`;
    return a === e ? undefined : `${show()} (as instants: ${e} vs ${a ?? '?'})`;
  }
  if (/^UUID$/i.test(type)) return actual.toLowerCase() === expected.toLowerCase() ? undefined : show();
  return actual === expected ? undefined : show();
}

/** `YYYY-MM-DD hh:mm:ss.fffffffff` (+offset) from SQL Server's or DuckDB's text of a date/time. */
function canonicalDateTime(text: string): string | undefined {
  const m = /^(?:(\d{4}-\d{2}-\d{2}))?[ T]?(?:(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*([+-]\d{2}(?::?\d{2})?|Z)?$/.exec(text.trim());
  if (m === null || (m[1] === undefined && m[2] === undefined)) return undefined;
  const frac = (m[5] ?? '').padEnd(9, '0');
  let offset = m[6] ?? '';
  if (offset === 'Z' || /^[+-]00(:?00)?$/.test(offset)) offset = '';
  else if (/^[+-]\d{2}$/.test(offset)) offset += ':00';
  return `${m[1] ?? ''} ${m[2] ?? '00'}:${m[3] ?? '00'}:${m[4] ?? '00'}.${frac}${offset}`.trim();
}
