import type { Node, NodeKind, NodeOfKind } from './ast';

/**
 * A visitor: one handler per node kind. Because it is a mapped type over every kind, adding a
 * kind to the AST makes every complete visitor fail to compile until it handles the new kind.
 */
export type NodeVisitor<R> = { readonly [K in NodeKind]: (node: NodeOfKind<K>) => R };

/** Dispatches `node` to the handler of its kind. */
export function visitNode<R>(node: Node, visitor: NodeVisitor<R>): R {
  return (visitor[node.kind] as (n: Node) => R)(node);
}

/**
 * Every node kind, as a record so that forgetting one fails to compile. Used to tell nodes
 * from plain values when walking and by tests that check each kind is reachable.
 */
export const NODE_KINDS: { readonly [K in NodeKind]: true } = {
  Identifier: true, ObjectName: true, DataType: true,
  ColumnRef: true, Star: true, Variable: true, SystemVariable: true, Literal: true, Binary: true, Unary: true,
  FunctionCall: true, Case: true, Cast: true, Iif: true, Exists: true, In: true, Between: true, Like: true,
  IsNull: true, QuantifiedComparison: true, Subquery: true, Collate: true, NextValueFor: true, MethodCall: true,
  ActionPseudoColumn: true, ExpressionList: true, OdbcEscape: true, SqlcmdVariable: true,
  WindowSpec: true, WindowFrame: true, FrameBound: true, CaseWhen: true,
  Select: true, QuerySpec: true, SetOperation: true, SelectItem: true, SelectAssignment: true, Top: true,
  OrderByItem: true, GroupBy: true, GroupingSpec: true, Cte: true,
  TableRef: true, TableVariableRef: true, DerivedTable: true, ValuesTable: true, TableFunctionRef: true,
  Join: true, Pivot: true, Unpivot: true, DmlTable: true,
  OutputClause: true, ValuesSource: true, DefaultValues: true, Insert: true, UpdateAssignment: true, Update: true,
  Delete: true, Merge: true, MergeWhen: true, MergeUpdate: true, MergeInsert: true, MergeDelete: true,
  Truncate: true, BulkInsert: true,
  Block: true, TryCatch: true, If: true, While: true, Break: true, Continue: true, Goto: true, Label: true,
  Return: true, Declare: true, VariableDeclaration: true, TableVariableDeclaration: true, TableDefinition: true,
  ColumnDefinition: true, TableConstraint: true, DeclareCursor: true, SetVariable: true, SetOption: true,
  Transaction: true, Print: true, Raiserror: true, Throw: true, Waitfor: true, CursorRef: true, OpenCursor: true,
  Fetch: true, CloseCursor: true, DeallocateCursor: true, ExecArgument: true, Execute: true, Use: true,
  OpaqueStatement: true,
  CreateTable: true, AlterTable: true, Drop: true, CreateIndex: true, CreateOther: true,
  Parameter: true, CreateProcedure: true, CreateFunction: true, CreateTrigger: true, CreateView: true,
  Unparsed: true, Batch: true,
};

// Looked up for every field of every node a walk passes: a Set of the kinds answers faster
// than `in` on the 100-odd-key record.
const KIND_SET: ReadonlySet<string> = new Set(Object.keys(NODE_KINDS));

function isNode(value: unknown): value is Node {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  return typeof kind === 'string' && KIND_SET.has(kind);
}

/**
 * The direct child nodes of `node`, in source order of their fields. Generic over every field,
 * so no expression, subquery or table reference can be missed (nested arrays such as VALUES
 * rows included).
 */
export function childrenOf(node: Node): Node[] {
  const out: Node[] = [];
  pushChildren(node, out);
  return out;
}

/** Appends the direct child nodes of `node` to `out` (see childrenOf). */
function pushChildren(node: Node, out: Node[]): void {
  const from = out.length;
  for (const key in node) {
    if (key === 'span' || key === 'kind') continue;
    collect((node as unknown as Record<string, unknown>)[key], out);
  }
  // A node reachable through two fields (CreateView.query is also body[0]) is listed once.
  if (out.length - from > 1) removeRepeats(out, from);
}

/** Drops later repeats of a node from `out[from..]`, keeping first occurrences in order. Most
 * nodes have a handful of children: a pairwise scan, no Set, unless there are many. */
function removeRepeats(out: Node[], from: number): void {
  const n = out.length - from;
  let repeated = false;
  if (n <= 16) {
    for (let i = from + 1; i < out.length && !repeated; i++) for (let j = from; j < i; j++) if (out[j] === out[i]) { repeated = true; break; }
  } else {
    repeated = new Set(out.slice(from)).size !== n;
  }
  if (!repeated) return;
  const unique = [...new Set(out.slice(from))];
  out.length = from;
  for (const u of unique) out.push(u);
}

function collect(value: unknown, out: Node[]): void {
  if (Array.isArray(value)) {
    for (const v of value) collect(v, out);
  } else if (isNode(value)) {
    out.push(value);
  }
}

// Kinds whose fields are all text, numbers or flags: they have no children, so a walk skips
// looking through their fields (identifiers, variables and constants are most of a tree's nodes).
type LeafKind = 'Identifier' | 'Variable' | 'SystemVariable' | 'Literal';
type ChildFields<N> = Exclude<keyof N, 'kind' | 'span'>;
/** `true` only when no field of `N` can hold a node (or anything but text, a number or a flag). */
type HasNoChildren<N> = false extends { [F in ChildFields<N>]: N[F] extends string | number | boolean | undefined ? true : false }[ChildFields<N>] ? false : true;
// Fails to compile if one of these kinds gets a field that may hold a node.
const LEAVES: { readonly [K in LeafKind]: HasNoChildren<NodeOfKind<K>> } = { Identifier: true, Variable: true, SystemVariable: true, Literal: true };
const LEAF_SET: ReadonlySet<string> = new Set(Object.keys(LEAVES));

/**
 * Walks `node` and every descendant depth-first, parent before children. The callback may
 * return `false` to skip a node's children. Iterative, so deep trees cannot overflow the stack.
 */
export function walk(node: Node, callback: (node: Node, parent: Node | undefined) => boolean | void): void {
  // Two parallel stacks: a node's children are appended straight onto the node stack and that
  // stretch reversed in place, so the first child is visited next. Nothing is allocated per
  // node, and no array is truncated per node (setting `length` is a runtime call in V8).
  const nodes: Node[] = [node];
  const parents: (Node | undefined)[] = [undefined];
  while (nodes.length > 0) {
    const n = nodes.pop() as Node;
    const parent = parents.pop();
    if (callback(n, parent) === false || LEAF_SET.has(n.kind)) continue;
    const from = nodes.length;
    pushChildren(n, nodes);
    for (let lo = from, hi = nodes.length - 1; lo < hi; lo++, hi--) {
      const t = nodes[lo] as Node;
      nodes[lo] = nodes[hi] as Node;
      nodes[hi] = t;
    }
    for (let i = from; i < nodes.length; i++) parents.push(n);
  }
}

/** All descendants of `node` (itself included) of one kind. */
export function findAll<K extends NodeKind>(node: Node, kind: K): NodeOfKind<K>[] {
  const out: NodeOfKind<K>[] = [];
  walk(node, (n) => { if (n.kind === kind) out.push(n as NodeOfKind<K>); });
  return out;
}
