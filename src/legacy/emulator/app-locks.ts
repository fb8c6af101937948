import type { Execute, Expression } from '../../tsql';
import { evalScalar, slotOf } from './runtime';
import type { EmulatorState } from './state';

// sp_getapplock / sp_releaseapplock (their pages): an application lock on a named resource, held
// by the session or by the open transaction (released when it commits or rolls back). A capture
// is one session with nothing else running, so a request is granted at once: return code 0, as
// SQL Server gives it uncontended (1, -1, -2, -3 need another session, which no baseline holds).
// What would fail with -999 and an error (a Transaction lock outside a transaction, releasing a
// lock not held, a mode or owner SQL Server rejects) is refused where called: those errors'
// texts are not documented.

const GET_PARAMETERS = ['@resource', '@lockmode', '@lockowner', '@locktimeout', '@dbprincipal'] as const;
const RELEASE_PARAMETERS = ['@resource', '@lockowner', '@dbprincipal'] as const;
const LOCK_MODES = ['Shared', 'Update', 'IntentShared', 'IntentExclusive', 'Exclusive'];
const OWNERS = ['Transaction', 'Session'];

/** The locks each run holds, by owner and resource (compared as written: the pages say binary). */
const held = new WeakMap<EmulatorState, Map<string, number>>();

function locks(state: EmulatorState): Map<string, number> {
  let m = held.get(state);
  if (m === undefined) held.set(state, (m = new Map()));
  return m;
}

/** The arguments by parameter name (positional ones in the documented order), evaluated. */
async function argumentsOf(state: EmulatorState, e: Execute, procedure: string, names: readonly string[]): Promise<Map<string, string | null>> {
  const given = new Map<string, Expression>();
  e.args.forEach((arg, position) => {
    const name = arg.name?.toLowerCase() ?? names[position];
    if (name === undefined || !names.includes(name)) throw state.unsupported(arg, `an argument ${arg.name ?? `#${position + 1}`} that ${procedure} does not declare`);
    if (arg.output) throw state.unsupported(arg, `${procedure}'s ${arg.name ?? name} as OUTPUT`);
    if (arg.value !== undefined && !arg.default) given.set(name, arg.value);
  });
  const values = new Map<string, string | null>();
  for (const [name, value] of given) values.set(name, (await evalScalar(state, value)).value);
  return values;
}

/** The owner named (default Transaction), refused unless it is one SQL Server documents. */
function ownerOf(state: EmulatorState, e: Execute, procedure: string, args: Map<string, string | null>): string {
  const owner = args.has('@lockowner') ? args.get('@lockowner') : 'Transaction';
  // spelled as the page spells them: whether SQL Server takes another case is not documented
  if (owner === null || owner === undefined || !OWNERS.includes(owner)) throw state.unsupported(e, `${procedure} with @LockOwner ${owner === null || owner === undefined ? 'NULL' : `'${owner}'`} (the owners 'Transaction' and 'Session', spelled so, are emulated)`);
  return owner;
}

function principalChecked(state: EmulatorState, e: Execute, procedure: string, args: Map<string, string | null>): void {
  const principal = args.get('@dbprincipal');
  if (principal !== undefined && principal?.toLowerCase() !== 'public') throw state.unsupported(e, `${procedure} with @DbPrincipal ${principal === null ? 'NULL' : `'${principal}'`} (only the default, public, is emulated: another needs that principal's membership)`);
}

function resourceOf(state: EmulatorState, e: Execute, procedure: string, args: Map<string, string | null>): string {
  const resource = args.get('@resource');
  if (resource === undefined || resource === null) throw state.unsupported(e, `${procedure} without a @Resource (SQL Server fails the call with -999)`);
  // nvarchar(255): a longer name is cut (the page)
  return resource.slice(0, 255);
}

function transactionRequired(state: EmulatorState, e: Execute, procedure: string, owner: string): void {
  if (owner === 'Transaction' && state.tranCount === 0) {
    throw state.unsupported(e, `${procedure} with @LockOwner 'Transaction' outside a transaction (SQL Server fails the call with -999 and an error; BEGIN TRANSACTION first, or use @LockOwner = 'Session')`);
  }
}

/** `EXEC @rc = sp_getapplock @Resource = …, @LockMode = …[, @LockOwner = …][, @LockTimeout = …]`. */
export async function getAppLock(state: EmulatorState, e: Execute): Promise<void> {
  const procedure = 'sp_getapplock';
  const args = await argumentsOf(state, e, procedure, GET_PARAMETERS);
  const resource = resourceOf(state, e, procedure, args);
  const mode = args.get('@lockmode');
  if (mode === undefined || mode === null || !LOCK_MODES.includes(mode)) {
    throw state.unsupported(e, `sp_getapplock with @LockMode ${mode === undefined ? '(none)' : mode === null ? 'NULL' : `'${mode}'`} (the modes ${LOCK_MODES.map((m) => `'${m}'`).join(', ')}, spelled so, are emulated)`);
  }
  const owner = ownerOf(state, e, procedure, args);
  principalChecked(state, e, procedure, args);
  transactionRequired(state, e, procedure, owner);
  const key = `${owner}\u0000${resource}`;
  locks(state).set(key, (locks(state).get(key) ?? 0) + 1);
  if (e.returnVariable !== undefined) slotOf(state, e.returnVariable).value = '0';
}

/** `EXEC @rc = sp_releaseapplock @Resource = …[, @LockOwner = …]`: 0 for a lock held, else refused. */
export async function releaseAppLock(state: EmulatorState, e: Execute): Promise<void> {
  const procedure = 'sp_releaseapplock';
  const args = await argumentsOf(state, e, procedure, RELEASE_PARAMETERS);
  const resource = resourceOf(state, e, procedure, args);
  const owner = ownerOf(state, e, procedure, args);
  principalChecked(state, e, procedure, args);
  transactionRequired(state, e, procedure, owner);
  const key = `${owner}\u0000${resource}`;
  const count = locks(state).get(key) ?? 0;
  if (count === 0) throw state.unsupported(e, `sp_releaseapplock of '${resource}' (${owner}), which this run does not hold (SQL Server fails the call with -999 and error 1223)`);
  if (count === 1) locks(state).delete(key); else locks(state).set(key, count - 1);
  if (e.returnVariable !== undefined) slotOf(state, e.returnVariable).value = '0';
}

/** A transaction ended (COMMIT of the outermost, ROLLBACK): its application locks go with it. */
export function releaseTransactionAppLocks(state: EmulatorState): void {
  const m = held.get(state);
  if (m === undefined) return;
  for (const key of [...m.keys()]) if (key.startsWith('Transaction\u0000')) m.delete(key);
}

/** Whether `name` (normalised, `dbo.sp_getapplock` / `sys.sp_getapplock`) is one of these two. */
export function appLockProcedure(name: string): 'get' | 'release' | undefined {
  if (/^(?:sys|dbo)\.sp_getapplock$/i.test(name)) return 'get';
  if (/^(?:sys|dbo)\.sp_releaseapplock$/i.test(name)) return 'release';
  return undefined;
}
