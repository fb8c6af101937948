import type { GraphNode, NodeKind, NodeRole, SynonymTarget } from './graph';

/** A node while the graph is being built: mutable facts that become a readonly GraphNode. */
export interface DraftNode {
  readonly kind: NodeKind;
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly line: number;
  readonly columns: string[];
  readonly columnSet: Set<string>;
  /** Set for nodes whose role does not follow from reads and writes (OUTPUT parameters,
   * result sets, the return table of a function). */
  fixedRole?: NodeRole;
  written: boolean;
  read: boolean;
  dataType?: string;
  output?: boolean;
  global?: boolean;
  linked?: boolean;
  index?: number;
  synonymOf?: SynonymTarget;
  /** A table-valued function's: the tables its body reads, and how it is written. */
  functionReads?: readonly SynonymTarget[];
  functionType?: 'inline' | 'multi';
}

const ID_PREFIX: { readonly [K in NodeKind]: string } = {
  table: 't',
  'temp-table': 'tmp',
  'table-variable': 'tv',
  variable: 'v',
  parameter: 'p',
  cursor: 'cur',
  procedure: 'proc',
  'result-set': 'rs',
  'dynamic-sql': 'dyn',
  function: 'fn',
};

/** Order of kinds in `DataFlowGraph.nodes`, as listed in graph.ts. */
const KIND_ORDER: readonly NodeKind[] = ['table', 'temp-table', 'table-variable', 'variable', 'parameter', 'cursor', 'procedure', 'result-set', 'dynamic-sql', 'function'];

/** Turns a normalised name into the tail of a node id: `dbo.order details` -> `dbo_order_details`. */
function idTail(name: string): string {
  const tail = name.replace(/^[#@]+/, '').replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return tail === '' ? 'x' : tail;
}

/**
 * The nodes of one graph, keyed by kind and normalised name, with stable ids. Lookups are by
 * map, so registering or finding a node is O(1) however long the object is.
 */
export class NodeRegistry {
  // One map per kind, keyed by the name itself: a key joined from kind and name was a fresh
  // string to build and hash on every lookup (a variable reference looks up three kinds), while
  // a name's hash is computed once and kept by the string. `order` keeps the nodes as created.
  private readonly byKind = new Map<NodeKind, Map<string, DraftNode>>();
  private readonly order: DraftNode[] = [];
  private readonly usedIds = new Set<string>();
  private readonly byId = new Map<string, DraftNode>();
  private counters = new Map<NodeKind, number>();

  /** The node of `kind` named `name`, created on first use. */
  ensure(kind: NodeKind, name: string, label: string, line: number): DraftNode {
    let named = this.byKind.get(kind);
    if (named === undefined) {
      named = new Map();
      this.byKind.set(kind, named);
    }
    const found = named.get(name);
    if (found) return found;
    const node: DraftNode = {
      kind, id: this.allocateId(`${ID_PREFIX[kind]}_${idTail(name)}`), name, label, line,
      columns: [], columnSet: new Set(), written: false, read: false,
    };
    named.set(name, node);
    this.order.push(node);
    this.byId.set(node.id, node);
    return node;
  }

  /** A node that has no name of its own (result sets, dynamic SQL): numbered in source order. */
  createNumbered(kind: 'result-set' | 'dynamic-sql', label: string, line: number): DraftNode {
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    const node = this.ensure(kind, `${ID_PREFIX[kind]}_${n}`, label, line);
    node.index = n;
    return node;
  }

  find(kind: NodeKind, name: string): DraftNode | undefined {
    return this.byKind.get(kind)?.get(name);
  }

  get(id: string): DraftNode | undefined {
    return this.byId.get(id);
  }

  /** Records that a column of the node is used (first use fixes its position). */
  addColumns(node: DraftNode, columns: Iterable<string>): void {
    for (const c of columns) {
      if (c === '*' || node.columnSet.has(c)) continue;
      node.columnSet.add(c);
      node.columns.push(c);
    }
  }

  all(): DraftNode[] {
    return [...this.order];
  }

  /** The finished, sorted, readonly nodes. */
  finish(): GraphNode[] {
    const rank = (k: NodeKind): number => KIND_ORDER.indexOf(k);
    return this.all()
      .sort((a, b) => rank(a.kind) - rank(b.kind) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map(toGraphNode);
  }

  private allocateId(base: string): string {
    let id = base;
    for (let i = 2; this.usedIds.has(id); i++) id = `${base}_${i}`;
    this.usedIds.add(id);
    return id;
  }
}

function roleOf(node: DraftNode): NodeRole {
  if (node.fixedRole) return node.fixedRole;
  switch (node.kind) {
    case 'table': return node.written ? 'output' : 'input';
    case 'parameter': return node.output ? 'output' : 'input';
    case 'temp-table':
    case 'table-variable': return 'intermediate';
    case 'variable': return node.written && node.read ? 'intermediate' : 'internal';
    case 'result-set': return 'output';
    case 'function': return 'input';
    default: return 'internal';
  }
}

function toGraphNode(d: DraftNode): GraphNode {
  const base = { id: d.id, name: d.name, label: d.label, role: roleOf(d), columns: [...d.columns], line: d.line };
  switch (d.kind) {
    case 'table': return d.synonymOf === undefined ? { kind: 'table', ...base } : { kind: 'table', ...base, synonymOf: d.synonymOf };
    case 'temp-table': return { kind: 'temp-table', ...base, global: d.global ?? false };
    case 'table-variable': return { kind: 'table-variable', ...base };
    case 'variable': return d.dataType === undefined ? { kind: 'variable', ...base } : { kind: 'variable', ...base, dataType: d.dataType };
    case 'parameter': return { kind: 'parameter', ...base, dataType: d.dataType ?? '', output: d.output ?? false };
    case 'cursor': return { kind: 'cursor', ...base };
    case 'procedure': return { kind: 'procedure', ...base, linked: d.linked ?? false };
    case 'result-set': return { kind: 'result-set', ...base, index: d.index ?? 1 };
    case 'dynamic-sql': return { kind: 'dynamic-sql', ...base };
    case 'function': return { kind: 'function', ...base, reads: d.functionReads ?? [], ...(d.functionType !== undefined ? { functionType: d.functionType } : {}) };
  }
}
