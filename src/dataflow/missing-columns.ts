import type * as A from '../tsql';
import { columnRenameOf, forEachStatement, isTempName, normalizeNameParts, normalizeObjectName, objectRenameOf, quoteNamePart, renamedObjectParts } from '../tsql';
import type { TableCatalog } from './build-graph';
import type { DraftNode } from './node-registry';

// Columns an object names that its permanent tables lack once the scripts have run (an upgrade
// script renamed or dropped them): SQL Server fails the object when it runs (error 207). Found
// while the graph is built, from names the query analyzer binds with certainty (scope.ts,
// Relation.exact); reported by analyze for the objects in effect (missing-column-report.ts).

/** One column name an object gives a table of the catalog that the table does not have. */
export interface ColumnFinding {
  readonly line: number;
  readonly column: number;
  /** The table's normalised name (the catalog's key). */
  readonly table: string;
  /** The table as the object first writes it (`dbo.[Price List]`). */
  readonly tableLabel: string;
  /** The table is named without its schema (the caller's default schema decides which it is). */
  readonly bare?: true;
  /** The column as written (`[Old Price]`, `OldPrice`), and lower-cased as the catalog keys it. */
  readonly name: string;
  readonly key: string;
}

/** An identifier as written: bracketed or quoted as in the source. */
function writtenIdentifier(id: A.Identifier): string {
  return id.quote === 'bracket' ? `[${id.name.replace(/]/g, ']]')}]` : id.quote === 'double' ? `"${id.name}"` : id.name;
}

/** A name as displayObjectName shows it (`dbo.Price List`, `[a.b].t`) with each part that
 * needs it bracketed, as T-SQL writes the name (`dbo.[Price List]`). */
export function writtenName(label: string): string {
  return [...label.matchAll(/\[(?:[^\]]|\]\])*\]|[^.]+/g)].map((m) => {
    const part = m[0];
    return part.startsWith('[') ? part : quoteNamePart(part);
  }).join('.');
}

// Pseudo-columns every table answers to (`$IDENTITY`, `IDENTITYCOL`, a graph table's `$node_id`).
const PSEUDO = /^(?:\$|identitycol$|rowguidcol$)/i;

/**
 * Records, while one object's graph is built, each column name bound to a table of the catalog
 * that the table's final columns lack. Tables the object itself changes or defines (ALTER
 * TABLE, sp_rename, CREATE, DROP, SELECT … INTO: declared columns) and synonyms are left out:
 * their shape when the statement runs is not the catalog's.
 */
export class ColumnFindingRecorder {
  private readonly columns = new Map<string, ReadonlySet<string> | undefined>();
  private readonly seen = new Set<string>();
  readonly findings: ColumnFinding[] = [];

  constructor(private readonly catalog: TableCatalog | undefined, private readonly declared: (node: DraftNode) => boolean) {}

  /** The analyzer's `tableColumn`: `column` surely names a column of `node`'s table. */
  check(node: DraftNode, column: A.Identifier): void {
    if (node.kind !== 'table' || node.synonymOf !== undefined || PSEUDO.test(column.name) || this.declared(node)) return;
    let known = this.columns.get(node.name);
    if (!this.columns.has(node.name)) {
      const list = this.catalog?.get(node.name);
      known = list === undefined ? undefined : new Set(list);
      this.columns.set(node.name, known);
    }
    const lower = column.name.toLowerCase();
    if (known === undefined || known.has(lower)) return;
    const { line, column: col } = column.span.start;
    // an expression the analysis walks twice (a nested DML's target) is one reference
    const key = `${line}:${col}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    // (a node's label is its first spelling in the object: one part when written without a schema)
    const bare = !/^(?:\[(?:[^\]]|\]\])*\]|[^.[]+)\./.test(node.label);
    this.findings.push({ line, column: col, table: node.name, tableLabel: writtenName(node.label), ...(bare ? { bare } : {}), name: writtenIdentifier(column), key: lower });
  }

  /** The findings, less those of tables the object's own statements change (see the class). */
  result(container: A.Statement | undefined, statements: readonly A.Statement[], defaultSchema: string): ColumnFinding[] {
    if (this.findings.length === 0) return [];
    const changed = new Set<string>();
    const note = (s: A.Statement): void => {
      if ((s.kind === 'AlterTable' || s.kind === 'CreateTable') && !isTempName(s.name)) changed.add(normalizeObjectName(s.name, defaultSchema));
      if (s.kind === 'Drop' && s.objectType.toUpperCase() === 'TABLE') for (const n of s.names) changed.add(normalizeObjectName(n, defaultSchema));
      const column = s.kind === 'Execute' ? columnRenameOf(s) : undefined;
      if (column !== undefined) changed.add(normalizeNameParts(column.table, defaultSchema));
      const object = s.kind === 'Execute' ? objectRenameOf(s) : undefined;
      if (object !== undefined) for (const n of [object.object, renamedObjectParts(object)]) changed.add(normalizeNameParts(n, defaultSchema));
    };
    for (const s of container === undefined ? statements : [container]) forEachStatement(s, note);
    return changed.size === 0 ? this.findings : this.findings.filter((f) => !changed.has(f.table));
  }
}
