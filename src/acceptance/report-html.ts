import { BLANKS_NOTE, cellText, formatCount, formatPercent, markBlanks, unifiedDiffOf, verdictLine } from './format-values';
import { summarizeResults } from './report-text';
import type { AcceptError, TableResult } from './table-result';

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#1f2328;background:#fff}
h1{font-size:22px;margin:0 0 12px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
h3{font-size:15px;margin:16px 0 6px}
.verdict{padding:10px 14px;border-radius:6px;font-weight:600;margin:8px 0}
.pass{background:#dafbe1;color:#116329;border:1px solid #4ac26b}.fail{background:#ffebe9;color:#82071e;border:1px solid #ff8182}
table{border-collapse:collapse;margin:6px 0 12px;font-size:13px}th,td{border:1px solid #d0d7de;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.num{text-align:right;font-variant-numeric:tabular-nums}
.bar{width:220px;height:12px;background:#ffcecb;border-radius:3px;overflow:hidden;display:inline-block;vertical-align:middle}
.bar>span{display:block;height:100%;background:#2da44e}
td.diff{background:#ffebe9;font-weight:600}table.samples td{white-space:pre-wrap}.blank{color:#cf222e;background:#fff8c5;font-weight:700}tr.exp td:first-child,tr.act td:first-child{color:#57606a}
pre{background:#f6f8fa;padding:10px;border-radius:6px;overflow:auto;font-size:12px}
.add{color:#116329;background:#dafbe1;display:block}.del{color:#82071e;background:#ffebe9;display:block}.hunk{color:#8250df;display:block}pre>span{display:block;white-space:pre}
.counts span{display:inline-block;margin-right:16px}.muted{color:#57606a}
`;

function bar(p: number): string {
  return `<span class="bar" title="${escapeHtml(formatPercent(p))}%"><span style="width:${formatPercent(Math.max(0, Math.min(100, p)))}%"></span></span>`;
}

/** A sample value: escaped, with blanks at its ends (and an empty string) shown as markers in
 * a span of their own, so `ab` and `ab  ` never look alike. */
function cellHtml(value: unknown): string {
  const text = cellText(value);
  if (value === null || value === undefined) return escapeHtml(text);
  const shown = markBlanks(text);
  if (!shown.marked) return escapeHtml(text);
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(text) as RegExpExecArray;
  const marks = (s: string, at: 'start' | 'end'): string => (s === '' ? '' : `<span class="blank" title="${s.length} blank${s.length === 1 ? '' : 's'} at the ${at}">${escapeHtml(markBlanks(s).text)}</span>`);
  if (text === '') return '<span class="blank" title="empty string">\'\'</span>';
  return `${marks(m[1] as string, 'start')}${escapeHtml(m[2] as string)}${marks(m[3] as string, 'end')}`;
}

function table(header: readonly string[], rows: readonly string[][], numeric: readonly number[] = []): string {
  const th = header.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function diffHtml(diff: string): string {
  // Every line is a block span, so no newline may sit between them (it would render as a blank line).
  return diff.replace(/\n$/, '').split('\n').map((l) => {
    const e = escapeHtml(l) || ' ';
    if (l.startsWith('+') && !l.startsWith('+++')) return `<span class="add">${e}</span>`;
    if (l.startsWith('-') && !l.startsWith('---')) return `<span class="del">${e}</span>`;
    if (l.startsWith('@@')) return `<span class="hunk">${e}</span>`;
    return `<span>${e}</span>`;
  }).join('');
}

function tableSection(r: TableResult): string {
  const parts: string[] = [`<h2>${escapeHtml(r.name)}</h2>`];
  parts.push(`<div class="verdict ${r.passed ? 'pass' : 'fail'}">${escapeHtml(verdictLine(r))}</div>`);
  parts.push(`<div class="counts"><span>identical <b>${formatCount(r.matched)}</b></span><span>changed <b>${formatCount(r.changed)}</b></span><span>missing <b>${formatCount(r.missing)}</b></span><span>extra <b>${formatCount(r.extra)}</b></span><span>duplicate keys <b>${formatCount(r.duplicateKeys)}</b></span><span class="muted">threshold ${escapeHtml(String(r.threshold))}%</span></div>`);
  parts.push('<h3>Inputs</h3>', table(['side', 'source', 'rows', 'columns'], [
    ['expected', escapeHtml(r.expected.source), formatCount(r.expected.rows), escapeHtml(r.expected.columns.map((c) => `${c.name} ${c.type}`).join(', '))],
    ['actual', escapeHtml(r.actual.source), formatCount(r.actual.rows), escapeHtml(r.actual.columns.map((c) => `${c.name} ${c.type}`).join(', '))],
  ], [2]));
  const key = r.key.mode === 'multiset' ? 'none (rows compared as a multiset)' : `${r.key.columns.join(', ')}${r.key.auto ? ' (found by --key auto)' : ''}`;
  parts.push(`<p>Key: <b>${escapeHtml(key)}</b></p>`);
  parts.push('<h3>Columns</h3>', table(['column', 'compared as', 'mismatches', 'match %', ''], r.columns.map((c) => [
    escapeHtml(c.name + (c.status === 'key' ? ' (key)' : c.status === 'missing' ? ' (only in expected)' : c.status === 'extra' ? ' (only in actual)' : '')),
    escapeHtml(c.comparedAs), formatCount(c.mismatches), `${escapeHtml(formatPercent(c.percentMatched))}%`, bar(c.percentMatched),
  ]), [2, 3]));
  for (const n of r.notes) parts.push(`<p class="muted">${escapeHtml(n)}</p>`);
  if (r.samples.length > 0) {
    const first = r.samples.find((s) => s.expected ?? s.actual);
    const cols = Object.keys(first?.expected ?? first?.actual ?? {});
    const rows = r.samples.flatMap((s) => {
      const cells = (side: Readonly<Record<string, unknown>> | null): string => cols.map((c) => {
        if (!side) return '<td class="muted">-</td>';
        return `<td${s.differing.includes(c) ? ' class="diff"' : ''}>${cellHtml(side[c])}</td>`;
      }).join('');
      const label = escapeHtml(s.status + (s.count > 1 ? ` x${s.count}` : ''));
      return [`<tr class="exp"><td rowspan="2">${label}</td><td>expected</td>${cells(s.expected)}</tr>`, `<tr class="act"><td>actual</td>${cells(s.actual)}</tr>`];
    });
    parts.push(`<h3>First ${r.samples.length} differing records</h3>`);
    parts.push(`<table class="samples"><thead><tr><th>status</th><th>side</th>${cols.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`);
    if (rows.some((row) => row.includes('class="blank"'))) parts.push(`<p class="muted">${escapeHtml(BLANKS_NOTE)}</p>`);
    parts.push('<h3>Unified diff</h3>', `<pre>${diffHtml(unifiedDiffOf(r))}</pre>`);
  }
  return `<section>${parts.join('\n')}</section>`;
}

/**
 * One self-contained HTML page (inline CSS, no scripts, no external requests) a person opens in
 * a browser: the overall verdict, per table its counts, per-column match bars, the first
 * differing records with the differing cells marked, and the unified diff. Everything from the
 * data is escaped.
 */
export function renderHtml(results: readonly TableResult[], title = 'Acceptance report', errors: readonly AcceptError[] = []): string {
  const total = summarizeResults(results);
  // Tables whose input could not be read: listed first, with their error, and the verdict fails.
  const unread = errors.map((e) => `<section><h2>${escapeHtml(e.name)}</h2><div class="verdict fail">not compared: its input cannot be read</div><pre>${escapeHtml(e.message)}</pre></section>`);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
<div class="verdict ${total.passed && errors.length === 0 ? 'pass' : 'fail'}">${escapeHtml(verdictLine(total))}</div>
<p class="muted">${results.length} table${results.length === 1 ? '' : 's'} compared${errors.length > 0 ? `, ${errors.length} not compared (input cannot be read)` : ''} · generated by tsql-migrate ${escapeHtml(new Date().toISOString())}</p>
${[...unread, ...results.map(tableSection)].join('\n')}
</body></html>
`;
}
