import { fileNameKey, safeFileStem } from '../../../src/core';
import { baselineFileNames, readableTableName, resultSetFileName } from '../../../src/legacy/baseline-names';
import { outputFileName } from '../../../src/sections/run-pipeline';

const HASH = '~[0-9a-f]{8}';

describe('readableTableName', () => {
  it.each([
    ['schema and table', '"kpi"."DeviceDailyUsage"', 'kpi.DeviceDailyUsage'],
    ['spaces', '"Integration"."ETL Cutoff"', 'Integration.ETL Cutoff'],
    ['a doubled quote', '"dbo"."say ""hi"""', 'dbo.say "hi"'],
    ['a closing bracket (written ]] in T-SQL)', '"dbo"."a]b"', 'dbo.a]b'],
    ['a dot inside the name', '"dbo"."v1.2"', 'dbo.v1.2'],
  ])('%s', (_case, sqlName, expected) => {
    expect(readableTableName(sqlName)).toBe(expected);
  });
});

describe('baselineFileNames', () => {
  it.each([
    ['a plain name keeps the file name it always had', ['"kpi"."DeviceDailyUsage"'], [/^kpi\.DeviceDailyUsage\.csv$/]],
    ['spaces stay', ['"Integration"."ETL Cutoff"'], [/^Integration\.ETL Cutoff\.csv$/]],
    ['a closing bracket stays', ['"dbo"."a]b"'], [/^dbo\.a\]b\.csv$/]],
    ['dots inside a name stay', ['"dbo"."v1.2"'], [/^dbo\.v1\.2\.csv$/]],
    ['a trailing dot becomes _ with a hash', ['"dbo"."x."'], [new RegExp(`^dbo\\.x_${HASH}\\.csv$`)]],
    ['a Windows device name as schema gets _ and a hash', ['"con"."t"'], [new RegExp(`^con_\\.t${HASH}\\.csv$`)]],
    ['a double quote (reserved on Windows) becomes _ with a hash', ['"dbo"."say ""hi"""'], [new RegExp(`^dbo\\.say _hi_${HASH}\\.csv$`)]],
    ['a slash cannot make a folder', ['"dbo"."a/b"'], [new RegExp(`^dbo\\.a_b${HASH}\\.csv$`)]],
    ['two names differing only in case get two files', ['"dbo"."Orders"', '"dbo"."ORDERS"'], [/^dbo\.Orders\.csv$/, /^dbo\.ORDERS~2\.csv$/]],
  ])('%s', (_case, sqlNames, expected) => {
    const files = baselineFileNames(sqlNames, 0, 'csv');
    expect(files).toHaveLength(expected.length);
    files.forEach((f, i) => expect(f).toMatch(expected[i] as RegExp));
    expect(new Set(files.map(fileNameKey)).size).toBe(files.length);
  });

  it.each([
    ['a table named like a result set', '"result-set-1"'],
    ['a table named manifest', '"manifest"'],
  ])('never takes the name of the capture\'s other files: %s', (_case, sqlName) => {
    const files = baselineFileNames([sqlName], 1, 'csv');
    expect(files[0]).not.toBe(resultSetFileName(0, 'csv'));
    expect(fileNameKey((files[0] as string).replace(/\.csv$/, ''))).not.toBe(fileNameKey('manifest'));
  });

  it.each([
    ['dbo.DailyStoreTotal', '"dbo"."DailyStoreTotal"'],
    ['Integration.[ETL Cutoff]', '"Integration"."ETL Cutoff"'],
    ['dbo.[x.]', '"dbo"."x."'],
    ['[con].t', '"con"."t"'],
    ['dbo.[a/b]', '"dbo"."a/b"'],
  ])('migrate run names the new output of %s as capture names its baseline', (specName, sqlName) => {
    expect(outputFileName(specName, 'csv')).toBe(baselineFileNames([sqlName], 0, 'csv')[0]);
    expect(outputFileName(specName, 'csv')).toBe(`${safeFileStem(readableTableName(sqlName))}.csv`);
  });
});
