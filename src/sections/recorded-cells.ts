// How a value the legacy code produced is written in a spec cell, so that reading the cell
// back (parse-steps.ts) gives exactly that value: decimals at the header's scale, timestamps in
// DuckDB's canonical text, text with edge blanks in double quotes.
import { parseColumnType, parseValueText, type ColumnType } from '../engine';

/** Why a produced value cannot be written under a header type, for the message. */
export class CellMismatch extends Error {}

/**
 * Writes `text` (a value as the emulator returns it exactly; null is NULL) as a cell of a column
 * of type `type`. A value the type cannot hold without change (a fraction in an int column, more
 * decimals than the scale) is a CellMismatch, never a rounded value.
 */
export function formatRecordedCell(type: ColumnType, text: string | null): string {
  if (text === null) {
    if (!type.nullable) throw new CellMismatch('NULL in a column the header declares not nullable (add ? to its type)');
    return 'NULL';
  }
  let cell: string;
  switch (type.base) {
    case 'bool': cell = /^(?:1|true)$/i.test(text) ? '1' : /^(?:0|false)$/i.test(text) ? '0' : text; break;
    case 'decimal': cell = atScale(text, type.scale ?? 3); break;
    case 'double': cell = Number.isFinite(Number(text)) ? String(Number(text)) : text; break;
    case 'int': case 'bigint': cell = /^-?\d+\.0*$/.test(text) ? text.replace(/\.0*$/, '') : text; break;
    case 'date': cell = /^\d{4}-\d{2}-\d{2} 00:00:00(?:\.0*)?$/.test(text) ? text.slice(0, 10) : text; break;
    case 'timestamp':
      cell = text.replace('T', ' ').replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
      if (/\.\d{7,}$/.test(cell)) throw new CellMismatch(`'${text}' has a 7th fraction digit (datetime2(7)'s 100 ns), which a spec's timestamp (whole microseconds) cannot hold: declare the column datetime2 in the Then header (held as its 7-digit text), or leave it out of the header (it lists the columns recorded)`);
      break;
    case 'datetime2': cell = text; break;
    // as SQL Server writes it (DuckDB's UUID text is lower case)
    case 'uniqueidentifier': cell = text.toUpperCase(); break;
    case 'text': return textCell(text);
  }
  const back = parseValueText(type, cell);
  if (!back.ok) throw new CellMismatch(back.reason);
  // all 7 digits, as SQL Server writes datetime2 (the end of time reads 9999-12-31 23:59:59.9999999)
  return type.base === 'datetime2' ? String(back.value) : cell;
}

/** A decimal's digits at `scale` places, only dropping or adding zeros. */
function atScale(text: string, scale: number): string {
  const m = /^(-?\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) return text;
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > scale) return text; // parseValueText reports it: more decimals than the header keeps
  const whole = m[1] === '' || m[1] === '-' ? `${m[1]}0` : (m[1] as string);
  return scale === 0 ? whole : `${whole}.${frac.padEnd(scale, '0')}`;
}

/** Text as a cell: quoted when Gherkin would trim it, when empty, or when it starts and ends with a quote. */
function textCell(text: string): string {
  if (text === 'NULL') throw new CellMismatch("the text 'NULL' cannot be told from NULL in a spec cell");
  // in single quotes too: a cell `'x'` is refused as a T-SQL literal written by habit (parse-steps.ts)
  const quoted = text !== text.trim() || text === '' || (text.length >= 2 && ((text.startsWith('"') && text.endsWith('"')) || (text.startsWith("'") && text.endsWith("'"))));
  return quoted ? `"${text}"` : text;
}

/** The spec type of a produced column, from its DuckDB type (and whether T-SQL declared it bit). */
export function specTypeOfDuck(duckType: string, bit: boolean): ColumnType {
  const d = duckType.toUpperCase();
  const text = bit ? 'bool?'
    : /^(?:INTEGER|SMALLINT|TINYINT|UTINYINT|USMALLINT)$/.test(d) ? 'int?'
      : /^(?:BIGINT|HUGEINT|UINTEGER|UBIGINT)$/.test(d) ? 'bigint?'
        : /^(?:DOUBLE|FLOAT|REAL)$/.test(d) ? 'double?'
          : d.startsWith('DECIMAL') ? `${d.toLowerCase()}?`
            : d === 'DATE' ? 'date?'
              : d.startsWith('TIMESTAMP') ? 'timestamp?'
                : d === 'UUID' ? 'uniqueidentifier?'
                : d === 'BOOLEAN' ? 'bool?' : 'text?';
  return parseColumnType(text) ?? (parseColumnType('text?') as ColumnType);
}

/** Orders two cells of one column by their typed values: NULL first, numbers numerically, text by code points. */
export function compareCells(type: ColumnType, a: string, b: string): number {
  const pa = parseValueText(type, unquoteCell(a));
  const pb = parseValueText(type, unquoteCell(b));
  const va = pa.ok ? pa.value : a;
  const vb = pb.ok ? pb.value : b;
  if (va === vb) return 0;
  if (va === null) return -1;
  if (vb === null) return 1;
  if (typeof va === 'number' && typeof vb === 'number') return va - vb;
  if (typeof va === 'bigint' && typeof vb === 'bigint') return va < vb ? -1 : 1;
  if (typeof va === 'boolean' && typeof vb === 'boolean') return va ? 1 : -1;
  return String(va) < String(vb) ? -1 : 1;
}

function unquoteCell(v: string): string {
  return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
}
