/** The feature text with every Then data table cut to its header (the rows a person would write). */
export function withoutThenRows(text: string): string {
  const out: string[] = [];
  let inThen = false;
  let header = false;
  for (const line of text.split('\n')) {
    const step = /^\s*(Given|When|Then|And|But)\b/.exec(line)?.[1];
    if (step) {
      if (step !== 'And' && step !== 'But') inThen = step === 'Then';
      header = false;
      // a Then scalar's value is a hand-written row too
      out.push(inThen ? line.replace(/^(\s*\w+\s+scalar\s+\S+\s*=\s*).*$/, '$1TODO') : line);
      continue;
    }
    if (inThen && /^\s*\|/.test(line)) {
      if (!header) { header = true; out.push(line); }
      continue;
    }
    out.push(line);
  }
  return out.join('\n');
}
