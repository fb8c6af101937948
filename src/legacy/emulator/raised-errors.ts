import type { Expression, Raiserror, Throw } from '../../tsql';
import { raiserrorMessage, UnsupportedFormat, type RaiserrorArgument } from './raiserror-format';
import { evalScalar } from './runtime';
import { TsqlRuntimeError, type EmulatorState, type Flow } from './state';

/** RAISERROR: severity 0-10 is a message; 11 and above an error that CATCH sees. */
export async function raiserror(state: EmulatorState, r: Raiserror): Promise<void> {
  if (r.legacy) throw state.unsupported(r, 'the old RAISERROR n \'msg\' form');
  const [msgE, sevE, stateE, ...args] = r.args;
  if (msgE === undefined || sevE === undefined) throw state.unsupported(r, 'RAISERROR without message and severity');
  if (msgE.kind === 'Literal' && msgE.literalType === 'integer') throw state.unsupported(r, 'RAISERROR with a message number (sys.messages)');
  const template = (await evalScalar(state, msgE)).value ?? '';
  const severity = Number((await evalScalar(state, sevE)).value ?? 16);
  const st = stateE === undefined ? 1 : Number((await evalScalar(state, stateE)).value ?? 1);
  const values: RaiserrorArgument[] = [];
  for (const a of args) {
    const { value, fragment } = await evalScalar(state, a);
    values.push({ value, kind: value === null ? 'null' : fragment.family === 'integer' ? (/^(BIGINT|HUGEINT)$/i.test(fragment.duckType ?? '') ? 'bigint' : 'int') : fragment.family === 'string' ? 'text' : 'other' });
  }
  let message: string;
  try {
    message = raiserrorMessage(template, values);
  } catch (err) {
    if (err instanceof UnsupportedFormat) throw state.unsupported(r, err.message);
    throw err;
  }
  if (severity <= 10) {
    state.messages.push(message);
    return;
  }
  throw new TsqlRuntimeError({ number: 50000, message, severity, state: st, line: state.tsqlLine(r.span), procedure: state.procedureName }, { location: state.locate(r.span), raiserror: true });
}

/** THROW: with arguments a new error (severity 16); without, the CATCH block's error again. */
export async function throwError(state: EmulatorState, t: Throw): Promise<Flow> {
  if (t.args.length === 0) {
    const e = state.caught[state.caught.length - 1];
    if (e === undefined) throw state.unsupported(t, 'THROW without arguments outside a CATCH block');
    throw new TsqlRuntimeError(e, { location: state.locate(t.span) });
  }
  const [n, m, s] = t.args as Expression[];
  const number = Number((await evalScalar(state, n as Expression)).value);
  const message = (await evalScalar(state, m as Expression)).value ?? '';
  const st = Number((await evalScalar(state, s as Expression)).value);
  throw new TsqlRuntimeError({ number, message, severity: 16, state: st, line: state.tsqlLine(t.span), procedure: state.procedureName }, { location: state.locate(t.span) });
}
