import { dirname, relative, sep } from 'node:path';
import { escapeXml } from '../../acceptance';
import { readInlineSourceMap } from './source-map-lines';
import type { ScriptCoverage } from './v8-coverage';

/** Line hits of one source file: 1-based line number -> times it ran. */
export interface FileLineCoverage {
  readonly file: string;
  readonly lines: ReadonlyMap<number, number>;
}

/**
 * How often each character of a script ran. V8 reports nested blocks, each overriding its
 * parent (a function that ran inside a branch that did not), so wider ranges paint first.
 */
function characterCounts(script: ScriptCoverage): Int32Array {
  const counts = new Int32Array(script.source.length);
  const ranges = [...script.ranges].sort((a, b) => (b.endOffset - b.startOffset) - (a.endOffset - a.startOffset));
  for (const r of ranges) counts.fill(r.count, Math.max(0, r.startOffset), Math.min(script.source.length, r.endOffset));
  return counts;
}

/**
 * Line coverage of the file a script came from. With an inline source map (our TypeScript hook
 * writes one), each mapped position counts for its .ts line and a line's hits are the most any
 * of its positions ran; lines with no code (comments, types) are not lines to cover. Without one,
 * the script's own non-blank lines count, by their first character.
 */
export function lineCoverage(script: ScriptCoverage): FileLineCoverage {
  const counts = characterCounts(script);
  const starts = [0];
  for (let i = 0; i < script.source.length; i++) if (script.source.charCodeAt(i) === 10) starts.push(i + 1);
  const lines = new Map<number, number>();
  const mappings = readInlineSourceMap(script.source);
  if (mappings) {
    for (const m of mappings) {
      const offset = (starts[m.generatedLine] ?? script.source.length) + m.generatedColumn;
      if (offset >= script.source.length) continue;
      lines.set(m.sourceLine, Math.max(lines.get(m.sourceLine) ?? 0, counts[offset] ?? 0));
    }
  } else {
    starts.forEach((start, i) => {
      const end = starts[i + 1] ?? script.source.length;
      const first = script.source.slice(start, end).search(/\S/);
      if (first >= 0 && !script.source.slice(start + first).startsWith('//')) lines.set(i + 1, counts[start + first] ?? 0);
    });
  }
  return { file: script.file, lines };
}

const rate = (covered: number, valid: number): string => (valid === 0 ? '1' : (covered / valid).toFixed(4));

/**
 * Cobertura XML (the format Azure DevOps' PublishCodeCoverageResults, GitLab's coverage report
 * and most CI viewers read): one package per folder under `root` (a procedure's transforms),
 * one class per file, line hits only (V8 block counts give no branch pairs to report).
 */
export function renderCobertura(files: readonly FileLineCoverage[], root: string, timestamp = Date.now()): string {
  const rel = (f: string): string => relative(root, f).split(sep).join('/');
  const byPackage = new Map<string, FileLineCoverage[]>();
  for (const f of [...files].sort((a, b) => (rel(a.file) < rel(b.file) ? -1 : 1))) {
    const pkg = rel(dirname(f.file)) || '.';
    byPackage.set(pkg, [...(byPackage.get(pkg) ?? []), f]);
  }
  const count = (fs: readonly FileLineCoverage[]): [number, number] => {
    let covered = 0;
    let valid = 0;
    for (const f of fs) for (const hits of f.lines.values()) { valid++; if (hits > 0) covered++; }
    return [covered, valid];
  };
  const [covered, valid] = count(files);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE coverage SYSTEM "http://cobertura.sourceforge.net/xml/coverage-04.dtd">',
    `<coverage line-rate="${rate(covered, valid)}" branch-rate="0" lines-covered="${covered}" lines-valid="${valid}" branches-covered="0" branches-valid="0" complexity="0" version="tsql-migrate" timestamp="${Math.floor(timestamp / 1000)}">`,
    `  <sources>\n    <source>${escapeXml(root)}</source>\n  </sources>`,
    '  <packages>',
  ];
  for (const [pkg, fs] of byPackage) {
    const [c, v] = count(fs);
    out.push(`    <package name="${escapeXml(pkg)}" line-rate="${rate(c, v)}" branch-rate="0" complexity="0">`, '      <classes>');
    for (const f of fs) {
      const [fc, fv] = count([f]);
      const name = rel(f.file).split('/').pop() ?? rel(f.file);
      out.push(`        <class name="${escapeXml(name.replace(/\.[jt]s$/, ''))}" filename="${escapeXml(rel(f.file))}" line-rate="${rate(fc, fv)}" branch-rate="0" complexity="0">`, '          <methods/>', '          <lines>');
      for (const [line, hits] of [...f.lines.entries()].sort((a, b) => a[0] - b[0])) out.push(`            <line number="${line}" hits="${hits}" branch="false"/>`);
      out.push('          </lines>', '        </class>');
    }
    out.push('      </classes>', '    </package>');
  }
  out.push('  </packages>', '</coverage>', '');
  return out.join('\n');
}
