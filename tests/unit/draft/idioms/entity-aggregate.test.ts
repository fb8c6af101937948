import { matchEntityAggregate } from '../../../../src/draft/idioms/entity-aggregate';
import { isIdiomRefusal } from '../../../../src/draft/idioms/loop-shape';
import { bodyOf, indexOfKind } from './loop-helpers';

// An entity cursor whose body is `inner`, inserting one row per entity.
const entityLoop = (inner: string, tail = 'INSERT INTO dbo.R (Id, N) VALUES (@Id, @N);', after = ''): string => `
DECLARE @Id int, @N int, @M decimal(10,2), @V int, @W varchar(20), @I int;
DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT e.Id FROM dbo.E e ORDER BY e.Id;
OPEN c;
FETCH NEXT FROM c INTO @Id;
WHILE @@FETCH_STATUS = 0
BEGIN
${inner}
${tail}
  FETCH NEXT FROM c INTO @Id;
END
CLOSE c;
DEALLOCATE c;
${after}`;

const childCursor = (inner: string): string => `
  DECLARE d CURSOR LOCAL FOR SELECT x.V, x.W FROM dbo.X x WHERE x.Id = @Id;
  OPEN d;
  FETCH NEXT FROM d INTO @V, @W;
  WHILE @@FETCH_STATUS = 0
  BEGIN
${inner}
    FETCH NEXT FROM d INTO @V, @W;
  END
  CLOSE d;
  DEALLOCATE d;`;

describe('matchEntityAggregate', () => {
  it.each([
    ['a counter in a nested cursor', entityLoop(`SET @N = 0;${childCursor('SET @N = @N + 1;')}`), ['@n'], 1],
    ['a conditional sum with ELSE', entityLoop(`SET @N = 0;${childCursor('IF @W = \'a\' SET @N = @N + @V; ELSE SET @N += 2;')}`), ['@n'], 1],
    ['a MAX kept by IF', entityLoop(`SET @N = 0; SET @M = NULL;${childCursor('SET @N = @N + 1; IF @M IS NULL OR @V > @M SET @M = @V;')}`), ['@m', '@n'], 1],
    ['a character loop inside the word cursor', entityLoop(`SET @N = 0;${childCursor('SET @I = 1; WHILE @I <= LEN(@W) BEGIN IF SUBSTRING(@W, @I, 1) = \'x\' SET @N = @N + 1; SET @I = @I + 1; END')}`), ['@n'], 1],
    ['replace by key: DELETE then INSERT', entityLoop(`SET @N = 0;${childCursor('SET @N += @V;')}`, 'DELETE FROM dbo.R WHERE Id = @Id; INSERT INTO dbo.R (Id, N) VALUES (@Id, @N);'), ['@n'], 2],
    ['no accumulator: one row per entity', entityLoop('SET @N = @Id * 2;'), [], 1],
    // the @@ERROR check of code older than TRY … CATCH: false on every row a draft returns
    ['an @@ERROR check after the INSERT', entityLoop('SET @N = @Id * 2;', 'INSERT INTO dbo.R (Id, N) VALUES (@Id, @N);\n  IF @@ERROR <> 0 BEGIN ROLLBACK; RETURN -1; END'), [], 1],
    ['@@ERROR kept in a variable, then tested', entityLoop('SET @N = @Id * 2;', 'INSERT INTO dbo.R (Id, N) VALUES (@Id, @N);\n  SELECT @V = @@ERROR, @I = @@ROWCOUNT;\n  IF 0 <> @V GOTO failed;'), [], 1],
  ])('recognises %s', (_name, sql, accs, writeCount) => {
    const list = bodyOf(sql);
    const m = matchEntityAggregate(list, indexOfKind(list, 'DeclareCursor'), []);
    if (!m || isIdiomRefusal(m)) throw new Error(`not recognised: ${m ? m.reason : 'no cursor'}`);
    expect([...m.accumulators].sort()).toEqual(accs);
    expect(m.write.count).toBe(writeCount);
  });

  it.each([
    ['an accumulator never reset per entity', entityLoop(childCursor('SET @N = @N + 1;')), /not reset at the start of each c row/],
    ['an accumulator read while accumulating', entityLoop(`SET @N = 0;${childCursor('IF @N < 3 SET @N = @N + 1;')}`), /read while it is being accumulated/],
    ['BREAK in the loop', entityLoop(`SET @N = 0;${childCursor('SET @N = @N + 1; IF @V > 9 BREAK;')}`), /BREAK/],
    ['an early RETURN', entityLoop('SET @N = 0; IF @Id IS NULL RETURN;'), /RETURN/],
    ['an UPDATE inside the loop (side effect)', entityLoop('SET @N = 0; UPDATE dbo.E SET Seen = 1 WHERE Id = @Id;'), /UPDATE inside a row-by-row loop/],
    ['EXEC inside the loop', entityLoop('SET @N = 0; EXEC dbo.usp_Log @Id;'), /EXEC/],
    ['a variable read after the loop', entityLoop('SET @N = 0;', undefined, 'SELECT @N AS LastN;'), /read after the loop/],
    ['a second FETCH inside the loop', entityLoop('SET @N = 0; FETCH NEXT FROM c INTO @Id;'), /second FETCH/],
    ['a body not ending in an INSERT', entityLoop('SET @N = 0;', 'PRINT @N;'), /does not end with the INSERT/],
    ['a DELETE keyed on another variable', entityLoop('SET @N = 0;', 'DELETE FROM dbo.R WHERE Id = @N; INSERT INTO dbo.R (Id, N) VALUES (@Id, @N);'), /DELETE before the INSERT/],
    ['a multiplication accumulator', entityLoop(`SET @N = 1;${childCursor('SET @N = @N * @V;')}`), /computed from its own previous value/],
    ['a local assigned under IF', entityLoop(`SET @N = 0;${childCursor('IF @V > 1 SET @W = \'big\'; SET @N = @N + 1;')}`), /assigned under IF/],
    ['a character loop with a GOTO', entityLoop(`SET @N = 0;${childCursor('SET @I = 1; WHILE @I <= LEN(@W) BEGIN IF @I > 3 GOTO done; SET @I = @I + 1; END done:')}`), /GOTO/],
    ['a counter loop that changes its bound', entityLoop(`SET @N = 0;${childCursor('SET @I = 1; WHILE @I <= @V BEGIN SET @V = @V - 1; SET @I = @I + 1; END')}`), /bound reads @V,/],
    ['an IF testing a variable no capture of @@ERROR set', entityLoop('SET @N = @Id * 2;', 'INSERT INTO dbo.R (Id, N) VALUES (@Id, @N);\n  IF @N <> 0 RETURN;'), /does not end with the INSERT/],
    ['@@ERROR kept in a variable read after the loop', entityLoop('SET @N = @Id * 2;', 'INSERT INTO dbo.R (Id, N) VALUES (@Id, @N);\n  SET @V = @@ERROR;\n  IF @V <> 0 BREAK;', 'RETURN @V;'), /@V is read after the loop/],
    ['a scroll cursor', entityLoop('SET @N = 0;').replace('LOCAL FAST_FORWARD', 'SCROLL'), /SCROLL/],
  ])('refuses %s', (_name, sql, reason) => {
    const list = bodyOf(sql);
    const m = matchEntityAggregate(list, indexOfKind(list, 'DeclareCursor'), list.slice(indexOfKind(list, 'DeallocateCursor') + 1));
    if (!m || !isIdiomRefusal(m)) throw new Error('expected a refusal');
    expect(m.reason).toMatch(reason);
    expect(m.span.start.line).toBeGreaterThan(1);
  });

  it('is not about statements that are no cursor', () => {
    const list = bodyOf('SET @P = 1;');
    expect(matchEntityAggregate(list, 0, [])).toBeUndefined();
  });
});
