import { existsSync, readFileSync } from 'node:fs';
import { LegacyError } from '../../../core';
import type { Parameter } from '../../../tsql';
import { declaredType } from '../declared-types';
import type { EmulatorState } from '../state';

/**
 * The text an xml parameter of the procedure a run calls receives from `--param @p=value`: a
 * value naming a `.xml` file (not starting with `<`) is that file's content, read as UTF-8, as
 * a table-valued parameter takes its rows from a `.csv` file; any other value is the document
 * itself. The caller hands SQL Server text, which it converts to xml as it converts text into an
 * xml variable (runtime.ts assignXmlText: its stored form, or marked where that form is not
 * known): an indented file is taken as such.
 */
export function xmlParameterText(state: EmulatorState, p: Parameter | undefined, value: string): string {
  if (p === undefined || declaredType(state, p.dataType).name !== 'xml' || !/\.xml$/i.test(value) || value.trimStart().startsWith('<')) return value;
  if (!existsSync(value)) {
    throw new LegacyError('LEGACY_PARAM', `--param ${p.name}=${value}: no such file`, { hint: `give the path of the XML document ${p.name} receives (relative to the folder the command runs in), or the document itself` });
  }
  return readFileSync(value, 'utf8').replace(/^\uFEFF/, '');
}
