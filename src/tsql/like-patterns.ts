// How SQL Server reads a LIKE pattern, as a regular expression: one rule for the emulator and the
// drafts, which both match a pattern known before the statement runs this way.

/**
 * What of a LIKE pattern's `[ ]` classes cannot be matched as SQL Server does, or undefined:
 * `^` as a member (`[^^]`, which SQL Server matches differently for varchar and nvarchar), and
 * ranges other than digits or letters of one case (SQL Server orders a range by the collation,
 * where punctuation and accented letters fall elsewhere than in code points). `ranges` says
 * whether the pattern has a range at all: values beyond printable ASCII must then be refused
 * where they are met, since `É` falls inside `[A-Z]` under the default collations.
 */
export function likeClassLimits(pattern: string): { readonly problem?: string; readonly ranges: boolean } {
  const classes = [...pattern.matchAll(/\[(\^?)([^\]]*)\]/g)];
  if (classes.some((m) => (m[2] ?? '').includes('^'))) return { problem: '^ inside a [ ] class (SQL Server matches it differently for varchar and nvarchar)', ranges: false };
  const ranges = classes.flatMap((m) => [...(m[2] ?? '').matchAll(/(.)-(.)/g)].map((r) => [r[1] as string, r[2] as string] as const));
  const plain = ([lo, hi]: readonly [string, string]): boolean => /^[0-9]$/.test(lo) && /^[0-9]$/.test(hi) || /^[a-z]$/.test(lo) && /^[a-z]$/.test(hi) || /^[A-Z]$/.test(lo) && /^[A-Z]$/.test(hi);
  if (!ranges.every(plain)) return { problem: 'a [ ] range other than digits or letters of one case (SQL Server orders ranges by the collation)', ranges: true };
  return { ranges: ranges.length > 0 };
}

/** Whether the pattern ends in an ESCAPE character with nothing after it to make literal. */
export function likeDanglingEscape(pattern: string, escape: string): boolean {
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) if (chars[i] === escape && ++i === chars.length) return true;
  return false;
}

/**
 * Converts a T-SQL LIKE pattern to a regular expression for a full match: `%` any run, `_` one
 * character, `[abc]`, `[a-c]`, `[^a]` classes (`[%]` and `[_]` are how T-SQL escapes them),
 * the character after an ESCAPE character and every other character literal.
 */
export function likeToRegex(pattern: string, escape?: string): string {
  let out = '';
  const chars = [...pattern];
  const literal = (c: string): string => (/[.*+?(){}|$^\\[\]]/.test(c) ? `\\${c}` : c);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    // ESCAPE's character makes the next one literal (`!%` is a percent sign).
    if (c === escape) out += literal(chars[++i] ?? '');
    else if (c === '%') out += '.*';
    else if (c === '_') out += '.';
    else if (c === '[') {
      const close = chars.indexOf(']', i + 2);
      if (close < 0) { out += '\\['; continue; }
      const body = chars.slice(i + 1, close);
      const negate = body[0] === '^';
      const items = (negate ? body.slice(1) : body).map((ch) => (/[\\\]^[]/.test(ch) ? `\\${ch}` : ch)).join('');
      out += `[${negate ? '^' : ''}${items}]`;
      i = close;
    } else out += literal(c);
  }
  return out;
}
