// The text SQL Server gives back for a value it stores as xml: not the text it was given but its
// serialisation of the parsed document (attributes in double quotes, `>` in text as `&gt;`, white
// space between elements and the XML declaration gone). How it spells an empty element is not
// established (the serialisation page shows `<Δ/>`, its FOR XML pages `<row … />`): where that
// matters the caller either keeps the spelling its input has (an input file, a --param: an export
// of the column has SQL Server's) or refuses. An input file's xml column is compared with this form
// where it is loaded (input-loading.ts): a procedure that writes the column back, or CASTs it to
// text, would otherwise show the file's spelling where SQL Server shows its own. Comments, CDATA,
// processing instructions and characters SQL Server writes as references are reported unsupported.
import { parseXml, XmlUnsupported, type XmlNode } from './xml-document';

function unknownForm(what: string): never {
  throw new XmlUnsupported(`${what} (how SQL Server writes it back is not modelled)`);
}

/** Whether `value` holds a character below U+0020 other than those `allowed`. */
function hasControl(value: string, allowed: string): boolean {
  for (const ch of value) if (ch < ' ' && !allowed.includes(ch)) return true;
  return false;
}

function textOf(value: string): string {
  if (hasControl(value, '\t\n')) unknownForm('text holding a carriage return or a control character');
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attributeOf(value: string): string {
  if (hasControl(value, '')) unknownForm('an attribute value holding a tab, a line end or a control character');
  if (/[>']/.test(value)) unknownForm(`an attribute value holding ${value.includes('>') ? "'>'" : 'an apostrophe'}`);
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

/** `empty`: how an empty element is written (`<a/>`, the input's spelling kept by the caller), or refused. */
function nodeText(node: XmlNode, empty: '/>' | 'refuse'): string {
  if (node.kind === 'text') return textOf(node.value);
  const attributes = node.attributes.map((a) => ` ${a.name}="${attributeOf(a.value)}"`).join('');
  if (node.children.length === 0) return empty === 'refuse' ? unknownForm(`the empty element <${node.name}> (whether SQL Server writes it <${node.name}/> or <${node.name} /> is not established)`) : `<${node.name}${attributes}/>`;
  return `<${node.name}${attributes}>${node.children.map((c) => nodeText(c, empty)).join('')}</${node.name}>`;
}

/** The text SQL Server returns for `source` stored as untyped xml; throws XmlUnsupported where that is not known. */
export function storedXmlText(source: string, empty: '/>' | 'refuse' = 'refuse'): string {
  if (source.includes('<!--')) unknownForm('an XML comment');
  if (source.includes('<![CDATA[')) unknownForm('a CDATA section');
  if (/<\?(?!xml[\s?])/i.test(source)) unknownForm('a processing instruction');
  return parseXml(source).children.map((c) => nodeText(c, empty)).join('');
}

/**
 * Whether text given as stored xml (an input file's, a --param's) is in SQL Server's stored form,
 * an empty element spelled either way; else the stored form (empty elements as `<a/>`).
 */
export function unstoredXmlText(text: string): string | undefined {
  const stored = storedXmlText(text, '/>');
  // ` />` ends an empty element only: `>` in text or an attribute value is written `&gt;` or refused
  return text.replace(/ \/>/g, '/>') === stored ? undefined : stored;
}

/**
 * What is wrong with text given as an xml column's stored value (an input file's, a Given row's):
 * the place where it parts from its stored form, or what is not emulated; undefined when it is
 * in that form.
 */
export function unstoredXmlProblem(text: string): string | undefined {
  let stored: string | undefined;
  try {
    stored = unstoredXmlText(text);
  } catch (err) {
    if (!(err instanceof XmlUnsupported)) throw err;
    return `'${text.length > 80 ? `${text.slice(0, 80)}…` : text}' is not emulated: ${err.message}`;
  }
  if (stored === undefined) return undefined;
  // the values are long: the place where they part, with a little on either side
  let d = 0;
  while (d < text.length && text[d] === stored[d]) d++;
  const near = (v: string): string => `${d > 40 ? '…' : ''}${v.slice(Math.max(0, d - 40), d + 40)}${v.length > d + 40 ? '…' : ''}`;
  return `is not the text SQL Server gives back for it: '${near(text)}' is stored as '${near(stored)}'`;
}

export const UNSTORED_XML_HINT = 'write the value as SQL Server returns it, as an export of the column has it (an empty element either <a/> or <a />, as the export spells it)';

// Text that is its own stored form whatever it holds: elements with attributes in double quotes
// separated by one space, none empty (their spelling is not established), text with no white-space-only run between
// tags and only &amp; &lt; &gt; (text) or &amp; &lt; &quot; (attributes) as references. Anything
// else converted to xml inside a query is refused where met (the variable path normalises in
// JavaScript, runtime.ts): the query's text would otherwise be written back as given.
const NAME_RE = '[A-Za-z_][A-Za-z0-9_.-]*';
const TAG = `<${NAME_RE}(?: ${NAME_RE}="(?:[^"<>&'\\x00-\\x1F]|&(?:amp|lt|quot);)*")*>`;
const TEXT = `(?:[^<>&\\r\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]|&(?:amp|lt|gt);)`;
const STORED_FORM = `^(?:${TAG}|</${NAME_RE}>|${TEXT})*$`;

/** SQL: `text` converted to xml inside a query, refused unless the text is already its stored form. */
export function storedXmlGuardSql(text: string): string {
  const why = `the emulator does not support text converted to xml inside a query unless it is written as SQL Server stores it (no empty element, attributes in double quotes, no white space between tags); convert it into an xml variable instead`;
  return `(CASE WHEN ${text} IS NULL OR (regexp_full_match(${text}, '${STORED_FORM.replace(/'/g, "''")}') AND NOT regexp_matches(${text}, '(^|>)\\s+(<|$)|<[A-Za-z_][^<>]*></')) THEN ${text} ELSE CAST(error('${why.replace(/'/g, "''")}') AS VARCHAR) END)`;
}

/**
 * xml variables holding a document whose stored form is not known (a CDATA section, a comment):
 * their xml methods read the document, but reading the variable as a value (CAST to text, an
 * INSERT, a comparison with NULL) is refused, with the reason kept here.
 */
const unserialised = new WeakMap<object, string>();

export function noteXmlSerialisation(slot: object, reason: string | undefined): void {
  if (reason === undefined) unserialised.delete(slot);
  else unserialised.set(slot, reason);
}

export function unserialisedXmlReason(slot: object): string | undefined {
  return unserialised.get(slot);
}
