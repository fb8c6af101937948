import { collectCheckConstraints, collectComputedColumns, collectKeyConstraints, collectNotNullColumns, collectDdlTypes, draftBody, splitPlaceholders, type DraftBody, type DraftInput } from '../../../src/draft';
import { collectTableTypes } from '../../../src/draft/local-table-types';
import { collectUserFunctions } from '../../../src/draft/user-functions';
import { collectViewsAndSynonyms } from '../../../src/draft/tables-behind';
import { EngineSession, parseColumnType, type ColumnType } from '../../../src/engine';
import type { SectionSpec, StubInfo } from '../../../src/sections';
import { parseScript, temporalTables, type CreateProcedure } from '../../../src/tsql';

/*
 * Drafts a procedure's statements (all of its body) and runs the draft in DuckDB on given rows:
 * the whole path scaffold --draft takes, without files.
 */

export interface HarnessTable {
  readonly name: string;
  /** `name:type` as a spec header writes it. */
  readonly columns: readonly string[];
  readonly rows?: readonly (readonly (string | number | null)[])[];
}

function columnsOf(t: HarnessTable): { name: string; type: ColumnType }[] {
  return t.columns.map((c) => {
    const [name, type] = c.split(':') as [string, string];
    return { name, type: parseColumnType(type) as ColumnType };
  });
}

type DraftOptions = { ddl?: string; inputs: readonly HarnessTable[]; output: HarnessTable; params?: Readonly<Record<string, string>> };

/** The draft of `procedure` (DDL in `ddl`) with these inputs, parameters and output. */
export function draftOf(procedure: string, opts: DraftOptions): DraftBody {
  return draftBody(draftInputOf(procedure, opts));
}

/** What scaffold --draft hands the drafter for `procedure` (DDL in `ddl`, file `ddl.sql`). */
export function draftInputOf(procedure: string, opts: DraftOptions): DraftInput {
  const script = parseScript(procedure, { file: 'proc.sql' });
  const proc = script.batches.flatMap((b) => b.statements).find((s): s is CreateProcedure => s.kind === 'CreateProcedure');
  if (!proc) throw new Error('no procedure');
  const ddlScripts = opts.ddl ? [parseScript(opts.ddl, { file: 'ddl.sql' })] : [];
  const ddl = collectDdlTypes(ddlScripts);
  const info: StubInfo = {
    id: 'dbo.usp_T/01-t', title: 't', procedure: 'dbo.usp_T', lines: '1',
    inputs: opts.inputs.map((t) => ({ name: t.name, columns: columnsOf(t) })),
    output: { name: opts.output.name, columns: columnsOf(opts.output) },
    params: Object.entries(opts.params ?? {}).map(([name, type]) => ({ name, type: parseColumnType(type) as ColumnType })),
    entity: undefined, engineImport: 'x', sectionsImport: 'x', transformFromTest: 'x', rootFromTest: '.',
  };
  const spec = {
    kind: 'section-spec', file: 'x.feature', id: info.id, title: 't', procedure: 'dbo.usp_t', lines: [{ start: proc.span.start.line, end: proc.span.end.line }],
    outputs: [opts.output.name], entity: undefined, ignored: false, line: 1,
    scenarios: [{ expected: [{ table: { columns: columnsOf(opts.output) } }], scalars: [] }],
  } as unknown as SectionSpec;
  return { info, spec, procedure: proc, file: 'proc.sql', text: procedure, ddl, computed: collectComputedColumns(ddlScripts), checks: collectCheckConstraints(ddlScripts), keys: collectKeyConstraints(ddlScripts), notNull: collectNotNullColumns(ddlScripts), temporal: temporalTables(ddlScripts), tableTypes: collectTableTypes(ddlScripts),
    userFunctions: collectUserFunctions(ddlScripts.map((script) => ({ file: 'ddl.sql', text: opts.ddl ?? '', script }))), viewsAndSynonyms: collectViewsAndSynonyms(ddlScripts) };
}

/** Runs a draft's SQL on the input rows (parameters as typed constants); rows as `a|b` text, sorted. */
export async function runDraft(session: EngineSession, body: DraftBody, inputs: readonly HarnessTable[], params: Readonly<Record<string, string>> = {}): Promise<string[]> {
  if (body.sql === undefined) throw new Error(`refused: ${body.refusals.map((r) => `${r.line}:${r.col} ${r.construct}: ${r.reason}`).join('; ')}`);
  const names = new Map<string, string>();
  for (const [i, t] of inputs.entries()) {
    const cols = columnsOf(t);
    const name = `in_${i}`;
    names.set(t.name, name);
    const duck = (c: ColumnType): string => ({ int: 'INTEGER', bigint: 'BIGINT', double: 'DOUBLE', text: 'VARCHAR', bool: 'BOOLEAN', date: 'DATE', timestamp: 'TIMESTAMP', datetime2: 'VARCHAR', uniqueidentifier: 'UUID', decimal: `DECIMAL(${c.precision},${c.scale})` })[c.base];
    await session.run(`CREATE OR REPLACE TABLE ${name} (${cols.map((c) => `"${c.name}" ${duck(c.type)}`).join(', ')})`);
    for (const row of t.rows ?? []) await session.run(`INSERT INTO ${name} VALUES (${row.map((v) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`)).join(', ')})`);
  }
  const sql = splitPlaceholders(body.sql).map((p) => ('text' in p ? p.text : 'table' in p ? (names.get(p.table) as string) : 'param' in p ? (params[p.param] ?? 'NULL') : "TIMESTAMP '2000-01-01 00:00:00'")).join('');
  const rows = await session.all(`SELECT * FROM (${sql}) ORDER BY ALL`);
  return rows.map((r) => Object.values(r).map((v) => (v === null ? 'NULL' : String(v))).join('|'));
}
