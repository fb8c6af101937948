import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { debuglog } from 'node:util';
import { quoteIdent, quoteLiteral, type CsvLineRead, type EngineSession, type LoadedTable } from '../engine';
import type { TextRules } from './normalize-rules';
import type { ColumnPair, Pairing } from './pair-columns';
import { lineForm, type LineForm } from './line-form';
import { keyExpr } from './sql-compare-parts';

const trace = debuglog('migrate-accept');

/** Two CSVs' records that differ line for line, as files of their own, and how many matched unread. */
export interface IdenticalLines {
  /** Records whose key is on both sides and whose lines are byte for byte the same. */
  readonly identical: number;
  /** The other records of each side, loaded as the original is (same columns, types and narrowing). */
  readonly expected: LoadedTable;
  readonly actual: LoadedTable;
  readonly dispose: () => Promise<void>;
}

/** Past this share of a side's records differing, parsing them all is as cheap as the pass: not worth it. */
const MOST_DIFFERING = 0.1;

/** The actual file's size up to which its lines travel through the join too (its hash table then holds them). */
const CARRIED_BYTES = 256 * 2 ** 20;

/**
 * The identical-line pass of a compare of two CSVs read alike. A typed compare parses every
 * field of both files (numbers, dates, digit checks) and carries every value through its join,
 * although nearly all records of a baseline and a good pipeline's output are the same line of
 * text. This pass reads each file as whole lines, hashes them and joins the two on the key only
 * (without a key, groups both sides' lines by hash: multisetPass):
 * a record whose line is the same on both sides is equal under any rule of the compare (both
 * files turn equal text into equal values: CsvLineRead.signature), so only the other records are
 * written to small files and compared as usual; their counts add to the identical ones.
 *
 * It proves what the full compare would see, or gives up (undefined, the caller compares the
 * files as they are):
 * - no key on both sides repeats on either side, over the WHOLE file: a key value with n
 *   expected and m actual lines makes n x m joined records, so each side's line count equals the
 *   records it is seen in exactly when none does. Then every record of a key that differs (on one
 *   side only, changed, or NULL, which never joins here) is in the small files, and they decide
 *   its repeats and NULL keys exactly as the whole files would: an identical record's key has
 *   one record on each side;
 * - each line is one record: no line is loose (line-form.ts: it holds no quote, or in a file
 *   that quotes every field it is exactly N quoted fields), or the records counted from the
 *   file's bytes (csv-record-count.ts, quoted line ends included) are its non-blank lines;
 * - every key's value is the one the typed read makes of its text (text as written; an integer
 *   of the column's type: a fraction rounds, which can only join more records than the typed
 *   read, where the keys then look repeated or the differing records fail to read);
 * - the lines fetched again by their hash are exactly the differing ones (a hash shared with an
 *   identical line would add one).
 * The lines are equal when their 64-bit hashes are, for records of one key: two different lines
 * of one key sharing a hash (odds 2^-64 per changed record) would count as identical.
 * A malformed line (too few fields) that is the same on both sides is matched without being
 * read, where reading it would stop the compare.
 */
export async function tryIdenticalLines(
  session: EngineSession, expected: LoadedTable, actual: LoadedTable, pairing: Pairing, keys: readonly ColumnPair[], rules: TextRules,
  /** The actual file's size up to which its lines travel through the join (tests set 0 to read them again). */
  carriedBytes = CARRIED_BYTES,
): Promise<IdenticalLines | undefined> {
  const [eRead, aRead] = [expected.lineRead, actual.lineRead];
  if (eRead === undefined || aRead === undefined || eRead.signature !== aRead.signature || pairing.mapped.length > 0) return undefined;
  const positions = keys.map((k) => eRead.columns.indexOf(k.expected?.name ?? ''));
  if (positions.some((p, i) => p < 0 || eRead.fieldKinds[p] === undefined || keys[i]?.actual?.name !== keys[i]?.expected?.name)) return undefined;
  const made: string[] = [];
  let dir: string | undefined;
  const dispose = async (): Promise<void> => {
    for (const v of made) await session.run(`DROP VIEW IF EXISTS ${quoteIdent(v)}`).catch(() => undefined);
    await session.run(`DROP TABLE IF EXISTS ${FETCH.expected}; DROP TABLE IF EXISTS ${FETCH.actual}`).catch(() => undefined);
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  };
  try {
    const started = Date.now();
    const sides = keys.length > 0 ? await keyedPass(session, expected, actual, positions, keys, rules, carriedBytes)
      : await joinedLinesPass(session, expected, actual, carriedBytes) ?? await multisetPass(session, expected, actual);
    const identical = sides === undefined ? -1 : sides.expected.lines - sides.expected.differing.length;
    trace('identical lines: %s, %d ms', sides === undefined ? 'given up' : `${identical} identical of ${sides.expected.lines} / ${sides.actual.lines}`, Date.now() - started);
    // Both sides matched the same records line for line, and few of either differ.
    const few = (side: SideLines): boolean => side.differing.length <= MOST_DIFFERING * side.lines;
    if (sides === undefined || identical <= 0 || sides.actual.lines - sides.actual.differing.length !== identical || !few(sides.expected) || !few(sides.actual)) return await giveUp(dispose);
    dir = mkdtempSync(join(tmpdir(), 'migrate-accept-lines-'));
    const written: LoadedTable[] = [];
    for (const [table, side] of [[expected, 'expected'], [actual, 'actual']] as const) {
      const read = table.lineRead as CsvLineRead;
      const { differing } = sides[side];
      const path = join(dir, `${side}.csv`);
      writeFileSync(path, `${read.header}\n${differing.map((l) => `${l}\n`).join('')}`);
      const view = `${table.view}_lines`;
      const from = read.fromFor(path);
      await session.run(`CREATE OR REPLACE TEMP VIEW ${quoteIdent(view)} AS SELECT * FROM ${from}`);
      made.push(view);
      const { lineRead: _, ...rest } = table;
      written.push({ ...rest, view, from, countRows: () => differing.length });
    }
    trace('identical lines: %d / %d differing records written, %d ms', sides.expected.differing.length, sides.actual.differing.length, Date.now() - started);
    return { identical, expected: written[0] as LoadedTable, actual: written[1] as LoadedTable, dispose };
  } catch (err) {
    // Anything the pass cannot do (a line holding the byte it reads lines by, a line longer
    // than DuckDB's limit) is the full compare's to do, and to report if it is an error there.
    trace('identical lines: given up (%s)', err instanceof Error ? err.message : String(err));
    return giveUp(dispose);
  }
}

/** The tables of line hashes a multiset side's differing lines are fetched by, with how many lines of each to keep. */
const FETCH = { expected: '__accept_lines_e', actual: '__accept_lines_a' } as const;

/** One side's records (one per line, proven) and the lines of those that differ. */
interface SideLines {
  readonly lines: number;
  readonly differing: readonly string[];
}

/**
 * The keyed pass: both sides' lines joined on their keys (joinedPass). Proves no key on both
 * sides repeated: a key value with n expected and m actual lines makes n x m joined records.
 */
async function keyedPass(session: EngineSession, expected: LoadedTable, actual: LoadedTable, positions: readonly number[], keys: readonly ColumnPair[], rules: TextRules, carriedBytes: number): Promise<{ expected: SideLines; actual: SideLines } | undefined> {
  return joinedPass(session, expected, actual, carriedBytes, {
    side: (read, side, withLines) => sideSql(read, positions, keys, side, rules, withLines),
    on: keys.map((_, i) => `e.k${i} = a.k${i}`).join(' AND '),
  });
}

/**
 * The pass without a key when no line repeats on both sides: the lines joined on their hashes
 * (joinedPass): a line on both sides with n expected and m actual copies makes n x m joined
 * records, so the proof holds every matched line single on both sides; lines on one side only
 * may repeat (each copy is a surplus row of the multiset). Undefined when that does not hold:
 * multisetPass groups instead.
 */
async function joinedLinesPass(session: EngineSession, expected: LoadedTable, actual: LoadedTable, carriedBytes: number): Promise<{ expected: SideLines; actual: SideLines } | undefined> {
  return joinedPass(session, expected, actual, carriedBytes, {
    side: (read, _, withLines) => {
      const form = lineForm(read);
      return `SELECT hash(l) AS h${withLines ? ', l' : ''}, false AS u, ${form.loose} AS o FROM ${linesScan(read)} WHERE l IS NOT NULL`;
    },
    on: 'e.h = a.h',
  });
}

/**
 * Both sides' lines joined (on the key, or on the line's hash) in one query that also lists the
 * expected side's differing lines, which stream through the join's probe side, and the actual
 * side's: as lines when its file is small enough for its hash table to hold them, else as hashes
 * whose lines are read again (at 10M rows, lines on both sides took 1.9 GB against 0.8 GB).
 * A side is seen in at least as many joined records as it has non-blank lines, which are at
 * least its records: seen as often as it has records, each line is one record and nothing it
 * joins repeats on the other side. The records are counted from the bytes on this thread while
 * DuckDB runs the join: as the non-blank lines where the join finds no loose line (line-form.ts),
 * else by following the quotes (begun beside the join when the file's head quotes fields in a
 * plain file, else after it); a side whose lines are read again is counted as it is read.
 */
async function joinedPass(
  session: EngineSession, expected: LoadedTable, actual: LoadedTable, carriedBytes: number,
  join: { readonly side: (read: CsvLineRead, side: 'expected' | 'actual', withLines: boolean) => string; readonly on: string },
): Promise<{ expected: SideLines; actual: SideLines } | undefined> {
  const [eRead, aRead] = [expected.lineRead as CsvLineRead, actual.lineRead as CsvLineRead];
  const carried = statSync(aRead.path).size <= carriedBytes;
  const table = '__accept_lines_join';
  const pending = session.run(`CREATE OR REPLACE TEMP TABLE ${table} AS SELECT
      count(e.h)::BIGINT AS e_seen, count(a.h)::BIGINT AS a_seen, count(*) FILTER (WHERE e.h = a.h)::BIGINT AS identical,
      count(*) FILTER (WHERE e.u OR a.u)::BIGINT AS unsure, count(*) FILTER (WHERE e.o)::BIGINT AS e_loose, count(*) FILTER (WHERE a.o)::BIGINT AS a_loose,
      list(e.l) FILTER (WHERE e.h IS DISTINCT FROM a.h AND e.h IS NOT NULL) AS e_diff, list(a.${carried ? 'l' : 'h'}) FILTER (WHERE a.h IS DISTINCT FROM e.h AND a.h IS NOT NULL) AS a_diff
    FROM (${join.side(eRead, 'expected', true)}) e FULL OUTER JOIN (${join.side(aRead, 'actual', carried)}) a ON ${join.on}`);
  // Counted on this thread while DuckDB runs the join on its own.
  let counted: readonly (SideCount | undefined)[];
  try {
    counted = [countBeside(eRead), carried ? countBeside(aRead) : undefined];
  } finally {
    await pending.catch(() => undefined);
  }
  await pending;
  try {
    const r = (await session.all(`SELECT * EXCLUDE (a_diff)${carried ? ', a_diff' : ''} FROM ${table}`))[0] ?? {};
    const n = (k: string): number => Number(r[k] ?? -1);
    const [eCount, aCount] = counted;
    const records = [eCount === undefined ? undefined : recordsOf(eRead, eCount, n('e_loose')), aCount === undefined ? undefined : recordsOf(aRead, aCount, n('a_loose'))];
    trace('identical lines: %d of %d / %d records joined (%d unsure keys; %s / %s records counted; %d / %d loose lines)', n('identical'), n('e_seen'), n('a_seen'), n('unsure'), records[0], records[1], n('e_loose'), n('a_loose'));
    if (n('unsure') !== 0 || n('e_seen') !== records[0] || n('e_seen') - n('identical') > MOST_DIFFERING * n('e_seen')) return undefined;
    const eDiff = (r.e_diff as string[] | null | undefined) ?? [];
    if (carried) return n('a_seen') === records[1] ? { expected: { lines: n('e_seen'), differing: eDiff }, actual: { lines: n('a_seen'), differing: (r.a_diff as string[] | null | undefined) ?? [] } } : undefined;
    await session.run(`CREATE OR REPLACE TEMP TABLE ${FETCH.actual} AS SELECT h, count(*)::BIGINT AS keep FROM (SELECT unnest(a_diff) AS h FROM ${table}) GROUP BY h`);
    const aForm = lineForm(aRead);
    const fetched = await fetchLines(session, aRead, aForm, FETCH.actual);
    if (!oneRecordPerLine(aRead, aForm, fetched) || fetched.lines !== n('a_seen') || !fetched.consistent) return undefined;
    return { expected: { lines: n('e_seen'), differing: eDiff }, actual: { lines: n('a_seen'), differing: fetched.kept } };
  } finally {
    await session.run(`DROP TABLE IF EXISTS ${table}`);
  }
}

/**
 * The multiset pass (no key): both sides' lines grouped by hash; a line one side has more often
 * than the other is kept that many more times on that side. Identical lines, matched one for
 * one, leave the multiset difference of the rest as it was. Each side's file is then read again
 * for its surplus lines.
 */
async function multisetPass(session: EngineSession, expected: LoadedTable, actual: LoadedTable): Promise<{ expected: SideLines; actual: SideLines } | undefined> {
  const table = '__accept_lines_groups';
  const [eRead, aRead] = [expected.lineRead as CsvLineRead, actual.lineRead as CsvLineRead];
  await session.run(`CREATE OR REPLACE TEMP TABLE ${table} AS SELECT h, ne, na FROM (SELECT h, (count(*) - sum(s))::BIGINT AS ne, sum(s)::BIGINT AS na
      FROM (SELECT hash(l) AS h, 0 AS s FROM ${linesScan(eRead)} WHERE l IS NOT NULL UNION ALL SELECT hash(l) AS h, 1 AS s FROM ${linesScan(aRead)} WHERE l IS NOT NULL) GROUP BY h) WHERE ne <> na`);
  try {
    await session.run(`CREATE OR REPLACE TEMP TABLE ${FETCH.expected} AS SELECT h, ne - na AS keep FROM ${table} WHERE ne > na`);
    await session.run(`CREATE OR REPLACE TEMP TABLE ${FETCH.actual} AS SELECT h, na - ne AS keep FROM ${table} WHERE na > ne`);
  } finally {
    await session.run(`DROP TABLE IF EXISTS ${table}`);
  }
  const out: SideLines[] = [];
  for (const [table, side] of [[expected, 'expected'], [actual, 'actual']] as const) {
    const read = table.lineRead as CsvLineRead;
    const form = lineForm(read);
    const fetched = await fetchLines(session, read, form, FETCH[side]);
    const oneLineEach = oneRecordPerLine(read, form, fetched);
    if (!oneLineEach || !fetched.consistent) {
      trace('identical lines: given up (%s: %d lines, one line each: %s, lines of a hash consistent: %s)', side, fetched.lines, oneLineEach, fetched.consistent);
      return undefined;
    }
    out.push({ lines: fetched.lines, differing: fetched.kept });
  }
  return { expected: out[0] as SideLines, actual: out[1] as SideLines };
}

/**
 * One side's lines, the loose ones (line-form.ts), and the differing ones: each hash in `fetch` as
 * many times as it says (the lines of one hash must be one text: otherwise two lines share a
 * hash, and which to keep is unknown).
 */
async function fetchLines(session: EngineSession, read: CsvLineRead, form: LineForm, fetch: string): Promise<{ lines: number; loose: number; kept: string[]; consistent: boolean }> {
  // IN (subquery): the few hashes are the join's build side, the lines stream past it (a join
  // would be free to build on the lines, holding the whole file).
  const r = (await session.all(`SELECT count(*)::BIGINT AS n, count(*) FILTER (WHERE o)::BIGINT AS loose,
      list({'h': h, 'l': l}) FILTER (WHERE m) AS fetched
    FROM (SELECT l, h, o, h IN (SELECT h FROM ${fetch}) AS m FROM (SELECT l, hash(l) AS h, ${form.loose} AS o FROM ${linesScan(read)} WHERE l IS NOT NULL))`))[0] ?? {};
  const keeps = new Map((await session.all(`SELECT h, keep FROM ${fetch}`)).map((k) => [String(k.h), Number(k.keep)]));
  const want = [...keeps.values()].reduce((a, b) => a + b, 0);
  const kept: string[] = [];
  const seen = new Map<string, { text: string; left: number }>();
  let consistent = true;
  for (const { h, l } of (r.fetched as { h: unknown; l: string }[] | null | undefined) ?? []) {
    const id = String(h);
    const at = seen.get(id) ?? { text: l, left: keeps.get(id) ?? 0 };
    seen.set(id, at);
    if (at.text !== l) consistent = false;
    if (at.left > 0) {
      kept.push(l);
      at.left--;
    }
  }
  return { lines: Number(r.n), loose: Number(r.loose), kept, consistent: consistent && kept.length === want };
}

/** Whether each line read again is one record: no line is loose (line-form.ts), or the records counted from the bytes are the lines. */
function oneRecordPerLine(read: CsvLineRead, form: LineForm, fetched: { readonly lines: number; readonly loose: number }): boolean {
  return (fetched.loose === 0 && form.headerWhole) || fetched.lines === read.countRecords();
}

/** A side's count taken beside the join: its non-blank lines, or its records by the quotes. */
type SideCount = { readonly lines: number | undefined } | { readonly records: number | undefined };

/** The count to take beside the join: the lines, unless the file is plain and its head quotes
 * fields (loose lines are then likely, and the records count is wanted anyway). */
function countBeside(read: CsvLineRead): SideCount {
  return read.quotesInHead && !lineForm(read).allQuoted ? { records: read.countRecords() } : { lines: read.countLines() };
}

/** A side's records: its lines where the join found no loose line, else counted by the quotes (now, if not beside the join). */
function recordsOf(read: CsvLineRead, counted: SideCount, loose: number): number | undefined {
  if ('records' in counted) return counted.records;
  return loose === 0 && lineForm(read).headerWhole ? counted.lines : read.countRecords();
}

async function giveUp(dispose: () => Promise<void>): Promise<undefined> {
  await dispose();
  return undefined;
}

/** A CSV read as whole lines (a line holding the \x01 byte makes this fail: the pass then gives up). */
function linesScan(read: CsvLineRead): string {
  return `read_csv(${quoteLiteral(read.path)}, columns={'l': 'VARCHAR'}, delim=${quoteLiteral('\x01')}, quote='', escape='', header=true, auto_detect=false)`;
}

/**
 * One side of the keyed pass: each line's hash (and the line `withLines`), its key as the compare
 * joins it, whether the key is unsure, and whether the line is loose. A key field is read from
 * the line's text without parsing the others (line-form.ts); an unsure key (its field may not be
 * that text, or an integer key's text is no integer of its type) makes the pass give up. (Cases
 * and regular expressions per line cost as much as the pass saves.)
 */
function sideSql(read: CsvLineRead, positions: readonly number[], keys: readonly ColumnPair[], side: 'expected' | 'actual', rules: TextRules, withLines: boolean): string {
  const form = lineForm(read);
  const texts = positions.map((p, i) => `${form.field(p)} AS t${i}`);
  const typed = positions.map((p, i) => {
    const kind = read.fieldKinds[p];
    return kind === 'text' || kind === undefined ? `t${i} AS v${i}` : `TRY_CAST(t${i} AS ${kind.integer}) AS v${i}`;
  });
  const unsure = [form.unsure(positions), ...positions.flatMap((p, i) => (read.fieldKinds[p] === 'text' ? [] : [`(t${i} IS NOT NULL AND v${i} IS NULL)`]))].join(' OR ');
  const ks = keys.map((k, i) => `${keyExpr(k, side, rules, `v${i}`)} AS k${i}`);
  const ts = positions.map((_, i) => `t${i}`).join(', ');
  return `SELECT h, ${withLines ? 'l, ' : ''}${ks.join(', ')}, ${unsure} AS u, o FROM (SELECT l, h, o, ${ts}, ${typed.join(', ')} FROM (SELECT l, hash(l) AS h, ${form.loose} AS o, ${texts.join(', ')} FROM ${linesScan(read)} WHERE l IS NOT NULL))`;
}
