import type { Node } from '../../tsql';
import type { SqlFragment } from './expressions';
import type { EmulatorState } from './state';
import { isMoney } from './tsql-types';

/*
 * Text in arithmetic where SQL Server does not convert it to the number beside it, which DuckDB
 * has no operator for (it failed as an internal error of the emulator). By data type precedence
 * text converts to the other operand's type: to an integer's, money's or float's type it does so
 * here (expressions.ts textAsNumberOperands; a value that is no number fails with 245, 235 or
 * 8114 as in SQL Server). Two texts stay text: `+` joins them, while - * / % take only the
 * numeric types (the operator pages), so SQL Server does not compile `Amount - Discount` of two
 * varchar columns (error 8117); such a statement is refused where it stands, as the emulator
 * refuses every error SQL Server raises before running a statement. The remaining pairs convert
 * by rules the emulator does not reproduce exactly (a numeric of a precision and scale SQL Server
 * derives from the text, a NULL typed int, a bit, a date) and are refused where written too.
 */

const OPERATOR_NAMES: Readonly<Record<string, string>> = { '-': 'subtract', '*': 'multiply', '/': 'divide', '%': 'modulo' };

/** Refuses `left op right` where text meets what SQL Server does not convert it to exactly here; returns when the operands may go on. */
export function refuseTextArithmetic(state: EmulatorState, op: string, left: SqlFragment, right: SqlFragment, node: Pick<Node, 'span'>): void {
  const text = (x: SqlFragment): boolean => x.family === 'string';
  if (!text(left) && !text(right)) return;
  const other = text(left) ? right : left;
  const name = OPERATOR_NAMES[op];
  if (text(left) && text(right)) {
    if (name === undefined && op === '+') return;
    const why = name === undefined
      ? 'SQL Server takes integer, bit or binary operands for it; CAST the text to an integer first'
      : `SQL Server does not compile it: error 8117, text is an invalid operand for the ${name} operator; CAST the text to a number first`;
    throw state.unsupported(node, `${op} of two text values (${why})`);
  }
  if (op === '&' || op === '|' || op === '^') throw state.unsupported(node, `${op} of text and another value (CAST the text to an integer first)`);
  if (other.family === 'unknown' && other.constant?.value === null && op !== '+') {
    throw state.unsupported(node, `${op} of text and NULL (SQL Server types the NULL as int and converts the text to int first; CAST the text to a number)`);
  }
  if (other.family === 'bit') throw state.unsupported(node, `${op} of text and a bit value (bit outranks text, and SQL Server takes no bit operand for arithmetic; CAST both to int first)`);
  if (op !== '+' && (other.family === 'datetime' || other.family === 'date' || other.family === 'time')) {
    throw state.unsupported(node, `${op} of text and a date/time value (SQL Server converts the text to the date/time type first; CONVERT it explicitly, or use DATEADD/DATEDIFF)`);
  }
  if (op === '+' && other.family === 'exact' && !isMoney(other.tsqlType)) {
    throw state.unsupported(node, '+ of text and a decimal value (SQL Server converts the text to a numeric of a precision and scale it derives, then adds; CAST the text to decimal(p,s) first)');
  }
}

/** Refuses a sign (`-x`, `+x`) of text, which DuckDB cannot apply and SQL Server does not take as a number. */
export function refuseTextSign(state: EmulatorState, op: string, x: SqlFragment, node: Pick<Node, 'span'>): void {
  if (x.family === 'string') throw state.unsupported(node, `unary ${op} of a text value (SQL Server takes only numeric operands for it; CAST the text to a number first)`);
}
