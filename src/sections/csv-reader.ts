/**
 * Splits CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF) into records of raw
 * field strings, each with its 1-based line number. A spec's `from "file.csv"` tables are
 * small, so this favours clear errors over speed.
 */
export function readCsvRecords(text: string): { line: number; fields: string[]; quoted: boolean[] }[] {
  const records: { line: number; fields: string[]; quoted: boolean[] }[] = [];
  let fields: string[] = [];
  let quoted: boolean[] = [];
  let field = '';
  let isQuoted = false;
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  const src = text.replace(/^\uFEFF/, '');
  const endField = (): void => { fields.push(field); quoted.push(isQuoted); field = ''; isQuoted = false; };
  const endRecord = (): void => {
    endField();
    if (!(fields.length === 1 && fields[0] === '' && !quoted[0])) records.push({ line: recordLine, fields, quoted });
    fields = [];
    quoted = [];
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i] as string;
    if (inQuotes) {
      if (c === '"' && src[i + 1] === '"') { field += '"'; i++; } else if (c === '"') inQuotes = false;
      else { if (c === '\n') line++; field += c; }
    } else if (c === '"' && field === '') { inQuotes = true; isQuoted = true; }
    else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += c;
  }
  if (field !== '' || fields.length > 0 || isQuoted) endRecord();
  return records;
}
