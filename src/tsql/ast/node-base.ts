import type { SourceSpan } from '../../core';

/** Common shape of every node. */
export interface NodeBase {
  readonly kind: string;
  readonly span: SourceSpan;
}
