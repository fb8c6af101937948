import { EngineSession } from '../../../../src/engine';
import { inlineMacroCalls, renameIdentifier, withReadOnceMacros } from '../../../../src/legacy/emulator/read-once-macros';
import { installTsqlMacros } from '../../../../src/legacy/emulator/tsql-macros';
import { emulateProcedure, readAsText } from '../../../../src/legacy';
import { parseScript } from '../../../../src/tsql';

describe('renameIdentifier', () => {
  it('renames the identifier, never inside a literal or another word', () => {
    expect(renameIdentifier("CASE WHEN s IS NULL THEN 's' || ts ELSE CAST(s AS VARCHAR) || 'it''s s' END", 's', 'x'))
      .toBe("CASE WHEN x IS NULL THEN 's' || ts ELSE CAST(x AS VARCHAR) || 'it''s s' END");
    expect(renameIdentifier("strftime(ts, '%H:%M:%S.') || '''' || ts", 'ts', 'v')).toBe("strftime(v, '%H:%M:%S.') || '''' || v");
  });
});

describe('withReadOnceMacros', () => {
  it('installs a read-once macro as a lambda over its first argument and its inline twin as written', () => {
    const [inline, once, other] = withReadOnceMacros([
      "CREATE OR REPLACE MACRO tsql_datetime_round(ts) AS date_trunc('day', CAST(ts AS TIMESTAMP)) + tsql_round_us(ts, 1)",
      'CREATE OR REPLACE MACRO tsql_idiv(a, b) AS a // b',
    ]);
    expect(inline).toBe("CREATE OR REPLACE MACRO tsql_datetime_round_inline(ts) AS date_trunc('day', CAST(ts AS TIMESTAMP)) + tsql_round_us_inline(ts, 1)");
    expect(once).toBe("CREATE OR REPLACE MACRO tsql_datetime_round(ts) AS list_transform([ts], lambda tsql_datetime_round__v: date_trunc('day', CAST(tsql_datetime_round__v AS TIMESTAMP)) + tsql_round_us(tsql_datetime_round__v, 1))[1]");
    expect(other).toBe('CREATE OR REPLACE MACRO tsql_idiv(a, b) AS a // b');
  });

  it('points a table definition at the inline twins', () => {
    expect(inlineMacroCalls("tsql_to_datetime(tsql_text_to_dtm(x, 'varchar', 'datetime')) + tsql_idiv(1, 2)"))
      .toBe("tsql_to_datetime_inline(tsql_text_to_dtm_inline(x, 'varchar', 'datetime')) + tsql_idiv(1, 2)");
  });
});

// Each copy of an argument in a macro's expansion is evaluated: a datetime text loaded from data
// went through ~1,500 copies of itself (read-once-macros.ts). A sequence counts the evaluations.
describe('the date/time conversions on DuckDB', () => {
  let session: EngineSession;
  beforeAll(async () => {
    session = await EngineSession.open({ threads: 1 });
    await installTsqlMacros(session);
  });
  afterAll(() => session.close());

  const NESTED = (v: string, suffix = ''): string =>
    `tsql_datetime_in_range${suffix}(tsql_to_datetime${suffix}(tsql_text_to_dtm${suffix}(${v}, 'varchar', 'datetime')), 'varchar', true)`;

  it('reads the argument once per row', async () => {
    await session.run('CREATE OR REPLACE SEQUENCE read_once_seq START 1');
    const text = "'2024-02-29 10:30:0' || CAST(nextval('read_once_seq') AS VARCHAR)";
    const rows = await session.all(`SELECT strftime(${NESTED(text)}, '%Y-%m-%d %H:%M:%S.%g') AS v FROM range(3)`);
    expect(rows.map((r) => r.v)).toEqual(['2024-02-29 10:30:01.000', '2024-02-29 10:30:02.000', '2024-02-29 10:30:03.000']);
    expect(Number(await session.scalar("SELECT nextval('read_once_seq')"))).toBe(4);
  });

  it('reads the text a nest of REPLACEs into a varchar column cleans once per row', async () => {
    await session.run('CREATE OR REPLACE SEQUENCE read_once_text_seq START 1');
    const phone = "'(555) 123-456' || CAST(nextval('read_once_text_seq') AS VARCHAR)";
    const cleaned = `tsql_fit_text(tsql_replace(tsql_replace(tsql_replace(tsql_replace(${phone}, '(', ''), ')', ''), '-', ''), ' ', ''), 12, 'too long: ''')`;
    const rows = await session.all(`SELECT ${cleaned} AS v FROM range(2)`);
    expect(rows.map((r) => r.v)).toEqual(['5551234561', '5551234562']);
    expect(Number(await session.scalar("SELECT nextval('read_once_text_seq')"))).toBe(3);
  });

  it('gives the inline twins\' text values and errors', async () => {
    for (const text of ["'Straße'", "'ab  '", "''", 'NULL', "'x😀y'", "'12.5e3'", "'$'", "'a.b.c'", "'too long for it'"]) {
      const nest = (suffix: string): string =>
        `tsql_fit_text${suffix}(tsql_upper${suffix}(tsql_replace${suffix}(${text}, 'a', 'b')), 12, 'too long: ''') || '|' || CAST(tsql_len${suffix}(${text}) AS VARCHAR) || '|' || CAST(tsql_isnumeric${suffix}(${text}) AS VARCHAR) || '|' || coalesce(tsql_parsename${suffix}(${text}, 1), '-') || '|' || CAST(tsql_unicode${suffix}(${text}) AS VARCHAR) || tsql_bmp${suffix}(${text})`;
      const outcome = async (suffix: string): Promise<unknown> => session.scalar(`SELECT ${nest(suffix)}`).catch((e: unknown) => (e instanceof Error ? e.message : String(e)));
      expect([text, await outcome('')]).toEqual([text, await outcome('_inline')]);
    }
  });

  it('gives the inline twins\' values and errors', async () => {
    for (const text of ["'2024-02-29 10:30:00.123'", "'20240229'", "'02/29/2024 23:59:59.999'", "''", "'n/a'", 'NULL', "'1700-01-01'", "'2023-02-29'", "'2024-01-01 10:19:41.1234'"]) {
      const outcome = async (suffix: string): Promise<unknown> => session.scalar(`SELECT CAST(${NESTED(text, suffix)} AS VARCHAR)`).catch((e: unknown) => (e instanceof Error ? e.message : String(e)));
      expect([text, await outcome('')]).toEqual([text, await outcome('_inline')]);
    }
  });
});

// DuckDB takes no lambda in a table's definition: a datetime conversion there calls the inline twins.
describe('date/time conversions in a table definition', () => {
  it('keeps a CHECK, a DEFAULT and computed columns converting datetimes', async () => {
    const session = await EngineSession.open({ threads: 1 });
    try {
      const scripts = [parseScript(`CREATE TABLE dbo.[Invoice] ([Invoice Id] int NOT NULL PRIMARY KEY,
  [Invoice Date] datetime NOT NULL CHECK (DATEADD(year, 1, [Invoice Date]) >= '2001-01-01'),
  [Posted At] datetime NOT NULL DEFAULT (DATEADD(day, 1, CONVERT(datetime, '2001-02-02 04:05:06.007'))),
  [Due Date] AS DATEADD(day, 30, [Invoice Date]),
  [Due Text] AS CONVERT(varchar(30), DATEADD(day, 30, [Invoice Date]), 121))
GO
CREATE PROCEDURE dbo.usp_Post AS
BEGIN
  INSERT dbo.[Invoice] ([Invoice Id], [Invoice Date]) VALUES (1, '2024-01-31 10:00:00.003');
  SELECT * FROM dbo.[Invoice];
  INSERT dbo.[Invoice] ([Invoice Id], [Invoice Date]) VALUES (2, '1999-01-31');
END
`, { file: 'usp_Post.sql' })];
      const r = await emulateProcedure({ scripts, procedure: 'dbo.usp_Post', session, inputs: [], clock: '2000-01-01T00:00:00', params: {} });
      const table = r.resultSets[0]?.table;
      if (table === undefined) throw new Error('no result set');
      expect((await readAsText(session, `SELECT * FROM ${table}`)).rows).toEqual([
        ['1', '2024-01-31 10:00:00.003', '2001-02-03 04:05:06.007', '2024-03-01 10:00:00.003', '2024-03-01 10:00:00.003'],
      ]);
      expect(r.errors.map((e) => e.number)).toEqual([547]);
    } finally {
      session.close();
    }
  });
});

// DuckDB fails with an internal error on a window function whose argument holds a lambda inside
// another lambda's body: the text MIN/MAX order check and the float conversions put windows there.
describe('read-once macros under a window', () => {
  it('MAX of UPPER text and a float AVG of LEN over a window', async () => {
    const session = await EngineSession.open({ threads: 1 });
    try {
      const scripts = [parseScript(`CREATE PROCEDURE dbo.usp_Names AS
BEGIN
  CREATE TABLE #n ([Group] int, [Name] varchar(20));
  INSERT #n VALUES (1, 'ann'), (1, 'Bob'), (2, 'cy'), (2, NULL);
  SELECT [Group], MAX(UPPER([Name])) OVER (PARTITION BY [Group]) AS [Top],
    CAST(AVG(CAST(LEN([Name]) AS float)) OVER (PARTITION BY [Group]) AS decimal(10,2)) AS [Mean]
  FROM #n ORDER BY [Group], [Name];
END
`, { file: 'usp_Names.sql' })];
      const r = await emulateProcedure({ scripts, procedure: 'dbo.usp_Names', session, inputs: [], clock: '2000-01-01T00:00:00', params: {} });
      const table = r.resultSets[0]?.table;
      if (table === undefined) throw new Error('no result set');
      expect((await readAsText(session, `SELECT * FROM ${table}`)).rows).toEqual([
        ['1', 'BOB', '3.00'], ['1', 'BOB', '3.00'], ['2', 'CY', '2.00'], ['2', 'CY', '2.00'],
      ]);
    } finally {
      session.close();
    }
  });
});
