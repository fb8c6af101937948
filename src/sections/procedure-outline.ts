import * as tsql from '../tsql';
import type { ColumnType } from '../engine';
import { parseColumnType, parseSqlServerColumnType } from '../engine';
import type { CatalogTable, LineRange, SpecCatalog } from './spec-model';
import { formatSpecName, procedureFolderOf } from './spec-names';
import { columnTypeOfSql, sqlExpressionType, sqlTypeOf } from './sql-expression-type';
import { tableNameAfter, withTableChanges, type TableChange } from './table-alterations';

/** A statement of a procedure as sections see it: where it starts and ends, and its kind. */
export interface OutlineStatement {
  readonly kind: 'outline-statement';
  readonly statementKind: string;
  readonly line: number;
  readonly endLine: number;
  /** Nesting: statements inside a loop/IF/TRY sit under it. */
  readonly depth: number;
  /** A GOTO's target or a label's own name, as written (`done`): where a jump lands. */
  readonly label?: string;
  /** A GOTO (outside CATCH) to a label of the body's top level after it: the label's line, and whether only the procedure's end follows it (tsql gotoTargets). */
  readonly jump?: tsql.Jump;
}

/** A procedure: its name, lines, statements (flattened, control flow included), parameters. */
export interface ProcedureOutline {
  readonly kind: 'procedure-outline';
  /** `schema.name` lower-case, as the dataflow contract writes it. */
  readonly name: string;
  /** As written, in spec form (`dbo.usp_CountEntityLetters`, `Integration.[Load Stock Item]`), for tags and messages. */
  readonly displayName: string;
  /** The folder of its specs under sections/ (spec-names.ts `procedureFolderOf`). */
  readonly folder: string;
  readonly file: string;
  readonly lines: LineRange;
  readonly statements: readonly OutlineStatement[];
  readonly parameters: readonly { readonly name: string; readonly type: ColumnType }[];
  /** How it was defined: an upgrade script's ALTER replaces an earlier CREATE. */
  readonly verb: tsql.DefinitionVerb;
}

type ParseScript = (text: string, options: { file: string }) => tsql.ParsedScript;

/** The parser's entry point, looked up at run time so this module works while it is absent. */
function parser(): ParseScript | undefined {
  const fn = (tsql as unknown as { parseScript?: ParseScript }).parseScript;
  return typeof fn === 'function' ? fn : undefined;
}

/** Whether the T-SQL parser is available (statement counts and propose/check need it). */
export function hasParser(): boolean {
  return parser() !== undefined;
}

/**
 * Flattens nested statements: BEGIN…END blocks disappear, control flow stays as statements. A
 * GOTO outside CATCH gets where it lands (`jumpOf`, tsql gotoTargets); one in a CATCH block is
 * the error path, which a section's run ends with the error anyway.
 */
function flatten(list: readonly tsql.Statement[], depth: number, out: OutlineStatement[], jumpOf: (g: tsql.Goto) => tsql.Jump | undefined, inCatch = false): void {
  for (const s of list) {
    if (s.kind === 'Block') { flatten(s.statements, depth, out, jumpOf, inCatch); continue; }
    const label = s.kind === 'Goto' ? s.label : s.kind === 'Label' ? s.name : undefined;
    const jump = s.kind === 'Goto' && !inCatch ? jumpOf(s) : undefined;
    out.push({ kind: 'outline-statement', statementKind: s.kind, line: s.span.start.line, endLine: s.span.end.line, depth, ...(label === undefined ? {} : { label }), ...(jump === undefined ? {} : { jump }) });
    if (s.kind === 'If') { flatten([s.then], depth + 1, out, jumpOf, inCatch); if (s.else) flatten([s.else], depth + 1, out, jumpOf, inCatch); }
    else if (s.kind === 'While') flatten([s.body], depth + 1, out, jumpOf, inCatch);
    else if (s.kind === 'TryCatch') { flatten(s.tryStatements, depth + 1, out, jumpOf, inCatch); flatten(s.catchStatements, depth + 1, out, jumpOf, true); }
  }
}

/** The column type of a T-SQL data type (`nvarchar(50)` -> text), nullable as declared. */
function columnTypeOf(dataType: tsql.DataType | undefined, nullable: boolean): ColumnType | undefined {
  if (!dataType) return undefined;
  const name = dataType.name.parts.map((p) => p.name).join('.');
  const args = dataType.args.length > 0 ? `(${dataType.args.join(',')})` : '';
  return parseSqlServerColumnType(`${name}${args}${nullable ? '?' : ''}`) ?? parseColumnType(`text${nullable ? '?' : ''}`);
}

/** The parts of an object name as written, with the default schema `dbo` when none is written. */
function displayParts(name: tsql.ObjectName): string[] {
  const parts = name.parts.map((p) => p.name);
  return parts.length === 1 ? ['dbo', ...parts] : parts;
}

/** Reads the procedures of one .sql file (`parsed`: its tree, when the caller has it). Returns [] when the parser is not available. */
export function outlineProcedures(text: string, file: string, parsed?: tsql.ParsedScript): ProcedureOutline[] {
  const parse = parser();
  if (!parse) return [];
  const script = parsed ?? parse(text, { file });
  const out: ProcedureOutline[] = [];
  for (const batch of script.batches) {
    for (const s of batch.statements) {
      if (s.kind !== 'CreateProcedure') continue;
      const statements: OutlineStatement[] = [];
      flatten(s.body, 0, statements, tsql.gotoTargets(s));
      out.push({
        kind: 'procedure-outline',
        name: tsql.normalizeObjectName(s.name),
        displayName: formatSpecName(displayParts(s.name)),
        folder: procedureFolderOf(displayParts(s.name)),
        file,
        lines: { start: s.span.start.line, end: s.span.end.line },
        statements,
        parameters: s.parameters.map((p) => ({ name: p.name, type: columnTypeOf(p.dataType, true) ?? (parseColumnType('text?') as ColumnType) })),
        verb: tsql.definitionVerbIn(s, script),
      });
    }
  }
  return out;
}

/**
 * The outlines of procedures defined more than once (a CREATE and an upgrade script's ALTER)
 * reduced to the definition in effect, the one analyze reports and the emulator runs; outlines
 * come in the order the files run. Order of the result: first appearance of each name.
 */
export function proceduresInEffect(outlines: readonly ProcedureOutline[], scripts: readonly tsql.ParsedScript[] = []): ProcedureOutline[] {
  // with the scripts (in the order they run), an earlier script's DROP counts: a CREATE after it replaces
  const verbs = tsql.definitionVerbsOf(scripts);
  const acrossFiles = new Map<string, tsql.DefinitionVerb>();
  for (const script of scripts) {
    for (const batch of script.batches) {
      for (const s of batch.statements) {
        const verb = s.kind === 'CreateProcedure' ? verbs.get(s) : undefined;
        if (verb !== undefined) acrossFiles.set(`${script.file}\n${s.span.start.line}`, verb);
      }
    }
  }
  // a procedure a later script drops for good is not in the database: no sections, no status row
  const gone = tsql.objectsDroppedForGood(scripts);
  return [...tsql.definitionsInEffect(outlines, (o) => o.name, (o) => acrossFiles.get(`${o.file}\n${o.lines.start}`) ?? o.verb).values()]
    .filter((o) => !gone.has(tsql.definitionKey('procedure', o.name)));
}

/** The user-defined table types (`CREATE TYPE t AS TABLE (…)`) of scripts, by normalised name. */
export function tableTypesOf(scripts: readonly tsql.ParsedScript[]): Map<string, tsql.TableDefinition> {
  const types = new Map<string, tsql.TableDefinition>();
  for (const script of scripts) for (const batch of script.batches) for (const top of batch.statements) {
    tsql.walk(top, (n) => { if (n.kind === 'CreateOther' && n.objectType === 'TYPE' && n.definition) types.set(tsql.normalizeObjectName(n.name), n.definition); });
  }
  return types;
}

/** Tables declared by CREATE TABLE (permanent and #temp) and DECLARE @t TABLE in a script; a
 * permanent table with the `changes` the scripts make to it later (ALTER TABLE, sp_rename); a
 * procedure's table-valued (READONLY) parameter with the columns of its type in `tableTypes`
 * (default: the types this script creates), which a section reading it is given like a table.
 * With `inEffect` (tsql's tablesInEffect over every script), a permanent table's CREATE that is
 * not the table (a second copy, or one a later DROP TABLE and CREATE rebuilt) is left out. */
export function catalogTables(text: string, file: string, parsed?: tsql.ParsedScript, changes?: ReadonlyMap<string, readonly TableChange[]>, tableTypes?: ReadonlyMap<string, tsql.TableDefinition>, inEffect?: ReadonlySet<tsql.CreateTable>): CatalogTable[] {
  const parse = parser();
  if (!parse) return [];
  const script = parsed ?? parse(text, { file });
  const types = tableTypes ?? tableTypesOf([script]);
  const out: CatalogTable[] = [];
  // the procedure whose body is walked: its #temp tables, table variables and parameters are its own
  let procedure: string | undefined;
  const add = (name: string, def: tsql.TableDefinition, local = false): void => {
    const columns = def.columns.flatMap((c) => {
      if (c.computed !== undefined) return [computedColumn(def, c, c.computed)];
      const type = columnTypeOf(c.dataType, c.nullable !== false && !def.constraints.some((k) => k.type === 'PRIMARY KEY' && k.columns.some((x) => x.name.toLowerCase() === c.name.name.toLowerCase())));
      const sqlType = sqlTypeOf(c.dataType);
      return type ? [{ name: c.name.name, type, ...(sqlType !== undefined ? { sqlType } : {}) }] : [];
    });
    out.push({ kind: 'catalog-table', name, columns, ...(local && procedure !== undefined ? { procedure } : {}) });
  };
  for (const batch of script.batches) {
    for (const top of batch.statements) {
      procedure = top.kind === 'CreateProcedure' ? tsql.normalizeObjectName(top.name) : undefined;
      tsql.walk(top, (n) => {
        if (n.kind === 'CreateTable' && tsql.isTempName(n.name)) add(tsql.baseName(n.name), n.definition, true);
        else if (n.kind === 'CreateTable' && (inEffect === undefined || inEffect.has(n))) {
          const key = tsql.normalizeObjectName(n.name);
          // a table a later script renames is read by its new name
          add(tableNameAfter(changes?.get(key)) ?? key, withTableChanges(n.definition, changes?.get(key)));
        }
        else if (n.kind === 'TableVariableDeclaration') add(n.variable.name, n.definition, true);
        else if (n.kind === 'CreateProcedure') {
          for (const p of n.parameters) {
            const type = p.readonly ? types.get(tsql.normalizeObjectName(p.dataType.name)) : undefined;
            if (type) add(p.name, type, true);
          }
        }
      });
    }
  }
  return out;
}

/**
 * A computed column: the columns of its table its expression reads (a scenario gives those; the
 * legacy table computes it), and its type as SQL Server derives it (for arithmetic on
 * numbers, decimal precision and scale by the documented rules), text when not known; nullable.
 */
function computedColumn(def: tsql.TableDefinition, c: tsql.ColumnDefinition, e: tsql.Expression): CatalogTable['columns'][number] {
  const own = new Map(def.columns.map((x) => [x.name.name.toLowerCase(), x]));
  const reads: string[] = [];
  tsql.walk(e, (n) => {
    if (n.kind !== 'ColumnRef') return;
    const col = own.get((n.parts[n.parts.length - 1]?.name ?? '').toLowerCase());
    if (col !== undefined && col.computed === undefined && !reads.includes(col.name.name)) reads.push(col.name.name);
  });
  // Only the table's own columns: a computed column cannot read another table.
  const sqlType = sqlExpressionType(e, (ref) => (ref.parts.length === 1 ? sqlTypeOf(own.get((ref.parts[0]?.name ?? '').toLowerCase())?.dataType) : undefined));
  const type = columnTypeOfSql(sqlType);
  return { name: c.name.name, type: type ?? parseColumnType('text?') as ColumnType, ...(type !== undefined && sqlType !== undefined ? { sqlType } : {}), computed: reads };
}

/** Each procedure's own #temp tables, table variables and parameters (the last of a name it declares twice, as `tables` keeps). */
function localTables(tables: readonly CatalogTable[]): Map<string, Map<string, CatalogTable>> {
  const locals = new Map<string, Map<string, CatalogTable>>();
  for (const t of tables) {
    if (t.procedure === undefined) continue;
    const own = locals.get(t.procedure) ?? new Map<string, CatalogTable>();
    own.set(t.name.toLowerCase(), t);
    locals.set(t.procedure, own);
  }
  return locals;
}

/**
 * A catalog for spec checks from table scripts and procedures (later files win on a clash; a
 * procedure's own #temp tables through catalogFor, `ownOnly` those of a name `tables` holds another's of).
 */
export function buildCatalog(tables: readonly CatalogTable[], procedures: readonly ProcedureOutline[], ownOnly: readonly CatalogTable[] = []): SpecCatalog {
  return {
    kind: 'spec-catalog',
    tables: new Map(tables.map((t) => [t.name.toLowerCase(), t])),
    procedures: new Map(procedures.map((p) => [p.name, { file: p.file, lines: p.lines, displayName: p.displayName }])),
    locals: localTables([...tables, ...ownOnly]),
  };
}
