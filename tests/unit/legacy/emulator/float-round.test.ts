import { LegacyError } from '../../../../src/core';
import { evalTsql } from './emulator-helpers';

// ROUND of a float works on its exact binary value in SQL Server (ROUND(2.4e0, 2, 1) is reported as
// 2.39, since 2.4 is stored as 2.3999…); DuckDB's round/trunc work on x * 10^n, itself rounded
// (2.675e0 * 100 is 267.5). Away from a boundary both agree; near one the emulator refuses.
describe('ROUND of a float', () => {
  it.each([
    ['ROUND(@x, 2)', 12345.6789, 12345.68],
    ['ROUND(@x, 2, 1)', 12345.6789, 12345.67],
    ['ROUND(@x, 0)', 2.5, 3],
    ['ROUND(@x, 0)', -2.5, -3],
    ['ROUND(@x, 2)', 0.125, 0.13],
    ['ROUND(@x, -1)', 748.58, 750],
    ['ROUND(@x, 1, 1)', 2.45, 2.4],
    ['ROUND(@x, 2, 1)', 0.25, 0.25],
  ])('%s of %p is %p (away from a boundary, or exactly on one)', async (expr, x, expected) => {
    expect(await evalTsql(expr, `DECLARE @x float = ${x};`)).toBe(expected);
  });

  it('keeps a real a real', async () => {
    expect(await evalTsql("CAST(ROUND(@x, 1) AS varchar(20)) + '|' + CAST(ROUND(@x, 1) * 3 AS varchar(20))", 'DECLARE @x real = 1.25;')).toBe('1.3|3.9');
  });

  it.each([
    ['ROUND(@x, 2)', '2.675', /this close to halfway between two roundings \(here ROUND\(2\.675, 2\)/],
    ['ROUND(@x, 2)', '165.755', /this close to halfway between two roundings \(here ROUND\(165\.755, 2\)/],
    ['ROUND(@x, 2, 1)', '2.4', /close to a whole number at the rounding position \(here ROUND\(2\.4, 2, 1\)/],
    ['ROUND(@x, 2)', '1234567890123456.7', /more than 15 significant digits/],
  ])('refuses %s of %s, where SQL Server rounds a binary value just off the boundary', async (expr, x, message) => {
    const err = await evalTsql(expr, `DECLARE @x float = ${x};`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(message);
  });
});

describe('ROUND of a float near halfway where both readings agree', () => {
  it('rounds a value stored just below halfway whose product is below it too (an AVG of .xx5 prices)', async () => {
    expect(await evalTsql('ROUND(@x, 2)', 'DECLARE @x float = 13875.124999999998;')).toBe(13875.12);
  });
});

// CAST and assignment of a float to decimal or money round its binary value in SQL Server; DuckDB's
// CAST rounds an approximation of it. Near a halfway point where the two disagree: refused.
describe('a float converted to decimal or money', () => {
  it.each([
    ['CAST(@x AS decimal(18,6))', '2.0000005', 2.000001], // stored as 2.00000050000000006…, above halfway
    ['CAST(@x AS decimal(10,2))', '74.165', 74.17], // stored as 74.16500000000000625…
    ['CAST(@x AS decimal(10,2))', '0.125', 0.13], // exactly halfway: away from zero
    ['CAST(@x AS money)', '12345.6789', 12345.6789],
    ['CAST(@x AS money)', '-12.34565', -12.3456], // stored as -12.3456499999999991…, which DuckDB's CAST also rounds down
    ['CAST(@x AS decimal(20,2))', '1e10', 10000000000],
  ])('%s of %s is %p', async (expr, x, expected) => {
    expect(await evalTsql(expr, `DECLARE @x float = ${x};`)).toBe(expected);
  });

  it.each([
    ['CAST(@x AS decimal(10,2))', '2.675'],
    ['CAST(@x AS decimal(18,6))', '0.1234565'], // stored as 0.12345649999999999679…
  ])('refuses %s of %s, stored just below halfway where DuckDB rounds up', async (expr, x) => {
    const err = await evalTsql(expr, `DECLARE @x float = ${x};`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/converting a float this close to halfway/);
  });
});
