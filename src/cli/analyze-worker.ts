import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { AnalyzeBuilder } from './analyze-builder';
import { AnalyzeRenderer } from './analyze-renderer';
import type { FromWorker, PeerWrite, ToBuilder, ToRenderer } from './analyze-thread-messages';

// The entry of `migrate analyze`'s worker threads, which come in pairs (see analyze-threads.ts):
// a builder (analyze-builder.ts: parse, graphs) and a renderer (analyze-renderer.ts: reports,
// writing), joined by a message port of their own.

/** What a worker thread is started with. */
export interface AnalyzeWorkerData {
  readonly role: 'analyze-builder' | 'analyze-renderer';
  /** The builder's port to its renderer, or the renderer's port from its builder. */
  readonly peer: MessagePort;
}

if (!isMainThread && parentPort !== null) {
  const data = workerData as Partial<AnalyzeWorkerData> | null;
  const port = parentPort;
  // Any failure goes to the main thread, which runs the whole analysis again on one thread and
  // reports it the way a one-thread run would.
  const failed = (err: unknown): void => {
    port.postMessage({ type: 'failed', message: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) } satisfies FromWorker);
  };
  const guarded = <T>(step: (message: T) => void) => (message: T): void => {
    try {
      step(message);
    } catch (err) {
      failed(err);
    }
  };
  if (data?.role === 'analyze-builder' && data.peer !== undefined) {
    const builder = new AnalyzeBuilder(port, data.peer);
    port.on('message', guarded((m: ToBuilder) => builder.handle(m)));
    data.peer.on('message', guarded((m: Extract<PeerWrite, { type: 'write-part' }>) => builder.fromRenderer(m)));
  } else if (data?.role === 'analyze-renderer' && data.peer !== undefined) {
    const renderer = new AnalyzeRenderer(port, data.peer);
    port.on('message', guarded((m: Extract<ToRenderer, { type: 'render' | 'write' }>) => renderer.handle(m)));
    data.peer.on('message', guarded((m: Extract<ToRenderer, { type: 'graphs' | 'end' }> | Extract<PeerWrite, { type: 'written-part' }>) => renderer.fromBuilder(m)));
  }
}
