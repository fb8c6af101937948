// Line ranges of a procedure as a person reads them in a message or a scenario's description.

/** Line ranges as a person reads them: `5-7, 9-13`. */
export function linesText(lines: readonly { readonly start: number; readonly end: number }[], section: readonly { readonly start: number }[] = []): string {
  // the statements before a section are one stretch of the procedure, its first and last line,
  // split where a DECLARE the section begins with stands among them (leading-declares.ts)
  const stretches: { start: number; end: number }[] = [];
  for (const r of lines) {
    const open = stretches[stretches.length - 1];
    if (open !== undefined && !section.some((x) => x.start > open.end && x.start < r.start)) open.end = r.end;
    else stretches.push({ start: r.start, end: r.end });
  }
  return stretches.map((x) => x.start === x.end ? String(x.start) : `${x.start}-${x.end}`).join(', ');
}
