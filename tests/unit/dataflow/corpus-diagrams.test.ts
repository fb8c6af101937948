import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readSourceFile } from '../../../src/core';
import { analyzeSources } from '../../../src/dataflow';
import { closeMermaidValidator, renderIndexMarkdown, renderObjectMarkdown, renderObjectMermaid, validateMermaid } from '../../../src/render';

// Every diagram generated from the SQL corpus must be valid mermaid: the corpus is where odd
// names ([Order Details], ##global, three-part names) and odd statements live.

function listSql(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? (e === 'parser' ? [] : listSql(p)) : e.endsWith('.sql') ? [p] : [];
  }).sort();
}

const files = [...listSql('tests/fixtures/sql'), ...listSql('tests/fixtures/diagrams')];
const result = analyzeSources(files.map((f) => ({ file: f, text: readSourceFile(f).text })));

describe('corpus diagrams', () => {
  afterAll(closeMermaidValidator);

  it('analyses the corpus', () => {
    expect(result.graphs.length).toBeGreaterThan(20);
  });

  it.each(result.graphs.map((g) => [g.object.name, g] as const))('%s', async (_name, g) => {
    const md = renderObjectMarkdown(g);
    const diagrams = [renderObjectMermaid(g), ...[...md.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1] ?? '')];
    for (const text of diagrams) expect(await validateMermaid(text)).toEqual({ ok: true });
    // The 2000-line procedure has some thirty diagrams; under a loaded machine mermaid's parser
    // in jsdom takes seconds each, more than jest's default minute.
  }, 240_000);

  it('index', async () => {
    const md = renderIndexMarkdown(result.graphs);
    for (const m of md.matchAll(/```mermaid\n([\s\S]*?)```/g)) expect(await validateMermaid(m[1] ?? '')).toEqual({ ok: true });
  });
});
