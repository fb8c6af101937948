/*
 * System procedures whose effect leaves the database: mail handed to Database Mail, an operator
 * paged, a SQL Agent job started, a shell command, an OLE object. No rollback undoes them, no
 * table holds them, and a set-based rewrite of the procedure does not do them: the emulator
 * refuses them, `capture --engine mssql` will not run them unasked, and a proposed section that
 * holds one says so.
 */
const EXTERNAL = /^(?:\[?[^.]*\]?\.)*\[?(sp_send_dbmail|xp_sendmail|sp_notify_operator|sp_start_job|xp_cmdshell|sp_oacreate|sp_oamethod)\]?$/i;

const EFFECT: Readonly<Record<string, string>> = {
  sp_send_dbmail: 'sends mail', xp_sendmail: 'sends mail', sp_notify_operator: 'pages an operator', sp_start_job: 'starts a SQL Agent job',
  xp_cmdshell: 'runs a shell command', sp_oacreate: 'creates an OLE object', sp_oamethod: 'calls an OLE object',
};

/** What the procedure named `name` (as written, one to four parts) does outside the database, or undefined for any other procedure. */
export function externalEffectOf(name: string): string | undefined {
  const m = EXTERNAL.exec(name.trim());
  return m === null ? undefined : EFFECT[(m[1] as string).toLowerCase()];
}
