// One `--param` is one value. For a parameter of the procedure that a statement the run cannot
// compute reassigns (`SELECT @AsOf = MAX([Posted On]) FROM dbo.[Ledger Entry]`), run takes the
// --param as the value that statement leaves for the sections after it. Anything that reads the
// parameter as the caller gave it (a section before that statement, a value run computes from
// the caller's values, a guard clause the emulator answers) would read the same --param as the
// caller's value: the legacy run gave the two different values, and one side's rows would be
// plausibly wrong with exit 0. This keeps what each use of a given parameter stands for and stops
// the run (RUN_VALUE_AMBIGUOUS) at the first use that stands for another value.
import { SectionsError, type ErrorLocation } from '../core';

/** The statement at a line that assigns a parameter, as a message shows it. */
export interface AssignmentPlace {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The statement's first line as written, whitespace collapsed (`SELECT @AsOf = MAX([Posted On]) FROM …`). */
  readonly text: string;
  readonly location: ErrorLocation;
}

/** A reader of a --param value: a section, or a guard clause, and what value of the legacy run it stands for there. */
export interface GivenParameterUse {
  /** What reads it, for messages: a section id, or `the guard at f.sql:12:5 (IF @AsOf IS NULL)`. */
  readonly by: string;
  /** The section, when a section reads it (its hint names the section to declare the value in). */
  readonly section?: string;
  /** The line it reads from (a section's first line, its read after a between-lines assignment, the guard's IF). */
  readonly line: number;
  /** The line of the assignment whose value it reads; undefined: the caller's value. */
  readonly assignedAt?: number;
  /** A variable run computes from the caller's value and the section reads (`@MonthEnd`), when not the parameter itself. */
  readonly through?: string;
}

/** Tracks the uses of each --param of the procedure's own parameters (lower-case name without @). */
export class GivenParameterUses {
  private readonly uses = new Map<string, GivenParameterUse[]>();

  constructor(
    private readonly assignmentAt: (line: number) => AssignmentPlace | undefined,
    private readonly sectionAt: (line: number) => string | undefined,
  ) {}

  /** Records a use of `name` (as written), stopping the run when an earlier one stands for another value. */
  use(name: string, use: GivenParameterUse): void {
    const key = name.replace(/^@/, '').toLowerCase();
    const earlier = this.uses.get(key) ?? [];
    const other = earlier.find((u) => u.assignedAt !== use.assignedAt);
    if (other !== undefined) this.refuse(name, other, use);
    this.uses.set(key, [...earlier, use]);
  }

  private refuse(name: string, a: GivenParameterUse, b: GivenParameterUse): never {
    // the caller's side first, then the reassigned one
    const [caller, reassigned] = a.assignedAt === undefined || (b.assignedAt !== undefined && a.assignedAt < b.assignedAt) ? [a, b] : [b, a];
    const line = reassigned.assignedAt as number;
    const place = this.assignmentAt(line);
    const setter = this.sectionAt(line);
    const statement = place === undefined ? `line ${line}` : `\`${place.text}\` at ${place.file}:${place.line}:${place.column}`;
    const describe = (u: GivenParameterUse): string => {
      const via = u.through === undefined ? `reads ${name}` : `reads ${u.through}, which migrate run computes from ${name}`;
      if (u.assignedAt === undefined) return `${u.by} (line ${u.line}) ${via} as the caller gave it`;
      const other = this.assignmentAt(u.assignedAt);
      return `${u.by} (line ${u.line}) ${via} as ${u.assignedAt === line ? 'that statement' : other === undefined ? `line ${u.assignedAt}` : `\`${other.text}\` at ${other.file}:${other.line}:${other.column}`} leaves it`;
    };
    const hints = [
      ...(setter === undefined ? [] : [`declare ${name} in the values of ${setter}'s transform (values: { '${name}': { type: …, sql: (ctx) => \`SELECT …\` } }), so that run gives the sections after line ${line} the value it computes and --param ${name} stays the caller's value`]),
      `move line ${line} into the @lines of ${reassigned.section ?? 'the section that reads it after'} and compute ${name} there from its inputs`,
    ];
    throw new SectionsError('RUN_VALUE_AMBIGUOUS', `--param ${name} would stand for two values of the legacy run: ${statement}${setter === undefined ? '' : ` (in ${setter})`} reassigns ${name} from what migrate run cannot compute; ${describe(caller)}, and ${describe(reassigned)}: one --param gives both one value, so one of them would read a value the legacy run never gave it`, {
      ...(place === undefined ? {} : { location: place.location }),
      hint: hints.join('; or '),
    });
  }
}
