import type * as A from '../tsql';
import { displayObjectName, isTempName, normalizeObjectName } from '../tsql';
import { flowExecCall, flowDelete, flowInsert, flowMerge, flowSelect, flowTruncate, flowUpdate } from './dml-flow';
import { labelFor, writeOutputs, type FlowEnv, type StepShape } from './flow-env';
import type { DraftNode } from './node-registry';
import { formatDataType } from './object-units';
import { lowerName, type Scope } from './scope';

const NO_SCOPE: Scope = { relations: [], parent: undefined };

/** Registers a cursor from its declaring query: the query's reads, the cursor's columns. */
function flowCursorDeclaration(env: FlowEnv, name: string, d: A.DeclareCursor): StepShape {
  const cursor = env.registry.ensure('cursor', name.toLowerCase(), name, d.span.start.line);
  // a column without a name (`ISNULL([Balloon Amount], 0)`) is still fetched by position: it is
  // named by its place, so the variable FETCH puts it in keeps its origins
  const outputs = env.analyzer.analyzeSelect(d.query, undefined, undefined).map((o, i) => (o.name === '' ? { ...o, name: `(column ${i + 1})` } : o));
  writeOutputs(env, cursor, outputs);
  env.declareColumns(cursor, outputs.map((o) => o.name));
  return { kind: 'declare-cursor', label: `DECLARE CURSOR ${cursor.label}` };
}

function cursorNode(env: FlowEnv, ref: A.CursorRef): DraftNode {
  return env.registry.ensure('cursor', ref.name.toLowerCase(), ref.name, ref.span.start.line);
}

function flowDeclare(env: FlowEnv, s: A.Declare): StepShape {
  const an = env.analyzer;
  const names: string[] = [];
  for (const d of s.declarations) {
    if (d.kind === 'TableVariableDeclaration') {
      const tv = an.tableVariableNode(d.variable);
      const cols = d.definition.columns.map((c) => lowerName(c.name));
      env.declareColumns(tv, cols);
      env.registry.addColumns(tv, cols);
      names.push(tv.label);
      continue;
    }
    // `DECLARE @Lines dbo.OrderLineType`: a table variable with the columns of its CREATE TYPE … AS TABLE
    const typeColumns = d.dataType.args.length === 0 ? an.ctx.tableTypeOf?.(normalizeObjectName(d.dataType.name, env.defaultSchema)) : undefined;
    if (typeColumns !== undefined) {
      const tv = an.tableVariableNode(d.variable);
      env.declareColumns(tv, typeColumns);
      env.registry.addColumns(tv, typeColumns);
      names.push(tv.label);
      continue;
    }
    const v = an.scalarNode(d.variable);
    v.dataType = formatDataType(d.dataType);
    names.push(v.label);
    if (d.initialValue) {
      const origin = an.analyzeExpression(d.initialValue, NO_SCOPE, undefined);
      an.step.write(v);
      an.step.addLineage({ node: v.id, column: v.name }, origin);
    }
  }
  return { kind: 'declare', label: `DECLARE ${names.length > 3 ? `${names.slice(0, 3).join(', ')}, …` : names.join(', ')}` };
}

function flowSetVariable(env: FlowEnv, s: A.SetVariable): StepShape {
  if (s.cursor) return flowCursorDeclaration(env, s.variable.name, s.cursor);
  const an = env.analyzer;
  const v = an.scalarNode(s.variable);
  if (s.value) {
    const origin = an.analyzeExpression(s.value, NO_SCOPE, undefined);
    const compound = s.operator !== '=';
    // `SET @n += 1` reads @n: the value it leaves depends on the one it finds
    if (compound) an.step.read(v);
    an.step.addLineage({ node: v.id, column: v.name }, compound
      ? { sources: [{ node: v.id, column: v.name }, ...origin.sources], transform: 'expression', exprSpan: s.span }
      : origin);
  }
  an.step.write(v);
  return { kind: 'set', label: `SET ${v.label}` };
}

function flowFetch(env: FlowEnv, s: A.Fetch): StepShape {
  const an = env.analyzer;
  const cursor = cursorNode(env, s.cursor);
  const cols = env.knownColumns(cursor) ?? [];
  an.step.read(cursor);
  s.into.forEach((variable, i) => {
    const v = an.scalarNode(variable);
    const column = cols[i];
    if (column !== undefined && column !== '') an.step.read(cursor, column);
    an.step.write(v);
    an.step.addLineage({ node: v.id, column: v.name }, { sources: column ? [{ node: cursor.id, column }] : [], transform: 'copy' });
  });
  if (s.offset) an.analyzeExpression(s.offset, NO_SCOPE, undefined);
  return { kind: 'fetch', label: `FETCH ${cursor.label}` };
}

function flowExecute(env: FlowEnv, s: A.Execute): StepShape {
  const callee = flowExecCall(env, s);
  const dynamic = callee?.kind === 'dynamic-sql';
  return { kind: dynamic ? 'exec-dynamic' : 'exec', label: dynamic ? callee.label : labelFor('EXEC', callee) };
}

function flowReturn(env: FlowEnv, s: A.Return, inlineFunction: boolean): StepShape {
  if (!s.expression) return { kind: 'return', label: 'RETURN' };
  if (inlineFunction && s.expression.kind === 'Subquery') {
    const outputs = env.analyzer.analyzeSelect(s.expression.query, undefined, undefined);
    const rs = env.resultSet(s.span.start.line);
    writeOutputs(env, rs, outputs);
    return { kind: 'select', label: 'RETURN result set' };
  }
  env.analyzer.analyzeExpression(s.expression, NO_SCOPE, undefined);
  return { kind: 'return', label: 'RETURN' };
}

function flowCreateTable(env: FlowEnv, s: A.CreateTable): StepShape {
  if (!isTempName(s.name)) return { kind: 'create-table', label: `CREATE TABLE ${s.name.parts.map((p) => p.name).join('.')}` };
  const node = env.analyzer.tableNode(s.name);
  const cols = s.definition.columns.map((c) => lowerName(c.name));
  env.declareColumns(node, cols);
  env.registry.addColumns(node, cols);
  return { kind: 'create-table', label: labelFor('CREATE TABLE', node) };
}

/** Temp tables named by DDL still belong to the object (the `temps` list), without data flow. */
function touchTemp(env: FlowEnv, name: A.ObjectName | undefined): DraftNode | undefined {
  return name && isTempName(name) ? env.analyzer.tableNode(name) : undefined;
}

function flowAlterTable(env: FlowEnv, s: A.AlterTable): StepShape {
  const node = touchTemp(env, s.name);
  if (node && s.action === 'ADD') {
    const cols = [...(env.knownColumns(node) ?? []), ...s.columns.map((c) => lowerName(c.name))];
    env.declareColumns(node, cols);
    env.registry.addColumns(node, cols);
  }
  // A #temp table's shape belongs with the work on it (a staging table widened after SELECT INTO).
  return node ? { kind: 'alter-table', label: labelFor('ALTER TABLE', node) } : { kind: 'other', label: `ALTER TABLE ${s.name.parts.map((p) => p.name).join('.')}` };
}

function flowDrop(env: FlowEnv, s: A.Drop): StepShape {
  if (s.objectType.toUpperCase() !== 'TABLE') return { kind: 'other', label: `DROP ${s.objectType.toUpperCase()}` };
  const temps = s.names.map((n) => touchTemp(env, n)).filter((n): n is DraftNode => n !== undefined);
  const label = s.names.map((n) => n.parts.map((p) => p.name).join('.')).join(', ');
  return { kind: 'drop-table', label: `DROP TABLE ${temps.length > 0 ? temps.map((t) => t.label).join(', ') : label}` };
}

function readArgs(env: FlowEnv, args: readonly A.Expression[]): void {
  for (const a of args) env.analyzer.analyzeExpression(a, NO_SCOPE, undefined);
}

/**
 * `SET ROWCOUNT @BatchSize` (and any option set from a variable) reads the variable: the
 * statements it limits depend on its value, so a section holding it gets the parameter.
 */
function flowSetOption(env: FlowEnv, s: A.SetOption): StepShape {
  if (/^@[^@]/.test(s.value)) readArgs(env, [{ kind: 'Variable', name: s.value, span: s.span }]);
  return { kind: 'other', label: s.target ? `SET ${s.options.join(', ')} ${displayObjectName(s.target.parts.map((p) => p.name))} ${s.value}` : `SET ${s.options.join(', ')}` };
}

/** `DBCC CHECKIDENT ('t', RESEED, @n)`: the table named in the label (propose keeps it with the INSERTs whose identity it decides) and @n read. */
const CHECKIDENT = /^DBCC\s+CHECKIDENT\s*\(\s*(?:N?'((?:[^']|'')*)'|([^,()\s]+))\s*(?:,\s*\w+\s*(?:,\s*(@\w+))?)?/i;

function flowOpaque(env: FlowEnv, s: A.OpaqueStatement): StepShape {
  const m = CHECKIDENT.exec(s.text.trim());
  if (m === null) return { kind: 'other', label: s.command };
  if (m[3] !== undefined) readArgs(env, [{ kind: 'Variable', name: m[3], span: s.span }]);
  const table = (m[1] ?? m[2] ?? '').replace(/''/g, "'").split('.').map((p) => p.replace(/^\[|\]$/g, ''));
  return { kind: 'other', label: `DBCC CHECKIDENT ${displayObjectName(table)}` };
}

/**
 * Analyses one non-control-flow statement into the analyser's current step and returns its
 * kind and label. Control flow (blocks, IF, WHILE, TRY) is handled by the graph builder.
 */
export function flowStatement(env: FlowEnv, s: A.Statement, inlineFunction: boolean): StepShape {
  switch (s.kind) {
    case 'Select': return flowSelect(env, s);
    case 'Insert': return flowInsert(env, s);
    case 'Update': return flowUpdate(env, s);
    case 'Delete': return flowDelete(env, s);
    case 'Merge': return flowMerge(env, s);
    case 'Truncate': return flowTruncate(env, s.target, 'TRUNCATE');
    case 'BulkInsert': return flowTruncate(env, s.target, 'BULK INSERT');
    case 'Declare': return flowDeclare(env, s);
    case 'DeclareCursor': return flowCursorDeclaration(env, s.name, s);
    case 'SetVariable': return flowSetVariable(env, s);
    case 'OpenCursor': return { kind: 'open', label: `OPEN ${cursorNode(env, s.cursor).label}` };
    case 'Fetch': return flowFetch(env, s);
    case 'CloseCursor': return { kind: 'close', label: `CLOSE ${cursorNode(env, s.cursor).label}` };
    case 'DeallocateCursor': return { kind: 'deallocate', label: `DEALLOCATE ${cursorNode(env, s.cursor).label}` };
    case 'Execute': return flowExecute(env, s);
    case 'Return': return flowReturn(env, s, inlineFunction);
    case 'Transaction': return { kind: 'transaction', label: `${s.action} TRANSACTION` };
    case 'Print': readArgs(env, [s.expression]); return { kind: 'print', label: 'PRINT' };
    case 'Raiserror': readArgs(env, s.args); return { kind: 'print', label: 'RAISERROR' };
    case 'Throw': readArgs(env, s.args); return { kind: 'print', label: 'THROW' };
    case 'Waitfor': readArgs(env, [s.value]); return { kind: 'other', label: `WAITFOR ${s.mode}` };
    case 'CreateTable': return flowCreateTable(env, s);
    case 'AlterTable': return flowAlterTable(env, s);
    case 'Drop': return flowDrop(env, s);
    case 'CreateIndex': touchTemp(env, s.table); return { kind: 'other', label: 'CREATE INDEX' };
    // the table it names: readers (and propose, which keeps it with the INSERT it allows) need it
    case 'SetOption': return flowSetOption(env, s);
    case 'Use': return { kind: 'other', label: `USE ${s.database.name}` };
    case 'OpaqueStatement': return flowOpaque(env, s);
    case 'CreateOther': return { kind: 'other', label: `CREATE ${s.objectType}` };
    case 'Break': return { kind: 'other', label: 'BREAK' };
    case 'Continue': return { kind: 'other', label: 'CONTINUE' };
    case 'Goto': return { kind: 'other', label: `GOTO ${s.label}` };
    case 'Label': return { kind: 'other', label: `${s.name}:` };
    case 'Unparsed': return { kind: 'unparsed', label: `not parsed: ${s.reason}`.slice(0, 80) };
    case 'CreateProcedure': case 'CreateFunction': case 'CreateTrigger': case 'CreateView':
      return { kind: 'other', label: `CREATE ${s.kind.slice(6).toUpperCase()}` };
    case 'Block': case 'If': case 'While': case 'TryCatch':
      return { kind: 'other', label: s.kind.toUpperCase() };
  }
}
