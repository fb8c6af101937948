import { readdirSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { readSourceFile } from '../../../src/core';
import { parseScript } from '../../../src/tsql';
import { buildScriptGraphs, isEmptySummary, summarizeObject } from '../../../src/dataflow';

// Every .sql with a sibling .expected.json (hand-derived reads/writes/temps/calls per object)
// must be reproduced exactly. The oracle names a file's loose statements `script:<stem>`; the
// graph names them `script.<stem>` (a file-name-safe stem), so names are compared after mapping.

interface Expected { readonly name: string; readonly kind: string; readonly reads: string[]; readonly writes: string[]; readonly temps: string[]; readonly calls: string[] }

function listSql(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) { if (e !== 'parser') out.push(...listSql(p)); } else if (e.endsWith('.sql') && existsSync(p.replace(/\.sql$/, '.expected.json'))) out.push(p);
  }
  return out.sort();
}

const files = [...listSql('tests/fixtures/sql'), ...listSql('procedures')];

function actualObjects(file: string): Expected[] {
  const script = parseScript(readSourceFile(file).text, { file });
  const graphs = buildScriptGraphs(script);
  const summaries = graphs.map(summarizeObject);
  const hasObjects = summaries.some((s) => s.kind !== 'script');
  return summaries
    .filter((s) => s.kind !== 'script' || !hasObjects || !isEmptySummary(s))
    .map((s) => ({ name: s.name.replace(/^script\./, 'script:'), kind: s.kind, reads: [...s.reads], writes: [...s.writes], temps: [...s.temps], calls: [...s.calls] }));
}

describe('oracle summaries', () => {
  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThan(10);
  });
  it.each(files)('%s', (file) => {
    const expected = (JSON.parse(readFileSync(file.replace(/\.sql$/, '.expected.json'), 'utf8')) as { objects: Expected[] }).objects;
    const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    const norm = (o: Expected): Expected => ({ name: o.name.toLowerCase(), kind: o.kind, reads: o.reads, writes: o.writes, temps: o.temps, calls: o.calls });
    expect(actualObjects(file).sort(byName)).toEqual(expected.map(norm).sort(byName));
  });
});
