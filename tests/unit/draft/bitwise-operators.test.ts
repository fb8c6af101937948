import { draftOf } from './draft-harness';
import { draftAgainstEmulator } from './emulator-parity';

// T-SQL's ^ is the bitwise exclusive or; DuckDB's ^ is a power. A payroll flag word toggled with
// `Flags ^ 1` was drafted as Flags to the power 1 (and `| 8 ^ 2` as 10 ^ 2 = 100): a silently
// wrong number. &, | and ^ share one precedence level with + and -, left to right.
const DDL = `CREATE TABLE dbo.Emp (Id int NOT NULL, Flags tinyint NOT NULL, Rate decimal(9,4) NOT NULL);
CREATE TABLE dbo.Out (Id int NOT NULL, Toggled int NULL, Mixed int NULL);`;
const EMP = { name: 'dbo.Emp', columns: ['Id:int', 'Flags:int', 'Rate:decimal(9,4)'], rows: [[1, 4, 1], [2, 13, 1], [3, 0, 1]], csv: 'Id,Flags,Rate\n1,4,1\n2,13,1\n3,0,1\n' };
const OUT = { name: 'dbo.Out', columns: ['Id:int', 'Toggled:int?', 'Mixed:int?'] };
const proc = (select: string): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.Out (Id, Toggled, Mixed) SELECT Id, ${select} FROM dbo.Emp;
END`;

describe('bitwise operators in drafts', () => {
  it('translate ^ as exclusive or, agreeing with the emulator', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc('Flags ^ 1, Flags & 1 + 1 | 8 ^ 2'), inputs: [EMP], output: OUT });
    expect(r.emulator).toEqual(['1|5|11', '2|12|8', '3|1|11']);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  // A rating run clears the "free" bit of a tinyint flag word (`Flags & ~(Flags & 4)`); ~ of a
  // tinyint stays in 0..255 (~4 is 251), of an int it is the two's complement (~1 is -2).
  it('translate unary ~ in the operand\'s width, agreeing with the emulator', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc('~Flags, ~Id * 100 + (Flags & ~(Flags & 4))'), inputs: [EMP], output: OUT });
    expect(r.emulator).toEqual(['1|251|-200', '2|242|-291', '3|255|-400']);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  it('refuse a bitwise operator on a decimal, which SQL Server rejects', () => {
    const body = draftOf(proc('Rate ^ 2, 0'), { ddl: DDL, inputs: [EMP], output: OUT });
    expect(body.sql).toBeUndefined();
    expect(body.refusals.map((x) => `${x.line}:${x.col} ${x.construct}`)).toEqual(['3:55 decimal(9,4) ^ int']);
  });
});
