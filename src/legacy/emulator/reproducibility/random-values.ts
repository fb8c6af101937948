import type { FunctionCall } from '../../../tsql';
import { evalFast } from '../fast-paths/fastpath';
import type { SqlFragment, SqlTranslator } from '../expressions';
import type { EmulatorState } from '../state';
import { taintState, type TaintState } from './taint-state';

/*
 * RAND() and NEWID() cannot give SQL Server's values. The emulator makes them deterministic
 * (a seeded generator: `migrate capture --seed N`, 0 by default) and follows where their values
 * go: a statement that evaluates one, or reads a variable or table that holds such a value,
 * taints what it writes (all columns of the tables it writes, its result sets, the variables it
 * assigns). The capture's manifest names those output columns as non-reproducible.
 */

/** Translators of column DEFAULTs (tables.ts), whose draws the INSERTs firing them note. */
const defaultTranslators = new WeakSet<SqlTranslator>();

/** Marks `t` as translating a column DEFAULT. */
export function translatesDefault(t: SqlTranslator): void {
  defaultTranslators.add(t);
}

/** Seeds RAND() and NEWID() for a run and creates the counter NEWID() uses. */
export async function installRandom(state: EmulatorState, seed: number): Promise<void> {
  const r = taintState(state);
  r.seed = seed;
  r.s = seed >>> 0;
  await state.session.run('CREATE OR REPLACE TEMP SEQUENCE "__tsql_newid" START 1');
}

function next(r: TaintState): number {
  // mulberry32: small, fast and fully determined by the seed.
  r.s = (r.s + 0x6d2b79f5) >>> 0;
  let x = r.s;
  x = Math.imul(x ^ (x >>> 15), x | 1);
  x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
}

/**
 * RAND([seed]) and NEWID(). RAND is one value per query, as in SQL Server (evaluated once, not
 * per row); RAND(n) restarts the sequence from n. NEWID is a new uniqueidentifier per row.
 */
export function translateRandom(t: SqlTranslator, call: FunctionCall, name: 'RAND' | 'NEWID' | 'NEWSEQUENTIALID'): SqlFragment {
  const r = taintState(t.state);
  // A column DEFAULT is translated once, where the table is built: the INSERTs that fire it are
  // what draws (random-defaults.ts), not the CREATE TABLE.
  if (!defaultTranslators.has(t)) {
    r.used = r.read = true;
    t.state.randomValuesUsed = true;
    t.state.randomCalls = true;
  }
  if (name === 'NEWSEQUENTIALID') {
    // Only a uniqueidentifier column's DEFAULT may call it (SQL Server: Msg 302 elsewhere).
    if (!defaultTranslators.has(t)) throw t.state.unsupported(call, 'NEWSEQUENTIALID() outside a column DEFAULT (SQL Server: Msg 302)');
    // Each value greater than the last in SQL Server's uniqueidentifier order (bytes 10-15 first):
    // the machine's values differ, their order among the run's rows does not.
    const h = `md5('${r.seed}:sequential')`;
    return { sql: `CAST(substr(${h}, 1, 8) || '-' || substr(${h}, 9, 4) || '-' || substr(${h}, 13, 4) || '-' || substr(${h}, 17, 4) || '-' || lpad(to_hex(nextval('__tsql_newid')), 12, '0') AS UUID)`, family: 'guid', duckType: 'UUID' };
  }
  if (name === 'NEWID') {
    const h = `md5('${r.seed}:' || CAST(nextval('__tsql_newid') AS VARCHAR))`;
    return { sql: `CAST(substr(${h}, 1, 8) || '-' || substr(${h}, 9, 4) || '-4' || substr(${h}, 14, 3) || '-a' || substr(${h}, 18, 3) || '-' || substr(${h}, 21, 12) AS UUID)`, family: 'guid', duckType: 'UUID' };
  }
  const arg = call.args[0];
  if (arg !== undefined) {
    const known = evalFast(t.state, arg);
    if (known === undefined || known.kind === 'bool' || known.value === null) throw t.state.unsupported(arg, 'RAND(seed) with a seed computed per row');
    r.s = Math.trunc(Number(known.value)) >>> 0;
  }
  return { sql: t.bind(String(next(r)), 'DOUBLE'), family: 'approx', duckType: 'DOUBLE' };
}
