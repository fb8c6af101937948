import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Node, ParsedScript } from '../../../src/tsql';
import { countStatements, isTrivia, parseScript, tokenize, walk } from '../../../src/tsql';

// Properties of the front end on arbitrary and damaged input: the lexer is lossless, the parser
// never throws, always makes progress (never more statements than tokens) and accounts for
// every skipped statement with an error diagnostic. fast-check runs are bounded by count.
const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'sql', 'parser');
const SAMPLES = ['legacy-no-semicolons.sql', 'modern-forms.sql', 'recovery.sql', 'sqlcmd-and-odd-tokens.sql']
  .map((f) => readFileSync(join(FIXTURES, f), 'utf8'));

const SQL_PIECES = ['SELECT', 'FROM', 'WHERE', 'BEGIN', 'END', 'IF', 'ELSE', 'WHILE', 'CASE', 'WHEN', 'THEN', '(', ')', ',', ';',
  "'", "N'x'", '[', ']', '"', '/*', '*/', '--', '\n', '\r\n', 'GO', '@v', '@@ROWCOUNT', '#t', '1', '1.5e3', '0x1F', '$2', '=', '+=',
  'INSERT', 'INTO', 'VALUES', 'UPDATE', 'SET', 'DELETE', 'MERGE', 'USING', 'ON', 'DECLARE', 'CURSOR', 'FOR', 'EXEC', ':setvar x 1\n',
  '$(x)', ' ', 'CREATE', 'PROCEDURE', 'AS', 'TRY', 'CATCH', 'TRAN', 'OUTPUT', '{fn', '}', '.', '*', 'TOP', 'WITH', 'NOLOCK'];

/** Structural invariants every parse result must satisfy (plain checks, one expect: it runs often). */
function checkInvariants(text: string, script: ParsedScript): void {
  const problems: string[] = [];
  const significant = tokenize(text).filter((t) => !isTrivia(t)).length;
  const counts = countStatements(script);
  if (counts.statements + counts.unparsed + counts.containers > significant + 1) problems.push('more statements than tokens');
  const errors = script.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors !== counts.unparsed) problems.push(`${errors} errors for ${counts.unparsed} unparsed`);
  for (const batch of script.batches) {
    walk(batch as Node, (n) => {
      if (n.span.start.offset < 0 || n.span.end.offset > text.length || n.span.end.offset < n.span.start.offset) problems.push(`bad span on ${n.kind}`);
    });
    let last = -1;
    for (const s of batch.statements) {
      if (s.span.start.offset <= last) problems.push('statements out of order');
      last = s.span.start.offset;
    }
  }
  expect(problems).toEqual([]);
}

describe('lexer', () => {
  it('reproduces any string exactly', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
      expect(tokenize(s).map((t) => t.text).join('')).toBe(s);
    }), { numRuns: 500 });
  });

  it('reproduces SQL-like strings exactly, with contiguous offsets', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...SQL_PIECES), { maxLength: 80 }), (pieces) => {
      const s = pieces.join(' ');
      const tokens = tokenize(s);
      let at = 0;
      for (const t of tokens) {
        expect(t.start).toBe(at);
        expect(t.end).toBeGreaterThan(t.start);
        at = t.end;
      }
      expect(at).toBe(s.length);
    }), { numRuns: 500 });
  });
});

describe('parser on damaged input', () => {
  it('never throws on random token soup', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...SQL_PIECES), { maxLength: 120 }), (pieces) => {
      const text = pieces.join(' ');
      checkInvariants(text, parseScript(text));
    }), { numRuns: 400 });
  });

  it('never throws on truncations of valid SQL', () => {
    fc.assert(fc.property(fc.nat({ max: SAMPLES.length - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), (i, frac) => {
      const sample = SAMPLES[i] as string;
      const text = sample.slice(0, Math.floor(sample.length * frac));
      checkInvariants(text, parseScript(text));
    }), { numRuns: 300 });
  });

  it('never throws on token deletions, insertions and duplications', () => {
    const edit = fc.record({
      op: fc.constantFrom('delete', 'insert', 'duplicate'),
      at: fc.nat(),
      piece: fc.constantFrom(...SQL_PIECES),
    });
    fc.assert(fc.property(fc.nat({ max: SAMPLES.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 8 }), (i, edits) => {
      const tokens = tokenize(SAMPLES[i] as string).map((t) => t.text);
      for (const e of edits) {
        const at = e.at % (tokens.length + 1);
        if (e.op === 'delete') tokens.splice(at, 1);
        else if (e.op === 'insert') tokens.splice(at, 0, ` ${e.piece} `);
        else tokens.splice(at, 0, tokens[at] ?? '');
      }
      const text = tokens.join('');
      checkInvariants(text, parseScript(text));
    }), { numRuns: 300 });
  });

  it('never throws on random bytes spliced into valid SQL', () => {
    fc.assert(fc.property(fc.nat({ max: SAMPLES.length - 1 }), fc.nat(), fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }), (i, at, junk) => {
      const sample = SAMPLES[i] as string;
      const cut = at % (sample.length + 1);
      const text = sample.slice(0, cut) + junk + sample.slice(cut);
      checkInvariants(text, parseScript(text));
    }), { numRuns: 300 });
  });
});
