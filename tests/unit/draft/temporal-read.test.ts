import { draftOf, type HarnessTable } from './draft-harness';

// `FOR SYSTEM_TIME` reads the rows valid at other times (the table and its history table). The
// draft does not translate it; before, it dropped the clause and read the current rows only,
// a silently wrong draft. Every form refuses at the table reference's file:line:col.
const proc = (body: string): string => `CREATE PROCEDURE dbo.usp_T @AsOf datetime2, @To datetime2 AS\nBEGIN\n${body}\nEND`;
const PRODUCT: HarnessTable = { name: 'dbo.Product', columns: ['ProductId:int', 'Price:decimal(10,2)'] };
const SALE: HarnessTable = { name: 'dbo.Sale', columns: ['SaleId:int', 'ProductId:int', 'Qty:int'] };
const VALUE: HarnessTable = { name: 'dbo.SaleValue', columns: ['SaleId:int', 'Value:decimal(18,2)?'] };
const PARAMS = { '@AsOf': 'timestamp?', '@To': 'timestamp?' };

describe('FOR SYSTEM_TIME is refused, never read as the current rows', () => {
  it.each<[string, string, number, number, RegExp]>([
    ['AS OF in a join of an INSERT … SELECT',
      'INSERT INTO dbo.SaleValue (SaleId, Value)\nSELECT s.SaleId, s.Qty * p.Price\nFROM dbo.Sale s JOIN dbo.Product FOR SYSTEM_TIME AS OF @AsOf p ON p.ProductId = s.ProductId;',
      5, 22, /^dbo\.Product FOR SYSTEM_TIME AS OF @AsOf$/],
    ['BETWEEN in a subquery',
      'INSERT INTO dbo.SaleValue (SaleId, Value)\nSELECT s.SaleId, (SELECT MAX(p.Price) FROM dbo.Product FOR SYSTEM_TIME BETWEEN @AsOf AND @To p WHERE p.ProductId = s.ProductId)\nFROM dbo.Sale s;',
      4, 44, /^dbo\.Product FOR SYSTEM_TIME BETWEEN @AsOf AND @To$/],
    ['ALL in a derived table',
      'INSERT INTO dbo.SaleValue (SaleId, Value)\nSELECT s.SaleId, h.Price\nFROM dbo.Sale s JOIN (SELECT ProductId, MIN(Price) AS Price FROM dbo.Product FOR SYSTEM_TIME ALL GROUP BY ProductId) h ON h.ProductId = s.ProductId;',
      5, 66, /^dbo\.Product FOR SYSTEM_TIME ALL$/],
    ['CONTAINED IN through a #temp table',
      'SELECT ProductId, Price INTO #p FROM dbo.Product FOR SYSTEM_TIME CONTAINED IN (@AsOf, @To);\nINSERT INTO dbo.SaleValue (SaleId, Value)\nSELECT s.SaleId, p.Price FROM dbo.Sale s JOIN #p p ON p.ProductId = s.ProductId;',
      3, 38, /^dbo\.Product FOR SYSTEM_TIME CONTAINED IN \(@AsOf, @To\)$/],
  ])('%s', (_form, body, line, col, construct) => {
    const draft = draftOf(proc(body), { inputs: [SALE, PRODUCT, VALUE], output: VALUE, params: PARAMS });
    expect(draft.sql).toBeUndefined();
    expect(draft.refusals).toHaveLength(1);
    const r = draft.refusals[0];
    expect([r?.file, r?.line, r?.col]).toEqual(['proc.sql', line, col]);
    expect(r?.construct).toMatch(construct);
    expect(r?.reason).toMatch(/history table/);
  });

  it('a variable declared from a FOR SYSTEM_TIME read refuses where it is used, naming the clause', () => {
    const body = 'DECLARE @P decimal(10,2) = (SELECT MAX(Price) FROM dbo.Product FOR SYSTEM_TIME AS OF @AsOf);\nINSERT INTO dbo.SaleValue (SaleId, Value) SELECT s.SaleId, s.Qty * @P FROM dbo.Sale s;';
    const draft = draftOf(proc(body), { inputs: [SALE, PRODUCT, VALUE], output: VALUE, params: PARAMS });
    expect(draft.sql).toBeUndefined();
    expect(draft.refusals.map((r) => `${r.line}:${r.col} ${r.construct}`)).toEqual(['3:52 dbo.Product FOR SYSTEM_TIME AS OF @AsOf']);
  });

  it('a result set read FOR SYSTEM_TIME refuses too', () => {
    const out: HarnessTable = { name: 'result', columns: ['ProductId:int', 'Price:decimal(10,2)'] };
    const draft = draftOf(proc('SELECT ProductId, Price FROM dbo.Product FOR SYSTEM_TIME AS OF @AsOf;'), { inputs: [PRODUCT], output: out, params: PARAMS });
    expect(draft.sql).toBeUndefined();
    expect(draft.refusals.map((r) => `${r.line}:${r.col} ${r.construct}`)).toEqual(['3:30 dbo.Product FOR SYSTEM_TIME AS OF @AsOf']);
  });

  it('a loop an idiom would rewrite refuses whole when it reads FOR SYSTEM_TIME', () => {
    const loop = `DECLARE @Id int, @N int, @V int;
DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT s.SaleId FROM dbo.Sale s ORDER BY s.SaleId;
OPEN c;
FETCH NEXT FROM c INTO @Id;
WHILE @@FETCH_STATUS = 0
BEGIN
  SET @N = 0;
  DECLARE d CURSOR LOCAL FOR SELECT p.ProductId FROM dbo.Product FOR SYSTEM_TIME AS OF @AsOf p WHERE p.ProductId = @Id;
  OPEN d;
  FETCH NEXT FROM d INTO @V;
  WHILE @@FETCH_STATUS = 0
  BEGIN
    SET @N = @N + 1;
    FETCH NEXT FROM d INTO @V;
  END
  CLOSE d;
  DEALLOCATE d;
  INSERT INTO dbo.SaleValue (SaleId, Value) VALUES (@Id, @N);
  FETCH NEXT FROM c INTO @Id;
END
CLOSE c;
DEALLOCATE c;`;
    const draft = draftOf(proc(loop), { inputs: [SALE, PRODUCT, VALUE], output: VALUE, params: PARAMS });
    // without the clause the same loop is idiom (a): the refusal is the temporal read's, not the idiom's
    const plain = draftOf(proc(loop.replace(' FOR SYSTEM_TIME AS OF @AsOf', '')), { inputs: [SALE, PRODUCT, VALUE], output: VALUE, params: PARAMS });
    expect(plain.refusals).toEqual([]);
    expect(plain.idioms.length).toBe(1);
    expect(draft.sql).toBeUndefined();
    expect(draft.refusals.map((r) => `${r.line}:${r.col} ${r.construct}`)).toEqual(['10:54 dbo.Product FOR SYSTEM_TIME AS OF @AsOf']);
  });

  it('a write that does not read the temporal table is still drafted', () => {
    const draft = draftOf(proc('SELECT ProductId INTO #old FROM dbo.Product FOR SYSTEM_TIME ALL;\nINSERT INTO dbo.SaleValue (SaleId, Value) SELECT s.SaleId, s.Qty FROM dbo.Sale s;'), { inputs: [SALE, PRODUCT, VALUE], output: VALUE, params: PARAMS });
    expect(draft.refusals).toEqual([]);
    expect(draft.sql).toMatch(/SaleId/);
  });
});
