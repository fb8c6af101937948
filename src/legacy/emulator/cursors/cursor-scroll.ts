import type { DeclareCursor, Fetch } from '../../../tsql';
import { cursorRowsUnchanged } from './cursor-changes';
import { evalScalar } from '../runtime';
import type { CursorState, EmulatorState } from '../state';

/*
 * Scrollable cursors (the DECLARE CURSOR page): SCROLL, or STATIC, KEYSET and DYNAMIC without
 * FORWARD_ONLY, take FETCH PRIOR, FIRST, LAST, ABSOLUTE n and RELATIVE n besides NEXT. The
 * emulator holds a cursor's rows as OPEN read them, which is what a STATIC cursor shows; a KEYSET
 * or DYNAMIC one shows what the loop changed since, so once the loop has written a table the
 * query reads, a scrolling FETCH is refused (a FETCH NEXT keeps the check of cursor-changes.ts).
 */

/** Whether the declaration makes the cursor scrollable. */
export function isScrollCursor(options: readonly string[]): boolean {
  const has = (o: string): boolean => options.includes(o);
  if (has('FORWARD_ONLY') || has('FAST_FORWARD')) return false;
  return has('SCROLL') || has('STATIC') || has('KEYSET') || has('DYNAMIC');
}

/** How the declaration names the cursor's type, for messages. */
export function cursorKind(d: DeclareCursor): string {
  const options = d.options.map((o) => o.toUpperCase());
  return ['FAST_FORWARD', 'KEYSET', 'DYNAMIC', 'FORWARD_ONLY'].find((o) => options.includes(o)) ?? 'default (dynamic)';
}

/**
 * Where a FETCH of a scrollable cursor lands: the row index from 0, or -1 before the first row,
 * `rows.length` after the last (nothing fetched, @@FETCH_STATUS -1). The current row is
 * `position - 1`. The FETCH page says where a cursor stands after a FETCH that finds no row
 * only for a first FETCH PRIOR (before the first row) and, by what NEXT means, after FETCH NEXT
 * past the last row; after any other (ABSOLUTE 0, RELATIVE past either end, PRIOR from the
 * first row) a FETCH that moves from the current row is refused, while FIRST, LAST and
 * ABSOLUTE, which do not depend on it, go on.
 */
export async function scrollTarget(state: EmulatorState, c: CursorState, f: Fetch): Promise<number> {
  const n = (c.rows ?? []).length;
  if (!c.static && !cursorRowsUnchanged(state, c)) {
    throw state.unsupported(f, `FETCH ${f.direction} from the ${c.kind} cursor ${c.name} after the loop changed a table its query reads (a ${c.kind} cursor shows those changes; declare it STATIC to scroll over the rows as OPEN read them)`);
  }
  const current = c.position - 1;
  const relative = f.direction === 'NEXT' || f.direction === 'PRIOR' || f.direction === 'RELATIVE';
  const known = c.beyond === undefined || (c.beyond === 'after' && f.direction === 'NEXT') || (c.beyond === 'before' && f.direction === 'NEXT');
  if (relative && !known) {
    throw state.unsupported(f, `FETCH ${f.direction} from the cursor ${c.name} after a FETCH that found no row (where the cursor then stands is not documented for that FETCH)`);
  }
  const offset = async (): Promise<number> => {
    if (f.offset === undefined) throw state.unsupported(f, `FETCH ${f.direction} without a row number`);
    const { value } = await evalScalar(state, f.offset);
    const k = value === null ? NaN : Number(value);
    if (!Number.isInteger(k)) throw state.unsupported(f, `FETCH ${f.direction} ${value === null ? 'NULL' : String(value)} (not a whole number of rows)`);
    return k;
  };
  let target: number;
  switch (f.direction) {
    case 'NEXT': target = Math.min(current + 1, n); break;
    case 'PRIOR': target = Math.max(current - 1, -1); break;
    case 'FIRST': target = n === 0 ? n : 0; break;
    case 'LAST': target = n - 1; break;
    case 'ABSOLUTE': {
      if (c.kind === 'DYNAMIC') throw state.unsupported(f, 'FETCH ABSOLUTE from a DYNAMIC cursor (SQL Server refuses it)');
      const k = await offset();
      target = k === 0 ? -1 : k > 0 ? Math.min(k - 1, n) : Math.max(n + k, -1);
      break;
    }
    case 'RELATIVE': {
      const k = await offset();
      target = current < 0 && k <= 0 ? -1 : Math.max(Math.min(current + k, n), -1);
      break;
    }
  }
  const firstFetch = c.position === 0 && c.beyond === undefined;
  c.beyond = target >= 0 && target < n ? undefined
    : f.direction === 'NEXT' ? 'after'
      : f.direction === 'PRIOR' && firstFetch ? 'before' : 'unknown';
  return target;
}
