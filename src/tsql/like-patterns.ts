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
export function likeClassLimits(pattern: string): { readonly problem?: string; readonly ranges: boolean; readonly digitRangesOnly?: boolean } {
  const classes = [...pattern.matchAll(/\[(\^?)([^\]]*)\]/g)];
  if (classes.some((m) => (m[2] ?? '').includes('^'))) return { problem: '^ inside a [ ] class (SQL Server matches it differently for varchar and nvarchar)', ranges: false };
  const ranges = classes.flatMap((m) => [...(m[2] ?? '').matchAll(/(.)-(.)/g)].map((r) => [r[1] as string, r[2] as string] as const));
  const plain = ([lo, hi]: readonly [string, string]): boolean => /^[0-9]$/.test(lo) && /^[0-9]$/.test(hi) || /^[a-z]$/.test(lo) && /^[a-z]$/.test(hi) || /^[A-Z]$/.test(lo) && /^[A-Z]$/.test(hi);
  if (!ranges.every(plain)) return { problem: 'a [ ] range other than digits or letters of one case (SQL Server orders ranges by the collation)', ranges: true };
  return { ranges: ranges.length > 0, digitRangesOnly: ranges.length > 0 && ranges.every(([lo, hi]) => /^[0-9]$/.test(lo) && /^[0-9]$/.test(hi)) };
}

/**
 * The text a pattern's ranges match exactly as code points (a regular expression for a full
 * match), once likeClassLimits accepted them. Printable ASCII always. Where every range runs
 * between digits, letters of the Latin-1, Latin Extended-A, Greek and basic Cyrillic blocks too:
 * every collation sorts letters after all digits, so `ß`, `é` or `Ο` never fall inside `[0-9]`,
 * while `²`, `½` (and other digits and numeric signs) do under Latin1_General_CI_AS, and stay
 * refused. Letters of one case in a range such as `[A-Z]` hold accented letters: ASCII only.
 */
export function likeRangeExactText(limits: { readonly digitRangesOnly?: boolean }): string {
  return limits.digitRangesOnly === true
    ? '[ -~\\x{00C0}-\\x{00D6}\\x{00D8}-\\x{00F6}\\x{00F8}-\\x{017F}\\x{0386}\\x{0388}-\\x{038A}\\x{038C}\\x{038E}-\\x{03A1}\\x{03A3}-\\x{03CE}\\x{0400}-\\x{045F}]*'
    : '[ -~]*';
}

/**
 * Whether a value's trailing blanks cannot change where PATINDEX finds the pattern, whichever way
 * SQL Server treats them (counted, as nvarchar LIKE does, or ignored, as varchar LIKE does): the
 * pattern ends in `%` and its last other element matches printable ASCII other than a blank only
 * (a letter, a digit, a class of such). Any match then ends at a character before the blanks, and
 * the closing `%` takes them or not alike. `%INV[0-9]%` over 'Paid INV1  ' is 6 either way;
 * `%A %`, `%[^x]%`, `%_%` or `%INV` could differ.
 */
export function likeTrailingBlanksIrrelevant(pattern: string): boolean {
  const chars = [...pattern];
  if (chars.length === 0 || chars[chars.length - 1] !== '%') return false;
  let last: string | undefined; // the last element other than %, as written
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (c === '%') continue;
    if (c === '[') {
      const close = chars.indexOf(']', i + 2);
      if (close >= 0) { last = chars.slice(i, close + 1).join(''); i = close; continue; }
    }
    last = c;
  }
  if (last === undefined) return false;
  if (last.length === 1) return /^[!-~]$/.test(last) && last !== '_' && last !== '[';
  const body = last.slice(1, -1);
  return !body.startsWith('^') && /^[!-~]+$/.test(body);
}

/**
 * Whether an ESCAPE character stays outside the pattern's `[ ]` classes, read as likeToRegex reads
 * them: `'%!_[0-9]%' ESCAPE '!'` is matched as documented (the escape makes `_` literal, the class
 * stays a class), while `'[!_]' ESCAPE '!'` puts it inside a class, where SQL Server does not
 * document whether it escapes or is a member.
 */
export function likeEscapeOutsideClasses(pattern: string, escape: string): boolean {
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] === escape) { i++; continue; }
    if (chars[i] !== '[') continue;
    const close = chars.indexOf(']', i + 2);
    if (close < 0) continue;
    if (chars.slice(i + 1, close).includes(escape)) return false;
    i = close;
  }
  return true;
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
