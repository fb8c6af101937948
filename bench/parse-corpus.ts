// Generates a large, deterministic corpus of legacy-style stored procedures for the parser
// benchmark: cursors, #temp tables, table variables, MERGE, CTEs with window functions,
// TRY/CATCH with transactions, dynamic SQL, WHILE loops, UPDATE … FROM, SELECT … INTO; names,
// shapes, keyword case and semicolon habits vary from procedure to procedure.
import type { Random } from './gen/prng';
import { createRandom } from './gen/prng';

const SCHEMAS = ['dbo', 'etl', 'rpt', 'stage', 'kpi', 'fin'];
const ENTITIES = ['Customer', 'Order', 'Device', 'Invoice', 'Shipment', 'Product', 'Store', 'Account', 'Ticket', 'Meter', 'Contract', 'Employee'];
const VERBS = ['Load', 'Build', 'Refresh', 'Compute', 'Merge', 'Archive', 'Reconcile', 'Aggregate', 'Sync', 'Purge'];
const COLUMNS = ['Amount', 'Qty', 'Price', 'Status', 'CreatedAt', 'UpdatedAt', 'Region', 'Code', 'Score', 'Weight', 'Flag', 'Category'];

interface Style {
  readonly kw: (s: string) => string;
  readonly semi: string;
  readonly q: (s: string) => string;
}

function pickStyle(r: Random): Style {
  const lower = r.chance(0.3);
  const brackets = r.chance(0.4);
  return {
    kw: (s) => (lower ? s.toLowerCase() : s),
    semi: r.chance(0.5) ? ';' : '',
    q: (s) => (brackets ? `[${s}]` : s),
  };
}

type Section = (r: Random, st: Style, e: string, n: number) => string[];

const col = (r: Random): string => r.pick(COLUMNS);
const table = (r: Random, st: Style, e: string): string => `${st.q(r.pick(SCHEMAS))}.${st.q(e + r.pick(['', 'History', 'Detail', 'Fact', 'Stage']))}`;

const sections: Section[] = [
  // cursor loop over a temp table
  (r, st, e, n) => {
    const k = st.kw;
    const c1 = col(r);
    return [
      `${k('CREATE TABLE')} #work${n} (Id int NOT NULL PRIMARY KEY, ${c1} decimal(18, 4) NULL, Note nvarchar(200) NULL)${st.semi}`,
      `${k('INSERT INTO')} #work${n} (Id, ${c1})`,
      `${k('SELECT')} x.${e}Id, ${k('SUM')}(x.${c1})`,
      `${k('FROM')} ${table(r, st, e)} x ${k('WITH')} (NOLOCK)`,
      `${k('WHERE')} x.CreatedAt >= @FromDate ${k('AND')} x.CreatedAt < ${k('DATEADD')}(day, 1, @ToDate)`,
      `${k('GROUP BY')} x.${e}Id${st.semi}`,
      `${k('DECLARE')} @id${n} int, @val${n} decimal(18, 4)${st.semi}`,
      `${k('DECLARE')} cur${n} ${k('CURSOR LOCAL FAST_FORWARD FOR')}`,
      `    ${k('SELECT')} Id, ${c1} ${k('FROM')} #work${n} ${k('ORDER BY')} Id${st.semi}`,
      `${k('OPEN')} cur${n}${st.semi}`,
      `${k('FETCH NEXT FROM')} cur${n} ${k('INTO')} @id${n}, @val${n}${st.semi}`,
      `${k('WHILE')} @@FETCH_STATUS = 0`,
      `${k('BEGIN')}`,
      `    ${k('IF')} @val${n} > ${r.int(10, 900)}`,
      `        ${k('UPDATE')} #work${n} ${k('SET')} Note = N'high ' + ${k('CONVERT')}(nvarchar(30), @val${n}) ${k('WHERE')} Id = @id${n}${st.semi}`,
      `    ${k('ELSE')}`,
      `        ${k('UPDATE')} #work${n} ${k('SET')} Note = ${k('CASE WHEN')} @val${n} ${k('IS NULL THEN')} 'none' ${k('ELSE')} 'low' ${k('END WHERE')} Id = @id${n}${st.semi}`,
      `    ${k('FETCH NEXT FROM')} cur${n} ${k('INTO')} @id${n}, @val${n}${st.semi}`,
      `${k('END')}`,
      `${k('CLOSE')} cur${n}${st.semi}`,
      `${k('DEALLOCATE')} cur${n}${st.semi}`,
    ];
  },
  // MERGE with OUTPUT into a table variable
  (r, st, e, n) => {
    const k = st.kw;
    const c1 = col(r);
    const c2 = col(r);
    return [
      `${k('DECLARE')} @changes${n} ${k('TABLE')} (Act nvarchar(10), Id int)${st.semi}`,
      `${k('MERGE')} ${table(r, st, e)} ${k('AS')} t`,
      `${k('USING')} (${k('SELECT')} s.${e}Id, s.${c1}, s.${c2} ${k('FROM')} ${st.q('stage')}.${st.q(e)} s ${k('WHERE')} s.BatchId = @BatchId) ${k('AS')} s`,
      `    ${k('ON')} t.${e}Id = s.${e}Id`,
      `${k('WHEN MATCHED AND')} (t.${c1} <> s.${c1} ${k('OR')} t.${c2} <> s.${c2}) ${k('THEN')}`,
      `    ${k('UPDATE SET')} t.${c1} = s.${c1}, t.${c2} = s.${c2}, t.UpdatedAt = ${k('GETDATE')}()`,
      `${k('WHEN NOT MATCHED BY TARGET THEN')}`,
      `    ${k('INSERT')} (${e}Id, ${c1}, ${c2}) ${k('VALUES')} (s.${e}Id, s.${c1}, s.${c2})`,
      `${k('WHEN NOT MATCHED BY SOURCE AND')} t.IsActive = 1 ${k('THEN')}`,
      `    ${k('UPDATE SET')} t.IsActive = 0`,
      `${k('OUTPUT')} $action, inserted.${e}Id ${k('INTO')} @changes${n} (Act, Id);`,
      `${k('SELECT')} @Rows = @@ROWCOUNT${st.semi}`,
    ];
  },
  // CTE with window functions feeding an INSERT
  (r, st, e, n) => {
    const k = st.kw;
    const c1 = col(r);
    return [
      `;${k('WITH')} ranked${n} ${k('AS')} (`,
      `    ${k('SELECT')} o.${e}Id, o.${c1}, o.CreatedAt,`,
      `           ${k('ROW_NUMBER')}() ${k('OVER')} (${k('PARTITION BY')} o.${e}Id ${k('ORDER BY')} o.CreatedAt ${k('DESC')}) ${k('AS')} rn,`,
      `           ${k('SUM')}(o.${c1}) ${k('OVER')} (${k('PARTITION BY')} o.${e}Id ${k('ORDER BY')} o.CreatedAt ${k('ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW')}) ${k('AS')} running`,
      `    ${k('FROM')} ${table(r, st, e)} o`,
      `    ${k('INNER JOIN')} ${table(r, st, 'Region')} g ${k('ON')} g.RegionId = o.RegionId`,
      `    ${k('WHERE')} o.CreatedAt ${k('BETWEEN')} @FromDate ${k('AND')} @ToDate ${k('AND')} g.Code ${k('IN')} ('N', 'S', 'E', 'W')`,
      `), totals${n} ${k('AS')} (`,
      `    ${k('SELECT')} ${e}Id, ${k('MAX')}(running) ${k('AS')} Total, ${k('COUNT')}(*) ${k('AS')} Cnt ${k('FROM')} ranked${n} ${k('GROUP BY')} ${e}Id ${k('HAVING')} ${k('COUNT')}(*) > ${r.int(1, 5)}`,
      `)`,
      `${k('INSERT INTO')} ${st.q('kpi')}.${st.q(`${e}Summary`)} (${e}Id, LastValue, Total, Cnt, SnapshotDate)`,
      `${k('SELECT')} r.${e}Id, r.${c1}, t.Total, t.Cnt, @ToDate`,
      `${k('FROM')} ranked${n} r ${k('JOIN')} totals${n} t ${k('ON')} t.${e}Id = r.${e}Id`,
      `${k('WHERE')} r.rn = 1${st.semi}`,
    ];
  },
  // TRY/CATCH around a transaction with UPDATE … FROM and DELETE
  (r, st, e, n) => {
    const k = st.kw;
    const c1 = col(r);
    return [
      `${k('BEGIN TRY')}`,
      `    ${k('BEGIN TRANSACTION')}${st.semi}`,
      `    ${k('UPDATE')} t ${k('SET')} t.${c1} = ${k('ISNULL')}(s.${c1}, t.${c1}), t.UpdatedAt = ${k('SYSDATETIME')}()`,
      `    ${k('FROM')} ${table(r, st, e)} t`,
      `    ${k('LEFT OUTER JOIN')} #stage${n % 3} s ${k('ON')} s.${e}Id = t.${e}Id`,
      `    ${k('WHERE')} ${k('EXISTS')} (${k('SELECT')} 1 ${k('FROM')} ${table(r, st, 'Batch')} b ${k('WHERE')} b.BatchId = @BatchId ${k('AND')} b.Status = 'OPEN')${st.semi}`,
      `    ${k('DELETE FROM')} ${table(r, st, e)} ${k('WHERE')} UpdatedAt < ${k('DATEADD')}(month, -${r.int(1, 24)}, @ToDate) ${k('AND')} IsActive = 0${st.semi}`,
      `    ${k('COMMIT TRANSACTION')}${st.semi}`,
      `${k('END TRY')}`,
      `${k('BEGIN CATCH')}`,
      `    ${k('IF')} @@TRANCOUNT > 0 ${k('ROLLBACK TRANSACTION')}${st.semi}`,
      `    ${k('DECLARE')} @err${n} nvarchar(4000) = ${k('ERROR_MESSAGE')}(), @sev${n} int = ${k('ERROR_SEVERITY')}()${st.semi}`,
      `    ${k('RAISERROR')}(@err${n}, @sev${n}, 1) ${k('WITH NOWAIT')}${st.semi}`,
      `    ${k('RETURN')} -1${st.semi}`,
      `${k('END CATCH')}`,
    ];
  },
  // dynamic SQL
  (r, st, e, n) => {
    const k = st.kw;
    return [
      `${k('DECLARE')} @sql${n} nvarchar(max), @cnt${n} int${st.semi}`,
      `${k('SET')} @sql${n} = N'SELECT @c = COUNT(*) FROM ' + ${k('QUOTENAME')}(@SchemaName) + N'.' + ${k('QUOTENAME')}(N'${e}')`,
      `    + N' WHERE CreatedAt >= @d'${st.semi}`,
      `${k('EXEC')} sp_executesql @sql${n}, N'@c int OUTPUT, @d datetime', @c = @cnt${n} ${k('OUTPUT')}, @d = @FromDate${st.semi}`,
      `${k('IF')} @cnt${n} = 0`,
      `${k('BEGIN')}`,
      `    ${k('PRINT')} 'nothing to do for ${e}'${st.semi}`,
      `    ${k('EXEC')} ('TRUNCATE TABLE ' + @SchemaName + '.${e}Work')${st.semi}`,
      `${k('END')}`,
    ];
  },
  // batched delete loop with WAITFOR
  (r, st, e, n) => {
    const k = st.kw;
    return [
      `${k('DECLARE')} @batch${n} int = ${r.pick([1000, 5000, 10000])}, @deleted${n} int = 1${st.semi}`,
      `${k('WHILE')} @deleted${n} > 0`,
      `${k('BEGIN')}`,
      `    ${k('DELETE TOP')} (@batch${n}) ${k('FROM')} ${table(r, st, e)} ${k('WHERE')} CreatedAt < @FromDate${st.semi}`,
      `    ${k('SET')} @deleted${n} = @@ROWCOUNT${st.semi}`,
      `    ${k('SET')} @Rows += @deleted${n}${st.semi}`,
      `    ${k('IF')} @deleted${n} < @batch${n} ${k('BREAK')}${st.semi}`,
      `    ${k('WAITFOR DELAY')} '00:00:00.100'${st.semi}`,
      `${k('END')}`,
    ];
  },
  // SELECT … INTO, pivot-like CASE aggregation, final result set
  (r, st, e, n) => {
    const k = st.kw;
    const c1 = col(r);
    return [
      `${k('IF')} ${k('OBJECT_ID')}('tempdb..#agg${n}') ${k('IS NOT NULL DROP TABLE')} #agg${n}${st.semi}`,
      `${k('SELECT')} d.${e}Id,`,
      `       ${k('SUM')}(${k('CASE WHEN')} d.Category = 'A' ${k('THEN')} d.${c1} ${k('ELSE')} 0 ${k('END')}) ${k('AS')} CatA,`,
      `       ${k('SUM')}(${k('CASE WHEN')} d.Category = 'B' ${k('THEN')} d.${c1} ${k('ELSE')} 0 ${k('END')}) ${k('AS')} CatB,`,
      `       Ratio = ${k('CAST')}(${k('SUM')}(d.${c1}) ${k('AS')} decimal(18, 4)) / ${k('NULLIF')}(${k('COUNT')}(${k('DISTINCT')} d.Code), 0)`,
      `${k('INTO')} #agg${n}`,
      `${k('FROM')} ${table(r, st, e)} d (NOLOCK)`,
      `${k('CROSS APPLY')} (${k('SELECT TOP')} 1 p.Price ${k('FROM')} ${table(r, st, 'Price')} p ${k('WHERE')} p.Code = d.Code ${k('ORDER BY')} p.ValidFrom ${k('DESC')}) lp`,
      `${k('GROUP BY')} d.${e}Id${st.semi}`,
      `${k('SELECT')} a.*, ${k('COALESCE')}(x.Name, 'n/a') ${k('AS')} Name ${k('FROM')} #agg${n} a ${k('LEFT JOIN')} ${table(r, st, e)} x ${k('ON')} x.${e}Id = a.${e}Id ${k('ORDER BY')} a.CatA ${k('DESC')}${st.semi}`,
    ];
  },
];

/** One procedure of 40–160 lines. */
function generateProcedure(r: Random, index: number): string {
  const st = pickStyle(r);
  const k = st.kw;
  const e = r.pick(ENTITIES);
  const name = `${st.q(r.pick(SCHEMAS))}.${st.q(`usp_${r.pick(VERBS)}${e}${index}`)}`;
  const lines = [
    `${k('CREATE PROCEDURE')} ${name}`,
    `    @FromDate datetime,`,
    `    @ToDate datetime = NULL,`,
    `    @BatchId int = 0,`,
    `    @SchemaName sysname = N'dbo',`,
    `    @Rows int = 0 ${k('OUTPUT')}`,
    `${k('AS')}`,
    `${k('BEGIN')}`,
    `    ${k('SET NOCOUNT ON')}${st.semi}`,
    `    ${k('IF')} @ToDate ${k('IS NULL SET')} @ToDate = ${k('GETDATE')}()${st.semi}`,
  ];
  const count = r.int(2, 5);
  for (let i = 0; i < count; i++) {
    const s = r.pick(sections);
    lines.push('', ...s(r, st, e, i).map((l) => `    ${l}`));
  }
  lines.push(`    ${k('RETURN')} 0${st.semi}`, `${k('END')}`, 'GO', '');
  return lines.join(r.chance(0.3) ? '\r\n' : '\n');
}

/** Procedures until `targetLines` lines are reached; deterministic for a seed. */
export function generateParseCorpus(targetLines: number, seed = 20261122): string[] {
  const r = createRandom(seed);
  const procs: string[] = [];
  let lines = 0;
  while (lines < targetLines) {
    const p = generateProcedure(r, procs.length + 1);
    lines += p.split(/\r\n|\n/).length - 1;
    procs.push(p);
  }
  return procs;
}
