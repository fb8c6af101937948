import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { countStatements, forEachStatement, parseScript, tokenize } from '../../../src/tsql';

/**
 * The stress corpus (tests/fixtures/sql/stress): realistic T-SQL outside the main corpus's
 * ground (admin commands, security, XML, service broker, temporal/graph/in-memory DDL, SQLCMD,
 * odd whitespace, generated deep nesting). Valid files must parse with no Unparsed statement
 * and no error; `*.invalid.sql` files must degrade to exactly the expected number of Unparsed
 * statements (listed here and in the folder's README) without throwing.
 */
const DIR = join(__dirname, '../../fixtures/sql/stress');

const EXPECTED_UNPARSED: Readonly<Record<string, number>> = {
  'legacy-outer-joins.invalid.sql': 3,
  'legacy-removed-syntax.invalid.sql': 1,
};

const files = readdirSync(DIR).filter((f) => f.endsWith('.sql')).sort();

function unparsedOf(sql: string, file: string): { unparsed: string[]; errors: string[]; statements: number } {
  const script = parseScript(sql, { file });
  const unparsed: string[] = [];
  forEachStatement(script, (s) => {
    if (s.kind === 'Unparsed') unparsed.push(`${s.span.start.line}: ${s.reason}`);
  });
  const errors = script.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.column} ${d.message}`);
  return { unparsed, errors, statements: countStatements(script).statements };
}

describe('stress corpus', () => {
  it('has the files the README documents', () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
    for (const name of Object.keys(EXPECTED_UNPARSED)) expect(files).toContain(name);
  });

  it.each(files.filter((f) => !f.endsWith('.invalid.sql')))('%s parses with no Unparsed statement and no error', (file) => {
    const sql = readFileSync(join(DIR, file), 'utf8');
    const { unparsed, errors, statements } = unparsedOf(sql, file);
    expect(unparsed).toEqual([]);
    expect(errors).toEqual([]);
    expect(statements).toBeGreaterThan(0);
  });

  it.each(files.filter((f) => f.endsWith('.invalid.sql')))('%s degrades to the expected Unparsed count', (file) => {
    const sql = readFileSync(join(DIR, file), 'utf8');
    const { unparsed, errors } = unparsedOf(sql, file);
    expect(unparsed.length).toBe(EXPECTED_UNPARSED[file]);
    expect(errors.length).toBe(unparsed.length);
  });

  // The coverage measure of issue 11 (also `node -r ./bench/run.js bench/stress-ratio.ts`): the
  // share of statements recognised over the whole folder, invalid files included. The name shows
  // the figure in the test report.
  const totals = files.reduce((acc, file) => {
    const { unparsed, statements } = unparsedOf(readFileSync(join(DIR, file), 'utf8'), file);
    return { statements: acc.statements + statements, unparsed: acc.unparsed + unparsed.length };
  }, { statements: 0, unparsed: 0 });
  const ratio = (100 * totals.statements) / (totals.statements + totals.unparsed);
  it(`parses ${ratio.toFixed(2)}% of its ${totals.statements + totals.unparsed} statements (at least 97%)`, () => {
    expect(ratio).toBeGreaterThanOrEqual(97);
    expect(totals.unparsed).toBe(Object.values(EXPECTED_UNPARSED).reduce((a, b) => a + b, 0));
  });

  it.each(files)('%s: tokens reproduce the text exactly', (file) => {
    const sql = readFileSync(join(DIR, file), 'utf8');
    expect(tokenize(sql).map((t) => t.text).join('')).toBe(sql);
  });
});
