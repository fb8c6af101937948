import * as tsql from '../tsql';
import { formatSpecName } from './spec-names';

/** A DML trigger of a table, as a section that writes the table is told of it. */
export interface TableTrigger {
  /** As its CREATE TRIGGER writes it (`dbo.trg_Item_Audit`). */
  readonly name: string;
  /** `AFTER UPDATE`, `INSTEAD OF INSERT, DELETE`. */
  readonly fires: string;
  readonly events: readonly string[];
  /** The permanent tables its statements write, in spec form (`dbo.PriceAudit`). */
  readonly writes: readonly string[];
  /** The permanent tables its statements read (a lookup, the stock it checks), in spec form: a scenario of a section firing it may give them. */
  readonly reads?: readonly string[];
  /** `file:line` of the CREATE TRIGGER. */
  readonly at: string;
}

/**
 * The DML triggers in effect of each table (keyed by normalised table name), from the scripts in
 * the order they run: a later ALTER replaces one, a DROP TRIGGER removes it. SQL Server runs them
 * with every INSERT, UPDATE or DELETE of the table, so what they write (an audit row per change)
 * is part of what a legacy statement does, though the procedure never names those tables.
 */
export function tableTriggers(scripts: readonly tsql.ParsedScript[], defaultSchema: string, shownFile: (file: string) => string = (f) => f): Map<string, TableTrigger[]> {
  const out = new Map<string, TableTrigger[]>();
  for (const [table, list] of tsql.triggersInEffect(scripts, defaultSchema)) {
    out.set(table, list.map(({ statement: t, script }) => ({
      name: formatSpecName(t.name.parts.map((p) => p.name)),
      fires: `${t.timing} ${t.events.join(', ')}`,
      events: t.events.map((e) => e.toUpperCase()),
      writes: writtenTables(t.body),
      reads: readTables(t.body),
      at: `${shownFile(script.file)}:${t.span.start.line}`,
    })));
  }
  return out;
}

/** The permanent tables statements write (INSERT, UPDATE, DELETE, MERGE targets; an alias read as its table), in spec form. */
function writtenTables(body: readonly tsql.Node[]): string[] {
  const out: string[] = [];
  for (const root of body) {
    tsql.walk(root, (n) => {
      if (n.kind !== 'Insert' && n.kind !== 'Update' && n.kind !== 'Delete' && n.kind !== 'Merge') return undefined;
      const target = n.target;
      if (target.kind !== 'TableRef' || target.temp) return undefined;
      // UPDATE a SET … FROM dbo.T AS a: the alias names the table
      let table = target.name;
      if (table.parts.length === 1) {
        tsql.walk(n, (x) => {
          if (x.kind === 'TableRef' && x !== target && x.alias?.name.toLowerCase() === table.parts[0]?.name.toLowerCase()) table = x.name;
          return undefined;
        });
      }
      const name = formatSpecName(table.parts.map((p) => p.name));
      if (!/^(inserted|deleted)$/i.test(name) && !out.includes(name)) out.push(name);
      return undefined;
    });
  }
  return out;
}

/** The permanent tables statements name in a FROM or JOIN (inserted and deleted aside), in spec form. */
function readTables(body: readonly tsql.Node[]): string[] {
  const out: string[] = [];
  for (const root of body) {
    tsql.walk(root, (n) => {
      if (n.kind !== 'TableRef' || n.temp || n.name.parts.length < 1) return undefined;
      const name = formatSpecName(n.name.parts.map((p) => p.name));
      // a one-part name is an alias (`UPDATE s … FROM dbo.Stock s`) or inserted/deleted: the FROM names the table
      if (n.name.parts.length > 1 && !out.includes(name)) out.push(name);
      return undefined;
    });
  }
  return out;
}
