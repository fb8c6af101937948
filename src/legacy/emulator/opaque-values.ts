import type { ColumnRef, Identifier, MethodCall, Node } from '../../tsql';
import type { SqlFragment, SqlTranslator } from './expressions';
import type { SqlScope } from './sql-scope';
import { OPAQUE_TYPES, type TsqlType } from './tsql-types';
import { OPAQUE_USE } from './order-and-window';

// geography, geometry, hierarchyid and sql_variant values are carried as the text the input
// files hold (WKT, '/1/2/'): enough to store and copy them, never to compute with them. What
// would need their value (a property, grouping, de-duplication, a conversion) is refused where
// it is written, rather than computed from the text, which is not the value SQL Server holds.

const SPATIAL = new Set(['geography', 'geometry']);

function written(parts: readonly Identifier[]): string {
  return parts.map((p) => (p.quote === 'bracket' ? `[${p.name}]` : p.quote === 'double' ? `"${p.name}"` : p.name)).join('.');
}

/**
 * `m.[Location].Lat`, `Loc.Long`: a property of a CLR-typed column, which parses as a column
 * reference whose qualifier is that column. Refused at its location (DuckDB read it as a struct
 * field and failed inside the emulator).
 */
export function refuseColumnProperty(t: SqlTranslator, e: ColumnRef, scope: SqlScope): void {
  if (e.parts.length < 2) return;
  const owner = scope.lookupRef(e.parts.slice(0, -1));
  if (owner === undefined || owner.family !== 'opaque') return;
  const property = e.parts[e.parts.length - 1]?.name ?? '';
  const type = owner.tsqlType?.name === undefined ? '' : ` (${owner.tsqlType.name})`;
  throw t.state.unsupported(e, `the property ${property} of the column ${written(e.parts.slice(0, -1))}${type} (geography, geometry, hierarchyid and CLR type properties are not emulated)`);
}

/** A value grouped, partitioned or de-duplicated by (`clause`): refused when it is opaque. */
export function refuseOpaqueKey(t: SqlTranslator, node: Pick<Node, 'span'>, x: Pick<SqlFragment, 'family'>, clause: string): void {
  if (x.family === 'opaque') throw t.state.unsupported(node, `${clause} of a geography, geometry, hierarchyid or sql_variant value: ${OPAQUE_USE}`);
}

/**
 * Why converting `value` to `type` cannot be emulated, or undefined. A geography or geometry
 * value to any other type (its text is not necessarily what ToString() gives, its bytes are not
 * SQL Server's serialisation, geography and geometry do not convert into each other), and text to
 * geography or geometry (SQL Server parses it: the value's text form is then its own).
 */
export function spatialConversionRefusal(value: Pick<SqlFragment, 'family' | 'tsqlType'>, type: TsqlType): string | undefined {
  const from = value.tsqlType?.name;
  // a CASE or IIF over such values keeps their family, not their type: into anything else, refused the same way
  if (value.family === 'opaque' && from === undefined && !OPAQUE_TYPES.has(type.name)) return `converting a geography, geometry, hierarchyid or sql_variant value to ${type.name} (the emulator holds it as the text it was loaded with, not as SQL Server's value)`;
  if (from !== undefined && SPATIAL.has(from) && from !== type.name) return `converting ${from} to ${type.name} (the emulator holds a spatial value as the text it was loaded with, not as SQL Server's value)`;
  if (value.family === 'string' && SPATIAL.has(type.name)) return `converting text to ${type.name} (SQL Server parses it into a spatial value whose text form the emulator does not compute)`;
  return undefined;
}

/**
 * `@Boundary.STContains(…)`, `@g.Lat`: a method or property of a variable of a CLR type, named
 * with the variable and its type (the xml methods' refusal said nothing of either).
 */
export function refuseVariableMethod(t: SqlTranslator, call: MethodCall): void {
  if (call.target.kind !== 'Variable') return;
  const type = t.state.frame.variables.get(call.target.name.toLowerCase())?.type;
  if (type === undefined || !OPAQUE_TYPES.has(type.name)) return;
  throw t.state.unsupported(call, `the method ${call.method}() of the variable ${call.target.name} (${type.name}) (geography, geometry, hierarchyid and CLR type methods and properties are not emulated)`);
}

/**
 * ISNULL and COALESCE over a geography or geometry value: one result type, so text beside it is
 * parsed (its text form is then SQL Server's) and geography beside geometry does not convert.
 */
export function refuseSpatialBranches(t: SqlTranslator, call: Pick<Node, 'span'>, name: string, xs: readonly Pick<SqlFragment, 'family' | 'tsqlType'>[]): void {
  const spatial = [...new Set(xs.flatMap((x) => (x.tsqlType !== undefined && SPATIAL.has(x.tsqlType.name) ? [x.tsqlType.name] : [])))];
  if (spatial.length > 1) throw t.state.unsupported(call, `${name} of ${spatial.join(' and ')} values (SQL Server does not convert one into the other)`);
  const type = spatial[0];
  if (type !== undefined && xs.some((x) => x.family === 'string')) throw t.state.unsupported(call, `${name} of ${type} and text (SQL Server parses the text into a spatial value whose text form the emulator does not compute)`);
}
