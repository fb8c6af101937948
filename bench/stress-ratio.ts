// Parse coverage of a folder of T-SQL (by default the stress corpus, tests/fixtures/sql/stress):
// statements recognised, statements skipped (Unparsed) and their ratio, per file and in total.
// The measure behind issue 11's "broad syntax corpora parse at 97% of statements".
// Run: node -r ./bench/run.js bench/stress-ratio.ts [dir-or-file ...] [--files]
// TSQL_MODULE=path/to/tsql/index overrides the parser measured (to compare with an older build).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { decodeSource } from '../src/core';

type Tsql = typeof import('../src/tsql');

const ROOT = resolve(__dirname, '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tsql = require(process.env.TSQL_MODULE ?? '../src/tsql') as Tsql;

/** Every .sql file under `path` (itself when it is a file), sorted. */
function sqlFiles(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sqlFiles(join(path, e.name)) : e.name.endsWith('.sql') ? [join(path, e.name)] : []))
    .sort();
}

function main(): void {
  const args = process.argv.slice(2);
  const perFile = args.includes('--files');
  const paths = args.filter((a) => !a.startsWith('--'));
  const files = (paths.length > 0 ? paths : [join(ROOT, 'tests/fixtures/sql/stress')]).flatMap((p) => sqlFiles(resolve(p)));
  let statements = 0;
  let unparsed = 0;
  for (const file of files) {
    const counts = tsql.countStatements(tsql.parseScript(decodeSource(readFileSync(file)).text, { file }));
    statements += counts.statements;
    unparsed += counts.unparsed;
    if (perFile && counts.unparsed > 0) process.stdout.write(`${relative(ROOT, file)}: ${counts.unparsed} of ${counts.statements + counts.unparsed} unparsed\n`);
  }
  const total = statements + unparsed;
  const ratio = total === 0 ? 100 : (100 * statements) / total;
  process.stdout.write(`${files.length} files, ${total} statements, ${unparsed} unparsed: ${ratio.toFixed(2)}% parsed\n`);
}

main();
