import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAcceptanceConfig, loadAcceptanceConfigs } from '../../../src/acceptance';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'accept-cfg-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function config(text: string): string {
  const p = join(dir, `c${++n}.yaml`);
  writeFileSync(p, text);
  return p;
}

describe('loadAcceptanceConfig', () => {
  it('reads a one-table config with every option, paths relative to the config', () => {
    const p = config([
      'key: [order_id, line]', 'ignoreCase: true', 'trim: true', 'nullEqualsEmpty: true',
      'tolerance: 1e-9', 'relativeTolerance: 1e-6', 'columnTolerance: { amount: 0.005, rate: { relative: 0.01 } }',
      'ignore: [loaded_at]', 'map: { qty: quantity }', 'threshold: 99.5', 'limit: 3',
      "csv: { delimiter: ';', header: true, nullMarker: 'NULL' }",
      'expected: baselines/orders.csv', 'actual: out/orders.parquet', '',
    ].join('\n'));
    const [job] = loadAcceptanceConfig(p);
    expect(job).toMatchObject({
      name: `c${n}`,
      expected: { kind: 'csv', path: join(dir, 'baselines/orders.csv'), csv: { delimiter: ';', header: true, nullMarker: 'NULL' } },
      actual: { kind: 'parquet', path: join(dir, 'out/orders.parquet') },
      options: {
        key: ['order_id', 'line'], ignoreCase: true, trim: true, nullEqualsEmpty: true,
        tolerance: { absolute: 1e-9, relative: 1e-6 }, columnTolerance: { amount: { absolute: 0.005 }, rate: { relative: 0.01 } },
        ignore: ['loaded_at'], map: { qty: 'quantity' }, threshold: 99.5, limit: 3,
      },
    });
  });

  it('reads several tables; top-level options are defaults each table may override', () => {
    const p = config('trim: true\nthreshold: 99\ntables:\n  - name: a\n    expected: a.csv\n    actual: a2.csv\n    key: id\n  - name: b\n    expected: db.duckdb#main.b\n    actual: "sql:SELECT * FROM x"\n    threshold: 100\n    key: auto\n');
    const jobs = loadAcceptanceConfig(p);
    expect(jobs.map((j) => [j.name, j.options.trim, j.options.threshold, j.options.key])).toEqual([['a', true, 99, ['id']], ['b', true, 100, 'auto']]);
    expect(jobs[1]?.expected).toEqual({ kind: 'duckdb', path: join(dir, 'db.duckdb'), table: 'main.b' });
    expect(jobs[1]?.actual).toEqual({ kind: 'sql', query: 'SELECT * FROM x' });
  });

  it.each<[string, string, RegExp]>([
    ['unknown top field', 'expected: a.csv\nactual: b.csv\nkeys: id\n', /:3:1: unknown field 'keys' in the config/],
    ['unknown table field', 'tables:\n  - expected: a.csv\n    actual: b.csv\n    tolerence: 1\n', /:4:5: unknown field 'tolerence' in a table/],
    ['threshold not a number', 'expected: a.csv\nactual: b.csv\nthreshold: high\n', /:3:12: threshold must be a number from 0 to 100/],
    ['threshold out of range', 'expected: a.csv\nactual: b.csv\nthreshold: 120\n', /:3:12: threshold must be a number from 0 to 100/],
    ['boolean expected', 'expected: a.csv\nactual: b.csv\ntrim: yes please\n', /:3:7: trim must be true or false/],
    ['missing actual', 'expected: a.csv\nkey: id\n', /:1:1: table 1 has no 'actual' input/],
    ['unknown format', 'expected: a.xlsx\nactual: b.csv\n', /:1:11: cannot tell the format of 'a.xlsx'/],
    ['bad csv option', "expected: a.csv\nactual: b.csv\ncsv: { delim: ';' }\n", /:3:8: unknown field 'delim' in csv/],
    ['invalid YAML', 'expected: [a.csv\nactual: b.csv\n', /:2:1: invalid YAML/],
    ['not a mapping', '- a\n- b\n', /:1:1: the config must be a mapping/],
    ['empty tables', 'tables: []\n', /:1:9: tables must be a non-empty list/],
  ])('names the file, line and column: %s', (_name, text, message) => {
    const p = config(text);
    let err: unknown;
    try { loadAcceptanceConfig(p); } catch (e) { err = e; }
    expect(err).toBeDefined();
    expect((err as { format(): string }).format()).toMatch(new RegExp(`${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${message.source}`));
  });

  it('reads CSV settings of one side (an SSMS export against the pipeline\'s files) over the shared ones', () => {
    const p = config([
      "csv: { delimiter: ';' }",
      'tables:',
      "  - { name: a, expected: e.csv, actual: a.csv, expectedCsv: { nullMarker: 'NULL', encoding: windows-1252, decimalSeparator: ',' } }",
      "  - { name: b, expected: e.csv, actual: a.csv, actualCsv: { nullMarker: '' } }",
      '',
    ].join('\n'));
    const [a, b] = loadAcceptanceConfig(p);
    expect(a?.expected).toMatchObject({ csv: { delimiter: ';', nullMarker: 'NULL', encoding: 'windows-1252', decimalSeparator: ',' } });
    expect(a?.actual).toEqual({ kind: 'csv', path: join(dir, 'a.csv'), csv: { delimiter: ';' } });
    expect(b?.expected).toEqual({ kind: 'csv', path: join(dir, 'e.csv'), csv: { delimiter: ';' } });
    expect(b?.actual).toMatchObject({ csv: { delimiter: ';', nullMarker: '' } });
    expect(() => loadAcceptanceConfig(config('expected: e.csv\nactual: a.csv\nexpectedCsv: { nullMark: NULL }\n'))).toThrow(/unknown field 'nullMark' in expectedCsv/);
  });

  it('expands a folder to its configs in name order', () => {
    const sub = join(dir, 'many');
    mkdirSync(sub);
    writeFileSync(join(sub, 'b.yaml'), 'expected: x.csv\nactual: y.csv\n');
    writeFileSync(join(sub, 'a.yml'), 'expected: x.csv\nactual: y.csv\n');
    writeFileSync(join(sub, 'notes.md'), '# not a config');
    expect(loadAcceptanceConfigs([sub]).map((j) => j.name)).toEqual(['a', 'b']);
  });
});
