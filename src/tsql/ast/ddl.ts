import type { Expression } from './expressions';
import type { Identifier, ObjectName } from './names-and-types';
import type { NodeBase } from './node-base';
import type { ColumnDefinition, TableConstraint, TableDefinition } from './procedural-statements';
import type { OrderByItem } from './queries';

export interface CreateTable extends NodeBase {
  readonly kind: 'CreateTable';
  readonly name: ObjectName;
  readonly temp: boolean;
  readonly definition: TableDefinition;
  /** Trailing `ON [PRIMARY]` / `ON 'default'` / `ON ps(col)`, `TEXTIMAGE_ON`, `FILESTREAM_ON`, `WITH (…)`, as text. */
  readonly options: string | undefined;
}

export interface AlterTable extends NodeBase {
  readonly kind: 'AlterTable';
  readonly name: ObjectName;
  readonly action: 'ADD' | 'DROP' | 'ALTER COLUMN' | 'OTHER';
  readonly columns: readonly ColumnDefinition[];
  readonly constraints: readonly TableConstraint[];
  /** Names dropped (columns and constraints). */
  readonly dropped: readonly Identifier[];
  readonly text: string;
}

export interface Drop extends NodeBase {
  readonly kind: 'Drop';
  /** TABLE, VIEW, PROCEDURE, FUNCTION, TRIGGER, INDEX, TYPE, SCHEMA, SEQUENCE, SYNONYM, STATISTICS… */
  readonly objectType: string;
  readonly ifExists: boolean;
  readonly names: readonly ObjectName[];
  /** `DROP INDEX ix ON t`: the table. */
  readonly on: ObjectName | undefined;
}

export interface CreateIndex extends NodeBase {
  readonly kind: 'CreateIndex';
  readonly name: Identifier;
  readonly table: ObjectName;
  readonly unique: boolean;
  readonly clustered: boolean | undefined;
  readonly columnstore: boolean;
  readonly columns: readonly OrderByItem[];
  readonly include: readonly Identifier[];
  readonly where: Expression | undefined;
  readonly options: string | undefined;
}

/** CREATE STATISTICS / TYPE / SCHEMA / SEQUENCE / SYNONYM: recognised with their name. */
export interface CreateOther extends NodeBase {
  readonly kind: 'CreateOther';
  readonly objectType: string;
  readonly name: ObjectName;
  /** `CREATE TYPE t AS TABLE (…)`. */
  readonly definition: TableDefinition | undefined;
  /** `CREATE SYNONYM s FOR target`, `CREATE STATISTICS s ON t`. */
  readonly target: ObjectName | undefined;
  readonly text: string;
}
