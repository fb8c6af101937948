// The whole loop on procedures we did not write for the example: the realistic workspace of
// tests/fixtures/workspaces/real-etl (a warehouse dimension load, business procedures in other
// styles, complete CREATE TABLE scripts) in a fresh workspace:
// init -> analyze -> propose -> check (SPEC_TODO only) -> scaffold every section -> tsc ->
// fill one scenario -> its test goes red, then green -> run.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate, type MigrateRun } from '../support/run-migrate';

const repo = join(__dirname, '../..');
const fixture = join(repo, 'tests/fixtures/workspaces/real-etl');
const cli = (...args: string[]): Promise<MigrateRun> => runMigrate(args);
// Integration.[ETL Cutoff] needs names with spaces in tags and steps (branch sec-names, issue 8
// items 1-2): until that lands, this procedure's quoting problems are the only ones allowed.
const QUOTING = /MigrateStagedCityData/;

describe('real procedures through the loop in a fresh workspace', () => {
  const ws = mkdtempSync(join(tmpdir(), 'migrate-real-'));
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('init -> analyze -> propose -> check -> scaffold -> tsc -> fill -> test -> run', async () => {
    expect((await cli('init', ws, '--library', join(repo, 'src'))).code).toBe(0);
    cpSync(join(fixture, 'procedures'), join(ws, 'procedures'), { recursive: true });

    const analyze = await cli('analyze', join(ws, 'procedures'), '--out', join(ws, 'dataflow'), '--json');
    expect(analyze.code).toBe(0);
    const json = JSON.parse(analyze.out) as { unparsed: number; objectsDetail: { name: string; kind: string }[] };
    expect(json.unparsed).toBe(0);
    // table scripts are schema: only procedures are objects
    expect(json.objectsDetail.every((o) => o.kind === 'procedure')).toBe(true);
    expect(readFileSync(join(ws, 'dataflow/index.md'), 'utf8')).toMatch(/## Schema[\s\S]*procedures\/tables\/integration-tables\.sql/);

    const procs = json.objectsDetail.map((o) => o.name);
    expect(procs.length).toBeGreaterThanOrEqual(9);
    for (const p of procs) expect((await cli('sections', 'propose', p, '--root', ws)).code).toBe(0);

    const check = await cli('sections', 'check', '--root', ws, '--json');
    const problems = (JSON.parse(check.out) as { problems: { file: string; code: string; message: string }[] }).problems;
    expect(problems.filter((p) => p.code !== 'SPEC_TODO' && !QUOTING.test(`${p.file} ${p.message}`))).toEqual([]);

    // every section scaffolds
    const ids: string[] = [];
    for (const dir of readdirSync(join(ws, 'sections'))) {
      for (const f of readdirSync(join(ws, 'sections', dir)).filter((x) => x.endsWith('.feature') && !x.startsWith('00-'))) ids.push(`${dir}/${f.replace(/\.feature$/, '')}`);
    }
    expect(ids.length).toBeGreaterThanOrEqual(15);
    for (const id of ids.filter((x) => !QUOTING.test(x))) {
      const r = await cli('scaffold', id, '--root', ws);
      expect({ id, code: r.code, err: r.err }).toEqual({ id, code: 0, err: '' });
    }

    // the scaffolds type-check in the workspace
    writeFileSync(join(ws, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'es2022', module: 'commonjs', moduleResolution: 'bundler', strict: true, noEmit: true, skipLibCheck: true, esModuleInterop: true,
        types: ['node', 'jest'], typeRoots: [join(repo, 'node_modules/@types')],
      },
      include: ['src/transforms/**/*.ts', 'tests/sections/**/*.ts'],
    }));
    const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(ws, 'tsconfig.json')], { cwd: ws, encoding: 'utf8', timeout: 300000 });
    expect(`${tsc.stdout}${tsc.stderr}`).toBe('');
    expect(tsc.status).toBe(0);

    // fill one scenario of the full reload, implement it, and run the procedure's pipeline
    const section = 'Integration.LoadStockItemDimension/01-stock-item';
    const feature = join(ws, 'sections', `${section}.feature`);
    const tags = readFileSync(feature, 'utf8').split('\n')[0] as string;
    expect(tags).toBe('@proc:Integration.LoadStockItemDimension @lines:10-21 @output:Dimension.StockItem');
    writeFileSync(feature, `${tags}
Feature: Stock item dimension, rebuilt from the warehouse's stock items each night
  Brand and size default to N/A; every row carries the load's lineage key. Keys come from a
  sequence: on a fresh sequence they count from 1 in stock item order.

  Scenario: brand and size default to N/A
    Given parameter @LineageKey:int = 7
    Given table Warehouse.StockItems:
      | StockItemID:int | StockItemName:text | Brand:text? | Size:text? | UnitPrice:decimal(18,2) | IsChillerStock:bool |
      | 11              | Milk               | NULL        | NULL       | 1.20                    | true                |
      | 10              | Coffee             | Northwind   | 1kg        | 12.50                   | false               |
    When the section runs
    Then table Dimension.StockItem keyed by WWIStockItemID:
      | StockItemKey:int | WWIStockItemID:int | StockItem:text | Brand:text | Size:text | UnitPrice:decimal(18,2) | IsChillerStock:bool | LineageKey:int |
      | 1                | 10                 | Coffee         | Northwind  | 1kg       | 12.50                   | false               | 7              |
      | 2                | 11                 | Milk           | N/A        | N/A       | 1.20                    | true                | 7              |
`);
    writeFileSync(join(ws, 'jest.config.js'), `module.exports = {
  rootDir: ${JSON.stringify(ws)}, testEnvironment: 'node', testMatch: ['**/tests/sections/Integration.LoadStockItemDimension/01-*.test.ts'],
  transform: { '^.+\\\\.(t|j|mj)sx?$': [${JSON.stringify(require.resolve('@swc/jest'))}, { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] },
  transformIgnorePatterns: ['/node_modules/(?!(@cucumber)/)'],
};\n`);
    const jest = (): { status: number | null; output: string } => {
      const r = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), '--config', join(ws, 'jest.config.js'), '--ci'], { cwd: repo, encoding: 'utf8', timeout: 120000 });
      return { status: r.status, output: `${r.stdout}${r.stderr}` };
    };
    const red = jest();
    expect(red.status).not.toBe(0);
    expect(red.output).toContain(`not implemented: ${section}`);

    const implement = (id: string, sql: string): void => {
      const file = join(ws, 'src/transforms', `${id}.ts`);
      writeFileSync(file, readFileSync(file, 'utf8').replace(/sql: \(\) => notImplemented\('[^']*'\),/, `sql: ${sql},`).replace('notImplemented, ', ''));
    };
    implement(section, `({ table, param }) => \`
    SELECT CAST(row_number() OVER (ORDER BY StockItemID) AS INTEGER) AS StockItemKey,
           StockItemID AS WWIStockItemID, StockItemName AS StockItem,
           coalesce(Brand, 'N/A') AS Brand, coalesce(Size, 'N/A') AS Size,
           UnitPrice, IsChillerStock, \${param('@LineageKey')} AS LineageKey
    FROM \${table('Warehouse.StockItems')}\``);
    implement('Integration.LoadStockItemDimension/02-result-stock-item', `({ table }) => \`SELECT CAST(count(*) AS INTEGER) AS LoadedRows FROM \${table('Dimension.StockItem')}\``);
    const green = jest();
    expect(green.output).toMatch(/Tests:\s+1 passed, 1 total/);
    expect(green.output).toContain('brand and size default to N/A');

    writeFileSync(join(ws, 'acceptance/data/Warehouse.StockItems.csv'), 'StockItemID,StockItemName,Brand,Size,UnitPrice,TaxRate,IsChillerStock,LastEditedWhen\n3,Tea,Leafy,,4.00,15.000,0,2026-01-01\n1,Salt,,500g,0.90,15.000,0,2026-01-01\n');
    const run = await cli('run', 'Integration.LoadStockItemDimension', '--data', join(ws, 'acceptance/data'), '--out', join(ws, 'out'), '--format', 'csv', '--param', '@LineageKey=42', '--root', ws);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(readFileSync(join(ws, 'out', 'Dimension.StockItem.csv'), 'utf8').split('\n').slice(0, 3).sort()).toEqual([
      '1,1,Salt,N/A,500g,0.90,false,42', '2,3,Tea,Leafy,N/A,4.00,false,42',
      'StockItemKey,WWIStockItemID,StockItem,Brand,Size,UnitPrice,IsChillerStock,LineageKey',
    ].sort());
    expect(readFileSync(join(ws, 'out', 'result.csv'), 'utf8')).toBe('LoadedRows\n2\n');
  }, 600000);
});
