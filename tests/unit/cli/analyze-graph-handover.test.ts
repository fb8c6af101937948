import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { graphsFromText, graphsToText } from '../../../src/cli/analyze-thread-messages';
import { analyzeSources, type SourceText } from '../../../src/dataflow';
import { generateParseCorpus } from '../../../bench/parse-corpus';

// The builder thread hands graphs to its renderer as JSON text (graphsToText), not as cloned
// objects. That is lossless only while a graph is plain JSON data: a Map, a Set, an undefined
// field, NaN or -0 anywhere in a graph would reach the renderer changed and its reports would
// differ from a one-thread run. toStrictEqual tells an undefined field from a missing one.

function sqlFiles(root: string): SourceText[] {
  const out: SourceText[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.toLowerCase().endsWith('.sql')) out.push({ file: p, text: readFileSync(p, 'utf8') });
    }
  };
  walk(root);
  return out;
}

describe('graphs handed from the builder to the renderer as JSON text', () => {
  const sets: [string, () => SourceText[]][] = [
    ['the parser and stress fixtures', () => sqlFiles(resolve('tests/fixtures/sql'))],
    ['the bundled example', () => sqlFiles(resolve('procedures'))],
    ['the benchmark corpus (a slice)', () => generateParseCorpus(4_000).map((text, i) => ({ file: `bench/p${i}.sql`, text }))],
  ];

  it.each(sets)('come back identical for %s', (_name, load) => {
    const { graphs } = analyzeSources(load());
    expect(graphs.length).toBeGreaterThan(0);
    expect(graphsFromText(graphsToText(graphs))).toStrictEqual(graphs);
  });

  it('would not hide a value JSON cannot carry', () => {
    // The guard above is only worth having if it fails on what JSON loses.
    const { graphs } = analyzeSources([{ file: 'x.sql', text: 'CREATE PROCEDURE dbo.p AS SELECT 1 AS a;' }]);
    const g = graphs[0] as (typeof graphs)[number];
    expect(graphsFromText(graphsToText([{ ...g, summary: { ...g.summary, loops: undefined as unknown as number } }]))).not.toStrictEqual([{ ...g, summary: { ...g.summary, loops: undefined } }]);
  });
});
