import { tokenize } from './lexer';

/** A SQLCMD variable reference, `$(name)`. */
const SQLCMD_VARIABLE = /\$\(([A-Za-z_]\w*)\)/g;

/**
 * Replaces `$(name)` inside the string constants of a script with the value given for it, as
 * sqlcmd (and so an SSDT deployment) does before SQL Server reads the batch: the procedure on the
 * server holds `'PROD'` where its script says `'$(EnvName)'`. Names match case-insensitively, as
 * sqlcmd's do; a variable without a value, and every reference outside a string (a three-part
 * name's `[$(ArchiveDb)]`, which the analysis keeps as the other database's name), stay as written.
 * The value goes in raw, as sqlcmd puts it; only the columns after it on its line move.
 */
export function substituteSqlcmdStrings(text: string, values: ReadonlyMap<string, string>): string {
  if (values.size === 0 || !text.includes('$(')) return text;
  let out = '';
  let at = 0;
  for (const t of tokenize(text)) {
    if (t.kind !== 'string' || !t.text.includes('$(')) continue;
    const replaced = t.text.replace(SQLCMD_VARIABLE, (whole, name: string) => values.get(name.toLowerCase()) ?? whole);
    if (replaced === t.text) continue;
    out += text.slice(at, t.start) + replaced;
    at = t.end;
  }
  return at === 0 ? text : out + text.slice(at);
}
