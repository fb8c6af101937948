import { existsSync } from 'node:fs';
import { RenderError } from '../core';
import { findPackageFile } from './package-files';

/** Options of the SVG renderer. */
export interface SvgOptions {
  /** Browser executable; default env MIGRATE_CHROMIUM, then /usr/bin/chromium and friends. */
  readonly chromiumPath?: string;
  /** Mermaid theme (default `default`). */
  readonly theme?: 'default' | 'neutral' | 'dark' | 'forest';
  /** Per-diagram time limit in ms (default 30 000). */
  readonly timeoutMs?: number;
}

const BROWSER_ARGS = [
  '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The browser to use, or a RenderError that says how to get one (we never download one). */
export function findChromium(explicit?: string): string {
  const wanted = explicit ?? process.env.MIGRATE_CHROMIUM;
  if (wanted !== undefined && wanted !== '') {
    if (existsSync(wanted)) return wanted;
    throw new RenderError('RENDER_NO_BROWSER', `browser not found at ${wanted} (from ${explicit !== undefined ? 'the options' : 'MIGRATE_CHROMIUM'})`, {
      hint: 'point MIGRATE_CHROMIUM at a Chromium or Chrome executable, or install one: apt-get install chromium',
    });
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found === undefined) {
    throw new RenderError('RENDER_NO_BROWSER', `no Chromium found (looked at ${CANDIDATES.join(', ')})`, {
      hint: 'install one (apt-get install chromium) or set MIGRATE_CHROMIUM to a Chromium or Chrome executable',
    });
  }
  return found;
}

/**
 * Renders mermaid diagrams to SVG strings in one headless Chromium (via playwright-core, which
 * never downloads a browser here): mermaid's browser bundle is loaded once, then each diagram
 * costs ~50 ms. Output order matches input order. A diagram mermaid rejects is a RenderError
 * naming its index and mermaid's message.
 */
export async function renderSvg(diagrams: readonly string[], options: SvgOptions = {}): Promise<string[]> {
  if (diagrams.length === 0) return [];
  const executablePath = findChromium(options.chromiumPath);
  const { chromium } = await import('playwright-core');
  let browser;
  try {
    browser = await chromium.launch({ executablePath, headless: true, args: BROWSER_ARGS });
  } catch (err) {
    throw new RenderError('RENDER_BROWSER_START', `cannot start ${executablePath}: ${(err as Error).message.split('\n')[0]}`, {
      hint: 'check that the browser runs headless here (apt-get install chromium), or set MIGRATE_CHROMIUM',
    });
  }
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(options.timeoutMs ?? 30_000);
    await page.setContent('<!doctype html><html><body><div id="work"></div></body></html>');
    await page.addScriptTag({ path: findPackageFile('mermaid', 'dist/mermaid.min.js') });
    await page.evaluate((theme) => {
      const m = (globalThis as unknown as { mermaid: { initialize(c: object): void } }).mermaid;
      m.initialize({ startOnLoad: false, securityLevel: 'strict', theme, maxTextSize: 500000, maxEdges: 5000, flowchart: { htmlLabels: true } });
    }, options.theme ?? 'default');
    const out: string[] = [];
    for (const [i, text] of diagrams.entries()) {
      const result = await page.evaluate(async ({ id, source }) => {
        const m = (globalThis as unknown as { mermaid: { render(id: string, text: string): Promise<{ svg: string }> } }).mermaid;
        try {
          const { svg } = await m.render(id, source);
          // mermaid returns the HTML serialisation (`<br>` inside HTML labels); a .svg file is
          // XML and a viewer rejects it whole, so re-serialise the element as XML.
          const dom = globalThis as unknown as {
            DOMParser: new () => { parseFromString(text: string, type: string): { querySelector(q: string): unknown } };
            XMLSerializer: new () => { serializeToString(node: unknown): string };
          };
          const element = new dom.DOMParser().parseFromString(svg, 'text/html').querySelector('svg');
          return { svg: element ? new dom.XMLSerializer().serializeToString(element) : svg };
        } catch (err) {
          return { error: err instanceof Error ? err.message : String(err) };
        }
      }, { id: `diagram${i + 1}`, source: text });
      if ('error' in result) {
        throw new RenderError('RENDER_MERMAID', `mermaid could not render diagram ${i + 1}: ${String(result.error).split('\n').slice(0, 3).join(' ')}`, {
          hint: 'run validateMermaid on the diagram to see the parse error; please report generated diagrams that fail',
        });
      }
      out.push(result.svg as string);
    }
    return out;
  } finally {
    await browser.close();
  }
}
