import type { Execute, Expression, Variable } from '../../tsql';
import { assignText, evalScalar, runSql } from './runtime';
import { createdSequence } from './sequences';
import type { EmulatorState } from './state';
import { objectKey } from './catalog';

// sys.sp_sequence_get_range reserves range_size values of a sequence at once (a batch of ids
// handed out by the caller): the first is the sequence's next value, the sequence moves on past
// the last, and the OUTPUT parameters give the first and last values (sql_variant of the
// sequence's type), the cycle count and the sequence's increment and limits. A range that would
// pass MINVALUE/MAXVALUE (SQL Server raises an error, or wraps a CYCLE sequence, counting cycles)
// is refused, as is one too large to draw here.

/** The documented parameters, in their positional order. */
const PARAMETERS = ['@sequence_name', '@range_size', '@range_first_value', '@range_last_value', '@range_cycle_count', '@sequence_increment', '@sequence_min_value', '@sequence_max_value'] as const;

/** Ranges drawn one value at a time in DuckDB (its sequences cannot be moved on in one step). */
const LARGEST_RANGE = 10_000_000n;

/** Splits `[dbo].[Order No]`, `dbo.seq` or `seq` into its name parts (brackets and quotes undone). */
function nameParts(text: string): { name: string }[] {
  const parts: { name: string }[] = [];
  const re = /\s*(?:\[((?:[^\]]|\]\])*)\]|"((?:[^"]|"")*)"|([^.[\]"]+))\s*(?:\.|$)/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < text.length && (m = re.exec(text)) !== null) {
    parts.push({ name: m[1] !== undefined ? m[1].replace(/\]\]/g, ']') : m[2] !== undefined ? m[2].replace(/""/g, '"') : (m[3] ?? '').trim() });
  }
  return parts;
}

/** `EXEC sys.sp_sequence_get_range @sequence_name = N'…', @range_size = n, @range_first_value = @v OUTPUT, …`. */
export async function sequenceGetRange(state: EmulatorState, e: Execute): Promise<void> {
  const given = new Map<string, { value: Expression; output: boolean }>();
  let position = 0;
  for (const arg of e.args) {
    const name = arg.name?.toLowerCase() ?? PARAMETERS[position];
    position++;
    if (name === undefined || !(PARAMETERS as readonly string[]).includes(name)) throw state.unsupported(arg, `an argument ${arg.name ?? `#${position}`} that sp_sequence_get_range does not declare`);
    if (arg.value !== undefined && !arg.default) given.set(name, { value: arg.value, output: arg.output });
  }
  const nameArg = given.get('@sequence_name');
  const sizeArg = given.get('@range_size');
  if (nameArg === undefined || sizeArg === undefined) throw state.unsupported(e, 'sp_sequence_get_range without @sequence_name and @range_size (SQL Server requires both)');
  const written = (await evalScalar(state, nameArg.value)).value;
  const sizeText = (await evalScalar(state, sizeArg.value)).value;
  if (written === null || sizeText === null) throw state.unsupported(e, 'sp_sequence_get_range of a NULL sequence name or range size');
  const sequence = createdSequence(state, objectKey(nameParts(written)));
  if (sequence === undefined) throw state.unsupported(e, `sp_sequence_get_range of ${written} (no CREATE SEQUENCE for it in the loaded scripts)`);
  if ('problem' in sequence) throw state.unsupported(e, `sp_sequence_get_range of ${written}: ${sequence.problem}`);
  if (!/^[-+]?\d+$/.test(sizeText.trim())) throw state.unsupported(e, `sp_sequence_get_range with the range size ${sizeText} (not a whole number)`);
  const size = BigInt(sizeText.trim());
  if (size <= 0n) throw state.unsupported(e, `sp_sequence_get_range with the range size ${size} (SQL Server raises an error for a size below 1)`);
  if (size > LARGEST_RANGE) throw state.unsupported(e, `sp_sequence_get_range of ${size} values (the emulator draws at most ${LARGEST_RANGE} at once)`);
  if (sequence.cycle) throw state.unsupported(e, `sp_sequence_get_range of the CYCLE sequence ${written} (a range may wrap, with a cycle count)`);
  const literal = `'${sequence.duckName.replace(/'/g, "''")}'`;
  const firstRows = await runSql(state, `SELECT CAST(nextval(${literal}) AS VARCHAR) AS v`, [], e.span);
  const first = BigInt(String(firstRows[0]?.v));
  const last = first + (size - 1n) * sequence.increment;
  if (last > sequence.max || last < sequence.min) {
    throw state.unsupported(e, `sp_sequence_get_range of ${size} values from ${first} of ${written}, past its ${sequence.increment > 0n ? `MAXVALUE ${sequence.max}` : `MINVALUE ${sequence.min}`} (SQL Server raises an error; not emulated)`);
  }
  if (size > 1n) await runSql(state, `SELECT count(nextval(${literal})) AS n FROM range(${size - 1n})`, [], e.span);
  const outputs: Record<string, string> = {
    '@range_first_value': String(first),
    '@range_last_value': String(last),
    '@range_cycle_count': '0',
    '@sequence_increment': String(sequence.increment),
    '@sequence_min_value': String(sequence.min),
    '@sequence_max_value': String(sequence.max),
  };
  for (const [name, text] of Object.entries(outputs)) {
    const arg = given.get(name);
    if (arg === undefined || !arg.output) continue;
    if (arg.value.kind !== 'Variable') throw state.unsupported(e, `sp_sequence_get_range's ${name} OUTPUT given something other than a variable`);
    // the values are of the sequence's type (the cycle count an int)
    await assignText(state, arg.value as Variable, text, 'integer', name === '@range_cycle_count' ? 'INTEGER' : sequence.duckType, e.span);
  }
}
