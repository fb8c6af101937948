import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { findPackageFile } from './package-files';

/** The outcome of checking one diagram's syntax. */
export interface MermaidValidation {
  readonly ok: boolean;
  /** Mermaid's parse error (first lines), when not ok. */
  readonly error?: string;
}

// Runs in a worker thread: mermaid is ESM-only and wants a global DOM. In a worker, a native
// import() works the same from our CommonJS build and from jest (whose module system cannot
// load mermaid's ESM dependencies, and which guards globals in ways jsdom trips over), and
// the jsdom globals never leak into the caller's process.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ready = (async () => {
  const { JSDOM } = require(workerData.jsdom);
  const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
  // mermaid sanitises every label with DOMPurify, which parses it into a new jsdom document;
  // each document's selector engine adds listeners to this window that are never removed, and
  // jsdom scans them all on every add, so checking took longer with every diagram checked
  // (quadratic: ~100 s of CPU for the test corpus's 800 diagrams, 15 s without). Parsing
  // dispatches no events, so the window takes none.
  dom.window.addEventListener = () => {};
  globalThis.window = dom.window;
  globalThis.document = dom.window.document;
  const mermaid = (await import(workerData.mermaid)).default;
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', maxTextSize: 500000, maxEdges: 5000 });
  return mermaid;
})();
parentPort.on('message', async ({ id, text }) => {
  try {
    const mermaid = await ready;
    await mermaid.parse(text);
    parentPort.postMessage({ id, ok: true });
  } catch (err) {
    parentPort.postMessage({ id, ok: false, error: String((err && err.message) || err) });
  }
});
`;

interface Pending {
  readonly resolve: (v: MermaidValidation) => void;
}

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

function startWorker(): Worker {
  const w = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      jsdom: findPackageFile('jsdom', 'lib/api.js'),
      mermaid: pathToFileURL(findPackageFile('mermaid', 'dist/mermaid.core.mjs')).href,
    },
  });
  w.on('message', (m: { id: number; ok: boolean; error?: string }) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (pending.size === 0) w.unref();
    p?.resolve(m.ok ? { ok: true } : { ok: false, error: (m.error ?? 'unknown error').split('\n').slice(0, 4).join('\n') });
  });
  w.on('error', (err) => failAll(`mermaid validator failed: ${err.message}`));
  w.on('exit', () => {
    if (worker === w) worker = undefined;
    failAll('mermaid validator stopped');
  });
  w.unref();
  return w;
}

function failAll(error: string): void {
  for (const [id, p] of pending) {
    pending.delete(id);
    p.resolve({ ok: false, error });
  }
}

/**
 * Checks a diagram with mermaid's own parser under jsdom, no browser (~10 ms per diagram
 * after a one-off half-second load in a worker thread). Returns `{ ok: false, error }` instead
 * of throwing, so a caller can report every bad diagram at once. The worker does not keep the
 * process alive when idle.
 */
export function validateMermaid(text: string): Promise<MermaidValidation> {
  worker ??= startWorker();
  const w = worker;
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, { resolve });
    w.ref();
    w.postMessage({ id, text });
  });
}

/** Stops the validator's worker thread (tests call it in afterAll). */
export async function closeMermaidValidator(): Promise<void> {
  const w = worker;
  worker = undefined;
  if (w) await w.terminate();
}
