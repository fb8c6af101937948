import type { QuerySpec, Select } from '../../tsql';
import { isTempName, withFirstQuery } from '../../tsql';
import { quote, SqlTranslator } from './expressions';
import { tableKey } from './queries';
import { runSql } from './runtime';
import type { EmulatorState } from './state';
import { duckTableName, registerCreatedTable } from './tables/tables';
import { noteWrite } from './reproducibility/statement-tracking';
import { identityFunction, inheritedIdentity, installIdentity } from './select-into-identity';
import { constrainSelectInto } from './select-into-nullability';
import { installCopiedRowversion } from './reproducibility/rowversion';
import { storedQuery } from './reproducibility/window-ties';
import { isOffsetValue } from './dates/offset-values';
import { refuseDoubtedColumns } from './power-function';
import { refuseUnknownPrecision } from './set-operation-types';

/**
 * SELECT … INTO a new table: the table created from the query's columns (their declared types,
 * nullability, an IDENTITY() or inherited identity, a copied rowversion), refused where its
 * column types are not certain (a datetimeoffset at another offset, a doubted precision).
 */
export async function selectInto(state: EmulatorState, select: Select, spec: QuerySpec): Promise<void> {
  const into = spec.into;
  if (into === undefined) return;
  if (into.kind !== 'TableRef') throw state.unsupported(into, 'SELECT … INTO a table variable or function');
  const parts = into.name.parts.map((p) => p.name);
  const written = parts.join('.');
  const temp = into.temp || isTempName(written);
  const key = tableKey(written, state.frames.length);
  if (state.tables.has(key)) throw state.unsupported(into, `SELECT … INTO an existing table ${written} (SQL Server fails: "There is already an object named …")`);
  const t = new SqlTranslator(state);
  // `SELECT … INTO #t FROM a UNION ALL SELECT … FROM b`: INTO sits on the first query and the
  // table takes the whole set operation's rows and column types.
  const setOperation = select.body !== spec;
  const numbered = identityFunction(state, select, spec);
  if (setOperation && numbered.identity !== undefined) throw state.unsupported(into, 'IDENTITY() in a SELECT … INTO whose query is a UNION, EXCEPT or INTERSECT');
  const body = withFirstQuery(select.body, { ...numbered.spec, into: undefined });
  const q = t.query(storedQuery({ ...select, body }, numbered.identity !== undefined), undefined);
  const sqlName = duckTableName(parts);
  if (q.columns.some(isOffsetValue)) throw state.unsupported(into, 'SELECT … INTO a datetimeoffset column at an offset other than +00:00 (the emulator stores datetimeoffset values at +00:00 only)');
  refuseDoubtedColumns(state, into, q.columns);
  refuseUnknownPrecision(state, into, q.columns);
  if (!temp) {
    // The schema duckTableName chose (another database's table keeps its database in it).
    const schema = /^"((?:[^"]|"")*)"\./.exec(sqlName)?.[1]?.replace(/""/g, '"') ?? 'dbo';
    await state.session.run(`CREATE SCHEMA IF NOT EXISTS ${quote(schema)}`);
  }
  await runSql(state, `CREATE ${temp ? 'TEMP ' : ''}TABLE ${sqlName} AS ${q.sql}`, t.params, select.span);
  await storeSqlServerDecimals(state, sqlName, q.columns, select);
  await constrainSelectInto(state, select, numbered.spec, sqlName, q.columns);
  let created = await registerCreatedTable(state, key, sqlName, q.columns.map((c) => c.tsqlType), q.columns.map((c) => c.unicodeText));
  await installCopiedRowversion(state, created);
  const n = Number(await state.session.scalar(`SELECT count(*) FROM ${sqlName}`));
  // An IDENTITY() column, or the source's identity column selected as it is, is the new table's identity.
  // Not through a UNION: "multiple SELECT statements are joined by using UNION" keeps the identity property out (SELECT - INTO Clause).
  const identity = numbered.identity ?? (setOperation ? undefined : inheritedIdentity(state, spec, created));
  if (identity !== undefined) {
    created = await installIdentity(state, created, identity, n, temp);
    state.tables.set(key, created);
  }
  state.written.add(created);
  noteWrite(state, created, into);
  if (temp) state.frame.tempTables.push(key);
  state.rowCount = n;
}

/**
 * The new table's decimal columns take the type SQL Server gives the expression, not the one
 * DuckDB inferred for it: `Base * (1 - Pct)` of a decimal(9,2) and a decimal(5,4) is
 * decimal(16,6) on SQL Server and DECIMAL(18,6) in DuckDB, and a later product or quotient past
 * precision 38 keeps a scale that depends on that precision (`Raw * Raw / 7` has 15 decimals from
 * decimal(16,6), 11 from decimal(18,6)). Only where the translator knows the type (its duckType).
 */
async function storeSqlServerDecimals(state: EmulatorState, sqlName: string, columns: readonly { duckType: string }[], select: Select): Promise<void> {
  const described = await state.session.describe(`SELECT * FROM ${sqlName} LIMIT 0`);
  for (const [i, c] of described.columns.entries()) {
    const meant = (columns[i]?.duckType ?? '').replace(/\s/g, '').toUpperCase();
    if (!/^DECIMAL\(\d+,\d+\)$/.test(meant) || !/^DECIMAL\(/i.test(c.type) || c.type.replace(/\s/g, '').toUpperCase() === meant) continue;
    await runSql(state, `ALTER TABLE ${sqlName} ALTER COLUMN ${quote(c.name)} TYPE ${meant}`, [], select.span);
  }
}
