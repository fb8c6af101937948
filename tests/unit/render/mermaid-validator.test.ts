import { closeMermaidValidator, validateMermaid } from '../../../src/render/mermaid-validator';

describe('validateMermaid', () => {
  afterAll(closeMermaidValidator);

  it.each([
    ['a simple flowchart', 'flowchart LR\n  a["x #quot; y"] --> b\n', true],
    ['subgraphs and labelled edges', 'flowchart TB\n  subgraph b_1["loop"]\n    s_1["s1"]\n  end\n  n_a[("t")] -->|"a, b +2"| s_1\n', true],
    ['a bare reserved word as id', 'flowchart LR\n  a[x] --> end\n', false],
    ['a dangling edge', 'flowchart LR\n  a --> b --\n', false],
    ['a raw quote in a label', 'flowchart LR\n  a["x " y"] --> b\n', false],
  ])('%s', async (_name, text, ok) => {
    const result = await validateMermaid(text);
    expect(result.ok).toBe(ok);
    if (!ok) expect(result.error).toMatch(/error/i);
  });
});
