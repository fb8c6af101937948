import { LegacyError } from '../core';

/** What `mssql` needs to connect, parsed from MIGRATE_MSSQL_URL (never from flags). */
export interface MssqlConnection {
  readonly kind: 'mssql-connection';
  readonly server: string;
  readonly port: number;
  readonly database: string | undefined;
  readonly user: string | undefined;
  readonly password: string | undefined;
  readonly encrypt: boolean;
  readonly trustServerCertificate: boolean;
  /** Request timeout in ms (`?requestTimeout=`); long procedures need more than mssql's 15 s. */
  readonly requestTimeout: number;
}

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off']);

/**
 * Parses `mssql://user[:password]@host[:port]/database?encrypt=true&trustServerCertificate=true`.
 * The password may instead come from `passwordFromEnv` (MIGRATE_MSSQL_PASSWORD), which wins, so
 * it need not appear in a URL that shells and CI logs might show. Errors never echo the password.
 */
export function parseMssqlUrl(url: string, passwordFromEnv?: string): MssqlConnection {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new LegacyError('MSSQL_URL', `MIGRATE_MSSQL_URL is not a valid URL: ${redactUrl(url)}`, {
      hint: 'expected mssql://user@host:1433/database?encrypt=true (password in MIGRATE_MSSQL_PASSWORD)',
    });
  }
  if (parsed.protocol !== 'mssql:' && parsed.protocol !== 'sqlserver:') {
    throw new LegacyError('MSSQL_URL', `MIGRATE_MSSQL_URL must start with mssql:// (found ${parsed.protocol}//)`, {
      hint: 'expected mssql://user@host:1433/database?encrypt=true',
    });
  }
  if (parsed.hostname === '') {
    throw new LegacyError('MSSQL_URL', `MIGRATE_MSSQL_URL has no host: ${redactUrl(url)}`);
  }
  const port = parsed.port === '' ? 1433 : Number(parsed.port);
  const database = decodeURIComponent(parsed.pathname.replace(/^\/+/, '')) || undefined;
  const flag = (name: string, fallback: boolean): boolean => {
    const raw = findParam(parsed.searchParams, name);
    if (raw === undefined) return fallback;
    const v = raw.toLowerCase();
    if (TRUE.has(v)) return true;
    if (FALSE.has(v)) return false;
    throw new LegacyError('MSSQL_URL', `MIGRATE_MSSQL_URL: ${name}=${raw} is not a boolean (expected true or false)`);
  };
  const timeoutRaw = findParam(parsed.searchParams, 'requestTimeout');
  const requestTimeout = timeoutRaw === undefined ? 600_000 : Number(timeoutRaw);
  if (!Number.isFinite(requestTimeout) || requestTimeout <= 0) {
    throw new LegacyError('MSSQL_URL', `MIGRATE_MSSQL_URL: requestTimeout=${timeoutRaw} is not a positive number of milliseconds`);
  }
  const urlPassword = parsed.password === '' ? undefined : decodeURIComponent(parsed.password);
  return {
    kind: 'mssql-connection',
    server: parsed.hostname.replace(/^\[|\]$/g, ''),
    port,
    database,
    user: parsed.username === '' ? undefined : decodeURIComponent(parsed.username),
    password: passwordFromEnv !== undefined && passwordFromEnv !== '' ? passwordFromEnv : urlPassword,
    encrypt: flag('encrypt', true),
    trustServerCertificate: flag('trustServerCertificate', false),
    requestTimeout,
  };
}

function findParam(params: URLSearchParams, name: string): string | undefined {
  for (const [k, v] of params) if (k.toLowerCase() === name.toLowerCase()) return v;
  return undefined;
}

/**
 * Replaces the password of every URL-looking credential in `text` with `***`, and any
 * `password=`/`pwd=` pair too, so no message, log or report ever carries a secret.
 */
export function redactUrl(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text.replace(/([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*):([^@\s/]*)@/gi, '$1:***@');
  out = out.replace(/\b(password|pwd)=([^;&\s]*)/gi, '$1=***');
  for (const s of secrets) {
    if (s !== undefined && s.length >= 3) out = out.split(s).join('***');
  }
  return out;
}

/** A safe one-line description of a connection for messages: user@host:port/db, no password. */
export function describeConnection(c: MssqlConnection): string {
  return `${c.user === undefined ? '' : `${c.user}@`}${c.server}:${c.port}${c.database === undefined ? '' : `/${c.database}`}`;
}
