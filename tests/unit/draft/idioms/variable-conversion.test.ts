import { draftAgainstEmulator, type ParityCase } from '../emulator-parity';
import { draftOf } from '../draft-harness';

/*
 * A variable holds its declared type: SET @Credit = @Rate / 2.0 into an int truncates (SQL
 * Server converts what it assigns; DuckDB's CAST would round), SET @Pay = … into money keeps
 * four decimals. A loop rewritten set-based substitutes the value where the variable is read,
 * so the substitute carries that conversion; each draft is run against the emulator.
 */
const DDL = `CREATE TABLE dbo.Emp (EmpNo int NOT NULL PRIMARY KEY, Rate decimal(9,4) NULL, PayType char(1) NOT NULL);
CREATE TABLE dbo.Credit (EmpNo int NOT NULL, Credit int NULL, Pay money NULL, Twice decimal(19,4) NULL);`;
const EMP = { name: 'dbo.Emp', columns: ['EmpNo:int', 'Rate:decimal(9,4)?', 'PayType:text'], csv: 'EmpNo,Rate,PayType\n1,23.4567,H\n2,-7.9999,S\n3,,H\n4,10.0001,S\n' };
const OUT = { name: 'dbo.Credit', columns: ['EmpNo:int', 'Credit:int?', 'Pay:decimal(19,4)?', 'Twice:decimal(19,4)?'] };
const loop = (body: string): ParityCase => ({
  ddl: DDL,
  procedure: `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  DECLARE @Emp int, @Rate decimal(9,4), @Type char(1), @Credit int, @Pay money;
  DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT EmpNo, Rate, PayType FROM dbo.Emp ORDER BY EmpNo;
  OPEN c;
  FETCH NEXT FROM c INTO @Emp, @Rate, @Type;
  WHILE @@FETCH_STATUS = 0
  BEGIN
${body}
    FETCH NEXT FROM c INTO @Emp, @Rate, @Type;
  END
  CLOSE c;
  DEALLOCATE c;
END`,
  inputs: [EMP],
  output: OUT,
});

describe('per-entity variables in rewritten cursor loops keep their declared type', () => {
  it.each<[string, string, string]>([
    ['(a) per-entity values inserted with VALUES', `    SET @Credit = @Rate / 2.0;
    SET @Pay = @Rate * 1.00005;
    INSERT INTO dbo.Credit (EmpNo, Credit, Pay, Twice) VALUES (@Emp, @Credit, @Pay, @Pay * 2);`, 'per-entity aggregates'],
    ['(f) per-entity statements, the value set under IF … ELSE', `    IF @Type = 'H'
      SET @Credit = @Rate / 2.0;
    ELSE
      SET @Credit = @Rate / 3.0;
    SET @Pay = @Rate * 1.00005;
    INSERT INTO dbo.Credit (EmpNo, Credit, Pay, Twice) SELECT e.EmpNo, @Credit, @Pay, @Pay * 2 FROM dbo.Emp e WHERE e.EmpNo = @Emp;`, 'per-entity statements'],
  ])('%s', async (_name, body, idiom) => {
    const c = loop(body);
    expect(draftOf(c.procedure, { ddl: DDL, inputs: [EMP, OUT], output: OUT }).idioms.join('; ')).toContain(idiom);
    const r = await draftAgainstEmulator(c);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    // 23.4567 / 2.0 = 11.72835 truncates to 11; money rounds 23.45787283 to 23.4579 before doubling
    expect(r.emulator[0]).toMatch(/^1\|11\|23\.4579\|46\.9158/);
  });

  it('(c) a previous-row value carried in a running loop', async () => {
    const c = loop(`    SET @Pay = @Pay + @Rate;
    INSERT INTO dbo.Credit (EmpNo, Credit, Pay, Twice) VALUES (@Emp, @Credit, @Pay, @Credit * 2);
    SET @Credit = @Rate;`);
    const procedure = c.procedure.replace('@Credit int, @Pay money;', '@Credit int = 0, @Pay decimal(19,4) = 0;');
    expect(draftOf(procedure, { ddl: DDL, inputs: [EMP, OUT], output: OUT }).idioms.join('; ')).toContain('running values');
    const r = await draftAgainstEmulator({ ...c, inputs: [{ ...EMP, csv: EMP.csv.replace('3,,H', '3,10.5,H') }], procedure });
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    // the previous rate 23.4567 is held as the int 23
    expect(r.emulator[1]).toBe('2|23|15.4568|46.0000');
  });

  it('(f) a lookup SELECT @v = col FROM … BETWEEN: the row\'s value, the value before when none matches, a stop when two match', async () => {
    const ddl = `${DDL}\nCREATE TABLE dbo.Band (Lo decimal(9,4) NOT NULL, Hi decimal(9,4) NOT NULL, Pct decimal(5,2) NOT NULL);`;
    const band = { name: 'dbo.Band', columns: ['Lo:decimal(9,4)', 'Hi:decimal(9,4)', 'Pct:decimal(5,2)'], csv: 'Lo,Hi,Pct\n0,15,1.5\n15.0001,30,2.25\n' };
    const c = loop(`    SET @Credit = -1;
    SELECT @Credit = b.Pct * 10 FROM dbo.Band b WHERE @Rate BETWEEN b.Lo AND b.Hi;
    INSERT INTO dbo.Credit (EmpNo, Credit) SELECT e.EmpNo, @Credit FROM dbo.Emp e WHERE e.EmpNo = @Emp;`);
    const r = await draftAgainstEmulator({ ...c, ddl, inputs: [EMP, band] });
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    // 22.5 truncates to 22; -7.9999 and NULL match no band and keep -1
    expect(r.emulator).toEqual(['1|22|NULL|NULL', '2|-1|NULL|NULL', '3|-1|NULL|NULL', '4|15|NULL|NULL']);
    const twice = await draftAgainstEmulator({ ...c, ddl, inputs: [EMP, { ...band, csv: 'Lo,Hi,Pct\n0,15,1.5\n10,30,2.25\n' }] });
    expect(twice.draftError).toMatch(/More than one row returned by a subquery/);
  });

  it('refuses a variable read after an IF that assigns it in one branch only', () => {
    const c = loop(`    IF @Type = 'H' SET @Credit = @Rate / 2.0;
    INSERT INTO dbo.Credit (EmpNo, Credit) SELECT e.EmpNo, @Credit FROM dbo.Emp e WHERE e.EmpNo = @Emp;`);
    const body = draftOf(c.procedure, { ddl: DDL, inputs: [EMP, OUT], output: OUT });
    expect(body.sql).toBeUndefined();
    expect(body.refusals.map((x) => x.reason).join('\n')).toMatch(/@Credit is read here but assigned under IF/);
  });
});
