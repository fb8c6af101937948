import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { bufferView, commitStaged, MigrateError, UsageError, writeGeneratedBytes, type ErrorLocation, type GeneratedWrite, type StagedFile } from '../core';

/** One report to write: its body (text, or its UTF-8 bytes) carries `placeholder` where the
 * stamp goes. */
interface WriteRequest {
  readonly path: string;
  readonly body: string | Uint8Array;
  readonly placeholder: string;
  readonly force: boolean;
}

/** A request as it crosses to the writer thread: the body as UTF-8 bytes whose buffer is
 * transferred, not copied (cloning a string costs the rendering thread as much as rendering
 * the JSON report did). */
interface PostedRequest extends Omit<WriteRequest, 'body'> {
  readonly bytes: Uint8Array;
}

/** What the writing thread sends back for each request, in request order: plain data, so it
 * crosses between threads. */
export interface WriteReply {
  readonly outcome?: GeneratedWrite;
  readonly error?: { readonly code: string; readonly message: string; readonly location?: ErrorLocation; readonly hint?: string };
}

/** The stamped write of one report, with core's writeGeneratedFile contract (atomic, and a
 * file someone edited is kept unless `force`), on the report's UTF-8 bytes. */
function writeReport(request: WriteRequest): GeneratedWrite {
  const { path, body, placeholder, force } = request;
  return writeGeneratedBytes(path, typeof body === 'string' ? Buffer.from(body, 'utf8') : bufferView(body), placeholder, force);
}

/**
 * Writes one report (body with `placeholder` where the stamp goes; UTF-8 bytes are stamped in
 * place, so the caller gives them up) as analyze does on any thread: atomic, a file someone
 * edited kept unless `force`; a failure comes back as data, never thrown, so one report that
 * cannot be written never stops the others.
 */
export function writeReportReply(path: string, body: string | Uint8Array, placeholder: string, force: boolean): WriteReply {
  return replyTo({ path, body, placeholder, force });
}

/** Gives a report staged ahead (see staged-files.ts) its file name, with the same outcomes and
 * the same failures as {@link writeReportReply} writing it there. */
export function commitReportReply(path: string, staged: StagedFile, force: boolean): WriteReply {
  return replyOf(path, () => commitStaged(path, staged, force));
}

function replyTo(request: WriteRequest): WriteReply {
  return replyOf(request.path, () => writeReport(request));
}

function replyOf(path: string, write: () => GeneratedWrite): WriteReply {
  try {
    return { outcome: write() };
  } catch (err) {
    if (err instanceof MigrateError) return { error: { code: err.code, message: err.message, location: err.location, hint: err.hint } };
    return { error: { code: 'IO_WRITE', message: `cannot write ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, location: { file: path } } };
  }
}

// A worker thread running this module writes what it is sent, one request after another.
if (!isMainThread && parentPort !== null && (process.env.TSQL_MIGRATE_WORKER ?? '') === 'report-writer') {
  const port = parentPort;
  port.on('message', ({ bytes, ...rest }: PostedRequest) => {
    port.postMessage(replyTo({ ...rest, body: bufferView(bytes) }));
  });
}

const encoder = new TextEncoder();

// A worker runs compiled JavaScript: under the TypeScript sources (tests) reports are
// written in the calling thread.
const canStartWorker = __filename.endsWith('.js');

/** A file written and what happened to it; `failed` with the error when it could not be
 * written (the other reports are written all the same). */
export type ReportOutcome =
  | { readonly path: string; readonly outcome: GeneratedWrite }
  | { readonly path: string; readonly outcome: 'failed'; readonly error: MigrateError };

/**
 * Writes generated reports on a second thread while the caller renders the next ones: on
 * thousands of reports the writes (kernel time) and the rendering (JavaScript) then overlap
 * instead of adding up. Requests are written in the order given, so two reports for one path
 * end as the sequential writer would leave them. Below `minForThread` reports (they wait for
 * `finish`), with `minForThread` Infinity, or without a compiled module to start a worker from
 * (tests running the TypeScript sources), it writes in the calling thread. `finish` resolves with
 * every outcome in request order; a report that cannot be written is a `failed` outcome carrying
 * its error, never the end of the other writes. Only a writer thread that dies rejects.
 */
export class ReportWriter {
  private readonly outcomes: ReportOutcome[] = [];
  private readonly queued: WriteRequest[] = [];
  private readonly inFlight: string[] = [];
  private worker: Worker | undefined;
  private failure: unknown;
  private finished: (() => void) | undefined;

  constructor(private readonly placeholder: string, private readonly force = false, private readonly minForThread = 64) {}

  /** Queues one report (text, or its UTF-8 bytes, which the writer then owns); it is written on
   * the writer thread, or by `finish` in this one. */
  write(path: string, body: string | Uint8Array): void {
    if (this.failure !== undefined) throw this.failure;
    const request = { path, body, placeholder: this.placeholder, force: this.force };
    if (this.worker !== undefined) {
      this.post(request);
      return;
    }
    if (!canStartWorker || this.minForThread === Infinity) {
      this.writeHere(request);
      return;
    }
    this.queued.push(request);
    if (this.queued.length >= this.minForThread) {
      this.worker = this.startWorker();
      for (const r of this.queued.splice(0)) this.post(r);
    }
  }

  /** Waits for every write; the outcomes come in request order. */
  async finish(): Promise<ReportOutcome[]> {
    for (const r of this.queued.splice(0)) this.writeHere(r);
    const worker = this.worker;
    if (worker !== undefined) {
      if (this.inFlight.length > 0 && this.failure === undefined) await new Promise<void>((resolve) => { this.finished = resolve; });
      await worker.terminate();
      if (this.failure !== undefined) throw this.failure;
    }
    return this.outcomes;
  }

  private writeHere(request: WriteRequest): void {
    this.outcomes.push(outcomeOf(request.path, replyTo(request)));
  }

  /** Stops the writer thread without waiting (after an error elsewhere), so it does not keep
   * the process alive. */
  close(): void {
    void this.worker?.terminate();
  }

  private startWorker(): Worker {
    const worker = new Worker(__filename, { env: { ...process.env, TSQL_MIGRATE_WORKER: 'report-writer' } });
    const fail = (err: unknown): void => {
      this.failure ??= err;
      this.finished?.();
    };
    worker.on('message', (reply: WriteReply) => {
      this.outcomes.push(outcomeOf(this.inFlight.shift() as string, reply));
      if (this.inFlight.length === 0) this.finished?.();
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (this.inFlight.length > 0) fail(new UsageError('IO_WRITE', `the report writer thread stopped (exit ${code}) before writing every report`));
    });
    return worker;
  }

  private post({ body, ...rest }: WriteRequest): void {
    this.inFlight.push(rest.path);
    // Bytes of their own to transfer: a Buffer may share its memory with others, which a
    // transfer would take, so only an array that is its whole buffer goes as it is.
    const bytes = typeof body === 'string' ? encoder.encode(body)
      : body.byteOffset === 0 && body.byteLength === body.buffer.byteLength && !Buffer.isBuffer(body) ? body : new Uint8Array(body);
    const posted: PostedRequest = { ...rest, bytes };
    (this.worker as Worker).postMessage(posted, [bytes.buffer as ArrayBuffer]);
  }
}

/** The outcome of one report from the reply of the thread that wrote it (the error rebuilt as a
 * UsageError with the same code, message, location and hint). */
export function outcomeOf(path: string, reply: WriteReply): ReportOutcome {
  if (reply.error === undefined) return { path, outcome: reply.outcome as GeneratedWrite };
  const e = reply.error;
  return { path, outcome: 'failed', error: new UsageError(e.code, e.message, { location: e.location, hint: e.hint }) };
}
