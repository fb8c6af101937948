import { existsSync, readFileSync } from 'node:fs';
import { LegacyError } from '../../../core';
import type { Parameter } from '../../../tsql';
import { declaredType } from '../declared-types';
import type { EmulatorState } from '../state';
import { XmlUnsupported } from './xml-document';
import { unstoredXmlText } from './xml-serialization';

/**
 * The text an xml parameter of the procedure a run calls receives from `--param @p=value`: a
 * value naming a `.xml` file (not starting with `<`) is that file's content, read as UTF-8, as
 * a table-valued parameter takes its rows from a `.csv` file; any other value is the document
 * itself.
 */
export function xmlParameterText(state: EmulatorState, p: Parameter | undefined, value: string): string {
  if (p === undefined || declaredType(state, p.dataType).name !== 'xml') return value;
  if (!/\.xml$/i.test(value) || value.trimStart().startsWith('<')) return storedParameterText(p, value);
  if (!existsSync(value)) {
    throw new LegacyError('LEGACY_PARAM', `--param ${p.name}=${value}: no such file`, { hint: `give the path of the XML document ${p.name} receives (relative to the folder the command runs in), or the document itself` });
  }
  return storedParameterText(p, readFileSync(value, 'utf8').replace(/^\uFEFF/, ''));
}

/** The document, refused unless written as SQL Server holds it (xml-serialization.ts): the procedure may write it back as text. */
function storedParameterText(p: Parameter, text: string): string {
  let stored: string | undefined;
  try {
    stored = unstoredXmlText(text);
  } catch (err) {
    if (!(err instanceof XmlUnsupported)) throw err;
    throw new LegacyError('LEGACY_PARAM', `--param ${p.name}: the XML document is not emulated: ${err.message}`, { hint: 'capture this call from SQL Server with MIGRATE_MSSQL_URL (--engine mssql)' });
  }
  if (stored === undefined) return text;
  throw new LegacyError('LEGACY_PARAM', `--param ${p.name}: the XML document is not written as SQL Server holds it: ${stored.length > 200 ? `${stored.slice(0, 200)}…` : stored}`, { hint: 'give the document as SQL Server returns it (attributes in double quotes, no white space between elements; an empty element either <a/> or <a />)' });
}
