/**
 * Reads one conformance case (see README.md in this folder): header comments naming the rule,
 * the documentation page and the result SQL Server gives, optional inline input CSVs, optional
 * setup DDL, and the code under test, which becomes the body of `dbo.conformance_case`.
 */

/** What SQL Server gives for the code under test. */
export type Expectation =
  | { readonly kind: 'rows'; readonly resultSets: readonly (readonly Record<string, unknown>[])[] }
  | { readonly kind: 'error'; readonly number: number }
  | { readonly kind: 'refused'; readonly construct: string };

/** One parsed case file. */
export interface ConformanceCase {
  readonly file: string;
  readonly rule: string;
  readonly source: string;
  readonly expect: Expectation;
  /** PRINT / low-severity RAISERROR output, when the case states it. */
  readonly print: readonly string[] | undefined;
  readonly clock: string | undefined;
  /** The database's compatibility level the case runs at (`-- compatibility-level: 120`), when it states one. */
  readonly compatibilityLevel: number | undefined;
  /** The server's SQL Server release the case runs on (`-- server-version: 2016`), when it states one. */
  readonly serverVersion: number | undefined;
  readonly inputs: readonly { readonly table: string; readonly csv: string }[];
  /** Setup script text: the whole file with the code under test blanked (line numbers kept). */
  readonly setupText: string;
  /** The procedure script: the file with everything before `-- test` blanked, the marker line
   * turned into `CREATE PROCEDURE dbo.conformance_case AS BEGIN` (line numbers kept). */
  readonly procedureText: string;
}

// The documentation page first; where it is silent, the published outputs the expectation rests on follow it (` ; `-separated).
const SOURCE = /^https:\/\/learn\.microsoft\.com\/\S+( ; https?:\/\/\S+)*$/;

/** Parses a case file's text; throws an Error naming file:line for a malformed case. */
export function parseCaseFile(file: string, text: string): ConformanceCase {
  const lines = text.split(/\r?\n/);
  const header = new Map<string, { value: string; line: number }>();
  const fail = (line: number, what: string): never => { throw new Error(`${file}:${line}: ${what}`); };
  const inputs: { table: string; csv: string }[] = [];
  let testLine = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^--\s*test\s*$/i.test(line)) { testLine = i; break; }
    const input = /^--\s*input:\s*(\S.*?)\s*$/i.exec(line);
    if (input !== null) {
      const csv: string[] = [];
      while (/^--\|/.test(lines[i + 1] ?? '')) csv.push((lines[++i] ?? '').replace(/^--\|\s?/, ''));
      inputs.push({ table: input[1] ?? '', csv: `${csv.join('\n')}\n` });
      continue;
    }
    // A CSV line no `-- input:` line claims would be dropped without a word.
    if (/^--\|/.test(line)) fail(i + 1, 'a `--|` CSV line without an `-- input: <table>` line above it');
    const m = /^--\s*(rule|source|expect|expect-error|expect-refused|expect-print|clock|compatibility-level|server-version):\s*(.*)$/i.exec(line);
    if (m !== null) header.set((m[1] ?? '').toLowerCase(), { value: (m[2] ?? '').trim(), line: i + 1 });
  }
  if (testLine < 0) fail(lines.length, 'no `-- test` line: the code under test follows it');
  const rule = header.get('rule')?.value ?? fail(1, 'no `-- rule:` header');
  const source = header.get('source')?.value ?? fail(1, 'no `-- source:` header');
  if (!SOURCE.test(source)) fail(header.get('source')?.line ?? 1, `source must be a learn.microsoft.com page (then any " ; "-separated pages), found ${source}`);
  const kinds = ['expect', 'expect-error', 'expect-refused'].filter((k) => header.has(k));
  if (kinds.length !== 1) fail(1, `exactly one of expect:, expect-error:, expect-refused: is required (found ${kinds.length})`);
  let expect: Expectation;
  const e = header.get(kinds[0] ?? '') as { value: string; line: number };
  if (kinds[0] === 'expect') {
    let parsed: unknown;
    try { parsed = JSON.parse(e.value); } catch (err) { fail(e.line, `expect: is not JSON (${(err as Error).message})`); }
    if (!Array.isArray(parsed) || !parsed.every((rs) => Array.isArray(rs) && rs.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r)))) {
      fail(e.line, 'expect: must be a JSON array of result sets, each an array of row objects');
    }
    expect = { kind: 'rows', resultSets: parsed as Record<string, unknown>[][] };
  } else if (kinds[0] === 'expect-error') {
    if (!/^\d+$/.test(e.value)) fail(e.line, `expect-error: must be an error number, found ${e.value}`);
    expect = { kind: 'error', number: Number(e.value) };
  } else {
    if (e.value === '') fail(e.line, 'expect-refused: must name the construct');
    expect = { kind: 'refused', construct: e.value };
  }
  let print: string[] | undefined;
  const p = header.get('expect-print');
  if (p !== undefined) {
    try { print = JSON.parse(p.value) as string[]; } catch { fail(p.line, 'expect-print: must be a JSON array of strings'); }
    if (!Array.isArray(print) || !print.every((x) => typeof x === 'string')) fail(p.line, 'expect-print: must be a JSON array of strings');
  }
  const blank = (from: number, to: number): string[] => lines.map((l, i) => (i >= from && i < to ? '' : l));
  const setupText = blank(testLine, lines.length).join('\n');
  const proc = blank(0, testLine);
  proc[testLine] = 'CREATE PROCEDURE dbo.conformance_case AS BEGIN';
  const procedureText = `${proc.join('\n')}\nEND\n`;
  const level = header.get('compatibility-level');
  if (level !== undefined && !/^\d+$/.test(level.value)) fail(level.line, `compatibility-level: must be a number such as 120, found ${level.value}`);
  const compatibilityLevel = level === undefined ? undefined : Number(level.value);
  const version = header.get('server-version');
  if (version !== undefined && !/^\d{4}$/.test(version.value)) fail(version.line, `server-version: must be a release year such as 2016, found ${version.value}`);
  const serverVersion = version === undefined ? undefined : Number(version.value);
  return { file, rule, source, expect, print, clock: header.get('clock')?.value, compatibilityLevel, serverVersion, inputs, setupText, procedureText };
}
