import { join } from 'node:path';
import { matchUpsertLoop } from '../../../../src/draft/idioms/upsert-loop';
import { isIdiomRefusal } from '../../../../src/draft/idioms/loop-shape';
import { EngineSession } from '../../../../src/engine';
import { runScenario } from '../../../../src/sections';
import { draftSection } from './draft-harness';
import { bodyOf, indexOfKind } from './loop-helpers';

const stageLoop = (inner: string): string => `
DECLARE @Code varchar(20), @Name varchar(50), @Id int;
DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT s.Code, s.Name FROM dbo.Stage s;
OPEN c;
FETCH NEXT FROM c INTO @Code, @Name;
WHILE @@FETCH_STATUS = 0
BEGIN
${inner}
  FETCH NEXT FROM c INTO @Code, @Name;
END
CLOSE c;
DEALLOCATE c;`;

const upsert = (exists = 'EXISTS (SELECT 1 FROM dbo.P p WHERE p.Code = @Code)', update = 'UPDATE dbo.P SET Name = @Name WHERE Code = @Code', insert = 'INSERT INTO dbo.P (Code, Name) VALUES (@Code, @Name)'): string =>
  `IF ${exists} ${update} ELSE ${insert};`;

const byVariable = (reset = 'SET @Id = NULL;', update = 'UPDATE dbo.P SET Name = @Name WHERE Id = @Id'): string => stageLoop(`${reset}
  SELECT @Id = p.Id FROM dbo.P p WHERE p.Code = @Code;
  IF @Id IS NULL INSERT INTO dbo.P (Code, Name) VALUES (@Code, @Name) ELSE ${update};`);

describe('matchUpsertLoop, lookup into a variable', () => {
  it.each([
    ['SET @v = NULL; SELECT @v = col …; IF @v IS NULL INSERT ELSE UPDATE … WHERE col = @v', byVariable(), true],
    ['the UPDATE keyed like the lookup', byVariable(undefined, 'UPDATE dbo.P SET Name = @Name WHERE Code = @Code'), false],
  ])('recognises %s', (_name, sql, byValue) => {
    const list = bodyOf(sql);
    const m = matchUpsertLoop(list, indexOfKind(list, 'DeclareCursor'), []);
    if (!m || isIdiomRefusal(m)) throw new Error(`not recognised: ${m ? m.reason : 'no idiom'}`);
    expect(m.keys).toEqual([{ column: 'code', written: 'Code', variable: '@code' }]);
    expect(m.lookup).toEqual({ column: 'id', written: 'Id', byValue });
  });

  it('leaves a body that only ends in IF … ELSE to the other idioms', () => {
    const list = bodyOf(stageLoop(`INSERT INTO dbo.P (Code, Name) VALUES (@Code, @Name);
  SET @Id = @@ROWCOUNT;
  IF @Id = 0 RAISERROR('none', 0, 1) ELSE UPDATE dbo.P SET Name = @Name WHERE Code = @Code;`));
    expect(matchUpsertLoop(list, indexOfKind(list, 'DeclareCursor'), [])).toBeUndefined();
  });

  it.each([
    ['no reset before the lookup (a miss keeps the previous row\'s value)', byVariable(''), /not set to NULL before the lookup/],
    ['an UPDATE by another variable', byVariable(undefined, 'UPDATE dbo.P SET Name = @Name WHERE Id = @Name'), /looked-up column \(WHERE Id = @Id\)/],
  ])('refuses %s', (_name, sql, reason) => {
    const list = bodyOf(sql);
    const m = matchUpsertLoop(list, indexOfKind(list, 'DeclareCursor'), []);
    if (!m || !isIdiomRefusal(m)) throw new Error('expected a refusal');
    expect(m.reason).toMatch(reason);
  });
});

describe('matchUpsertLoop', () => {
  it.each([
    ['IF EXISTS … UPDATE ELSE INSERT', stageLoop(upsert())],
    ['IF NOT EXISTS … INSERT ELSE UPDATE', stageLoop(`IF NOT EXISTS (SELECT 1 FROM dbo.P p WHERE p.Code = @Code) INSERT INTO dbo.P (Code, Name) VALUES (@Code, @Name) ELSE UPDATE dbo.P SET Name = @Name WHERE Code = @Code;`)],
    ['branches in BEGIN … END', stageLoop(`IF EXISTS (SELECT 1 FROM dbo.P WHERE Code = @Code) BEGIN UPDATE dbo.P SET Name = @Name WHERE Code = @Code END ELSE BEGIN INSERT INTO dbo.P (Code, Name) VALUES (@Code, @Name) END`)],
  ])('recognises %s', (_name, sql) => {
    const list = bodyOf(sql);
    const m = matchUpsertLoop(list, indexOfKind(list, 'DeclareCursor'), []);
    if (!m || isIdiomRefusal(m)) throw new Error(`not recognised: ${m ? m.reason : 'no idiom'}`);
    expect(m.keys).toEqual([{ column: 'code', written: 'Code', variable: '@code' }]);
  });

  it.each([
    ['an UPDATE keyed differently from the lookup', stageLoop(upsert(undefined, 'UPDATE dbo.P SET Name = @Name WHERE Name = @Code')), /same key equalities/],
    ['an UPDATE that changes the key', stageLoop(upsert(undefined, 'UPDATE dbo.P SET Code = @Name WHERE Code = @Code')), /changes a key column/],
    ['an INSERT that writes another key', stageLoop(upsert(undefined, undefined, 'INSERT INTO dbo.P (Code, Name) VALUES (UPPER(@Code), @Name)')), /must write @Code to Code/],
    ['a lookup in another table', stageLoop(upsert('EXISTS (SELECT 1 FROM dbo.Q q WHERE q.Code = @Code)')), /same table/],
    ['a lookup by a non-equality', stageLoop(upsert('EXISTS (SELECT 1 FROM dbo.P p WHERE p.Code LIKE @Code)')), /same key equalities/],
    ['extra statements in a branch', stageLoop(upsert(undefined, 'BEGIN UPDATE dbo.P SET Name = @Name WHERE Code = @Code; PRINT @Code; END')), /only one UPDATE/],
  ])('refuses %s', (_name, sql, reason) => {
    const list = bodyOf(sql);
    const m = matchUpsertLoop(list, indexOfKind(list, 'DeclareCursor'), []);
    if (!m || !isIdiomRefusal(m)) throw new Error('expected a refusal');
    expect(m.reason).toMatch(reason);
  });

  it('stops with an error instead of guessing when two source rows share a key', async () => {
    const fixtures = join(__dirname, '../../../fixtures/draft-idioms');
    const { spec, transform } = await draftSection(join(fixtures, 'dbo.usp_MergeStagedProducts.sql'), join(fixtures, 'sections/dbo.usp_MergeStagedProducts/01-apply-batch.feature'));
    const base = spec.scenarios[0] as (typeof spec.scenarios)[number];
    const stage = base.inputs.find((t) => t.name === 'dbo.ProductStaging') as (typeof base.inputs)[number];
    const dup = { ...stage, rows: [...stage.rows, { ...stage.rows[0], StagingId: 9, ProductCode: 'AB-1 ', ProductName: 'Other' }] };
    const scenario = { ...base, inputs: base.inputs.map((t) => (t === stage ? dup : t)) };
    const session = await EngineSession.open({ threads: 1, memoryLimit: '1GB' });
    try {
      const r = await runScenario(session, transform as never, spec, scenario).catch((e: Error) => ({ passed: false, message: e.message }));
      expect(r.passed).toBe(false);
      expect(r.message).toContain('two source rows share a key');
    } finally {
      session.close();
    }
  });

  it('stops where a key holds a letter the collation equates with another spelling (STRASSE-1 and Straße-1 are one product to SQL Server)', async () => {
    const fixtures = join(__dirname, '../../../fixtures/draft-idioms');
    const { spec, transform } = await draftSection(join(fixtures, 'dbo.usp_MergeStagedProducts.sql'), join(fixtures, 'sections/dbo.usp_MergeStagedProducts/01-apply-batch.feature'));
    const base = spec.scenarios[0] as (typeof spec.scenarios)[number];
    const rename = (t: (typeof base.inputs)[number], code: string) => ({ ...t, rows: t.rows.map((r, i) => (i === 0 ? { ...r, ProductCode: code } : r)) });
    const scenario = { ...base, inputs: base.inputs.map((t) => (t.name === 'dbo.ProductStaging' ? rename(t, 'Straße-1') : t.name === 'dbo.Product' ? rename(t, 'STRASSE-1') : t)) };
    const session = await EngineSession.open({ threads: 1, memoryLimit: '1GB' });
    try {
      const r = await runScenario(session, transform as never, spec, scenario).catch((e: Error) => ({ passed: false, message: e.message }));
      expect(r.passed).toBe(false);
      expect(r.message).toMatch(/the text holds characters SQL Server's collation may equate with other spellings.*'Straße-1'/);
    } finally {
      session.close();
    }
  });
});
