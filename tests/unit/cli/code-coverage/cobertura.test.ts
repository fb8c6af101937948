import { lineCoverage, renderCobertura } from '../../../../src/cli/code-coverage/cobertura';

const root = '/ws';

describe('lineCoverage', () => {
  // a script of three lines: the function on line 2 never ran, the rest ran once
  const source = 'a();\nfunction f() { b(); }\nc();\n';
  const fStart = source.indexOf('function');
  const fEnd = source.indexOf('}') + 1;
  const script = { file: '/ws/src/transforms/dbo.p/01-x.js', source, ranges: [{ startOffset: 0, endOffset: source.length, count: 1 }, { startOffset: fStart, endOffset: fEnd, count: 0 }] };

  it('counts a script without a source map by its non-blank lines; inner ranges override outer ones', () => {
    expect([...lineCoverage(script).lines.entries()]).toEqual([[1, 1], [2, 0], [3, 1]]);
  });

  it('maps generated positions back to source lines through an inline source map', () => {
    // generated line 0 -> source line 5, generated line 1 (the uncovered function) -> source line 9
    const map = Buffer.from(JSON.stringify({ version: 3, mappings: 'AAIA;AAIA' })).toString('base64');
    const mapped = { ...script, source: `${source}//# sourceMappingURL=data:application/json;base64,${map}` };
    mapped.ranges = [{ startOffset: 0, endOffset: mapped.source.length, count: 1 }, { startOffset: fStart, endOffset: fEnd, count: 0 }];
    expect([...lineCoverage(mapped).lines.entries()]).toEqual([[5, 1], [9, 0]]);
  });
});

describe('renderCobertura', () => {
  const files = [
    { file: '/ws/src/transforms/dbo.p/01-x.ts', lines: new Map([[1, 1], [2, 0]]) },
    { file: '/ws/src/transforms/dbo.p/02-y.ts', lines: new Map([[3, 4]]) },
  ];
  const xml = renderCobertura(files, root, 0);

  it.each([
    ['the totals', '<coverage line-rate="0.6667" branch-rate="0" lines-covered="2" lines-valid="3"'],
    ['one package per folder', '<package name="src/transforms/dbo.p" line-rate="0.6667"'],
    ['one class per file, with its path from the root', '<class name="01-x" filename="src/transforms/dbo.p/01-x.ts" line-rate="0.5000"'],
    ['every line with its hits', '<line number="2" hits="0" branch="false"/>'],
    ['the source root', '<source>/ws</source>'],
  ])('has %s', (_what, fragment) => {
    expect(xml).toContain(fragment);
  });

  it('says 100% of nothing when no transform ran', () => {
    expect(renderCobertura([], root, 0)).toContain('line-rate="1" branch-rate="0" lines-covered="0" lines-valid="0"');
  });
});
