import { decodeMappings, decodeVlq, readInlineSourceMap } from '../../../../src/cli/code-coverage/source-map-lines';

describe('decodeVlq', () => {
  it.each([
    ['A', [0]],
    ['C', [1]],
    ['D', [-1]],
    ['gB', [16]],
    ['AAAA', [0, 0, 0, 0]],
    ['AACA', [0, 0, 1, 0]],
    ['2Hw+BwB', [123, 1000, 24]],
  ])('%s -> %j', (segment, expected) => {
    expect(decodeVlq(segment)).toEqual(expected);
  });

  it('refuses a character outside Base64', () => {
    expect(() => decodeVlq('A!')).toThrow("bad source map character '!'");
  });
});

describe('decodeMappings', () => {
  it.each([
    ['', []],
    ['AAAA', [{ generatedLine: 0, generatedColumn: 0, sourceLine: 1 }]],
    // line 2 maps to source line 3, column restarts per generated line, source line carries on
    ['AAAA;AAEA,IACA', [{ generatedLine: 0, generatedColumn: 0, sourceLine: 1 }, { generatedLine: 1, generatedColumn: 0, sourceLine: 3 }, { generatedLine: 1, generatedColumn: 4, sourceLine: 4 }]],
    // a one-field segment (no source) is skipped but still moves the column
    [';E,AAAA', [{ generatedLine: 1, generatedColumn: 2, sourceLine: 1 }]],
  ])('%j', (mappings, expected) => {
    expect(decodeMappings(mappings)).toEqual(expected);
  });
});

describe('readInlineSourceMap', () => {
  const inline = (map: object): string => `x();\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}`;
  it.each([
    ['an inline map', inline({ version: 3, mappings: 'AAAA' }), [{ generatedLine: 0, generatedColumn: 0, sourceLine: 1 }]],
    ['no map', 'x();\n', undefined],
    ['a map without mappings', inline({ version: 3 }), undefined],
  ])('%s', (_name, script, expected) => {
    expect(readInlineSourceMap(script)).toEqual(expected);
  });
});
