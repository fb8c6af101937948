import type { FunctionCall, QuerySpec, Select, SelectItem } from '../../../src/tsql';
import { parseOne } from './helpers';

/** The OVER clause of the first item of `SELECT <call>`. */
function over(call: string): FunctionCall['over'] {
  const select = parseOne(`SELECT ${call} FROM t`) as Select;
  return (((select.body as QuerySpec).items[0] as SelectItem).expression as FunctionCall).over;
}

describe('OVER clauses', () => {
  it.each<[string, object | undefined]>([
    ['COUNT(*)', undefined],
    ['COUNT(*) OVER ()', { kind: 'WindowSpec', partitionBy: [], orderBy: [], frame: undefined }],
    ['SUM(x) OVER (PARTITION BY a, b ORDER BY c DESC)', { partitionBy: [{}, {}], orderBy: [{ direction: 'DESC' }] }],
    ['SUM(x) OVER (ORDER BY c ROWS 5 PRECEDING)', { frame: { unit: 'ROWS', start: { bound: 'PRECEDING', offset: { value: '5' } }, end: undefined } }],
    ['SUM(x) OVER (ORDER BY c ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)', { frame: { start: { bound: 'UNBOUNDED PRECEDING' }, end: { bound: 'CURRENT ROW' } } }],
    ['SUM(x) OVER (ORDER BY c RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)', { frame: { unit: 'RANGE', end: { bound: 'UNBOUNDED FOLLOWING' } } }],
    ['SUM(x) OVER (ORDER BY c ROWS BETWEEN 1 + 1 PRECEDING AND 3 FOLLOWING)', { frame: { start: { offset: { kind: 'Binary' } }, end: { bound: 'FOLLOWING' } } }],
    ['SUM(x) OVER w', { name: 'w', partitionBy: [] }],
    ['SUM(x) OVER (w ORDER BY c)', { name: 'w', orderBy: [{}] }],
  ])('%s', (call, expected) => {
    if (expected === undefined) expect(over(call)).toBeUndefined();
    else expect(over(call)).toMatchObject(expected);
  });
});
