import { closeSync, openSync, readSync } from 'node:fs';
import { join, relative } from 'node:path';
import { causesListedFor, columnsListedFor } from '../acceptance';
import { UsageError, writeGeneratedFile, type GeneratedWrite } from '../core';
import { readCapturedBaselines, type CaptureManifest } from '../legacy';
import { isLogName, loadSpecs, normalizeObjectName, outputFileName, readCsvRecords, sameProcedureName, type SectionSpec, type WorkspaceConfig } from '../sections';

/** What `migrate accept --write-config` wrote for one procedure, or why it could not. */
export interface WrittenConfig {
  readonly procedure: string;
  readonly path: string;
  readonly outcome?: GeneratedWrite;
  /** No section outputs what the captured run wrote (an orchestrator whose children write everything): nothing to compare, no file. */
  readonly nothing?: string;
  readonly problem?: UsageError;
  /** What people should know of the config written: columns left out as not reproducible. */
  readonly notes?: readonly string[];
}

/**
 * Writes `<acceptance>/<proc>.yaml` for each procedure with a captured baseline under
 * `<acceptance>/baseline/<proc>` (all of them when `procedure` is undefined): the acceptance the
 * gate runs (`migrate ci`), pairing each legacy output the sections re-implement with the file
 * `migrate run --baselines … --out <acceptance>/actual` writes for it. A file is stamped:
 * writing again replaces it unless someone edited it (`force` replaces it anyway).
 */
export async function writeAcceptanceConfigs(config: WorkspaceConfig, procedure: string | undefined, force: boolean): Promise<WrittenConfig[]> {
  const acceptance = join(config.root, config.paths.acceptance);
  const baselines = join(acceptance, 'baseline');
  const captured = readCapturedBaselines(baselines);
  const wanted = procedure === undefined ? captured : captured.filter((b) => [b.folder, b.manifest?.displayName].some((n) => n !== undefined && sameProcedureName(n, procedure)));
  if (wanted.length === 0) {
    throw new UsageError('ACCEPT_NO_BASELINE', `no captured baseline${procedure === undefined ? '' : ` of ${procedure}`} under ${relative(config.root, baselines) || baselines}/`, {
      hint: `capture one with \`migrate capture <proc> --data ${config.paths.acceptance}/data --out ${config.paths.acceptance}/baseline/<proc>\``,
    });
  }
  const out: WrittenConfig[] = [];
  for (const { folder, manifestFile, manifest, problem } of wanted) {
    const path = join(acceptance, `${folder}.yaml`);
    try {
      if (problem !== undefined) throw new UsageError('ACCEPT_BAD_MANIFEST', problem, { location: { file: manifestFile }, hint: 'capture the baseline again with `migrate capture`' });
      // The procedure is the one the manifest names (a baseline folder may be named otherwise, as
      // `wanted` matches it by either); the folder's name only where no manifest says.
      const { specs } = await loadSpecs(join(config.root, config.paths.sections), undefined, manifest?.displayName ?? folder);
      const sources = { folder, manifest, specs: specs.filter((s) => !s.ignored), headerOf: (file: string) => csvHeader(join(baselines, folder, file)) };
      const paired = pairOutputs(sources);
      if (paired.entries.length === 0) {
        const nothing = paired.leftOut.length > 0 ? `nothing left to compare: ${paired.leftOut.join('; ')}` : 'no section outputs a table, result set or OUTPUT parameter its captured run wrote (the procedures it calls may write them: each is accepted on its own)';
        out.push({ procedure: folder, path, nothing });
        continue;
      }
      const notes = [...paired.leftOut, ...paired.unlogged];
      out.push({ procedure: folder, path, outcome: writeGeneratedFile(path, (stamp) => renderAcceptanceConfig(sources, stamp), force), ...(notes.length > 0 ? { notes } : {}) });
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      out.push({ procedure: folder, path, problem: err });
    }
  }
  return out;
}

/** What one config is made from: the baseline folder's name (the procedure), its manifest, and the procedure's sections. */
export interface ConfigSources {
  readonly folder: string;
  readonly manifest: CaptureManifest;
  readonly specs: readonly SectionSpec[];
  /** The columns of a baseline file (its CSV header), undefined when unknown (Parquet, unreadable). */
  readonly headerOf?: (file: string) => readonly string[] | undefined;
}

/**
 * The acceptance config of one procedure, as YAML: each table the legacy run wrote that a
 * section outputs, keyed as the capture sorted it (its primary key; without one the rows
 * compare as a multiset), each result set against the sections' result (in order), and the
 * OUTPUT parameters; what no section produces (a run log written by housekeeping) is listed in
 * a comment, not compared. Paths are relative to the config (`<acceptance>/`), as the gate
 * writes them. Exact by default (threshold 100, no tolerance): a tolerance is a person's
 * decision about a column, written with its reason.
 */
export function renderAcceptanceConfig(sources: ConfigSources, stamp: string): string {
  const { folder, manifest } = sources;
  const { entries, skipped } = pairOutputs(sources);
  if (entries.length === 0) throw new Error('renderAcceptanceConfig: nothing to compare (callers check pairedOutputs first)');
  const lines = [
    `# Acceptance of the migrated ${manifest.displayName ?? folder}: the new pipeline's outputs (\`migrate run --baselines\`,`,
    '# written to actual/) against the legacy outputs captured in baseline/. Paths are relative to this file.',
    `# Written by \`migrate accept --write-config\` (${stamp}); edit it freely: writing again keeps an edited file.`,
    ...(skipped.length > 0 ? ['#', '# Not compared:', ...skipped.map((s) => `#   ${s}`)] : []),
    'threshold: 100',
  ];
  return `${lines.join('\n')}\ntables:\n${entries.join('')}`;
}

/** How many of the captured outputs a section produces (a config with none compares nothing). */
export function pairedOutputs(sources: ConfigSources): number {
  return pairOutputs(sources).entries.length;
}

/**
 * The config's table entries, what is not compared with why, and the columns left out because
 * the capture lists them as not reproducible (identity values numbered in the plan's order,
 * RAND()/NEWID(), rows taken in an order SQL Server leaves open): compared, they would hold the
 * new code to the emulator's pick among SQL Server's possible values, failing a correct
 * implementation or passing on agreement with one arbitrary run. A key holding such a column
 * pairs rows by that pick, so the rows then compare as a multiset of the other columns.
 */
function pairOutputs(sources: ConfigSources): { entries: string[]; skipped: string[]; leftOut: string[]; unlogged: string[] } {
  const { folder, manifest, specs } = sources;
  const outputs = new Map<string, string>();
  for (const s of specs) for (const o of s.outputs) if (!o.startsWith('@') && !o.startsWith('#')) outputs.set(normalizeObjectName(o), o);
  const expected = (file: string): string => `baseline/${folder}/${file}`;
  const actual = (file: string): string => `actual/${folder}/${file}`;
  const entries: string[] = [];
  const skipped: string[] = [];
  const leftOut: string[] = [];
  // a table no section outputs whose name is no log's (a reject table a CATCH fills per row): said on
  // the terminal too, not only in the config's comment, for it may hold business rows
  const unlogged: string[] = [];
  for (const t of manifest.tables) {
    const shown = t.displayName ?? t.file.replace(/\.[^.]+$/, '');
    const written = outputs.get(normalizeObjectName(shown)) ?? outputs.get(t.name);
    if (written === undefined) {
      skipped.push(`${shown} (${t.rows} ${t.rows === 1 ? 'row' : 'rows'}): no section outputs it`);
      if (t.rows > 0 && !isLogName(shown)) unlogged.push(`${shown}: not compared: the legacy run wrote ${t.rows} ${t.rows === 1 ? 'row' : 'rows'} of it and no section outputs it (a statement in housekeeping writes it, a CATCH block's reject rows for one); give it a section (its statements and @output) to compare it`);
      continue;
    }
    const unsure = columnsListedFor(manifest.nonReproducible ?? [], shown);
    const header = sources.headerOf?.(t.file);
    if (unsure.length > 0 && header !== undefined && header.length > 0 && header.every((h) => unsure.some((c) => c.toLowerCase() === h.toLowerCase()))) {
      // An entry ignoring every column could never pass (accept has nothing to compare): named here instead.
      const why = `every column is listed as not reproducible (manifest.json: ${causesListedFor(manifest, shown, unsure).join('; ') || 'values SQL Server may give otherwise'}); check it against a SQL Server capture (--engine mssql) or by hand`;
      skipped.push(`${shown} (${t.rows} ${t.rows === 1 ? 'row' : 'rows'}): ${why}`);
      leftOut.push(`${shown}: not compared: ${why}`);
      continue;
    }
    const keyUnsure = t.key.filter((k) => unsure.some((c) => c.toLowerCase() === k.toLowerCase()));
    const key = keyUnsure.length > 0 ? [] : t.key;
    const notes = [
      ...(unsure.length > 0 ? [`not compared: ${unsure.join(', ')}, which the capture lists as not reproducible (manifest.json: ${causesListedFor(manifest, shown, unsure).join('; ') || 'values SQL Server may give otherwise'}); check them against a SQL Server capture (--engine mssql) or by hand`] : []),
      ...(keyUnsure.length > 0 ? [`not keyed by ${t.key.join(', ')}: ${keyUnsure.join(', ')} is not reproducible, so its rows compare as a multiset of the other columns (add key: with the business key, e.g. the natural key of a dimension, for a match % per column)`] : []),
      ...(key.length === 0 && keyUnsure.length === 0 ? ['no primary key: its rows compare as a multiset (add key: for a match % per column)'] : []),
    ];
    if (unsure.length > 0) leftOut.push(`${shown}: ${notes.join('; ')}`);
    entries.push(entry(shown, expected(t.file), actual(outputFileName(written, 'csv')), key, notes, unsure));
  }
  const results = specs.filter((s) => s.outputs.some((o) => o.trim().toLowerCase() === 'result'));
  manifest.resultSets.forEach((rs, i) => {
    const section = results[i];
    if (section === undefined) {
      skipped.push(`result set ${i + 1} (${rs.rows} ${rs.rows === 1 ? 'row' : 'rows'}): ${results.length === 0 ? 'no section outputs a result' : `the sections output ${results.length} result${results.length === 1 ? '' : 's'}`}`);
      return;
    }
    const file = outputFileName(results.length > 1 ? `result-set-${i + 1}` : 'result', 'csv');
    const unsure = columnsListedFor(manifest.nonReproducible ?? [], rs.file.replace(/\.[^.]+$/, ''));
    const notes = [
      ...(unsure.length > 0 ? [`not compared: ${unsure.join(', ')}, which the capture lists as not reproducible; check them against a SQL Server capture (--engine mssql) or by hand`] : []),
      'a result set has no key: its rows compare as a multiset (add key: for a match % per column)',
    ];
    if (unsure.length > 0) leftOut.push(`result set ${i + 1}: ${notes[0] as string}`);
    entries.push(entry(`result set ${i + 1} (${section.id})`, expected(rs.file), actual(file), [], notes, unsure));
  });
  if (manifest.outputParameters !== undefined) {
    const sets = specs.some((s) => s.outputs.some((o) => o.trim().toLowerCase() === 'outputs'));
    if (sets) entries.push(entry('OUTPUT parameters', expected(manifest.outputParameters.file), actual(outputFileName('outputs', 'csv')), [], [], []));
    else skipped.push('the OUTPUT parameters: no section outputs them (`Then table outputs`)');
  }
  return { entries, skipped, leftOut, unlogged };
}

/** One `tables:` entry. */
function entry(name: string, expected: string, actual: string, key: readonly string[], notes: readonly string[], ignore: readonly string[]): string {
  return [
    ...notes.map((n) => `  # ${n}`),
    `  - name: ${yamlText(name)}`,
    `    expected: ${yamlText(expected)}`,
    `    actual: ${yamlText(actual)}`,
    ...(key.length > 0 ? [`    key: [${key.map(yamlText).join(', ')}]`] : []),
    ...(ignore.length > 0 ? [`    ignore: [${ignore.map(yamlText).join(', ')}]`] : []),
  ].join('\n').concat('\n');
}

/** A YAML scalar that reads back as this text: plain when it is safe, else double-quoted (JSON's escapes are YAML's). */
function yamlText(text: string): string {
  return /^[A-Za-z_][\w .()/-]*$/.test(text) && !/\s$/.test(text) && !/: | #/.test(text) ? text : JSON.stringify(text);
}

/** The header of a CSV baseline (its first record), undefined for another format or a file that cannot be read. */
function csvHeader(path: string): readonly string[] | undefined {
  if (!path.toLowerCase().endsWith('.csv')) return undefined;
  try {
    const fd = openSync(path, 'r');
    try {
      const buf = Buffer.alloc(65536);
      const n = readSync(fd, buf, 0, buf.length, 0);
      const text = buf.subarray(0, n).toString('utf8');
      const end = text.search(/\r?\n/);
      return readCsvRecords(end < 0 ? text : text.slice(0, end))[0]?.fields;
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}
