import type {
  AlterTable, ColumnDefinition, CreateIndex, CreateOther, CreateTable, Drop, Expression, Identifier, ObjectName,
  OrderByItem, QueryExpression, QuerySpec, Select, SelectItem, TableConstraint, TableDefinition, TableRef,
} from './ast';
import type { Parser } from './parser-core';
import { parseExpression, startsQuery } from './parse-expression';
import { parseDataType } from './parse-data-type';
import { parseOrderByItems } from './parse-window';
import { parseIdentifierList, parseSelect, skipParenthesized } from './parse-select';
import { skipStatementRest } from './statement-start';

/** `( column definitions and table constraints )`. */
export function parseTableDefinition(p: Parser): TableDefinition {
  const start = p.pos;
  p.expectOp('(');
  const columns: ColumnDefinition[] = [];
  const constraints: TableConstraint[] = [];
  do {
    if (p.isOp(')')) break; // tolerate a trailing comma
    if (startsConstraint(p)) constraints.push(parseTableConstraint(p));
    else if (p.isWord('PERIOD')) skipUntilCommaOrClose(p);
    else columns.push(parseColumnDefinition(p));
  } while (p.eatOp(','));
  p.expectOp(')');
  return { kind: 'TableDefinition', columns, constraints, span: p.spanFrom(start) };
}

function skipUntilCommaOrClose(p: Parser): void {
  while (!p.atEnd && !p.isOp(',') && !p.isOp(')')) {
    if (p.isOp('(')) skipParenthesized(p);
    else p.pos++;
  }
}

function startsConstraint(p: Parser): boolean {
  return p.isWord('CONSTRAINT') || p.isWord('PRIMARY') || p.isWord('UNIQUE') || p.isWord('FOREIGN') || p.isWord('CHECK')
    || (p.isWord('INDEX') && p.isNameToken(1)) || (p.isWord('CONNECTION') && p.isOp('(', 1));
}

/** A column: `name type [COLLATE c] [NULL|NOT NULL] [IDENTITY(1,1)] [DEFAULT e] [constraints]` or `name AS expr`. */
export function parseColumnDefinition(p: Parser): ColumnDefinition {
  const start = p.pos;
  const name = p.identifier();
  let dataType;
  let computed: Expression | undefined;
  if (p.eatWord('AS')) {
    computed = parseExpression(p);
  } else if (name.quote === 'none' && name.name.toLowerCase() === 'timestamp' && (p.isOp(',') || p.isOp(')'))) {
    // `CREATE TABLE t (PriKey int, timestamp)`: a timestamp column SQL Server names timestamp (the rowversion page).
    dataType = { kind: 'DataType' as const, name: { kind: 'ObjectName' as const, parts: [name], span: name.span }, args: [], span: name.span };
  } else {
    dataType = parseDataType(p);
  }
  let nullable: boolean | undefined;
  let identity = false;
  let identityArgs: { seed: string; increment: string } | undefined;
  let persisted = false;
  let collation: string | undefined;
  let def: Expression | undefined;
  const constraints: TableConstraint[] = [];
  for (;;) {
    if (p.eatWord('NULL')) nullable = true;
    else if (p.isWord('NOT') && p.isWord('NULL', 1)) { p.pos += 2; nullable = false; }
    else if (p.isWord('NOT') && p.isWord('FOR', 1)) { p.pos += 3; }
    else if (p.eatWord('IDENTITY')) {
      identity = true;
      if (p.isOp('(')) {
        // kept as written: a consumer reading the seed from the text at the column's offsets read
        // another script's when an upgrade script's ALTER TABLE … ADD declared the column
        const from = p.pos;
        skipParenthesized(p);
        const args = p.textBetween(from + 1, p.pos - 1).split(',').map((a) => a.replace(/\s+/g, ''));
        if (args.length === 2 && args.every((a) => /^[-+]?\d+$/.test(a))) identityArgs = { seed: args[0] as string, increment: args[1] as string };
      }
    }
    else if (p.eatWord('COLLATE')) collation = p.next().text;
    else if (p.isWord('DEFAULT')) { p.pos++; def = parseExpression(p); if (p.isWord('WITH') && p.isWord('VALUES', 1)) p.pos += 2; }
    else if (p.isWord('CONSTRAINT') && p.isWord('DEFAULT', 2)) { p.pos += 3; def = parseExpression(p); if (p.isWord('WITH') && p.isWord('VALUES', 1)) p.pos += 2; }
    else if (startsConstraint(p) || p.isWord('REFERENCES')) constraints.push(parseTableConstraint(p));
    else if (p.eatWord('PERSISTED')) persisted = true;
    else if (p.isWord('SPARSE') || p.isWord('ROWGUIDCOL') || p.isWord('FILESTREAM') || p.isWord('HIDDEN')) p.pos++;
    else if (p.isWord('COLUMN_SET') && p.isWord('FOR', 1) && p.isWord('ALL_SPARSE_COLUMNS', 2)) p.pos += 3;
    else if (p.isWord('GENERATED') && p.isWord('ALWAYS', 1)) {
      // GENERATED ALWAYS AS ROW|TRANSACTION_ID|SEQUENCE_NUMBER START|END [HIDDEN]
      p.pos += 2;
      p.expectWord('AS');
      while (!p.atEnd && !p.isWord('START') && !p.isWord('END')) p.pos++;
      p.pos++;
      p.eatWord('HIDDEN');
    }
    else if (p.isWord('MASKED') || p.isWord('ENCRYPTED')) { p.pos++; p.eatWord('WITH'); if (p.isOp('(')) skipParenthesized(p); }
    else break;
  }
  return { kind: 'ColumnDefinition', name, dataType, computed, nullable, identity, ...(identityArgs === undefined ? {} : { identityArgs }), ...(persisted ? { persisted: true as const } : {}), collation, default: def, constraints, span: p.spanFrom(start) };
}

/** PRIMARY KEY / UNIQUE / FOREIGN KEY / REFERENCES / CHECK / DEFAULT … FOR / INDEX, with optional CONSTRAINT name. */
export function parseTableConstraint(p: Parser): TableConstraint {
  const start = p.pos;
  let name: Identifier | undefined;
  if (p.eatWord('CONSTRAINT')) name = p.identifier();
  let type: TableConstraint['type'];
  let columns: Identifier[] = [];
  let references: ObjectName | undefined;
  let referencedColumns: Identifier[] = [];
  let expression: Expression | undefined;
  let unique = false;
  let filtered = false;
  let ignoreDupKey = false;
  if (p.eatWord('PRIMARY')) {
    p.expectWord('KEY');
    type = 'PRIMARY KEY';
  } else if (p.eatWord('UNIQUE')) {
    type = 'UNIQUE';
  } else if (p.eatWord('FOREIGN')) {
    p.expectWord('KEY');
    type = 'FOREIGN KEY';
  } else if (p.isWord('REFERENCES')) {
    type = 'FOREIGN KEY';
  } else if (p.eatWord('CHECK')) {
    type = 'CHECK';
  } else if (p.eatWord('DEFAULT')) {
    type = 'DEFAULT';
  } else if (p.eatWord('CONNECTION')) {
    // Graph edge constraint: CONNECTION (a TO b, …)
    type = 'CONNECTION';
    skipParenthesized(p);
    if (p.isWord('ON') && p.isWord('DELETE', 1)) {
      p.pos += 2;
      if (p.eatWord('NO')) p.expectWord('ACTION');
      else p.expectWord('CASCADE');
    }
    return { kind: 'TableConstraint', name, type, columns, references, referencedColumns, expression, span: p.spanFrom(start) };
  } else {
    p.expectWord('INDEX');
    type = 'INDEX';
    name = p.identifier();
    // `INDEX ix UNIQUE [CLUSTERED | NONCLUSTERED] (cols)`: an inline unique index (SQL Server 2016+)
    unique = p.eatWord('UNIQUE');
  }
  if (type === 'CHECK') {
    if (p.isWord('NOT') && p.isWord('FOR', 1)) p.pos += 3;
    p.expectOp('(');
    expression = parseExpression(p);
    p.expectOp(')');
  } else if (type === 'DEFAULT') {
    expression = parseExpression(p);
    if (p.eatWord('FOR')) columns = [p.identifier()];
    if (p.isWord('WITH') && p.isWord('VALUES', 1)) p.pos += 2;
  } else {
    if (p.isWord('CLUSTERED') || p.isWord('NONCLUSTERED')) p.pos++;
    if (p.isWord('COLUMNSTORE')) p.pos++;
    if (p.isWord('HASH')) p.pos++;
    if (p.isOp('(')) columns = parseIdentifierList(p);
    if (p.eatWord('REFERENCES')) {
      references = p.objectName();
      if (p.isOp('(')) referencedColumns = parseIdentifierList(p);
    }
    // ON DELETE CASCADE, ON UPDATE NO ACTION, NOT FOR REPLICATION, WITH (…), ON [PRIMARY]
    for (;;) {
      if (p.isWord('ON') && (p.isWord('DELETE', 1) || p.isWord('UPDATE', 1))) {
        p.pos += 2;
        if (p.eatWord('NO')) p.expectWord('ACTION');
        else if (p.eatWord('SET')) p.next();
        else p.expectWord('CASCADE');
      } else if (p.isWord('NOT') && p.isWord('FOR', 1)) {
        p.pos += 3;
      } else if (type === 'INDEX' && p.isWord('INCLUDE') && p.isOp('(', 1)) {
        // Inline index: INDEX ix (cols) INCLUDE (cols) WHERE filter
        p.pos++;
        skipParenthesized(p);
      } else if (type === 'INDEX' && p.eatWord('WHERE')) {
        parseExpression(p);
        filtered = true;
      } else if (p.isWord('WITH')) {
        p.pos++;
        const from = p.pos;
        if (p.isOp('(')) skipParenthesized(p);
        else { p.next(); if (p.eatOp('=')) p.next(); }
        if (/\bIGNORE_DUP_KEY\s*=\s*ON\b/i.test(p.textBetween(from, p.pos))) ignoreDupKey = true;
      } else if (p.isWord('ON') && isStorageName(p, 1)) {
        p.pos += 2;
        if (p.isOp('(')) skipParenthesized(p);
      } else {
        break;
      }
    }
  }
  return {
    kind: 'TableConstraint', name, type, columns, references, referencedColumns, expression,
    ...(unique ? { unique: true as const } : {}), ...(filtered ? { filtered: true as const } : {}), ...(ignoreDupKey ? { ignoreDupKey: true as const } : {}), span: p.spanFrom(start),
  };
}

/**
 * `CREATE TABLE name (…) [ON fg] [TEXTIMAGE_ON fg] [FILESTREAM_ON fg] [WITH (…)]`; CREATE already
 * read. The Synapse/Fabric form `CREATE TABLE name [(cols)] [WITH (…)] AS SELECT …` (CTAS) is
 * returned as the `SELECT … INTO name` it is equivalent to, so every consumer sees its reads and
 * its write.
 */
export function parseCreateTable(p: Parser, start: number): CreateTable | Select {
  p.expectWord('TABLE');
  const name = p.objectName();
  if (isCreateTableAsSelect(p)) return parseCreateTableAsSelect(p, start, name);
  if (p.isWord('AS') && p.isWord('CLONE', 1) && p.isWord('OF', 2)) return parseCreateTableAsClone(p, start, name);
  const ds = p.pos;
  const definition: TableDefinition = p.isWord('AS') && p.isWord('FILETABLE', 1)
    ? { kind: 'TableDefinition', columns: [], constraints: [], span: p.spanFrom(ds) }
    : parseTableDefinition(p);
  const os = p.pos;
  for (;;) {
    if (p.isWord('AS') && (p.isWord('NODE', 1) || p.isWord('EDGE', 1) || p.isWord('FILETABLE', 1))) {
      p.pos += 2;
      continue;
    }
    if ((p.isWord('ON') || p.isWord('TEXTIMAGE_ON') || p.isWord('FILESTREAM_ON')) && isStorageName(p, 1)) {
      p.pos += 2;
      if (p.isOp('(')) skipParenthesized(p);
    } else if (p.isWord('WITH') && p.isOp('(', 1)) {
      p.pos++;
      skipParenthesized(p);
    } else {
      break;
    }
  }
  const options = os === p.pos ? undefined : p.textBetween(os, p.pos);
  const last = name.parts[name.parts.length - 1] as Identifier;
  return { kind: 'CreateTable', name, temp: last.name.startsWith('#'), definition, options, span: p.spanFrom(start) };
}

/** `ALTER TABLE name ADD … | DROP … | ALTER COLUMN … | other`; ALTER already read. */
export function parseAlterTable(p: Parser, start: number): AlterTable {
  p.expectWord('TABLE');
  const name = p.objectName();
  const bodyStart = p.pos;
  const columns: ColumnDefinition[] = [];
  const constraints: TableConstraint[] = [];
  const dropped: Identifier[] = [];
  let action: AlterTable['action'] = 'OTHER';
  if (p.isWord('WITH') && (p.isWord('CHECK', 1) || p.isWord('NOCHECK', 1))) p.pos += 2;
  if (p.isWord('ADD') && p.isWord('PERIOD', 1)) {
    action = 'ADD';
    skipStatementRest(p);
  } else if (p.isWord('DROP') && p.isWord('PERIOD', 1)) {
    action = 'DROP';
    skipStatementRest(p);
  } else if (p.eatWord('ADD')) {
    action = 'ADD';
    do {
      if (startsConstraint(p) || p.isWord('DEFAULT')) constraints.push(parseTableConstraint(p));
      else if (p.isWord('PERIOD') && p.isWord('FOR', 1)) skipUntilCommaOrClose(p);
      else columns.push(parseColumnDefinition(p));
    } while (p.eatOp(','));
  } else if (p.eatWord('DROP')) {
    action = 'DROP';
    do {
      // DROP [COLUMN | CONSTRAINT | INDEX] [IF EXISTS] name [WITH (ONLINE = ON, MOVE TO fg, …)]
      if (p.isWord('COLUMN') || p.isWord('CONSTRAINT') || p.isWord('INDEX')) p.pos++;
      if (p.isWord('IF') && p.isWord('EXISTS', 1)) p.pos += 2;
      dropped.push(p.identifier());
      if (p.isWord('WITH') && p.isOp('(', 1)) {
        p.pos++;
        skipParenthesized(p);
      }
    } while (p.eatOp(','));
  } else if (p.isWord('ALTER') && p.isWord('COLUMN', 1)) {
    p.pos += 2;
    action = 'ALTER COLUMN';
    columns.push(parseColumnDefinition(p));
    // ALTER COLUMN … WITH (ONLINE = ON)
    if (p.isWord('WITH') && p.isOp('(', 1)) {
      p.pos++;
      skipParenthesized(p);
    }
  } else if ((p.isWord('ENABLE') || p.isWord('DISABLE')) && p.isWord('TRIGGER', 1)) {
    // `DISABLE TRIGGER ALL` then `IF …` on the next line: ALL reads as UNION ALL's to the
    // statement-start test, which would take the IF (and the branch it runs) into this statement
    p.pos += 2;
    if (!p.eatWord('ALL')) do p.objectName(); while (p.eatOp(','));
  } else {
    skipStatementRest(p);
  }
  return { kind: 'AlterTable', name, action, columns, constraints, dropped, text: p.textBetween(bodyStart, p.pos), span: p.spanFrom(start) };
}

/**
 * Object types of more than one word, as DROP (and CREATE/ALTER) write them. The longest one that
 * matches is the type; the words after it are names.
 */
const MULTI_WORD_TYPES = [
  'MESSAGE TYPE', 'REMOTE SERVICE BINDING', 'BROKER PRIORITY', 'EVENT NOTIFICATION', 'EVENT SESSION',
  'FULLTEXT INDEX', 'FULLTEXT CATALOG', 'FULLTEXT STOPLIST', 'SEARCH PROPERTY LIST',
  'WORKLOAD GROUP', 'WORKLOAD CLASSIFIER', 'RESOURCE POOL', 'EXTERNAL RESOURCE POOL',
  'SERVER AUDIT', 'SERVER AUDIT SPECIFICATION', 'DATABASE AUDIT SPECIFICATION', 'SERVER ROLE', 'APPLICATION ROLE',
  'CRYPTOGRAPHIC PROVIDER', 'AVAILABILITY GROUP', 'PARTITION SCHEME', 'PARTITION FUNCTION',
  'EXTERNAL DATA SOURCE', 'EXTERNAL FILE FORMAT', 'EXTERNAL TABLE', 'EXTERNAL LANGUAGE', 'EXTERNAL LIBRARY',
  'EXTERNAL MODEL', 'EXTERNAL STREAM', 'EXTERNAL STREAMING JOB', 'XML SCHEMA COLLECTION', 'SELECTIVE XML INDEX',
  'XML INDEX', 'SPATIAL INDEX', 'ASYMMETRIC KEY', 'SYMMETRIC KEY', 'MASTER KEY', 'COLUMN MASTER KEY',
  'COLUMN ENCRYPTION KEY', 'DATABASE ENCRYPTION KEY', 'DATABASE SCOPED CREDENTIAL', 'SECURITY POLICY',
  'SIGNATURE', 'COUNTER SIGNATURE', 'DATABASE SNAPSHOT',
];
const TYPE_PREFIXES = new Set(MULTI_WORD_TYPES.flatMap((t) => t.split(' ').map((_, i, w) => w.slice(0, i + 1).join(' '))));
const TYPES = new Set(MULTI_WORD_TYPES);
/** Types that name no object (`DROP MASTER KEY`). */
const UNNAMED = new Set(['MASTER KEY', 'DATABASE ENCRYPTION KEY']);

/**
 * The object type after CREATE/ALTER/DROP: the longest known multi-word type (`EXTERNAL DATA
 * SOURCE`), else the one word. Upper case, single spaces; advances past it.
 */
export function readObjectType(p: Parser): string {
  let type = p.next().upper;
  let best = type;
  let bestPos = p.pos;
  while (p.peek().kind === 'word' && TYPE_PREFIXES.has(`${type} ${p.peek().upper}`)) {
    type += ` ${p.next().upper}`;
    if (TYPES.has(type)) {
      best = type;
      bestPos = p.pos;
    }
  }
  p.pos = bestPos;
  return best;
}

/** `DROP type [IF EXISTS] a [ON t], b … [WITH (…) | WITH NO DEPENDENTS | ON SERVER | …]`. */
export function parseDrop(p: Parser): Drop {
  const start = p.pos;
  p.expectWord('DROP');
  let objectType = readObjectType(p);
  if (objectType === 'PROC') objectType = 'PROCEDURE';
  if (objectType === 'TRAN') objectType = 'TRANSACTION';
  let ifExists = false;
  if (p.isWord('IF') && p.isWord('EXISTS', 1)) {
    p.pos += 2;
    ifExists = true;
  }
  const names: ObjectName[] = [];
  let on: ObjectName | undefined;
  if (objectType === 'SIGNATURE' || objectType === 'COUNTER SIGNATURE') {
    // DROP [COUNTER] SIGNATURE FROM module BY CERTIFICATE c | ASYMMETRIC KEY k [, …]
    p.expectWord('FROM');
    if (p.peek().kind === 'word' && p.isOp('::', 1)) p.pos += 2;
    names.push(p.objectName());
    p.expectWord('BY');
    skipStatementRest(p);
    return { kind: 'Drop', objectType, ifExists, names, on, span: p.spanFrom(start) };
  }
  if (objectType === 'FULLTEXT INDEX') {
    // DROP FULLTEXT INDEX ON t: the index is named by its table.
    p.expectWord('ON');
    on = p.objectName();
    names.push(on);
  } else if (!UNNAMED.has(objectType)) {
    do {
      names.push(p.objectName());
      if (p.eatWord('ON')) {
        // DROP TRIGGER t ON DATABASE | ON ALL SERVER, DROP EVENT SESSION s ON SERVER
        if (p.eatWord('ALL')) p.expectWord('SERVER');
        else on = p.objectName();
      }
    } while (p.eatOp(','));
  }
  for (;;) {
    if (p.isWord('WITH') && p.isOp('(', 1)) {
      p.pos++;
      skipParenthesized(p);
    } else if (p.isWord('WITH') && p.isWord('NO', 1) && p.isWord('DEPENDENTS', 2)) {
      p.pos += 3;
    } else if (p.isWord('REMOVE') && p.isWord('PROVIDER', 1) && p.isWord('KEY', 2)) {
      p.pos += 3;
    } else {
      break;
    }
  }
  return { kind: 'Drop', objectType, ifExists, names, on, span: p.spanFrom(start) };
}

/** `CREATE [UNIQUE] [CLUSTERED|NONCLUSTERED] [COLUMNSTORE] INDEX ix ON t (cols) [INCLUDE] [WHERE] [WITH] [ON]`. */
export function parseCreateIndex(p: Parser, start: number): CreateIndex {
  const unique = p.eatWord('UNIQUE');
  let clustered: boolean | undefined;
  if (p.eatWord('CLUSTERED')) clustered = true;
  else if (p.eatWord('NONCLUSTERED')) clustered = false;
  const columnstore = p.eatWord('COLUMNSTORE');
  p.expectWord('INDEX');
  const name = p.identifier();
  p.expectWord('ON');
  const table = p.objectName();
  let columns: OrderByItem[] = [];
  if (p.isOp('(')) {
    p.pos++;
    columns = parseOrderByItems(p);
    p.expectOp(')');
  }
  const include = p.eatWord('INCLUDE') ? parseIdentifierList(p) : [];
  const where = p.eatWord('WHERE') ? parseExpression(p) : undefined;
  const os = p.pos;
  for (;;) {
    if (p.isWord('WITH') && p.isOp('(', 1)) { p.pos++; skipParenthesized(p); }
    else if (p.isWord('WITH') && p.peek(1).kind === 'word') skipLegacyIndexOptions(p);
    else if (p.isWord('ON') && isStorageName(p, 1)) { p.pos += 2; if (p.isOp('(')) skipParenthesized(p); }
    else if (p.isWord('FILESTREAM_ON') && isStorageName(p, 1)) { p.pos += 2; if (p.isOp('(')) skipParenthesized(p); }
    else if (p.isWord('ORDER') && p.isOp('(', 1)) { p.pos++; skipParenthesized(p); } // ordered columnstore (2022)
    else break;
  }
  const options = os === p.pos ? undefined : p.textBetween(os, p.pos);
  return { kind: 'CreateIndex', name, table, unique, clustered, columnstore, columns, include, where, options, span: p.spanFrom(start) };
}

/** CREATE STATISTICS / TYPE / SCHEMA / SEQUENCE / SYNONYM; CREATE already read, type word next. */
export function parseCreateOther(p: Parser, start: number): CreateOther {
  const objectType = p.next().upper;
  const name = p.objectName();
  const bodyStart = p.pos;
  let definition: TableDefinition | undefined;
  let target: ObjectName | undefined;
  if (objectType === 'TYPE' && p.isWord('AS') && p.isWord('TABLE', 1)) {
    p.pos += 2;
    definition = parseTableDefinition(p);
    if (p.isWord('WITH') && p.isOp('(', 1)) {
      p.pos++;
      skipParenthesized(p);
    }
  } else if (objectType === 'SYNONYM' && p.eatWord('FOR')) {
    target = p.objectName();
  } else if (objectType === 'STATISTICS' && p.eatWord('ON')) {
    target = p.objectName();
    if (p.isOp('(')) parseIdentifierList(p);
    skipStatementRest(p);
  } else if (objectType === 'TYPE' && p.eatWord('FROM')) {
    parseDataType(p);
    if (p.eatWord('NOT')) p.expectWord('NULL');
    else p.eatWord('NULL');
  } else {
    skipStatementRest(p);
  }
  return { kind: 'CreateOther', objectType, name, definition, target, text: p.textBetween(bodyStart, p.pos), span: p.spanFrom(start) };
}

/** SQL Server 2000 index options without parentheses: `WITH FILLFACTOR = 80, PAD_INDEX, DROP_EXISTING`. */
function skipLegacyIndexOptions(p: Parser): void {
  p.expectWord('WITH');
  do {
    if (p.peek().kind !== 'word') p.fail('an index option');
    p.pos++;
    if (p.eatOp('=')) p.next();
  } while (p.eatOp(','));
}

/** A filegroup or partition scheme after ON / TEXTIMAGE_ON / FILESTREAM_ON: a name, or `'default'`. */
export function isStorageName(p: Parser, k = 0): boolean {
  return p.isNameToken(k) || p.peek(k).kind === 'string';
}

/** After `CREATE TABLE name`: `[(c1, c2)] [WITH (…)] AS SELECT|WITH` follows (CTAS)? */
function isCreateTableAsSelect(p: Parser): boolean {
  let k = 0;
  if (p.isOp('(')) {
    // A bare column list `(a, b)`: names separated by commas, no types.
    k = 1;
    while (p.isNameToken(k) && (p.isOp(',', k + 1) || p.isOp(')', k + 1))) {
      k += 2;
      if (p.isOp(')', k - 1)) break;
    }
    if (!p.isOp(')', k - 1) || k === 1) return false;
  }
  if (p.isWord('WITH', k) && p.isOp('(', k + 1)) {
    let depth = 0;
    k++;
    do {
      const t = p.peek(k);
      if (t.text === '') return false;
      if (t.kind === 'op' && t.text === '(') depth++;
      else if (t.kind === 'op' && t.text === ')') depth--;
      k++;
    } while (depth > 0);
  }
  return p.isWord('AS', k) && startsQuery(p, k + 1);
}

function parseCreateTableAsSelect(p: Parser, start: number, name: ObjectName): Select {
  if (p.isOp('(')) parseIdentifierList(p);
  if (p.isWord('WITH')) {
    p.pos++;
    skipParenthesized(p);
  }
  p.expectWord('AS');
  const query = parseSelect(p);
  return { ...query, body: withInto(query.body, tableTarget(name)), span: p.spanFrom(start) };
}

/**
 * `CREATE EXTERNAL TABLE t [(cols)] WITH (…) AS SELECT …` (CETAS) as the SELECT … INTO it
 * amounts to; undefined (nothing consumed) when it is a plain external table definition.
 * CREATE already read, EXTERNAL next.
 */
export function parseCreateExternalTableAsSelect(p: Parser, start: number): Select | undefined {
  const saved = p.pos;
  p.pos += 2;
  const name = p.objectName();
  if (isCreateTableAsSelect(p)) return parseCreateTableAsSelect(p, start, name);
  p.pos = saved;
  return undefined;
}

/**
 * Fabric `CREATE TABLE t AS CLONE OF src [AT 'time']`: a copy of src's rows, read as
 * `SELECT * INTO t FROM src` (the `*` spans CLONE OF, the source its name).
 */
function parseCreateTableAsClone(p: Parser, start: number, name: ObjectName): Select {
  const cs = p.pos + 1;
  p.pos += 3;
  const source = p.objectName();
  const starSpan = p.spanFrom(cs);
  if (p.eatWord('AT')) parseExpression(p);
  const span = p.spanFrom(start);
  const from: TableRef = { kind: 'TableRef', name: source, temp: false, alias: undefined, hints: [], span: source.span };
  const star: SelectItem = { kind: 'SelectItem', expression: { kind: 'Star', qualifier: [], span: starSpan }, alias: undefined, aliasStyle: 'none', span: starSpan };
  const spec: QuerySpec = { kind: 'QuerySpec', distinct: false, top: undefined, items: [star], into: tableTarget(name), from: [from], where: undefined, groupBy: undefined, having: undefined, span };
  return { kind: 'Select', ctes: [], recursive: false, body: spec, orderBy: [], offset: undefined, fetch: undefined, forClause: undefined, option: undefined, span };
}

function tableTarget(name: ObjectName): TableRef {
  const last = name.parts[name.parts.length - 1] as Identifier;
  return { kind: 'TableRef', name, temp: last.name.startsWith('#'), alias: undefined, hints: [], span: name.span };
}

/** The query with `into` set on its first SELECT block (where SELECT … INTO puts it). */
function withInto(body: QueryExpression, into: TableRef): QueryExpression {
  switch (body.kind) {
    case 'QuerySpec': return { ...body, into };
    case 'SetOperation': return { ...body, left: withInto(body.left, into) };
    default: return { ...body, body: withInto(body.body, into) };
  }
}
