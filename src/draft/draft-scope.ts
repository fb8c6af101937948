import type { SourceSpan } from '../core';
import type { Identifier, SetOption, Statement, TemporalPeriod, While } from '../tsql';
import { columnRead, translated, type DraftColumn, type DraftCte, type Refusal, type Translated } from './draft-model';
import { placeholderParam, placeholderTable, quoteName } from './sql-text';
import type { DdlComputed } from './ddl-types';
import type { DdlChecks } from './check-constraints';
import type { DdlKeys } from './key-constraints';
import type { DdlNotNull } from './not-null-columns';
import type { TableTypes } from './local-table-types';
import type { UserFunctions } from './user-functions';
import type { ViewsAndSynonyms } from './tables-behind';

/*
 * What names mean while a section is drafted. Parameters become `param('@X')`, input tables
 * `table('dbo.T')`; #temp tables and tables the section changes become CTEs as the statements
 * are translated; a query level adds its FROM sources and sees the levels around it
 * (correlated subqueries).
 */

/** A table's current rows: the relation (input or CTE) that holds them and its columns. */
export interface TableState {
  /** As written in the legacy code or the spec, for comments and refusals. */
  readonly displayName: string;
  /** SQL text of the relation (a placeholder for an input, or a CTE name). */
  readonly relation: string;
  readonly columns: readonly DraftColumn[];
  /** Set when a statement that wrote the table could not be translated: reading it refuses. */
  readonly refused?: Refusal;
  /** True while the table holds no rows (just created or truncated). */
  readonly empty?: boolean;
  /** A statement's CTE: readable, but DML through it is refused (it would change the base table). */
  readonly cte?: boolean;
}

/** One FROM source of a query level: `FROM dbo.T t` binds alias `t` to T's columns. */
export interface SourceBinding {
  /** The alias as written (or the table's last name part), matched case-insensitively. */
  readonly alias: string;
  /** The table's full key (`dbo.device`, `#x`) when it is a table, so `dbo.Device.Col` resolves. */
  readonly tableKey: string | undefined;
  /** Written with an alias: then only the alias qualifies its columns, as in SQL Server. */
  readonly aliased?: boolean;
  /** The name the generated SQL uses for this source. */
  readonly sqlAlias: string;
  readonly columns: readonly DraftColumn[];
}

/** The state shared by all query levels of one section's draft. */
export interface DraftContext {
  readonly file: string;
  /** The legacy source text, to quote statements in refusals. */
  readonly text: string;
  /** Variables and parameters: lower-case name -> current value. */
  readonly variables: Map<string, Translated | Refusal>;
  /** Tables by key (`dbo.device`, `#usagewithconfig`). */
  readonly tables: Map<string, TableState>;
  /** Notes for the reviewer (choices the translation made that SQL Server leaves open). */
  readonly notes: string[];
  /** CTEs of the drafted query, in order. */
  readonly ctes: DraftCte[];
  /** A statement with effects the draft cannot know (EXEC, dynamic SQL): every output refuses. */
  unknownEffects: Refusal | undefined;
  /** Idioms applied by loop rewriters. */
  readonly idioms: string[];
  /** The tables' computed columns, computed from the rows a query reads (computed-columns.ts). */
  computed?: DdlComputed;
  /** The tables' CHECK constraints, checked after each write (check-constraints.ts). */
  checks?: DdlChecks;
  /** Set while an IF's branch is drafted: its writes' rows are checked against the constraints after the IF. */
  inBranch?: boolean;
  /** The tables' PRIMARY KEY and UNIQUE constraints, checked after each write (key-constraints.ts); a #temp table's added at its CREATE. */
  keys?: DdlKeys;
  /** The tables' NOT NULL columns, checked after each write (not-null-columns.ts); a #temp table's added at its CREATE. */
  notNull?: DdlNotNull;
  /** The system-versioned tables (versioned-writes.ts): a write into one is refused. */
  versioned?: ReadonlySet<string>;
  /** Each versioned table's history table as written, by the versioned table's key (versioned-writes.ts). */
  versionedHistory?: ReadonlyMap<string, string>;
  /** Each versioned table's period and history table, by key (temporal-reads.ts). */
  temporal?: ReadonlyMap<string, TemporalPeriod>;
  /** The `FOR SYSTEM_TIME` references a query drafted (temporal-reads.ts): any other in a statement refuses it. */
  readonly systemTimeDrafted?: WeakSet<object>;
  /** The user-defined table types: `DECLARE @t dbo.SomeType` declares an empty table (local-table-types.ts). */
  tableTypes?: TableTypes;
  /** The user functions: a call is expanded where it is made (inline-functions.ts, scalar-functions.ts). */
  userFunctions?: UserFunctions;
  /** The views and synonyms of the scripts: which tables a name really reads or writes (tables-behind.ts). */
  viewsAndSynonyms?: ViewsAndSynonyms;
  /** The statement being translated: a write by one name refuses other names of the table there (shared-table-writes.ts). */
  statement?: Statement;
  /**
   * Variables bound to a column of an outer row (a loop's iteration row, `sv.i` of idiom (e)):
   * their SQL is a correlated reference, and DuckDB runs no outer join whose ON reads one.
   */
  readonly correlated?: ReadonlySet<string>;
  /** Counter for generated names. */
  nameCounter: number;
  /** The drafted procedure's name as its CREATE writes it (no schema): OBJECT_NAME(@@PROCID). */
  procedureName?: string;
  /** SET DATEFIRST in effect (1-7; none: us_english's 7), or why it is not known (date-first.ts). */
  dateFirst?: number | Refusal;
  /** SET DATEFORMAT in effect (mdy, dmy, …; none: us_english's mdy), or why it is not known (date-first.ts). */
  dateFormat?: string | Refusal;
  /** The SET ROWCOUNT in effect (not 0), or one set where the draft cannot tell whether it holds (row-count-limit.ts). */
  rowCountLimit?: SetOption;
  /**
   * @@ROWCOUNT as the statement being translated reads it: the number of rows the statement
   * right before it affected, when that was an UPDATE, DELETE or INSERT the draft counts
   * (`UPDATE …; IF @@ROWCOUNT = 0 INSERT …`, the upsert of code older than MERGE). Any other
   * statement in between leaves it unknown, and a read of it refuses. A refusal when the
   * statement right before was refused: a read then names that statement's cause, not
   * @@ROWCOUNT (the count of an UPDATE the draft could not translate is not known either).
   */
  rowCount?: Translated | Refusal;
  /** What the statement being translated leaves in @@ROWCOUNT for the next one (set by the DML translators). */
  rowCountLeft?: Translated | Refusal;
  /**
   * SCOPE_IDENTITY() as the statement right before this one left it: the identity value a one-row
   * `INSERT … VALUES` gave (`INSERT dbo.[Load Audit] …; SET @LoadId = SCOPE_IDENTITY();`, the load
   * log idiom), read by the next statement only, as @@ROWCOUNT is.
   */
  scopeIdentity?: Translated | Refusal;
  /** What the statement being translated leaves in SCOPE_IDENTITY() for the next one (set by INSERT … VALUES). */
  scopeIdentityLeft?: Translated | Refusal;
  /**
   * WHILE loops a rewriter drafted as statements run once (a chunked DELETE): what the loop
   * leaves in its variables is what those statements leave, so a value set inside it is known.
   */
  loopsRunOnce?: Set<While>;
  /**
   * Set while the statements a loop rewriter made of a loop body run once for every entity: a
   * count there would be every entity's rows, where the loop read one entity's, so @@ROWCOUNT
   * stays unknown (the rewriters translate the per-entity reads they recognise themselves).
   */
  forAllEntities?: boolean;
}

/** Grouping of an aggregate query level: the translated SQL of each GROUP BY text expression (as groupKeyText writes it). */
export interface Grouping {
  readonly stringKeys: ReadonlySet<string>;
  /** Each GROUP BY expression's translated SQL -> its grouping key (text by its collation key), for GROUPING(). */
  readonly keys?: ReadonlyMap<string, string>;
  /** Grouping sets (ROLLUP, CUBE, GROUPING SETS): some rows roll keys up (translate-grouping.ts). */
  readonly rolled?: boolean;
}

/** One query level: its sources, the levels around it, and whether aggregates are allowed. */
export class DraftScope {
  constructor(
    readonly ctx: DraftContext,
    readonly sources: readonly SourceBinding[] = [],
    readonly outer: DraftScope | undefined = undefined,
    readonly grouping: Grouping | undefined = undefined,
    readonly inAggregate = false,
  ) {}

  /** A nested query level (subquery) over `sources`, seeing this one as its outer level. */
  child(sources: readonly SourceBinding[]): DraftScope {
    return new DraftScope(this.ctx, sources, this);
  }

  /** The same level with a GROUP BY's keys known. */
  withGrouping(grouping: Grouping): DraftScope {
    return new DraftScope(this.ctx, this.sources, this.outer, grouping, this.inAggregate);
  }

  /** The same level inside an aggregate's argument (grouped columns are then plain values). */
  insideAggregate(): DraftScope {
    return new DraftScope(this.ctx, this.sources, this.outer, undefined, true);
  }

  /**
   * Resolves `c`, `t.c`, `dbo.t.c` against this level, then the outer ones. Undefined when no
   * source has the column; 'ambiguous' when two sources at the nearest level do.
   */
  column(parts: readonly Identifier[]): Translated | Refusal | 'ambiguous' | undefined {
    const m = this.matches(parts);
    if (m.length > 1) return 'ambiguous';
    const found = m[0];
    if (found?.c.refused) return found.c.refused;
    if (found) return translated(columnRead(found.c, `${quoteName(found.s.sqlAlias)}.${quoteName(found.c.name)}`), found.c.type);
    return this.outer?.column(parts);
  }

  /**
   * The level whose sources hold the column `column` resolves (this one, or an outer level for a
   * correlated subquery's outer reference), or undefined.
   */
  columnLevel(parts: readonly Identifier[]): DraftScope | undefined {
    return this.matches(parts).length > 0 ? this : this.outer?.columnLevel(parts);
  }

  private matches(parts: readonly Identifier[]): { readonly s: SourceBinding; readonly c: SourceBinding['columns'][number] }[] {
    const name = (parts[parts.length - 1] as Identifier).name.toLowerCase();
    const qualifier = parts.slice(0, -1).map((p) => p.name.toLowerCase());
    const matches = this.sources.filter((s) => {
      if (qualifier.length === 0) return true;
      if (qualifier.length === 1) return s.alias.toLowerCase() === qualifier[0] || (!s.aliased && s.tableKey !== undefined && s.tableKey.split('.').pop() === qualifier[0]);
      return !s.aliased && s.tableKey === qualifier.join('.');
    }).flatMap((s) => s.columns.filter((c) => c.name.toLowerCase() === name).map((c) => ({ s, c })));
    return matches;
  }

  /** A variable or parameter's value, or undefined when the section never set it. */
  variable(name: string): Translated | Refusal | undefined {
    return this.ctx.variables.get(name.toLowerCase());
  }

  /** A table's current state by key. */
  table(key: string): TableState | undefined {
    return this.ctx.tables.get(key.toLowerCase());
  }
}

/** A new draft context for one section's source file. */
export function createDraftContext(file: string, text: string): DraftContext {
  return { file, text, variables: new Map(), tables: new Map(), notes: [], ctes: [], unknownEffects: undefined, idioms: [], nameCounter: 0, systemTimeDrafted: new WeakSet() };
}

/** Declares a parameter of the transform: reads become `param('@X')`. */
export function bindParameter(ctx: DraftContext, name: string, column: DraftColumn): void {
  ctx.variables.set(name.toLowerCase(), translated(placeholderParam(name), column.type));
}

/** Declares an input table of the transform: reads become `table('name')`. */
export function bindInputTable(ctx: DraftContext, key: string, inputName: string, columns: readonly DraftColumn[]): void {
  ctx.tables.set(key.toLowerCase(), { displayName: inputName, relation: placeholderTable(inputName), columns });
}

/** A fresh SQL name for a CTE or alias, readable: `s3_usagewithconfig`. */
export function freshName(ctx: DraftContext, hint: string): string {
  ctx.nameCounter += 1;
  const base = hint.replace(/^#+/, '').replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').toLowerCase().slice(0, 40) || 't';
  return `s${ctx.nameCounter}_${base}`;
}

/** The legacy text of a span, for refusals. */
export function legacyText(ctx: DraftContext, span: SourceSpan): string {
  return ctx.text.slice(span.start.offset, span.end.offset);
}

/**
 * The message a drafted query stops with when the data meets what SQL Server leaves open (rows
 * tied where their order decides a value), located at the legacy construct like a refusal.
 */
export function locatedStop(ctx: DraftContext, span: SourceSpan, message: string): string {
  return `${ctx.file}:${span.start.line}:${span.start.column}: ${message}`;
}

/** A refusal located at `span` of the section's file. */
export function refuseAt(ctx: DraftContext, span: SourceSpan, construct: string, reason: string): Refusal {
  return { kind: 'refusal', file: ctx.file, line: span.start.line, col: span.start.column, construct, reason, legacyText: legacyText(ctx, span) };
}
