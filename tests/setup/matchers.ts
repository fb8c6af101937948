// Registers the acceptance matchers (expect(rows).toMatchTable(expected, { key, tolerance }))
// for every test file; the type augmentation comes with src/acceptance/table-matcher.ts.
import { registerMatchers } from '../../src/acceptance/table-matcher';

registerMatchers(expect);
