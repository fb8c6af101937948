import { UsageError } from '../core';

/**
 * The values of `--sqlcmd name=value` flags (`EnvName=PROD`, `$(EnvName)=PROD`): what an SSDT
 * publish gives the SQLCMD variables, which capture and record put into the scripts' string
 * constants. `flag` names the command's error code prefix (CAPTURE, RECORD).
 */
export function parseSqlcmdFlags(values: readonly string[], flag: 'CAPTURE' | 'RECORD'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of values) {
    const eq = p.indexOf('=');
    const name = eq <= 0 ? '' : p.slice(0, eq).trim().replace(/^\$\((.*)\)$/, '$1');
    if (!/^[A-Za-z_]\w*$/.test(name)) throw new UsageError(`${flag}_SQLCMD`, `--sqlcmd ${p} is not name=value`, { hint: 'e.g. --sqlcmd EnvName=PROD (the value the publish profile gives the variable)' });
    out[name] = p.slice(eq + 1);
  }
  return out;
}

/** The help text of `--sqlcmd`, the same for capture and record. */
export const SQLCMD_FLAG_HELP = 'the value a SQLCMD variable has in the deployed scripts (repeatable), e.g. --sqlcmd EnvName=PROD: put into string constants such as \'$(EnvName)\' as sqlcmd (an SSDT publish) does; one not given is refused where a string uses it';
