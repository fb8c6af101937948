import type { SqlType } from '../../../src/sections/sql-expression-type';
import { declaredExpressionType } from '../../support/declared-expression-type';

// LAG, LEAD, FIRST_VALUE and LAST_VALUE return the type of their value
// (learn.microsoft.com/sql/t-sql/functions/lag-transact-sql): a spec column of LAG(UnitCost) over
// a money column is money, not text that the draft then writes with money's two-decimal style.
const DECLARED: Record<string, string> = { unitcost: 'money', qty: 'int', price: 'decimal(10,2)', pctrank: 'float', credits: 'smallint' };

const typeOf = (text: string): SqlType | undefined => declaredExpressionType(text, DECLARED);

describe('types of window value functions', () => {
  it.each([
    ['LAG(UnitCost) OVER (ORDER BY Qty)', 'money'],
    ['LAG(UnitCost, 1, 0) OVER (ORDER BY Qty)', 'money'],
    ['LEAD(Price, 2, NULL) OVER (ORDER BY Qty)', 'decimal(10,2)'],
    ['FIRST_VALUE(Qty) OVER (ORDER BY Price)', 'int'],
    ['PERCENT_RANK() OVER (ORDER BY Price DESC)', 'float'],
    ['CUME_DIST() OVER (PARTITION BY Qty ORDER BY Price DESC)', 'float'],
    ['UnitCost - LAG(UnitCost) OVER (ORDER BY Qty)', 'money'],
  ])('%s is %s', (text, expected) => {
    const t = typeOf(text);
    expect(t === undefined ? undefined : t.precision === undefined ? t.name : `${t.name}(${t.precision},${t.scale ?? 0})`).toBe(expected);
  });

  it('leaves LAG with a default of another kind unknown', () => {
    expect(typeOf('LAG(Qty, 1, 0.5) OVER (ORDER BY Price)')).toBeUndefined();
  });
});

// An integer constant beside a decimal is a decimal of its digits (as the emulator's
// decimal-arithmetic.ts and the drafts read it): `Price / 4` divides by a decimal(1,0).
describe('types of arithmetic with an integer constant', () => {
  it.each([
    ['Price / 4', 'decimal(14,6)'], // scale max(6, 2 + 1 + 1) = 6, precision 10 - 2 + 0 + 6
    ['Price + 100', 'decimal(11,2)'], // integer digits max(8, 3) + scale 2 + 1
    ['Qty * 4', 'int'],
    ['UnitCost * 4', 'money'],
  ])('%s is %s', (text, expected) => {
    const t = typeOf(text);
    expect(t === undefined ? undefined : t.precision === undefined ? t.name : `${t.name}(${t.precision},${t.scale ?? 0})`).toBe(expected);
  });
});

// ROUND keeps its value's type but for the small integers and real (learn.microsoft.com/sql/t-sql/functions/round-transact-sql):
// a class rank's ROUND(PctRank, 3) over a float column is a float, not text a draft must convert.
describe('types of ROUND', () => {
  it.each([
    ['ROUND(PctRank, 3)', 'float'],
    ['ROUND(Credits, -1)', 'int'],
    ['ROUND(UnitCost, 0, 1)', 'money'],
  ])('%s is %s', (text, expected) => {
    expect(typeOf(text)?.name).toBe(expected);
  });

  it('leaves ROUND of a decimal unknown (its documented type differs between versions)', () => {
    expect(typeOf('ROUND(Price, 1)')).toBeUndefined();
  });
});

// COALESCE and CASE over money and integers are money, over float and other numbers float (data
// type precedence, learn.microsoft.com/sql/t-sql/data-types/data-type-precedence-transact-sql):
// a report's `COALESCE(MAX(ADR), 0)` was `text?`, and its draft wrote 266.6641 as '266.66'.
describe('types of COALESCE and CASE over money or float and integers', () => {
  it.each([
    ['COALESCE(MAX(UnitCost), 0)', 'money'],
    ['CASE WHEN Qty > 0 THEN UnitCost ELSE Credits END', 'money'],
    ['COALESCE(PctRank, Qty, 0)', 'float'],
    ['COALESCE(PctRank, Price)', 'float'],
  ])('%s is %s', (text, expected) => {
    const t = typeOf(text);
    expect(t === undefined ? undefined : t.precision === undefined ? t.name : `${t.name}(${t.precision},${t.scale ?? 0})`).toBe(expected);
  });

  it('leaves money beside a decimal unknown', () => {
    expect(typeOf('COALESCE(UnitCost, Price)')).toBeUndefined();
  });
});
