import { asUnderAnsiNullsOn, type CreateProcedure, type Statement, type TemporalPeriod } from '../tsql';
import type { SourceSpan } from '../core';
import { normalizeObjectName, type SectionSpec, type StubInfo } from '../sections';
import { columnRead, isRefusal, type DraftColumn, type Refusal, type Translated } from './draft-model';
import { bindInputTable, bindParameter, createDraftContext, DraftScope, refuseAt, type DraftContext } from './draft-scope';
import { castTo } from './convert-value';
import type { DdlComputed, DdlTypes } from './ddl-types';
import type { DdlChecks } from './check-constraints';
import type { DdlKeys } from './key-constraints';
import type { DdlNotNull } from './not-null-columns';
import { withComputedColumns } from './computed-columns';
import { nullStartVariables } from './declared-start-values';
import { withLocalTableTypes, type TableTypes } from './local-table-types';
import type { UserFunctions } from './user-functions';
import type { ViewsAndSynonyms } from './tables-behind';
import { givenByAnotherName } from './shared-table-writes';
import { refuseTriggeredOutput, type TriggersByTable } from './triggered-outputs';
import { initDateFirst } from './date-first';
import { initRowCount } from './row-count-limit';
import { renderDraftTransform, type DraftBody } from './render-draft';
import { quoteName } from './sql-text';
import { carriedValueSelect, declaredVariableTypes, outputValueSql, type DraftedValue } from './drafted-values';
import { duckTypeOf, isCarriedAsText, sqlTypeOfColumnType, sqlTypeOfDataType, type SqlType } from './sql-types';
import { translateExpression } from './translate-expression';
import { addCte, emptyRelation, translateStatements, type StatementState } from './translate-statements';

/*
 * Drafts one section: binds its parameters and Given tables, translates its statements (in the
 * procedure's order, only those on the section's lines), then selects the declared output from
 * the table, result set or variables the statements produced.
 */

/** What drafting a section needs: the scaffold declarations, the spec, the parsed procedure. */
export interface DraftInput {
  readonly info: StubInfo;
  readonly spec: SectionSpec;
  readonly procedure: CreateProcedure;
  /** The procedure's file as people read it (relative to the workspace) and its text. */
  readonly file: string;
  readonly text: string;
  readonly ddl: DdlTypes;
  /** The tables' computed columns: the draft computes them (computed-columns.ts). */
  readonly computed?: DdlComputed;
  /** The tables' CHECK constraints: a write breaking one stops the draft (check-constraints.ts). */
  readonly checks?: DdlChecks;
  /** The tables' PRIMARY KEY and UNIQUE constraints: a write repeating a key stops the draft (key-constraints.ts). */
  readonly keys?: DdlKeys;
  /** The tables' NOT NULL columns: a write putting NULL in one stops the draft (not-null-columns.ts). */
  readonly notNull?: DdlNotNull;
  /** The system-versioned tables: writing one is refused (versioned-writes.ts). */
  readonly versioned?: ReadonlySet<string>;
  /** Each system-versioned table's history table, as written (`dbo.[Price History]`): a refused write into the table leaves it unknown too. */
  readonly versionedHistory?: ReadonlyMap<string, string>;
  /** Each system-versioned table's period and history table (tsql temporalTables): a FOR SYSTEM_TIME read is drafted over both (temporal-reads.ts). */
  readonly temporal?: ReadonlyMap<string, TemporalPeriod>;
  /** Where the script set ANSI_NULLS OFF before the procedure was created (tsql ansi-nulls.ts). */
  readonly ansiNullsOff?: SourceSpan;
  /** The user-defined table types (`CREATE TYPE … AS TABLE`): a variable DECLAREd of one is a table. */
  readonly tableTypes?: TableTypes;
  /** The user functions the statements may call (user-functions.ts). */
  readonly userFunctions?: UserFunctions;
  /** The views and synonyms of the scripts (tables-behind.ts). */
  readonly viewsAndSynonyms?: ViewsAndSynonyms;
  /** The DML triggers of the scripts' tables: an output a trigger writes is refused (triggered-outputs.ts). */
  readonly triggers?: TriggersByTable;
}

/** The draft's SQL (or refusals), idioms and notes, before rendering. */
export function draftBody(input: DraftInput): DraftBody {
  const { info, spec, ddl } = input;
  // created under SET ANSI_NULLS OFF: drafted as SQL Server runs it, its comparisons rewritten (tsql ansi-nulls.ts)
  const procedure = input.ansiNullsOff === undefined ? input.procedure : asUnderAnsiNullsOn(input.procedure);
  const ctx = createDraftContext(input.file, input.text);
  ctx.procedureName = procedure.name.parts[procedure.name.parts.length - 1]?.name;
  if (input.tableTypes) ctx.tableTypes = input.tableTypes;
  if (input.userFunctions) ctx.userFunctions = input.userFunctions;
  if (input.viewsAndSynonyms) ctx.viewsAndSynonyms = input.viewsAndSynonyms;
  // every assignment converts to the variable's declared type, also where its DECLARE is in an earlier section
  const st: StatementState = { variableTypes: declaredVariableTypes(procedure.body), resultSet: undefined };
  for (const p of procedure.parameters) st.variableTypes.set(p.name.toLowerCase(), sqlTypeOfDataType(p.dataType));
  for (const p of procedure.parameters) {
    const given = info.params.find((x) => x.name.toLowerCase() === p.name.toLowerCase());
    if (given) bindParameter(ctx, given.name, { name: given.name, type: heldParameterType(sqlTypeOfDataType(p.dataType), sqlTypeOfColumnType(given.type)) });
    else if (p.default) {
      const v = translateExpression(p.default, new DraftScope(ctx));
      ctx.variables.set(p.name.toLowerCase(), isRefusal(v) ? v : castTo(v, sqlTypeOfDataType(p.dataType), new DraftScope(ctx), p.default));
    }
  }
  for (const p of info.params) {
    if (!ctx.variables.has(p.name.toLowerCase())) bindParameter(ctx, p.name, { name: p.name, type: sqlTypeOfColumnType(p.type) });
  }
  for (const v of nullStartVariables(procedure.body, spec)) {
    const key = v.name.toLowerCase();
    if (ctx.variables.has(key)) continue;
    const type = sqlTypeOfDataType(v.dataType);
    st.variableTypes.set(key, type);
    ctx.variables.set(key, { kind: 'translated', sql: `CAST(NULL AS ${duckTypeOf(type) ?? 'VARCHAR'})`, type });
  }
  // a #temp table or table variable an earlier section filled: typed by its declaration (money stays money)
  const declaredTypes = withLocalTableTypes(ddl, procedure, input.tableTypes);
  for (const t of info.inputs) {
    const key = normalizeObjectName(t.name);
    // a Given table the section inserts into (MERGE's WHEN NOT MATCHED too) fills the columns it
    // does not name with their DEFAULT, as the output table does
    bindInputTable(ctx, key, t.name, storedInputColumns(input, t).map((c) => {
      const declaredColumn = ddl.get(key)?.get(c.name.toLowerCase());
      const dflt = declaredColumn?.default;
      return { name: c.name, type: refinedType(declaredTypes, key, c.name, sqlTypeOfColumnType(c.type)), ...(dflt ? { default: dflt } : {}), ...(declaredColumn?.identity ? { identity: declaredColumn.identity } : {}) };
    }));
  }
  // computed columns are computed where a query reads the table (translate-query.ts), from its rows then
  if (input.computed) ctx.computed = input.computed;
  if (input.checks) ctx.checks = input.checks;
  if (input.keys) ctx.keys = input.keys;
  if (input.notNull) ctx.notNull = input.notNull;
  if (input.versioned) ctx.versioned = input.versioned;
  if (input.versionedHistory) ctx.versionedHistory = input.versionedHistory;
  if (input.temporal) ctx.temporal = input.temporal;
  const outKey = normalizeObjectName(info.output.name);
  const declared = ddl.get(outKey);
  // not given, but given by another name (its synonym): one table, so those rows
  const sameTable = ctx.tables.has(outKey) ? undefined : givenByAnotherName(ctx, outKey);
  if (sameTable) ctx.tables.set(outKey, { ...sameTable, displayName: info.output.name });
  if (!ctx.tables.has(outKey) && declared) {
    const columns = [...declared.values()].map((c) => ({ name: c.name, type: c.type, ...(c.default ? { default: c.default } : {}), ...(c.identity ? { identity: c.identity } : {}) }));
    ctx.tables.set(outKey, { displayName: info.output.name, relation: addCte(ctx, outKey, emptyRelation(columns)), columns, empty: true });
  }
  const statements = sectionStatements(procedure.body, spec);
  const triggered = refuseTriggeredOutput(ctx, statements, input.triggers, outKey, info.output.name);
  if (triggered !== undefined) return { sql: undefined, refusals: [triggered], idioms: [], notes: [], values: [] };
  initDateFirst(ctx, procedure.body, spec, statements);
  initRowCount(ctx, procedure.body, spec, statements);
  translateStatements(statements, ctx, st);
  // the output table's computed columns, from its final rows
  const outState = ctx.tables.get(outKey);
  const outComputed = ctx.computed?.get(outKey) ?? [];
  if (outState && outComputed.length > 0) ctx.tables.set(outKey, withComputedColumns(ctx, outKey, outState, outComputed));
  const dropped: string[] = [];
  const final = finalSelect(input, ctx, st, outKey, dropped);
  // the values the section hands to later sections, from the variables as its statements leave them
  const values: DraftedValue[] = (info.values ?? []).map((v) => {
    const sel = carriedValueSelect(v.name, v.type, statements, ctx, procedure.name.span);
    return isRefusal(sel) ? { name: v.name, sql: undefined, refusals: [sel] } : { name: v.name, sql: withCtes(ctx, sel), refusals: [] };
  });
  if (isRefusal(final)) return { sql: undefined, refusals: [final], idioms: ctx.idioms, notes: ctx.notes, values };
  return { sql: withCtes(ctx, final), refusals: [], idioms: ctx.idioms, notes: ctx.notes, droppedOutputColumns: dropped, values };
}

/** Drafts the section's transform file. */
export function draftSection(input: DraftInput): string {
  const body = draftBody(input);
  const drop = new Set((body.droppedOutputColumns ?? []).map((c) => c.toLowerCase()));
  // inputs declare the stored columns only: the draft computes the others, and a data file
  // (SQL Server's export of the stored columns) need not hold them
  const inputs = input.info.inputs.map((t) => ({ ...t, columns: storedInputColumns(input, t) }));
  const output = drop.size === 0 ? input.info.output : { ...input.info.output, columns: input.info.output.columns.filter((c) => !drop.has(c.name.toLowerCase())) };
  // each further table the section writes: the same statements, drafted for that table's final rows
  const more = (input.info.moreOutputs ?? []).map((t) => {
    const b = draftBody({ ...input, info: { ...input.info, output: t } });
    const dropped = new Set((b.droppedOutputColumns ?? []).map((c) => c.toLowerCase()));
    return { table: { ...t, columns: t.columns.filter((c) => !dropped.has(c.name.toLowerCase())) }, body: b };
  });
  return renderDraftTransform({ ...input.info, inputs, output, moreOutputs: more.map((m) => m.table) }, body, more.map((m) => ({ name: m.table.name, body: m.body })));
}

/** An input's columns without the table's computed ones. */
function storedInputColumns(input: DraftInput, t: DraftInput['info']['inputs'][number]): DraftInput['info']['inputs'][number]['columns'] {
  const computed = input.computed?.get(normalizeObjectName(t.name)) ?? [];
  return t.columns.filter((c) => !computed.some((k) => k.name.toLowerCase() === c.name.toLowerCase()));
}

/**
 * The type a given parameter's value is read as: the procedure's, unless the spec holds it in
 * another DuckDB type (a datetime2(7) parameter the spec gives as a timestamp, or the reverse),
 * whose value the placeholder then is.
 */
function heldParameterType(declared: SqlType, spec: SqlType): SqlType {
  return duckTypeOf(declared) !== duckTypeOf(spec) && (declared.family === 'datetime2' || spec.family === 'datetime2') ? spec : declared;
}

/** The DDL's type for an input column when it agrees with the spec's (it adds lengths, widths). */
function refinedType(ddl: DdlTypes, key: string, column: string, specType: SqlType): SqlType {
  const d = ddl.get(key)?.get(column.toLowerCase());
  // No CREATE TABLE types it: text may be nvarchar as well as varchar (HASHBYTES refuses it).
  if (!d) return specType.family === 'string' ? { ...specType, undeclared: true } : specType;
  // A money column's decimal(19,4) in the spec agrees: the DDL's type then says it is money (its arithmetic differs).
  const same = d.type.family !== 'decimal' || (specType.family === 'decimal' && d.type.precision === specType.precision && d.type.scale === specType.scale);
  if (d.type.family === specType.family && same) return d.type;
  // A datetimeoffset column is text in a spec, but SQL Server compares, orders and converts it
  // as its instant and offset, never as its text ('… 12:00 +02:00' = '… 10:00 +00:00'): kept
  // as the DDL's type, which the translator does not model, so every use but a copy is refused.
  if (d.type.family === 'unknown' && d.type.name === 'datetimeoffset') return d.type;
  // A binary column is its 0x… hex text in a spec, but SQL Server's SUBSTRING, LEN, DATALENGTH
  // and CONVERT count and convert its bytes, never those hex digits: kept unknown the same way.
  if (d.type.family === 'unknown' && ['binary', 'varbinary', 'image'].includes(d.type.name)) return d.type;
  // A geography, geometry or hierarchyid column is its text (WKT, '/1/2/') in a spec, but SQL
  // Server compares, groups and converts the value, not that text: kept unknown the same way.
  if (isCarriedAsText(d.type)) return d.type;
  return specType;
}

function inRanges(spec: SectionSpec, line: number): boolean {
  return spec.lines.some((r) => line >= r.start && line <= r.end);
}

function touches(spec: SectionSpec, s: Statement): boolean {
  return spec.lines.some((r) => r.start <= s.span.end.line && r.end >= s.span.start.line);
}

/**
 * The statements on the section's lines, in order: blocks and TRY bodies are opened; a
 * statement that starts on a section line is taken whole (loops and IFs included); a loop or
 * IF that only contains section lines is taken whole too, so its condition is never lost.
 */
export function sectionStatements(body: readonly Statement[], spec: SectionSpec): Statement[] {
  const out: Statement[] = [];
  for (const s of body) {
    if (s.kind === 'Block') { out.push(...sectionStatements(s.statements, spec)); continue; }
    if (s.kind === 'TryCatch') { out.push(...sectionStatements(s.tryStatements, spec)); continue; }
    if (inRanges(spec, s.span.start.line) || ((s.kind === 'If' || s.kind === 'While') && touches(spec, s))) out.push(s);
  }
  return out;
}

/** The SELECT producing the declared output from the table, result set or variables. */
function finalSelect(input: DraftInput, ctx: DraftContext, st: StatementState, outKey: string, dropped: string[]): string | Refusal {
  const out = input.info.output;
  if (ctx.unknownEffects) return ctx.unknownEffects;
  const inSpec = new Set(input.spec.scenarios.flatMap((sc) => [...sc.expected.flatMap((e) => e.table.columns.map((c) => c.name.toLowerCase())), ...sc.scalars.map((x) => x.name.replace(/^@/, '').toLowerCase())]));
  // a conversion to the spec's column type is refused at the statement giving the values (a
  // result set's SELECT), else at the procedure
  const project = (columns: readonly DraftColumn[], rel: string | undefined, at: { readonly span: SourceSpan } = { span: input.procedure.span }): string | Refusal => {
    const scope = new DraftScope(ctx);
    const items: string[] = [];
    for (const c of out.columns) {
      const found = columns.find((x) => x.name.toLowerCase() === c.name.toLowerCase());
      let value: Translated | Refusal | undefined;
      if (rel !== undefined) value = found ? { kind: 'translated', sql: columnRead(found, `o.${quoteName(found.name)}`), type: found.type } : undefined;
      else value = scope.variable(`@${c.name}`);
      if (value === undefined && !inSpec.has(c.name.toLowerCase()) && inSpec.size > 0) {
        // A table column the spec does not check and the section does not give a known value
        // (audit columns like CreatedAt): left out of the drafted output's declaration.
        dropped.push(c.name);
        ctx.notes.push(`${out.name}.${c.name} is not in the spec and the section gives it no known value: left out of the output`);
        continue;
      }
      if (value === undefined) return refuseAt(ctx, input.procedure.name.span, `output column ${c.name}`, rel !== undefined ? `the section's statements do not produce it in ${out.name}` : `no variable @${c.name} is set by the section`);
      if (isRefusal(value)) return value;
      // A binary value is held as its 0x… hex text (binary-values.ts), which a text output
      // column holds in capture's spelling (upper-case digits); any conversion would read those
      // hex digits as the bytes.
      const conv = outputValueSql(value, c.type, scope, at);
      if (isRefusal(conv)) return conv;
      items.push(`${conv} AS ${quoteName(c.name)}`);
    }
    return `SELECT ${items.join(',\n       ')}${rel !== undefined ? `\nFROM ${rel} o` : ''}`;
  };
  const table = ctx.tables.get(outKey);
  if (table && !(table.empty && st.resultSet !== undefined)) {
    if (table.refused) return table.refused;
    return project(table.columns, table.relation);
  }
  if (st.resultSet !== undefined) {
    if (isRefusal(st.resultSet)) return st.resultSet;
    const p = project(st.resultSet.columns, st.resultSet.relation, st.resultSet);
    if (isRefusal(p)) return p;
    return st.resultSet.orderBy ? `${p}\nORDER BY ${st.resultSet.orderBy}` : p;
  }
  return project([], undefined);
}

/** `WITH … SELECT …` keeping only the CTEs the final SELECT needs (directly or through others). */
function withCtes(ctx: DraftContext, final: string): string {
  const needed = new Set<string>();
  const visit = (sql: string): void => {
    for (const c of ctx.ctes) {
      if (needed.has(c.name) || !new RegExp(`\\b${c.name}\\b`).test(sql)) continue;
      needed.add(c.name);
      visit(c.sql);
    }
  };
  visit(final);
  const used = ctx.ctes.filter((c) => needed.has(c.name));
  if (used.length === 0) return final;
  const indent = (sql: string): string => sql.split('\n').map((l) => `  ${l}`).join('\n');
  return `WITH ${used.some((c) => c.recursive) ? 'RECURSIVE ' : ''}${used.map((c) => `${c.name} AS ${c.materialized ? 'MATERIALIZED ' : ''}(\n${indent(c.sql)}\n)`).join(', ')}\n${final}`;
}

