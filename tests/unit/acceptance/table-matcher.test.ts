import { compareRows, resolveCompareOptions, toMatchTable } from '../../../src/acceptance';

describe('toMatchTable (registered in tests/setup/matchers.ts)', () => {
  const expected = [
    { id: 1, name: 'Widget', amount: 10.5, day: '2024-01-02', active: 1 },
    { id: 2, name: 'Gadget', amount: 3, day: '2024-01-03', active: 0 },
  ];

  it('passes for the same rows in another order, with SQL Server-style values normalised', () => {
    expect([
      { id: 2, name: 'Gadget', amount: 3.0000000001, day: new Date('2024-01-03T00:00:00Z'), active: false },
      { id: 1, name: 'widget  ', amount: 10.5, day: new Date('2024-01-02T00:00:00Z'), active: true },
    ]).toMatchTable(expected, { key: 'id', tolerance: 1e-6, trim: true, ignoreCase: true });
  });

  it('fails with the differing rows side by side and a unified diff', () => {
    const actual = [{ id: 1, name: 'Widget', amount: 11, day: '2024-01-02', active: 1 }, { id: 3, name: 'New', amount: 1, day: '2024-01-04', active: 1 }];
    const result = toMatchTable(actual, expected, { key: ['id'] });
    expect(result.pass).toBe(false);
    const message = result.message();
    expect(message).toContain('Test Failed. 3 records tested. 0 matched, 1 changed, 1 missing, 1 extra. Percentage Matched: 0%');
    expect(message).toContain('differing columns: amount (1)');
    expect(message).toMatch(/changed\s+expected\s+1\s+Widget\s+\*10\.5/);
    expect(message).toContain('-1,Widget,10.5,2024-01-02,1');
    expect(message).toContain('+1,Widget,11,2024-01-02,1');
    expect(() => expect(actual).toMatchTable(expected, { key: 'id' })).toThrow(/Percentage Matched: 0%/);
  });

  it('parses SQL Server date text against Date values', () => {
    expect([{ id: 1, day: new Date('2024-01-02T13:05:00Z') }]).toMatchTable([{ id: 1, day: 'Jan  2 2024  1:05PM' }], { key: 'id' });
  });

  it('works with .not', () => {
    expect([{ id: 1, v: 'a' }]).not.toMatchTable([{ id: 1, v: 'b' }], { key: 'id' });
  });

  it.each<[string, unknown, unknown[], Record<string, unknown>, boolean]>([
    ['multiset without a key: duplicates count', [{ v: 1 }, { v: 1 }], [{ v: 1 }], {}, false],
    ['multiset order does not matter', [{ v: 2 }, { v: 1 }], [{ v: 1 }, { v: 2 }], {}, true],
    ['per-column tolerance', [{ id: 1, a: 1.004, b: 2 }], [{ id: 1, a: 1, b: 2 }], { key: 'id', tolerance: { a: 0.005 } }, true],
    ['relative tolerance', [{ id: 1, a: 1000.5 }], [{ id: 1, a: 1000 }], { key: 'id', relativeTolerance: 0.001 }, true],
    ['NULL vs empty differ', [{ id: 1, a: null }], [{ id: 1, a: '' }], { key: 'id' }, false],
    ['NULL equals empty on request', [{ id: 1, a: null }], [{ id: 1, a: '' }], { key: 'id', nullEqualsEmpty: true }, true],
    ['ignored column', [{ id: 1, at: 'x' }], [{ id: 1, at: 'y' }], { key: 'id', ignore: ['at'] }, true],
    ['renamed column', [{ id: 1, qty: 2 }], [{ id: 1, quantity: 2 }], { key: 'id', map: { quantity: 'qty' } }, true],
    ['missing column is a difference', [{ id: 1 }], [{ id: 1, a: 2 }], { key: 'id' }, false],
    ['bigint against number', [{ id: 1n, a: 5n }], [{ id: 1, a: 5 }], { key: 'id' }, true],
    ['two empty tables', [], [], {}, true],
    ['received is not an array', 'nope', [], {}, false],
  ])('%s', (_name, actual, exp, options, pass) => {
    expect(toMatchTable(actual, exp as Record<string, unknown>[], options).pass).toBe(pass);
  });

  it('auto key finds the unique column and counts a changed row once', () => {
    const r = compareRows('t', [{ g: 1, id: 1, v: 'a' }, { g: 1, id: 2, v: 'b' }], [{ g: 1, id: 1, v: 'a' }, { g: 1, id: 2, v: 'c' }], resolveCompareOptions({ key: 'auto' }));
    expect([r.key.columns, r.matched, r.changed]).toEqual([['id'], 1, 1]);
  });
});
