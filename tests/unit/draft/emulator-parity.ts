import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { splitPlaceholders } from '../../../src/draft';
import { LegacyError } from '../../../src/core';
import type { EngineSession } from '../../../src/engine';
import { emulateProcedure, readAsText, TsqlRuntimeError } from '../../../src/legacy';
import { parseScript, type ParsedScript } from '../../../src/tsql';
import { draftOf, type HarnessTable } from './draft-harness';
import { withReusedDatabase } from '../../support/reused-database';

/*
 * Runs a procedure of our own (`dbo.usp_T`, writing `output`) twice: in the T-SQL emulator, and
 * as its draft reading the input tables as the emulator loads them, before the procedure ran (a
 * second DuckDB session where the emulator only loads them: a procedure that updates an input
 * table must not hand the draft its own result as input). Both results are
 * read as the text a capture file holds, rows sorted, so a draft is checked against the
 * emulator's result for the same data (or its run-time stop is returned as `draftError`; a
 * T-SQL error the procedure ends with in the emulator as `emulatorError`).
 */

export interface ParityCase {
  readonly ddl: string;
  readonly procedure: string;
  /** Input tables (columns as a spec writes them) and their rows; `csv` is what the emulator loads. */
  readonly inputs: readonly (HarnessTable & { readonly csv: string; readonly synonymOf?: string })[];
  readonly output: HarnessTable;
}

export interface ParityResult {
  readonly emulator: string[];
  readonly emulatorError?: string;
  /** The emulator's refusal of the procedure (`the emulator does not support …`): the draft runs on the loaded inputs all the same. */
  readonly emulatorRefusal?: string;
  readonly draft: string[] | undefined;
  readonly draftError: string | undefined;
  readonly sql: string;
}

const rowsText = (rows: (string | null)[][]): string[] => rows.map((r) => r.map((v) => (v === null ? 'NULL' : v)).join('|')).sort();

/** `keepRefusal`: the emulator's refusal is returned as `emulatorRefusal` (the draft still runs) instead of failing the call. */
export async function draftAgainstEmulator(c: ParityCase, opts: { readonly keepRefusal?: boolean } = {}): Promise<ParityResult> {
  const dir = mkdtempSync(join(tmpdir(), 'draft-parity-'));
  try {
    return await withReusedDatabase((session) => withReusedDatabase((given) => parity(c, opts, dir, session, given)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function parity(c: ParityCase, opts: { readonly keepRefusal?: boolean }, dir: string, session: EngineSession, given: EngineSession): Promise<ParityResult> {
  // a synonym given beside its table (`synonymOf`) is that table to the emulator: the draft reads its own input, the table's rows
  const inputs = c.inputs.filter((t) => t.synonymOf === undefined).map((t) => {
    const file = join(dir, `${t.name}.csv`);
    writeFileSync(file, t.csv);
    return { table: t.name, file };
  });
  const scripts = [parseScript(c.ddl, { file: 'ddl.sql' }), parseScript(c.procedure, { file: 'proc.sql' })];
  let emulator: string[];
  let emulatorError: string | undefined;
  let emulatorRefusal: string | undefined;
  try {
    const run = await emulateProcedure({ scripts, procedure: 'dbo.usp_T', session, inputs, clock: '2000-01-01T00:00:00' });
    const out = run.tables.get(c.output.name.toLowerCase());
    if (!out) throw new Error(`the emulator wrote no ${c.output.name}`);
    emulator = rowsText((await readAsText(session, `SELECT ${c.output.columns.map((col) => `"${col.split(':')[0] as string}"`).join(', ')} FROM ${out.sqlName}`)).rows);
  } catch (err) {
    // the procedure's own T-SQL error, or (keepRefusal) what the emulator refuses at run time (the
    // input tables stay loaded for the draft); anything else is a failure of the test
    if (opts.keepRefusal === true && err instanceof LegacyError && err.code === 'LEGACY_UNSUPPORTED') emulatorRefusal = err.message;
    else if (!(err instanceof TsqlRuntimeError)) throw err;
    else emulatorError = err.message;
    // no rows to agree with: a test comparing the draft's rows with these fails, naming the error
    emulator = [`the emulator stopped: ${err.message}`];
  }
  // the emulator loads a table when a procedure it runs reads it: one that only reads the inputs
  const bracketed = (name: string): string => name.split('.').map((p) => (p.startsWith('[') ? p : `[${p.replace(/]/g, ']]')}]`)).join('.');
  const loader = `CREATE PROCEDURE dbo.usp_T_Inputs AS BEGIN ${c.inputs.filter((t) => t.synonymOf === undefined).map((t) => `SELECT COUNT(*) FROM ${bracketed(t.name)};`).join(' ')} END`;
  await emulateProcedure({ scripts: [scripts[0] as ParsedScript, parseScript(loader, { file: 'inputs.sql' })], procedure: 'dbo.usp_T_Inputs', session: given, inputs, clock: '2000-01-01T00:00:00' });
  const relation = (name: string): string => name.split('.').map((p) => `"${p}"`).join('.');
  for (const t of c.inputs) if (t.synonymOf !== undefined) await given.run(`CREATE VIEW ${relation(t.name)} AS SELECT * FROM ${relation(t.synonymOf)}`);
  const body = draftOf(c.procedure, { ddl: c.ddl, inputs: c.inputs, output: c.output });
  if (body.sql === undefined) throw new Error(`refused: ${body.refusals.map((r) => `${r.line}:${r.col} ${r.construct}: ${r.reason}`).join('; ')}`);
  const sql = splitPlaceholders(body.sql).map((p) => ('text' in p ? p.text : 'table' in p ? relation(p.table) : 'param' in p ? 'NULL' : "TIMESTAMP '2000-01-01 00:00:00'")).join('');
  try {
    return { emulator, emulatorError, emulatorRefusal, draft: rowsText((await readAsText(given, sql)).rows), draftError: undefined, sql };
  } catch (err) {
    return { emulator, emulatorError, emulatorRefusal, draft: undefined, draftError: err instanceof Error ? err.message : String(err), sql };
  }
}
