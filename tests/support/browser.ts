import { findChromium } from '../../src/render/svg-renderer';

/** The line printed (and searched for by .ci/run) when browser tests are skipped. */
export const BROWSER_SKIP_MARKER = 'BROWSER TESTS SKIPPED';

function locateBrowser(): { found: boolean; reason: string } {
  try {
    findChromium();
    return { found: true, reason: '' };
  } catch (err) {
    return { found: false, reason: (err as Error).message };
  }
}

const browser = locateBrowser();
// Under CI the browser tests always run, so a CI machine without Chromium fails them loudly
// instead of passing with fewer tests (CI installs Chromium: .ci/run).
const skipping = !browser.found && process.env.CI !== 'true';
let announced = false;

/**
 * `it` for a test that needs a real headless Chromium (SVG rendering): without one it is
 * skipped with its title saying why, and the file prints one visible line naming the reason
 * and how to enable it. With CI=true it always runs (and so fails when no browser is there).
 */
export function itWithBrowser(title: string, fn: () => Promise<unknown>, timeout?: number): void {
  if (!skipping) {
    it(title, fn, timeout);
    return;
  }
  if (!announced) {
    announced = true;
    console.warn(`${BROWSER_SKIP_MARKER}: ${browser.reason}. Install one to run them (apt-get install chromium) or set MIGRATE_CHROMIUM to a Chromium/Chrome executable.`);
  }
  it.skip(`${title} (skipped: no Chromium; apt-get install chromium to run it)`, fn, timeout);
}
