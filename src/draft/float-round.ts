import type { SourceSpan } from '../core';
import { locatedStop, type DraftContext } from './draft-scope';
import { stringLiteral } from './sql-text';

const SPLIT = 134217729; // 2^27 + 1: Veltkamp's split of a double into two 26-bit halves

const double = (v: number): string => `CAST('${String(v)}' AS DOUBLE)`;

/**
 * ROUND(x, d) of a float as set-based SQL. SQL Server rounds the float's exact binary value (2.675e0
 * is stored as 2.67499999…); DuckDB's round works on x * 10^d, itself rounded (267.5). They can only
 * differ where that product lies within a few units of its last place of a halfway point: there the
 * exact side is told with an error-free product (Dekker), and where the two answers differ the query
 * stops at the ROUND's file:line:col. The emulator refuses the same values (tsql_round_float).
 */
export function floatRoundSql(ctx: DraftContext, span: SourceSpan, x: string, digits: number): string {
  const stop = (why: string): string => `error(${stringLiteral(locatedStop(ctx, span, why))})`;
  const halfway = stop('ROUND of a float this close to halfway between two roundings: SQL Server rounds its exact binary value, which lies on the other side of halfway than the product DuckDB rounds');
  // 10^d for 0 <= d <= 22 is exact; for d < 0 divide by 10^-d (0.1 has no exact double)
  const p = double(10 ** Math.abs(digits));
  const y = digits >= 0 ? `a * ${p}` : `a / ${p}`;
  let differs: string;
  if (digits < 0) {
    // the halfway points are whole numbers: only x exactly on one is told apart
    differs = `a <> (floor(y) + 0.5) * ${p}`;
  } else if (digits > 22) {
    differs = 'true';
  } else {
    // a * 2·10^d - (2 floor(y) + 1), exactly: the rounded product's error added back
    const b = 2 * 10 ** digits;
    const hiB = SPLIT * b - (SPLIT * b - b);
    const loB = b - hiB;
    const error = `(((h * ${double(hiB)} - a * ${double(b)}) + h * ${double(loB)}) + (a - h) * ${double(hiB)}) + (a - h) * ${double(loB)}`;
    const side = `list_transform([(${SPLIT}.0 * a) - ((${SPLIT}.0 * a) - a)], h -> sign((a * ${double(b)} - (2 * floor(y) + 1)) + (${error})))[1]`;
    differs = `sign(v) * (floor(y) + CASE WHEN ${side} >= 0 THEN 1 ELSE 0 END) / ${p} <> round(v, ${digits})`;
  }
  return `list_transform([CAST(${x} AS DOUBLE)], v -> list_transform([abs(v)], a -> list_transform([${y}], y -> CASE
    WHEN v IS NULL THEN NULL
    WHEN y >= 1e15 THEN CASE WHEN a >= 4503599627370496 AND ${digits} >= 0 THEN v ELSE ${stop('ROUND of a float with more than 15 significant digits at the rounding position: how SQL Server rounds its binary value there is not reproduced')} END
    WHEN abs(y - floor(y) - 0.5) <= (floor(y) + 0.5) * 1e-15 AND ${differs} THEN ${halfway}
    ELSE round(v, ${digits}) END)[1])[1])[1]`;
}

/**
 * A float converted to a decimal or money of scale `scale` (`converted`, DuckDB's CAST): SQL Server
 * rounds the binary value, DuckDB's CAST an approximation of it, which can land on the other side
 * of a halfway point (2.675e0 to decimal(10,2) is 2.68 in DuckDB, the binary value 2.67499…). Where
 * the exact side gives another value, or past 15 digits with a fraction, the query stops.
 */
export function floatToFixedSql(ctx: DraftContext, span: SourceSpan, x: string, scale: number, converted: string): string {
  const stop = (why: string): string => `error(${stringLiteral(locatedStop(ctx, span, why))})`;
  const p = double(10 ** scale);
  let differs = 'true';
  if (scale <= 22) {
    const b = 2 * 10 ** scale;
    const hiB = SPLIT * b - (SPLIT * b - b);
    const loB = b - hiB;
    const error = `(((h * ${double(hiB)} - a * ${double(b)}) + h * ${double(loB)}) + (a - h) * ${double(hiB)}) + (a - h) * ${double(loB)}`;
    const side = `list_transform([(${SPLIT}.0 * a) - ((${SPLIT}.0 * a) - a)], h -> sign((a * ${double(b)} - (2 * floor(y) + 1)) + (${error})))[1]`;
    differs = `sign(v) * (floor(y) + CASE WHEN ${side} >= 0 THEN 1 ELSE 0 END) / ${p} <> CAST(c AS DOUBLE)`;
  }
  return `list_transform([CAST(${x} AS DOUBLE)], v -> list_transform([abs(v)], a -> list_transform([a * ${p}], y -> list_transform([${converted}], c -> CASE
    WHEN v IS NULL THEN c
    WHEN y >= 1e15 THEN CASE WHEN a = floor(a) THEN c ELSE ${stop('a float with more than 15 significant digits at the scale of the decimal it is converted to: how SQL Server rounds its binary value there is not reproduced')} END
    WHEN abs(y - floor(y) - 0.5) <= (floor(y) + 0.5) * 1e-15 AND ${differs} THEN ${stop('a float this close to halfway between two values of the decimal\'s scale: SQL Server rounds its exact binary value, which lies on the other side of halfway than DuckDB\'s CAST')}
    ELSE c END)[1])[1])[1])[1]`;
}
