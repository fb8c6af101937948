import type { Expression } from './ast';

/** The AND-ed terms of a condition (`a = 1 AND (b = 2 AND c = 3)` -> three terms); an OR or any
 * other expression is one term. */
export function andTerms(e: Expression): Expression[] {
  return e.kind === 'Binary' && e.operator.toUpperCase() === 'AND' ? [...andTerms(e.left), ...andTerms(e.right)] : [e];
}
