import { createRandom, formatDate, parseDate } from './prng';
import type { DataRow, TableRows } from './table-rows';

/** Options of {@link generateAccrualData}. */
export interface AccrualOptions {
  readonly accounts: number;
  /** Days of the accrual period, from FIRST_DAY: dbo.usp_AccrueInterestPeriod EXECs dbo.usp_AccrueDay once a day. */
  readonly days: number;
  readonly seed: number;
}

/** Column order of each accrual input table, as in bench/sql/interest-accrual.sql. */
export const ACCRUAL_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  'dbo.Account': ['AccountId', 'AccountNo', 'ProductCode', 'OpeningBalance', 'OpenedOn', 'ClosedOn'],
  'dbo.InterestRate': ['ProductCode', 'EffectiveFrom', 'AnnualRatePct', 'PenaltyRatePct'],
  'dbo.AccountTransaction': ['TxnId', 'AccountId', 'TxnDate', 'Amount'],
};

/** The first day of the period (the @FromDate of the benchmark's call). */
export const FIRST_DAY = '2021-01-01';

const DAY_MS = 86_400_000;
const PRODUCTS = ['SAV1', 'SAV2', 'CHK1'] as const;

/** `YYYY-MM-DD` of the day `offset` days after FIRST_DAY. */
export function accrualDay(offset: number): string {
  return formatDate(parseDate(FIRST_DAY) + offset * DAY_MS);
}

/**
 * Generates the accounts, rates and transactions of the interest-accrual benchmark,
 * deterministically from `seed`: accounts opening before or during the period (some closing in
 * it), a rate change per product every ~90 days, and a transaction every ~10 days per account,
 * now and then one that overdraws the account (the inner procedure's cursor).
 */
export function generateAccrualData(options: AccrualOptions): TableRows {
  const { accounts, days, seed } = options;
  if (!Number.isInteger(accounts) || accounts < 1) throw new RangeError(`accounts must be a positive integer, found ${accounts}`);
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a positive integer, found ${days}`);
  const rnd = createRandom(seed);
  const money = (cents: number): string => (cents / 100).toFixed(2);
  const accountRows: DataRow[] = [];
  const txnRows: DataRow[] = [];
  for (let id = 1; id <= accounts; id++) {
    const opened = rnd.int(-400, Math.floor(days / 2));
    const closed = rnd.chance(0.1) ? rnd.int(Math.max(opened + 1, 0), days) : undefined;
    accountRows.push({
      AccountId: id, AccountNo: `NL${String(100000 + id)}`, ProductCode: rnd.pick(PRODUCTS),
      OpeningBalance: money(rnd.int(0, 5_000_000)), OpenedOn: accrualDay(opened), ClosedOn: closed === undefined ? null : accrualDay(closed),
    });
    // Balances as of the period's start are not tracked (the opening balance stands for them);
    // within it, an account goes overdrawn now and then and the next transaction covers it,
    // so a day's cursor over overdrawn accounts stays small.
    let balance = Number(accountRows[accountRows.length - 1]?.OpeningBalance ?? 0) * 100;
    for (let d = Math.max(opened, 0) + rnd.int(1, 10); d < days; d += rnd.int(3, 17)) {
      let cents: number;
      if (balance < 0) cents = -balance + rnd.int(1_000, 200_000);
      else if (rnd.chance(0.04)) cents = -(balance + rnd.int(100, 50_000));
      else cents = rnd.chance(0.5) ? rnd.int(1_000, 300_000) : -rnd.int(0, Math.min(balance, 250_000));
      if (cents === 0) continue;
      balance += cents;
      txnRows.push({ TxnId: txnRows.length + 1, AccountId: id, TxnDate: accrualDay(d), Amount: money(cents) });
    }
  }
  const rateRows: DataRow[] = [];
  for (const product of PRODUCTS) {
    for (let d = -400; d < days; d += rnd.int(60, 120)) {
      rateRows.push({ ProductCode: product, EffectiveFrom: accrualDay(d), AnnualRatePct: (rnd.int(5, 450) / 100).toFixed(4), PenaltyRatePct: (rnd.int(800, 1400) / 100).toFixed(4) });
    }
  }
  return { 'dbo.Account': accountRows, 'dbo.InterestRate': rateRows, 'dbo.AccountTransaction': txnRows };
}
