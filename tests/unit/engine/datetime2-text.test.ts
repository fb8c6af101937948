import { castToColumnSql, datetime2Sql, EngineSession, parseColumnType, type ColumnType } from '../../../src/engine';

// A data file's datetime2 field (or an earlier section's TIMESTAMP) read into a datetime2 column:
// its canonical 7-digit text, exactly, or the query stops naming the column.
let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

const DT2 = parseColumnType('datetime2?') as ColumnType;
const read = async (sql: string): Promise<unknown> => (await session.all(`SELECT ${sql} AS v`))[0]?.v;

describe('castToColumnSql to datetime2', () => {
  it.each([
    ["'9999-12-31 23:59:59.9999999'", '9999-12-31 23:59:59.9999999'],
    ["'2020-01-01 00:00:00'", '2020-01-01 00:00:00.0000000'],
    ["'2020-01-01'", '2020-01-01 00:00:00.0000000'],
    ["'2020-01-01T10:30:00.12'", '2020-01-01 10:30:00.1200000'],
    ["'0001-01-01 00:00:00.00000010'", '0001-01-01 00:00:00.0000001'],
    ["TIMESTAMP '2020-01-01 10:30:00.123456'", '2020-01-01 10:30:00.1234560'],
    ['CAST(NULL AS VARCHAR)', null],
  ])('%s is %p', async (value, text) => {
    expect(await read(castToColumnSql(value, DT2, 'Valid To'))).toBe(text);
  });

  it.each(["'2020-02-30'", "'2020-01-01 00:00:00.12345678'", "'01/02/2020'", "'2020-01-01 25:00'"])('stops on %s, naming the column', async (value) => {
    await expect(read(castToColumnSql(value, DT2, 'Valid To'))).rejects.toThrow(/column Valid To: '.*' is not a datetime2/);
  });

  it('leaves other types to CAST', () => {
    expect(castToColumnSql('x', parseColumnType('timestamp') as ColumnType, 'c')).toBe('CAST(x AS TIMESTAMP)');
  });
});

describe('datetime2Sql', () => {
  it.each([
    ["DATE '2024-06-30'", '2024-06-30 00:00:00.0000000'],
    ["TIMESTAMP '2024-06-30 10:00:00.5'", '2024-06-30 10:00:00.5000000'],
  ])('%s is %p', async (value, text) => {
    expect(await read(datetime2Sql(value))).toBe(text);
  });
});
