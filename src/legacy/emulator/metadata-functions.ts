import type { Expression, FunctionCall } from '../../tsql';
import { objectKey, synonymTargetOf } from './catalog';
import type { SqlFragment, SqlTranslator } from './expressions';
import { refuseLostIdentity } from './tables/identity-insert';
import { quoteLiteral } from '../../engine';
import { makeType } from './tsql-types';
import { isDynamicSql } from './dynamic-sql-scope';
import { noteCursorStatusRead } from './reproducibility/cursor-taint';
import { noteIdentityCounterRead } from './reproducibility/taint-reads';

// OBJECT_ID, IDENT_CURRENT and CURSOR_STATUS: what the run knows of its tables, identities and
// cursors, for the functions that ask about them by name.

function stringArg(t: SqlTranslator, call: FunctionCall, i: number): string {
  const e = call.args[i];
  if (e !== undefined && e.kind === 'Literal' && (e.literalType === 'string' || e.literalType === 'nstring')) return e.value;
  throw t.state.unsupported(call, `${call.name.parts.map((p) => p.name).join('.')} with a non-literal argument`);
}

/**
 * OBJECT_ID(name [, type]) read as a value: NULL when no such object exists, which is certain.
 * An existing object's id is the database's (negative for a #temp table), which no script fixes:
 * refused, so `INSERT … VALUES (OBJECT_ID('dbo.T'))` never writes a made-up id. Only whether it
 * is NULL is known (objectIdPresence, for `OBJECT_ID(…) IS [NOT] NULL`).
 */
export function objectId(t: SqlTranslator, call: FunctionCall): SqlFragment {
  const exists = objectExists(t, call);
  if (exists) throw t.state.unsupported(call, `the value of OBJECT_ID of an object that exists (the database's object id, which the scripts do not fix; only OBJECT_ID(…) IS NULL and IS NOT NULL are emulated)`);
  return { sql: t.bind(null, 'INTEGER'), family: 'integer' };
}

/** True for `OBJECT_ID(…)`, whose `IS [NOT] NULL` test expressions.ts answers with objectIdPresence. */
export function isObjectIdCall(e: Expression): e is FunctionCall {
  return e.kind === 'FunctionCall' && e.name.parts.length === 1 && e.name.parts[0]?.name.toUpperCase() === 'OBJECT_ID';
}

/** OBJECT_ID(…) under IS [NOT] NULL: 1 when the object exists (any non-NULL id tests alike), else NULL. */
export function objectIdPresence(t: SqlTranslator, call: FunctionCall): SqlFragment {
  return { sql: t.bind(objectExists(t, call) ? '1' : null, 'INTEGER'), family: 'integer' };
}

/** The object types OBJECT_ID's second argument may name, and what the run knows of each. */
const OBJECT_TYPES: Readonly<Record<string, (t: SqlTranslator, key: string) => boolean>> = {
  U: (t, key) => t.state.tables.has(key) || (!key.startsWith('#') && t.state.definitions.has(key)),
  P: (t, key) => t.state.procedures.has(key),
  V: (t, key) => { const v = t.state.catalog.views.get(key); return v !== undefined && synonymTargetOf(v.definition) === undefined; },
  SN: (t, key) => { const v = t.state.catalog.views.get(key); return v !== undefined && synonymTargetOf(v.definition) !== undefined; },
  SO: (t, key) => t.state.catalog.sequences.has(key),
  TR: (t, key) => [...t.state.catalog.triggers.values()].some((list) => list.some((d) => objectKey(d.definition.name.parts) === key)),
};

/**
 * Whether the object OBJECT_ID names exists, of the type its second argument names (any type
 * without one; a function's own codes FN/IF/TF and the rest are refused). A temp table is
 * only a table.
 */
function objectExists(t: SqlTranslator, call: FunctionCall): boolean {
  const key = tableKeyOfText(stringArg(t, call, 0));
  if (call.args.length > 2) throw t.state.unsupported(call, 'OBJECT_ID with more than two arguments');
  if (call.args.length === 2) {
    const type = stringArg(t, call, 1).replace(/ +$/, '');
    const known = OBJECT_TYPES[type];
    if (known === undefined) throw t.state.unsupported(call, `OBJECT_ID with the object type '${type}' (emulated: ${Object.keys(OBJECT_TYPES).join(', ')}, upper case)`);
    return known(t, key);
  }
  if (key.startsWith('#')) return t.state.tables.has(key);
  return Object.values(OBJECT_TYPES).some((exists) => exists(t, key)) || t.state.catalog.functions.has(key);
}

/**
 * OBJECT_NAME(@@PROCID) and OBJECT_SCHEMA_NAME(@@PROCID), the logging idiom: the running
 * procedure's or trigger's name as its CREATE writes it (sysname, nvarchar(128); no schema
 * written is dbo, as the emulator keys such a procedure). @@PROCID is
 * the module's object id, which the database assigns, so any other argument (an id, a second
 * database argument) and @@PROCID inside a function (which the emulator may have inlined into
 * the caller's statement) are refused.
 */
export function objectNameOfModule(t: SqlTranslator, call: FunctionCall, name: 'OBJECT_NAME' | 'OBJECT_SCHEMA_NAME'): SqlFragment {
  const arg = call.args[0];
  if (call.args.length !== 1 || arg?.kind !== 'SystemVariable' || arg.name.toUpperCase() !== '@@PROCID') {
    throw t.state.unsupported(call, `${name} of anything but @@PROCID (object ids are the database's, which the scripts do not fix)`);
  }
  const module = t.state.frames.length > 0 ? t.state.frame.procedure : undefined;
  if (module === undefined || (module.kind !== 'CreateProcedure' && module.kind !== 'CreateTrigger')) {
    throw t.state.unsupported(call, `${name}(@@PROCID) outside a procedure or trigger`);
  }
  // Dynamic SQL is a batch, no module: what @@PROCID holds there is not documented.
  if (isDynamicSql(module)) throw t.state.unsupported(call, `${name}(@@PROCID) in dynamic SQL (a batch of its own, not the procedure that runs it)`);
  const parts = module.name.parts;
  const part = name === 'OBJECT_NAME' ? parts[parts.length - 1]?.name : parts.length >= 2 ? parts[parts.length - 2]?.name : 'dbo';
  return { sql: quoteLiteral(part ?? ''), family: 'string', duckType: 'VARCHAR', tsqlType: makeType('nvarchar', ['128']) };
}

/**
 * IDENT_CURRENT('table'): the last identity value generated for that table, in any scope. Within a
 * run that is the last value the run drew for it; before the run draws one, SQL Server's answer
 * comes from the table's history (its seed, or rows inserted before), which the emulator does not
 * know: refused. NULL for a name that is no table, or a table without an identity, as in SQL Server.
 */
export function identCurrent(t: SqlTranslator, call: FunctionCall): SqlFragment {
  const raw = stringArg(t, call, 0);
  const key = tableKeyOfText(raw);
  const info = t.state.tables.get(key);
  // A defined table the run has not touched yet is not built: nothing was inserted into it.
  const untouched = info === undefined && (t.state.definitions.get(key)?.definition.columns.some((c) => c.identity) ?? false);
  if (!untouched && (info === undefined || info.identity === undefined)) return { sql: t.bind(null, 'DECIMAL(38,0)'), family: 'exact' };
  if (info !== undefined) refuseLostIdentity(t.state, call, info);
  const v = info === undefined ? undefined : t.state.identityByTable.get(info.sqlName);
  if (info === undefined || v === undefined) throw t.state.unsupported(call, `IDENT_CURRENT('${raw}') before the run inserts into that table (SQL Server's value depends on the table's history)`);
  // After rows a not-reproducible value decides were numbered from it, SQL Server's counter may stand elsewhere.
  noteIdentityCounterRead(t.state, info, call);
  return { sql: t.bind(v, 'DECIMAL(38,0)'), family: 'exact' };
}

/** The emulator's table key of a name written as text (`'[dbo].[My Table]'`, `'Orders'`, `'#t'`). */
function tableKeyOfText(raw: string): string {
  const name = raw.replace(/^tempdb\.[^.]*\./i, '').replace(/[[\]]/g, '');
  return name.startsWith('#') ? name.toLowerCase() : (name.includes('.') ? name : `dbo.${name}`).toLowerCase();
}

export function cursorStatus(t: SqlTranslator, call: FunctionCall): SqlFragment {
  const name = stringArg(t, call, 1).toLowerCase();
  const c = t.state.frames.length > 0 ? t.state.frame.cursors.get(name) : undefined;
  // 1 open with rows, 0 open and empty, -1 closed, -3 does not exist.
  const v = c === undefined ? -3 : c.rows === undefined ? -1 : c.rows.length > 0 ? 1 : 0;
  if (c !== undefined) noteCursorStatusRead(t.state, c, call);
  return { sql: t.bind(String(v), 'INTEGER'), family: 'integer' };
}
