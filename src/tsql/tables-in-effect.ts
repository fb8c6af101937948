import type { CreateTable, Node, ParsedScript } from './ast';
import { tableShape } from './table-shape';
import { isTempName, normalizeObjectName } from './names';
import { walk } from './visitor';

/**
 * Which CREATE TABLE of a permanent table is the table, in scripts that run in the order given
 * (path order), and which later changes (ALTER TABLE, sp_rename of a column, CREATE INDEX) apply
 * to it. The first CREATE stands: a second one fails on SQL Server, the table exists. A DROP
 * TABLE after it (an upgrade script that rebuilds the table with other columns, `DROP TABLE
 * dbo.Price` / `CREATE TABLE dbo.Price (… decimal(9,2) …)`, guarded or not) removes it, so the
 * next CREATE is the table, and only changes after that DROP apply (a first CREATE's changes count
 * wherever they stand: an upgrade script may sort before the script it changes). The analysis, the specs and
 * the emulator all read tables by this rule, so a rebuilt table has one shape everywhere.
 */
export interface TablesInEffect {
  /** The CREATE TABLE statements in effect (one per table at most). */
  readonly creates: ReadonlySet<CreateTable>;
  /** Whether a change at `node` of `script`, of the table `key` (normalised name), is of the table in
   * effect: not one made before a DROP TABLE that rebuilt it (true for a table no CREATE defines). */
  readonly appliesTo: (key: string, node: Node, script: ParsedScript) => boolean;
  /**
   * A CREATE in effect that a later script creates again, outside any IF and without a DROP TABLE
   * between, with other columns, types, nullability, defaults or keys (copies that differ only in
   * layout, case, brackets, comments or constraint names are the same table). That second CREATE
   * fails on SQL Server (error 2714), so the scripts never ran as the folder orders them: which
   * shape the database has (a project folder's, a stale copy's) is not in the scripts.
   */
  readonly redefinedBy: ReadonlyMap<CreateTable, { readonly create: CreateTable; readonly script: ParsedScript }>;
}

/** See {@link TablesInEffect}. Statements inside procedures, functions and triggers run only when those run: not counted. */
export function tablesInEffect(scripts: readonly ParsedScript[], defaultSchema = 'dbo'): TablesInEffect {
  const order = new Map(scripts.map((s, i) => [s, i]));
  // `since`: where the DROP TABLE before the CREATE in effect ran (changes before it were of the
  // table dropped); undefined for a first CREATE, whose changes count wherever they stand, as an
  // upgrade script may sort before the script it changes
  const current = new Map<string, { create: CreateTable; script: ParsedScript; since: readonly [number, number] | undefined; dropped: readonly [number, number] | undefined }>();
  const redefinedBy = new Map<CreateTable, { create: CreateTable; script: ParsedScript }>();
  scripts.forEach((script, i) => {
    for (const batch of script.batches) {
      for (const statement of batch.statements) {
        // `IF OBJECT_ID(…) IS NULL CREATE TABLE …` (or any IF) is skipped when the table exists:
        // in path order the first CREATE stands, so only an unguarded second CREATE contradicts it
        const guarded = statement.kind === 'If';
        walk(statement, (n) => {
          if (n.kind === 'CreateProcedure' || n.kind === 'CreateFunction' || n.kind === 'CreateTrigger') return false;
          if (n.kind === 'CreateTable' && !isTempName(n.name)) {
            const key = normalizeObjectName(n.name, defaultSchema);
            const known = current.get(key);
            if (known === undefined) current.set(key, { create: n, script, since: undefined, dropped: undefined });
            else if (known.dropped !== undefined) current.set(key, { create: n, script, since: known.dropped, dropped: undefined });
            else if (!guarded && !redefinedBy.has(known.create) && tableShape(known.create, known.script.lineIndex.text) !== tableShape(n, script.lineIndex.text)) redefinedBy.set(known.create, { create: n, script });
          }
          if (n.kind === 'Drop' && n.objectType.toUpperCase() === 'TABLE') {
            for (const name of n.names) {
              const known = isTempName(name) ? undefined : current.get(normalizeObjectName(name, defaultSchema));
              if (known !== undefined) current.set(normalizeObjectName(name, defaultSchema), { ...known, dropped: [i, n.span.start.offset] });
            }
          }
          return undefined;
        });
      }
    }
  });
  return {
    creates: new Set([...current.values()].map((c) => c.create)),
    redefinedBy,
    appliesTo: (key, node, script) => {
      const since = current.get(key)?.since;
      const at = order.get(script);
      if (since === undefined || at === undefined) return true;
      return at > since[0] || (at === since[0] && node.span.start.offset > since[1]);
    },
  };
}
