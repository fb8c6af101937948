import { parameterFilters } from '../../../../src/legacy/emulator/section/parameter-filters';
import { parseScript, type CreateProcedure } from '../../../../src/tsql';

// The conditions of a section that filter its rows by procedure parameters: record --from-data
// sets the one compared to the entity column per entity, and names the others when a scenario's
// Then tables come out empty.
function filtersOf(body: string): ReturnType<typeof parameterFilters> {
  const script = parseScript(`CREATE PROCEDURE dbo.p @RunDate date, @FromDate date, @ToDate date, @Branch varchar(10)\nAS\nBEGIN\n${body}\nEND\n`, { file: 'p.sql' });
  const proc = script.batches[0]?.statements[0] as CreateProcedure;
  const statements = proc.body[0]?.kind === 'Block' ? proc.body[0].statements : proc.body;
  return parameterFilters(statements, proc.parameters.map((p) => p.name), script);
}

describe('parameterFilters', () => {
  it('pins a plain equality every kept row meets, and reads the column on the left', () => {
    const found = filtersOf('DECLARE @Local int = 1;\nSELECT b.[Branch Code] FROM dbo.[Branch Sale] b WHERE b.[Branch Code] = @Branch AND @FromDate <= b.[Sale Date] AND b.[Till No] = @Local;');
    expect(found.map((f) => [f.text, f.pins, f.test])).toEqual([
      ['b.[Branch Code] = @Branch', true, { operator: '=', parameters: ['@Branch'] }],
      ['@FromDate <= b.[Sale Date]', false, { operator: '>=', parameters: ['@FromDate'] }],
    ]);
    expect(found[1]?.line).toBe(5);
  });

  it('does not pin an equality under OR, and names BETWEEN and an expression of parameters', () => {
    const found = filtersOf('SELECT s.[Sale Id] FROM dbo.[Branch Sale] s WHERE (s.[Branch Code] = @Branch OR @Branch IS NULL) AND s.[Sale Date] BETWEEN @FromDate AND @ToDate AND s.[Booked At] < DATEADD(day, 1, @RunDate);');
    expect(found.map((f) => [f.text, f.pins, f.test?.operator])).toEqual([
      ['s.[Branch Code] = @Branch', false, '='],
      ['s.[Booked At] < DATEADD(day, 1, @RunDate)', false, undefined],
      ['s.[Sale Date] BETWEEN @FromDate AND @ToDate', false, 'between'],
    ]);
  });

  it('leaves out a DELETE\'s WHERE: the rows it matches leave the output', () => {
    expect(filtersOf('DELETE FROM dbo.[Branch Sale] WHERE [Sale Date] < @FromDate;')).toEqual([]);
  });

  it('names the line that assigns a parameter before the comparison, or in a loop around it', () => {
    const found = filtersOf([
      'IF @RunDate IS NULL SET @RunDate = CAST(GETDATE() AS date);',
      'SELECT s.[Sale Id] FROM dbo.[Branch Sale] s WHERE s.[Sale Date] <= @RunDate AND s.[Branch Code] = @Branch;',
      'WHILE @FromDate <= @ToDate',
      'BEGIN',
      '  SELECT s.[Sale Id] FROM dbo.[Branch Sale] s WHERE s.[Sale Date] = @FromDate;',
      '  SET @FromDate = DATEADD(day, 1, @FromDate);',
      'END',
      'SET @Branch = NULL;',
    ].join('\n'));
    expect(found.map((f) => [f.text, f.pins, f.reassignedAt])).toEqual([
      ['s.[Branch Code] = @Branch', true, undefined],
      ['s.[Sale Date] <= @RunDate', false, 4],
      ['s.[Sale Date] = @FromDate', true, 9],
    ]);
  });
});
