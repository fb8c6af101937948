import { isAbsolute, resolve } from 'node:path';
import { AcceptanceError } from '../core';
import type { CsvOptions, TableSource } from '../engine';

/**
 * Parses how a user names an input (`--expected`, `--actual`, or a config's `expected:`):
 *
 * - `path.csv`, `path.tsv`, `path.txt` (CSV; .tsv defaults the delimiter to a tab)
 * - `path.parquet` / `path.pq`, `path.jsonl` / `path.ndjson` / `path.json` (JSON lines)
 * - `db.duckdb#schema.table` or `db.duckdb?table=schema.table` (a table of a DuckDB file)
 * - `csv:path`, `parquet:path`, `json:path` to force a format whatever the extension
 * - `sql:SELECT … FROM read_parquet('x.parquet') WHERE …` any DuckDB query
 *
 * Globs (`out/part-*.parquet`) are read as one table. Relative paths resolve against `baseDir`
 * (a config's folder); inside `sql:` queries they stay as written (relative to the working
 * directory). Throws an AcceptanceError for a name whose format it cannot tell.
 */
export function parseTableSource(text: string, csv: CsvOptions = {}, baseDir?: string): TableSource {
  const spec = text.trim();
  const at = (p: string): string => (baseDir === undefined || isAbsolute(p) ? p : resolve(baseDir, p));
  const sql = /^sql:\s*([\s\S]+)$/i.exec(spec);
  if (sql) return { kind: 'sql', query: (sql[1] as string).trim() };
  const forced = /^(csv|tsv|parquet|json):(.+)$/i.exec(spec);
  if (forced) {
    const fmt = (forced[1] as string).toLowerCase();
    const path = at(forced[2] as string);
    if (fmt === 'parquet') return { kind: 'parquet', path };
    if (fmt === 'json') return { kind: 'json', path };
    return { kind: 'csv', path, csv: fmt === 'tsv' ? { delimiter: '\t', ...csv } : csv };
  }
  const db = /^(.+?\.(?:duckdb|ddb|db))(?:#|\?table=)(.+)$/i.exec(spec);
  if (db) return { kind: 'duckdb', path: at(db[1] as string), table: db[2] as string };
  const lower = spec.toLowerCase();
  if (/\.(duckdb|ddb)$/.test(lower)) {
    throw new AcceptanceError('ACCEPT_SOURCE', `${spec}: a DuckDB file needs a table: ${spec}#table or ${spec}?table=schema.table`, { hint: 'name the table to compare after # ' });
  }
  if (/\.(csv|txt)(\.gz)?$/.test(lower)) return { kind: 'csv', path: at(spec), csv };
  if (/\.tsv(\.gz)?$/.test(lower)) return { kind: 'csv', path: at(spec), csv: { delimiter: '\t', ...csv } };
  if (/\.(parquet|pq)$/.test(lower)) return { kind: 'parquet', path: at(spec) };
  if (/\.(jsonl|ndjson|json)(\.gz)?$/.test(lower)) return { kind: 'json', path: at(spec) };
  throw new AcceptanceError('ACCEPT_SOURCE', `cannot tell the format of '${spec}'`, {
    hint: 'use a .csv/.tsv/.parquet/.jsonl/.json file, db.duckdb#table, a format prefix (csv:, parquet:, json:) or sql:SELECT …',
  });
}
