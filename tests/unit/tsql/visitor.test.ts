import type { Node, NodeVisitor } from '../../../src/tsql';
import { NODE_KINDS, childrenOf, findAll, parseScript, visitNode, walk } from '../../../src/tsql';

const SQL = `
CREATE PROCEDURE dbo.p @a int AS
BEGIN
  WITH c AS (SELECT id FROM dbo.src WHERE x IN (SELECT y FROM dbo.lookup))
  INSERT INTO #t (id) SELECT c.id FROM c JOIN dbo.other o ON o.id = c.id
  UPDATE t SET v = (SELECT MAX(v) FROM dbo.maxes m WHERE m.id = t.id) FROM dbo.target t
  MERGE dbo.m AS tg USING (SELECT * FROM dbo.msrc) s ON tg.id = s.id WHEN MATCHED THEN DELETE;
  IF EXISTS (SELECT 1 FROM dbo.flag) DELETE FROM @tv WHERE id IN (SELECT id FROM dbo.dead)
END`;

describe('walk / childrenOf / findAll', () => {
  const script = parseScript(SQL);
  const batch = script.batches[0] as Node;

  it('reaches every table reference, including those in subqueries, CTEs, MERGE USING and EXISTS', () => {
    const names = findAll(batch, 'TableRef').map((t) => t.name.parts.map((p) => p.name).join('.'));
    expect(names.sort()).toEqual(['#t', 'c', 'dbo.dead', 'dbo.flag', 'dbo.lookup', 'dbo.m', 'dbo.maxes', 'dbo.msrc', 'dbo.other', 'dbo.src', 'dbo.target', 't'].sort());
    expect(findAll(batch, 'TableVariableRef')).toHaveLength(1);
  });

  it('visits parents before children and can skip subtrees', () => {
    const seen: string[] = [];
    walk(batch, (n) => {
      seen.push(n.kind);
      return n.kind !== 'Merge';
    });
    expect(seen.indexOf('Batch')).toBe(0);
    expect(seen).toContain('Merge');
    expect(seen).not.toContain('MergeWhen');
  });

  it('passes the parent node', () => {
    const parents = new Map<string, string>();
    walk(batch, (n, parent) => { if (n.kind === 'Cte') parents.set(n.kind, parent?.kind ?? ''); });
    expect(parents.get('Cte')).toBe('Insert');
  });

  it('childrenOf lists nested rows of VALUES', () => {
    const s = parseScript('INSERT t VALUES (1, 2), (3, @x)').batches[0]?.statements[0] as Node;
    const source = childrenOf(s).find((c) => c.kind === 'ValuesSource') as Node;
    expect(childrenOf(source).map((c) => c.kind)).toEqual(['Literal', 'Literal', 'Literal', 'Variable']);
  });
});

describe('visitNode', () => {
  it('dispatches on kind through a complete visitor', () => {
    const names = Object.fromEntries(Object.keys(NODE_KINDS).map((k) => [k, (n: Node) => n.kind.length])) as unknown as NodeVisitor<number>;
    const s = parseScript('PRINT 1').batches[0]?.statements[0] as Node;
    expect(visitNode(s, names)).toBe('Print'.length);
  });
});

describe('shared children', () => {
  it('lists a view query once although it is both query and body[0]', () => {
    const view = parseScript('CREATE VIEW v AS SELECT a FROM dbo.t').batches[0]?.statements[0] as Node;
    expect(childrenOf(view).filter((c) => c.kind === 'Select')).toHaveLength(1);
    expect(findAll(view, 'TableRef')).toHaveLength(1);
  });
});
