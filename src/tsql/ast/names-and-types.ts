import type { NodeBase } from './node-base';

/** One name part. `name` is the value with brackets/quotes removed (`[a]]b]` -> `a]b`). */
export interface Identifier extends NodeBase {
  readonly kind: 'Identifier';
  readonly name: string;
  readonly quote: 'none' | 'bracket' | 'double';
}

/**
 * A multi-part object name as written: `t`, `dbo.t`, `db..t` (the schema part is an empty
 * Identifier), `server.db.dbo.t`. `normalizeObjectName` turns it into the `schema.name` form.
 */
export interface ObjectName extends NodeBase {
  readonly kind: 'ObjectName';
  readonly parts: readonly Identifier[];
}

/** A data type with its arguments: `int`, `varchar(max)` (args `['max']`), `decimal(18,4)`. */
export interface DataType extends NodeBase {
  readonly kind: 'DataType';
  readonly name: ObjectName;
  readonly args: readonly string[];
}
