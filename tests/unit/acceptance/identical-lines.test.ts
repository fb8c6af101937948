import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineSession, loadTableSource } from '../../../src/engine';
import { compareLoadedTables, resolveCompareOptions, runComparison, type CompareOptions, type TableResult } from '../../../src/acceptance';

// The identical-line pass (identical-lines.ts) must never change a verdict: every case compares
// the same files with and without it and expects the same report, and says whether the pass
// did the work or gave up (and so left the proof to the full compare).

let session: EngineSession;
let dir: string;
beforeAll(async () => {
  session = await EngineSession.open({ threads: 2 });
  dir = mkdtempSync(join(tmpdir(), 'accept-lines-'));
});
afterAll(() => {
  session.close();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
function file(text: string): string {
  const p = join(dir, `t${++n}.csv`);
  writeFileSync(p, text);
  return p;
}

/** Rows `id,name,amount,day` for ids from..to, as an export writes them. */
function rows(from: number, to: number, line = (i: number): string => `${i},name ${i},${(i * 1.25).toFixed(2)},2024-01-${String((i % 28) + 1).padStart(2, '0')}`): string[] {
  return Array.from({ length: to - from + 1 }, (_, k) => line(from + k));
}

const HEADER = 'id,name,amount,day';
const base = rows(1, 40);

/** The report without its timing. */
function shown(r: TableResult): unknown {
  const { elapsedMs: _, ...rest } = r;
  return rest;
}

/** Compares the two texts with and without the pass; returns the report and what the pass matched. */
async function both(expected: string, actual: string, options: Partial<CompareOptions>): Promise<{ result: TableResult; identical: number | undefined }> {
  const [e, a] = [file(expected), file(actual)];
  const resolved = resolveCompareOptions(options);
  const results: TableResult[] = [];
  const identical: (number | undefined)[] = [];
  // without the pass; with it, the actual file's differing lines carried through its join; and read again
  for (const pass of [undefined, 2 ** 30, 0]) {
    const id = ++n;
    const et = await loadTableSource(session, `le_${id}`, { kind: 'csv', path: e });
    const at = await loadTableSource(session, `la_${id}`, { kind: 'csv', path: a });
    results.push(await compareLoadedTables(session, 't', et, at, resolved, {
      identicalLines: pass !== undefined,
      ...(pass !== undefined ? { identicalLinesCarriedBytes: pass, onIdenticalLines: (x: number | undefined) => { identical.push(x); } } : {}),
    }));
  }
  expect(shown(results[1] as TableResult)).toEqual(shown(results[0] as TableResult));
  expect(shown(results[2] as TableResult)).toEqual(shown(results[0] as TableResult));
  expect(identical[1]).toBe(identical[0]);
  return { result: results[0] as TableResult, identical: identical[0] };
}

const counts = (r: TableResult): Record<string, number> => ({ records: r.records, matched: r.matched, changed: r.changed, missing: r.missing, extra: r.extra, duplicateKeys: r.duplicateKeys });
const text = (lines: readonly string[], header = HEADER, eol = '\n'): string => `${[header, ...lines].join(eol)}${eol}`;

describe('the identical-line pass of a keyed CSV compare', () => {
  it('matches identical lines unread and compares only the others, with the same report', async () => {
    const actual = [...base.slice(1, 20), '21,name 21,26.26,2024-01-22', ...base.slice(21), '99,name 99,1.00,2024-01-01'];
    const { result, identical } = await both(text(base), text(actual.reverse()), { key: ['id'] });
    expect(identical).toBe(38);
    expect(counts(result)).toEqual({ records: 41, matched: 38, changed: 1, missing: 1, extra: 1, duplicateKeys: 0 });
    expect(result.columns.find((c) => c.name === 'amount')?.mismatches).toBe(1);
    expect(result.samples.map((s) => `${s.status}:${String(s.key.id)}`)).toEqual(['missing:1', 'changed:21', 'extra:99']);
    expect(result.expected.head.length).toBeGreaterThan(0);
  });

  it('reads CRLF and LF files, a BOM and blank lines alike', async () => {
    const actual = [...base.slice(0, 10), '11,name 11,13.76,2024-01-12', ...base.slice(11)];
    const { result, identical } = await both(`\uFEFF${text(base, HEADER, '\r\n')}\r\n`, `${text(actual).replace('\n5,', '\n\n5,')}\n\n`, { key: ['id'] });
    expect(identical).toBe(39);
    expect(counts(result)).toEqual({ records: 40, matched: 39, changed: 1, missing: 0, extra: 0, duplicateKeys: 0 });
  });

  it.each<[string, string[], string[], Partial<CompareOptions>]>([
    ['a key repeated on identical lines', [...base, '7,name 7,8.75,2024-01-08'], [...base, '7,name 7,8.75,2024-01-08'], { key: ['id'] }],
    // past the sniffer's sample of 20,000 rows, so both files read the id as an integer
    ['a key repeated as another spelling of the number', [...rows(1, 20500), '7.0,other,1.00,2024-01-01'], rows(1, 20500), { key: ['id'] }],
    ['text keys repeated only when case is ignored', rows(1, 40, (i) => `${i % 2 ? 'K' : 'k'}${Math.floor(i / 2)},n,1,2024-01-01`), rows(1, 40, (i) => `${i % 2 ? 'K' : 'k'}${Math.floor(i / 2)},n,1,2024-01-01`), { key: ['id'], ignoreCase: true }],
    ['more than a tenth of the records differing', base, base.map((l, i) => (i % 5 === 0 ? l.replace('name', 'NAME') : l)), { key: ['id'] }],
    ['a first field quoted', [...base, '"50",a,1,2024-01-01'], [...base, '"50",a,1,2024-01-01'], { key: ['id'] }],
    ['a record over two lines past the first 64 KiB (lines are not records)', [...rows(10, 3000), '1,"a\n\nb",1,2024-01-01'], [...rows(10, 3000), '1,"a\n\nb",1,2024-01-01'], { key: ['id'] }],
    // the record's second line reads as a text key of its own: only counting the records tells
    ['a record over two lines on the actual side only, under a text key', rows(1, 3000, (i) => `k${i},n,1,2024-01-01`), [...rows(1, 2999, (i) => `k${i},n,1,2024-01-01`), 'k3000,"n\nm",1,2024-01-01'], { key: ['id'] }],
    ['a line holding the byte lines are read by', [...base, '50,a\x01b,1,2024-01-01'], [...base, '50,a\x01b,1,2024-01-01'], { key: ['id'] }],
  ])('gives up on %s, and the full compare decides', async (_, expected, actual, options) => {
    const { identical } = await both(text(expected), text(actual), options);
    expect(identical).toBeUndefined();
  });

  it('reads files quoting fields after the key, one of them over two lines', async () => {
    const quoted = [...base.slice(0, 30), '31,"Smith, J",1,2024-01-01', '32,"two\nlines",2,2024-01-01', ...base.slice(32)];
    const { result, identical } = await both(text(quoted), text([...quoted.slice(0, 31), '32,"two\nlines",3,2024-01-01', ...quoted.slice(32)]), { key: ['id'] });
    expect(identical).toBeUndefined();
    expect(counts(result)).toEqual({ records: 40, matched: 39, changed: 1, missing: 0, extra: 0, duplicateKeys: 0 });
    const oneLine = [...base.slice(0, 30), '31,"Smith, J",1,2024-01-01', '32,"say ""hi""",2,2024-01-01', ...base.slice(32)];
    const applied = await both(text(oneLine), text([...oneLine.slice(0, 31), '32,"say ""hi""",3,2024-01-01', ...oneLine.slice(32)]), { key: ['id'] });
    expect(applied.identical).toBe(39);
    expect(counts(applied.result)).toEqual({ records: 40, matched: 39, changed: 1, missing: 0, extra: 0, duplicateKeys: 0 });
  });

  it('keeps going where a repeat is no repeat under the rules', async () => {
    const keyed = rows(1, 40, (i) => `${i % 2 ? 'K' : 'k'}${Math.floor(i / 2)},n,1,2024-01-01`);
    const { result, identical } = await both(text(keyed), text(keyed), { key: ['id'] });
    expect(identical).toBe(40);
    expect(counts(result)).toEqual({ records: 40, matched: 40, changed: 0, missing: 0, extra: 0, duplicateKeys: 0 });
  });

  it('sends keys on one side only to the compare, repeated or NULL, which finds their repeats as the whole files would', async () => {
    const twoNull = await both(text([...base, ',a,1,2024-01-01', ',b,2,2024-01-01']), text([...base, ',a,1,2024-01-01', ',b,2,2024-01-01']), { key: ['id'] });
    expect(twoNull.identical).toBe(40);
    expect(counts(twoNull.result)).toEqual({ records: 42, matched: 42, changed: 0, missing: 0, extra: 0, duplicateKeys: 1 });
    const repeated = await both(text([...base, '77,a,1,2024-01-01', '77,b,2,2024-01-01']), text([...base, '78,c,1,2024-01-01']), { key: ['id'] });
    expect(repeated.identical).toBe(40);
    expect(counts(repeated.result)).toEqual({ records: 43, matched: 40, changed: 0, missing: 2, extra: 1, duplicateKeys: 1 });
  });

  it('sends a NULL key to the compare, which joins it with the other NULL key', async () => {
    const { result, identical } = await both(text([...base, ',a,1,2024-01-01']), text([...base, ',a,2,2024-01-01']), { key: ['id'] });
    expect(identical).toBe(40);
    expect(counts(result)).toEqual({ records: 41, matched: 40, changed: 1, missing: 0, extra: 0, duplicateKeys: 0 });
  });

  it('reads a key in a later column, and a composite key', async () => {
    const swap = (l: string): string => l.split(',').reverse().join(',');
    const e = base.map(swap);
    const a = [...e.slice(0, 30), swap('31,name 31,0.00,2024-01-04'), ...e.slice(31)];
    const later = await both(text(e, 'day,amount,name,id'), text(a, 'day,amount,name,id'), { key: ['id'] });
    expect(later.identical).toBe(39);
    expect(counts(later.result)).toEqual({ records: 40, matched: 39, changed: 1, missing: 0, extra: 0, duplicateKeys: 0 });
    const composite = await both(text(base), text([...base.slice(0, 39), '40,name 41,0,2024-01-13']), { key: ['id', 'name'] });
    expect(composite.identical).toBe(39);
    expect(counts(composite.result)).toEqual({ records: 41, matched: 39, changed: 0, missing: 1, extra: 1, duplicateKeys: 0 });
  });

  it('gives up on a later key column of a line holding a quote, keeps a first one', async () => {
    // Past the first 64 KiB, so the records are counted from the bytes (csv-record-count.ts).
    const many = rows(1, 3000);
    const quoted = [...many, '3001,"Smith, J",1.00,2024-01-01'];
    const first = await both(text(quoted), text([...quoted.slice(1)]), { key: ['id'] });
    expect(first.identical).toBe(3000);
    expect(counts(first.result)).toEqual({ records: 3001, matched: 3000, changed: 0, missing: 1, extra: 0, duplicateKeys: 0 });
    const later = await both(text(quoted, HEADER), text(quoted.slice(1)), { key: ['name'] });
    expect(later.identical).toBeUndefined();
  });

  it('gives up on a record over two lines with a repeated key past the first 64 KiB', async () => {
    const many = rows(10, 3000);
    const { result, identical } = await both(text([...many, '1,"a\nb",1,2024-01-01', '1,c,1,2024-01-01']), text([...many, '1,c,1,2024-01-01', '1,"a\nb",1,2024-01-01']), { key: ['id'] });
    expect(identical).toBeUndefined();
    expect(result.duplicateKeys).toBe(1);
  });

  it('gives up on a date key (its value is not its text)', async () => {
    const { identical } = await both(text(base), text(base.slice(1)), { key: ['day', 'id'] });
    expect(identical).toBeUndefined();
  });

  it('gives up when the two files are read differently (columns in another order, a number column typed another way)', async () => {
    const wider = await both(text(base), text([...base.slice(0, 10), '11.5,name 11,13.76,2024-01-12', ...base.slice(11)]), { key: ['id'] });
    expect(wider.identical).toBeUndefined();
    expect(wider.result.missing).toBe(1);
    const swapped = base.map((l) => { const [id, name, amount, day] = l.split(','); return [id, amount, name, day].join(','); });
    const { result, identical } = await both(text(base), text(swapped, 'id,amount,name,day'), { key: ['id'] });
    expect(identical).toBeUndefined();
    expect(result.matched).toBe(40);
  });

  it('leaves a differing value the sampled type cannot hold to the full compare, which reads the files again', async () => {
    // past the sniffer's sample, a differing record holds a fraction in an integer column
    const many = rows(1, 25000, (i) => `${i},${i % 7},x`);
    const header = 'id,qty,note';
    const r = await runComparison(session, {
      kind: 'comparison-job', name: 't', options: resolveCompareOptions({ key: ['id'] }),
      expected: { kind: 'csv', path: file(text(many, header)) }, actual: { kind: 'csv', path: file(text([...many.slice(0, 24999), '25000,2.5,x'], header)) },
    });
    expect(counts(r)).toEqual({ records: 25000, matched: 24999, changed: 1, missing: 0, extra: 0, duplicateKeys: 0 });
    expect(r.columns.find((c) => c.name === 'qty')?.mismatches).toBe(1);
  });
});

describe('the identical-line pass on files that quote every field (SSIS, Export-Csv, QUOTE_ALL)', () => {
  const qa = (l: string): string => l.split(',').map((f) => `"${f}"`).join(',');
  const QHEADER = qa(HEADER);
  const quoted = base.map(qa);

  it('reads a first or later key and a composite key from the quoted fields', async () => {
    const actual = [...quoted.slice(1, 20), qa('21,name 21,26.26,2024-01-22'), ...quoted.slice(21), qa('99,name 99,1.00,2024-01-01')];
    const first = await both(text(quoted, QHEADER), text(actual.reverse(), QHEADER), { key: ['id'] });
    expect(first.identical).toBe(38);
    expect(counts(first.result)).toEqual({ records: 41, matched: 38, changed: 1, missing: 1, extra: 1, duplicateKeys: 0 });
    expect(first.result.samples.map((x) => `${x.status}:${String(x.key.id)}`)).toEqual(['missing:1', 'changed:21', 'extra:99']);
    const later = await both(text(quoted, QHEADER), text([...quoted.slice(0, 39), qa('40,name 40,0.00,2024-01-13')], QHEADER), { key: ['name'] });
    expect(later.identical).toBe(39);
    expect(counts(later.result)).toEqual({ records: 40, matched: 39, changed: 1, missing: 0, extra: 0, duplicateKeys: 0 });
    const composite = await both(text(quoted, QHEADER, '\r\n'), text([...quoted.slice(0, 39), qa('40,name 41,0,2024-01-13')], QHEADER, '\r\n'), { key: ['id', 'name'] });
    expect(composite.identical).toBe(39);
    expect(counts(composite.result)).toEqual({ records: 41, matched: 39, changed: 0, missing: 1, extra: 1, duplicateKeys: 0 });
  });

  it('reads a file whose header is plain and whose records quote every field (DuckDB FORCE_QUOTE)', async () => {
    const actual = [...quoted.slice(1, 20), qa('21,name 21,26.26,2024-01-22'), ...quoted.slice(21)];
    const { result, identical } = await both(text(quoted), text(actual), { key: ['id'] });
    expect(identical).toBe(38);
    expect(counts(result)).toEqual({ records: 40, matched: 38, changed: 1, missing: 1, extra: 0, duplicateKeys: 0 });
  });

  it('reads the last field and another delimiter (a pipe) from the quoted fields', async () => {
    const piped = (l: string): string => l.split(',').map((f) => `"${f}"`).join('|');
    const lines = rows(1, 40, (i) => `${i},name ${i},C${String(i).padStart(3, '0')}`).map(piped);
    const header = piped('id,name,code');
    const actual = [...lines.slice(0, 30), piped('31,renamed,C031'), ...lines.slice(31, 39)];
    const { result, identical } = await both(text(lines, header), text(actual, header), { key: ['code'] });
    expect(identical).toBe(38);
    expect(counts(result)).toEqual({ records: 40, matched: 38, changed: 1, missing: 1, extra: 0, duplicateKeys: 0 });
    expect(result.samples.map((x) => `${x.status}:${String(x.key.code)}`)).toEqual(['changed:C031', 'missing:C040']);
  });

  it('reads an empty quoted field as empty text, not NULL', async () => {
    const blank = '"","blank","1","2024-01-01"';
    const { result, identical } = await both(text([...quoted, blank], QHEADER), text([...quoted.slice(1), blank], QHEADER), { key: ['name'] });
    expect(identical).toBe(40);
    expect(counts(result)).toEqual({ records: 41, matched: 40, changed: 0, missing: 1, extra: 0, duplicateKeys: 0 });
  });

  it('gives up on a line that is not one whole record by its form, and the compare decides', async () => {
    const hi = [...quoted.slice(0, 30), '"31","say ""hi""","1","2024-01-01"', ...quoted.slice(31)];
    const doubled = await both(text(hi, QHEADER), text([...hi.slice(0, 39), qa('40,x,1,2024-01-01')], QHEADER), { key: ['id'] });
    expect(doubled.identical).toBeUndefined();
    expect(counts(doubled.result)).toEqual({ records: 40, matched: 39, changed: 1, missing: 0, extra: 0, duplicateKeys: 0 });
    // a record over two lines with a repeated key: only a count that follows the quotes sees it
    const twoLines = '"1","a\nb","1","2024-01-01"';
    const repeated = await both(text([...quoted.slice(1), twoLines, qa('1,c,1,2024-01-01')], QHEADER), text([...quoted.slice(1), qa('1,c,1,2024-01-01'), twoLines], QHEADER), { key: ['id'] });
    expect(repeated.identical).toBeUndefined();
    expect(repeated.result.duplicateKeys).toBe(1);
    const plainLine = await both(text(quoted, QHEADER), text([...quoted.slice(0, 39), '40,name 40,50.00,2024-01-13'], QHEADER), { key: ['id'] });
    expect(plainLine.identical).toBeUndefined();
    expect(counts(plainLine.result)).toEqual({ records: 40, matched: 40, changed: 0, missing: 0, extra: 0, duplicateKeys: 0 });
  });

  it('matches quoted lines without a key, and gives up on a record over two lines (its lines are no records)', async () => {
    const a = [...quoted.slice(1), qa('71,y,1,2024-01-01')].reverse();
    const plain = await both(text(quoted, QHEADER), text(a, QHEADER), {});
    expect(plain.identical).toBe(39);
    expect(counts(plain.result)).toEqual({ records: 41, matched: 39, changed: 0, missing: 1, extra: 1, duplicateKeys: 0 });
    const twoLines = '"70","two\nlines","1","2024-01-01"';
    const spanning = await both(text([...quoted, twoLines], QHEADER), text([...quoted.slice(1), twoLines], QHEADER), {});
    expect(spanning.identical).toBeUndefined();
    expect(counts(spanning.result)).toEqual({ records: 41, matched: 40, changed: 0, missing: 1, extra: 0, duplicateKeys: 0 });
  });
});

describe('the identical-line pass of a compare without a key', () => {
  it('matches identical lines one for one and compares the surplus of each side as a multiset', async () => {
    const dup = '5,name 5,6.25,2024-01-06';
    const e = [...base, dup, dup, '70,x,1.50,2024-01-01'];
    const a = [...base.slice(1), dup, '70,x,1.5,2024-01-01', '71,y,1,2024-01-01'].reverse();
    const { result, identical } = await both(text(e), text(a), {});
    // base minus its first line, and one copy of dup more: 39 + 1 lines matched unread
    expect(identical).toBe(40);
    expect(counts(result)).toEqual({ records: 44, matched: 41, changed: 0, missing: 2, extra: 1, duplicateKeys: 0 });
  });

  it('joins lines by hash when no matched line repeats, a surplus line of one side may', async () => {
    const twice = '70,x,1.50,2024-01-01';
    const { result, identical } = await both(text([...base, twice, twice]), text([...base.slice(1), '71,y,1,2024-01-01'].reverse()), {});
    expect(identical).toBe(39);
    expect(counts(result)).toEqual({ records: 43, matched: 39, changed: 0, missing: 3, extra: 1, duplicateKeys: 0 });
  });

  it('gives up when more than a tenth of the lines differ', async () => {
    const { result, identical } = await both(text(base), text(base.map((l, i) => (i % 4 === 0 ? `${l}0` : l))), {});
    expect(identical).toBeUndefined();
    expect(result.missing).toBe(10);
  });
});
