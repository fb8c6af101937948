import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emulateProcedure, type EmulationResult } from '../../../../src/legacy/emulator/emulate-procedure';
import { emulateSection, type EmulateSectionOptions, type SectionRunResult } from '../../../../src/legacy/emulator/section/emulate-section';
import { parseScript } from '../../../../src/tsql';
import { withReusedDatabase } from '../../../support/reused-database';

/** Runs `body` as the body of dbo.usp_test (with optional table DDL and input CSVs). */
export async function runBody(body: string, options: {
  tables?: string; params?: Record<string, unknown>; paramDecl?: string; csv?: Record<string, string>; extraProcs?: string; allowDynamicSql?: boolean; clock?: string; serverVersion?: number;
} = {}): Promise<EmulationResult> {
  const proc = `CREATE PROCEDURE dbo.usp_test ${options.paramDecl ?? ''}\nAS\nBEGIN\n${body}\nEND\nGO\n${options.extraProcs ?? ''}`;
  const scripts = [
    parseScript(options.tables ?? '', { file: 'tables.sql' }),
    parseScript(proc, { file: 'usp_test.sql' }),
  ];
  let inputs: { table: string; file: string }[] = [];
  if (options.csv !== undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'legacy-test-'));
    inputs = Object.entries(options.csv).map(([table, text]) => {
      const file = join(dir, `${table}.csv`);
      writeFileSync(file, text);
      return { table, file };
    });
  }
  return withReusedDatabase((session) => emulateProcedure({ scripts, procedure: 'dbo.usp_test', params: options.params ?? {}, session, inputs, clock: options.clock ?? '2026-01-15T10:20:30', allowDynamicSql: options.allowDynamicSql ?? false, serverVersion: options.serverVersion }));
}

/** The value of the single-column, single-row result set `SELECT <expr> AS v`, as a plain JS value. */
export async function evalTsql(expr: string, declarations = ''): Promise<unknown> {
  const r = await runBody(`${declarations}\nSELECT ${expr} AS v;`);
  const v = r.resultSets[0]?.rows[0]?.v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString().replace('T', ' ').replace(/\.000Z$/, '').replace(/Z$/, '');
  return v;
}

/** The rows of result set `i` with BIGINT values as numbers, for toEqual. */
export function resultRows(r: EmulationResult, i = 0): Record<string, unknown>[] {
  return (r.resultSets[i]?.rows ?? []).map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
}

/** Runs a section (emulateSection) in a session of its own. */
export function runSection(options: Omit<EmulateSectionOptions, 'session'>): Promise<SectionRunResult> {
  return withReusedDatabase((session) => emulateSection({ ...options, session }));
}
