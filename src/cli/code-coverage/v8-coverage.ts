import { Session } from 'node:inspector/promises';
import { fileURLToPath } from 'node:url';

/** A block of a script V8 counted: byte offsets in the script and how often it ran. */
export interface CoverageRange {
  readonly startOffset: number;
  readonly endOffset: number;
  readonly count: number;
}

/** One script's coverage as V8 reports it, with the script text the offsets refer to. */
export interface ScriptCoverage {
  readonly file: string;
  readonly source: string;
  readonly ranges: readonly CoverageRange[];
}

interface V8ScriptCoverage {
  readonly scriptId: string;
  readonly url: string;
  readonly functions: readonly { readonly ranges: readonly CoverageRange[] }[];
}

/**
 * Runs `body` with V8's precise (block) coverage switched on through the in-process inspector
 * and returns the coverage of the scripts `wanted` selects by file path. No instrumentation and
 * no dependency: V8 counts, and the script sources come from the debugger that parsed them.
 */
export async function collectV8Coverage<T>(wanted: (file: string) => boolean, body: () => Promise<T>): Promise<{ value: T; scripts: ScriptCoverage[] }> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Debugger.enable');
    await session.post('Profiler.enable');
    await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
    const value = await body();
    const { result } = await session.post('Profiler.takePreciseCoverage') as unknown as { result: V8ScriptCoverage[] };
    await session.post('Profiler.stopPreciseCoverage');
    const scripts: ScriptCoverage[] = [];
    for (const s of result) {
      const file = s.url.startsWith('file:') ? fileURLToPath(s.url) : s.url;
      if (!file || !wanted(file)) continue;
      const { scriptSource } = await session.post('Debugger.getScriptSource', { scriptId: s.scriptId }) as unknown as { scriptSource: string };
      scripts.push({ file, source: scriptSource, ranges: s.functions.flatMap((f) => f.ranges) });
    }
    return { value, scripts };
  } finally {
    session.disconnect();
  }
}
