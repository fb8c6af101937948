// XML shredding of pre-JSON procedures: `FROM @Orders.nodes('/Orders/Order') AS t(o)`, `CROSS
// APPLY t.o.nodes('Line') AS l(x)`, `o.value('@Id', 'int')`, `@x.value('(/a/b)[1]', …)` and
// `.exist(…)`. The document is an xml variable or parameter, known when the statement is
// translated: it is parsed in JavaScript (xml-document.ts), each nodes() row is a handle (the
// node's position in the list that nodes() selected) and each value()/exist() over that
// handle is a list of the values precomputed per node, indexed by it. A value() result is the
// node's string value converted by CONVERT's rules to the SQL type named (the value() page).
// An xml column of a table, query(), modify(), OPENXML and namespaces are refused where written.
import { refuseVariableMethod } from '../opaque-values';
import type { Expression, MethodCall, Parameter, TableFunctionRef, VariableDeclaration } from '../../../tsql';
import { walk } from '../../../tsql';
import type { EmulatorState } from '../state';
import { convertSql } from '../conversions';
import { quote, type SqlFragment, type SqlTranslator } from '../expressions';
import { noteRead } from '../reproducibility/taint-reads';
import { xmlColumnDocuments, type XmlColumnDocuments } from './xml-columns';
import { SqlScope, type ColumnType } from '../sql-scope';
import { familyOf, makeType, parseTsqlType, type TsqlType } from '../tsql-types';
import { evaluatePath, isSingletonPath, parseXml, parsePath, stringValue, XmlUnsupported, type XmlDocumentNode, type XmlItem, type XmlPath } from './xml-document';

/** The nodes a nodes() column's handles stand for (handle h is nodes[h]). */
const nodeColumns = new WeakMap<ColumnType, readonly XmlItem[]>();

/** Whether a column is the node column of a nodes() (SQL Server allows only xml methods on it, error 493). */
export function isXmlNodeColumn(column: ColumnType | undefined): boolean {
  return column !== undefined && nodeColumns.has(column);
}

/** Parsed documents by their text, for the statements of one run (the same @x read by many methods). */
const parsed = new Map<string, XmlDocumentNode>();

function documentOf(t: SqlTranslator, node: Expression, text: string): XmlDocumentNode {
  let doc = parsed.get(text);
  if (doc === undefined) {
    doc = guarded(t, node, () => parseXml(text));
    if (parsed.size >= 64) parsed.clear();
    parsed.set(text, doc);
  }
  return doc;
}

function guarded<T>(t: SqlTranslator, node: Pick<Expression, 'span'>, f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof XmlUnsupported) throw t.state.unsupported(node, err.message);
    throw err;
  }
}

function literalText(e: Expression | undefined): string | undefined {
  return e?.kind === 'Literal' && (e.literalType === 'string' || e.literalType === 'nstring') ? e.value : undefined;
}

/** What a method is called on: the document of an xml variable (null: NULL), or the nodes of a nodes() column and its SQL handle. */
type Target = { readonly kind: 'document'; readonly doc: XmlDocumentNode | null } | { readonly kind: 'nodes'; readonly nodes: readonly XmlItem[]; readonly handle: string };

function targetOf(t: SqlTranslator, call: MethodCall, scope: SqlScope): Target {
  let target = call.target;
  while (target.kind === 'ExpressionList' && target.items.length === 1 && target.items[0] !== undefined) target = target.items[0];
  const method = `${call.method}()`;
  if (target.kind === 'Variable') {
    if (t.variables !== undefined) throw t.state.unsupported(call, `the xml method ${method} inside a user function`);
    const slot = t.state.frame.variables.get(target.name.toLowerCase());
    if (slot === undefined) throw t.state.unsupported(target, `${method} of the undeclared variable ${target.name}`);
    if (slot.type.name !== 'xml') throw t.state.unsupported(call, `${method} of ${target.name}, a ${slot.type.name} (SQL Server calls xml methods on the xml type only)`);
    if (typedXml(t.state).has(target.name.toLowerCase())) throw t.state.unsupported(call, `${method} of ${target.name}, typed xml (an XML schema collection types its values, which the emulator does not read)`);
    noteRead(t.state, { variable: target.name });
    return { kind: 'document', doc: slot.value === null ? null : documentOf(t, target, slot.value) };
  }
  if (target.kind === 'ColumnRef') {
    const col = scope.lookupRef(target.parts);
    const nodes = col === undefined ? undefined : nodeColumns.get(col);
    if (nodes !== undefined) return { kind: 'nodes', nodes, handle: target.parts.slice(-2).map((p) => quote(p.name)).join('.') };
    const docs = col?.tsqlType?.name === 'xml' ? xmlColumnDocuments(t.state) : undefined;
    if (docs !== undefined) return columnDocuments(t, target, scope, docs, method);
    if (col?.tsqlType?.name === 'xml') throw t.state.unsupported(call, `${method} of xml the statement computes (${target.parts.map((p) => p.name).join('.')}; only the documents stored in the tables it reads are shredded)`);
    throw t.state.unsupported(call, `${method} of ${target.parts.map((p) => p.name).join('.')} (xml methods are emulated on xml variables and parameters, xml columns of tables and the column of a nodes())`);
  }
  throw t.state.unsupported(call, `${method} of this expression (xml methods are emulated on xml variables and parameters and on the column of a nodes())`);
}

/**
 * An xml column of a table (xml-columns.ts fetched its documents before the statement): each
 * row's handle is its document's place among them, found by the text.
 */
function columnDocuments(t: SqlTranslator, target: Expression, scope: SqlScope, docs: XmlColumnDocuments, method: string): Target {
  const value = t.expr(target, scope).sql;
  const unknown = `the emulator does not support ${method} of xml the statement computes (only the documents stored in the tables it reads are shredded)`;
  const place = `(SELECT "__xml_doc"."h" FROM ${docs.table} AS "__xml_doc" WHERE "__xml_doc"."d" = CAST(${value} AS VARCHAR))`;
  const handle = `(CASE WHEN ${value} IS NULL THEN NULL ELSE coalesce(${place}, CAST(error('${unknown.replace(/'/g, "''")}') AS INTEGER)) END)`;
  return { kind: 'nodes', nodes: docs.texts.map((d) => documentOf(t, target, d)), handle };
}

/** The variables and parameters of the running procedure declared as typed xml (`xml(dbo.Schema)`), per procedure. */
const typedXmlNames = new WeakMap<object, ReadonlySet<string>>();
function typedXml(state: EmulatorState): ReadonlySet<string> {
  const proc = state.frame.procedure;
  let names = typedXmlNames.get(proc);
  if (names === undefined) {
    const found = new Set<string>();
    walk(proc, (n) => {
      const declared = n.kind === 'Parameter' ? n as Parameter : n.kind === 'VariableDeclaration' ? n as VariableDeclaration : undefined;
      if (declared === undefined) return;
      const d = declared.dataType;
      if (d.args.length > 0 && d.name.parts.length === 1 && d.name.parts[0]?.name.toLowerCase() === 'xml') found.add((declared.kind === 'Parameter' ? declared.name : declared.variable.name).toLowerCase());
    });
    names = found;
    typedXmlNames.set(proc, names);
  }
  return names;
}

function pathOf(t: SqlTranslator, call: MethodCall, method: string): XmlPath {
  const text = literalText(call.args[0]);
  if (text === undefined) throw t.state.unsupported(call, `${method}() with an XQuery that is not a string literal (SQL Server requires one)`);
  return guarded(t, call.args[0] as Expression, () => parsePath(text));
}

/** A DuckDB list literal of texts (NULL allowed). */
function textList(values: readonly (string | null)[]): string {
  return `CAST([${values.map((v) => (v === null ? 'NULL' : `'${v.replace(/'/g, "''")}'`)).join(', ')}] AS VARCHAR[])`;
}

/** `x.value(path, type)` and `x.exist(path)` (the `.value('.')` of FOR XML PATH is for-xml-path.ts's). */
export function translateXmlMethod(t: SqlTranslator, call: MethodCall, scope: SqlScope): SqlFragment {
  const method = call.method.toLowerCase();
  if (method !== 'value' && method !== 'exist') {
    // Also CLR type methods and properties (`@g.STDistance(…)`, `@p.Lat`), which the parser reads alike.
    refuseVariableMethod(t, call);
    throw t.state.unsupported(call, `the method ${call.method}() (geography, geometry, hierarchyid and CLR type methods are not emulated; of the xml type's methods, value(), exist() and nodes() are)`);
  }
  if (call.args.length !== (method === 'value' ? 2 : 1)) throw t.state.unsupported(call, `${call.method}() with ${call.args.length} arguments`);
  const path = pathOf(t, call, method);
  const target = targetOf(t, call, scope);
  const contexts: readonly (XmlItem | null)[] = target.kind === 'document' ? [target.doc] : target.nodes;
  const results = contexts.map((c) => (c === null ? null : evaluatePath(path, c)));
  const pickSql = (values: readonly (string | null)[]): string => (target.kind === 'document' ? t.bind(values[0] ?? null, 'VARCHAR') : `${textList(values)}[${target.handle} + 1]`);
  if (method === 'exist') {
    const bits = results.map((r) => (r === null ? null : r.length > 0 ? '1' : '0'));
    const sql = target.kind === 'document' ? (bits[0] === null ? 'CAST(NULL AS TINYINT)' : `CAST(${bits[0]} AS TINYINT)`) : `CAST(${pickSql(bits)} AS TINYINT)`;
    return { sql, family: 'bit', duckType: 'TINYINT', tsqlType: makeType('bit', []) };
  }
  if (!isSingletonPath(path)) {
    throw t.state.unsupported(call.args[0], `value() of '${path.text}', a path that is not one node at most (SQL Server: error 2389, 'value()' requires a singleton (or empty sequence); write it as '(${path.text})[1]')`);
  }
  const type = sqlTypeOf(t, call);
  const values = results.map((r) => (r === null || r.length === 0 ? null : stringValue(r[0] as XmlItem)));
  const text: SqlFragment = { sql: pickSql(values), family: 'string', duckType: 'VARCHAR', tsqlType: makeType('nvarchar', ['max']) };
  return convertSql(text, type, false, t.state.dateFormat);
}

const NOT_ALLOWED = new Set(['xml', 'image', 'text', 'ntext', 'sql_variant', 'timestamp', 'rowversion', 'hierarchyid', 'geometry', 'geography']);

function sqlTypeOf(t: SqlTranslator, call: MethodCall): TsqlType {
  const text = literalText(call.args[1]);
  if (text === undefined) throw t.state.unsupported(call, 'value() with a SQL type that is not a string literal (SQL Server requires one)');
  let type: TsqlType;
  try {
    type = parseTsqlType(text);
  } catch {
    throw t.state.unsupported(call.args[1], `value() to the type '${text}'`);
  }
  // binary: how value() turns an untyped node's text into bytes is not documented.
  if (['unknown', 'opaque', 'binary'].includes(familyOf(type))) throw t.state.unsupported(call.args[1], `value() to '${text}' (a type the emulator does not convert XML text to)`);
  if (NOT_ALLOWED.has(type.name)) throw t.state.unsupported(call.args[1], `value() to ${type.name} (SQL Server does not allow it)`);
  // The length a value() type without one takes is not documented.
  if (['char', 'varchar', 'nchar', 'nvarchar'].includes(type.name) && !/\(/.test(text)) throw t.state.unsupported(call.args[1], `value() to '${text}' without a length`);
  return type;
}

/**
 * `FROM @x.nodes('path') AS t(c)` and `CROSS APPLY t.c.nodes('path') AS u(d)`: one row per node
 * the path selects, in document order (for each row of the left side under APPLY). Column `c`
 * holds the node's handle, read only by the methods above.
 */
export function translateXmlNodes(t: SqlTranslator, source: TableFunctionRef, scope: SqlScope, outer: SqlScope | undefined): string {
  const call = source.call as MethodCall;
  if (call.method.toLowerCase() !== 'nodes') throw t.state.unsupported(source, `the xml method ${call.method}() as a row source`);
  const alias = source.alias?.name;
  const column = source.columns[0]?.name;
  if (alias === undefined || column === undefined || source.columns.length !== 1) throw t.state.unsupported(source, 'nodes() without AS table(column) (SQL Server requires one)');
  if (call.args.length !== 1) throw t.state.unsupported(call, `nodes() with ${call.args.length} arguments`);
  const path = pathOf(t, call, 'nodes');
  const target = targetOf(t, call, outer ?? new SqlScope());
  const perContext = (target.kind === 'document' ? [target.doc] : target.nodes).map((c) => (c === null ? [] : evaluatePath(path, c)));
  const nodes = perContext.flat();
  if (nodes.some((n) => n.kind === 'document' && target.kind === 'nodes')) throw t.state.unsupported(call, `nodes('${path.text}') selecting the document node`);
  let sql: string;
  if (target.kind === 'document') {
    sql = `(SELECT CAST(unnest(range(0, ${nodes.length})) AS INTEGER))`;
  } else {
    const starts: number[] = [];
    let at = 0;
    for (const list of perContext) { starts.push(at); at += list.length; }
    starts.push(at);
    const h = target.handle;
    sql = `(SELECT CAST(unnest(range([${starts.join(', ')}][${h} + 1], [${starts.join(', ')}][${h} + 2])) AS INTEGER))`;
  }
  const col: ColumnType = { name: column, duckType: 'INTEGER', family: 'opaque', tsqlType: makeType('xml', []) };
  nodeColumns.set(col, nodes);
  scope.add(alias, [col]);
  // Ties of a window or ORDER BY over these rows are broken by the handles, as by a table's rows.
  t.noteRowSource(scope, alias, [col]);
  return `${sql} AS ${quote(alias)}(${quote(column)})`;
}
