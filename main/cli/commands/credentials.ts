// `pipewright credentials set|list|delete`: the workspace's credentials from the terminal (DESIGN.md §6).
// Definitions go to <workspace>/credentials.json; the secret goes to the secret store the environment
// picks (main/credentials/open-vault.ts) and is read from stdin or a hidden prompt, never from an
// argument. Options that look like a secret exist only to refuse them without echoing the value.
import { Command, Option } from 'commander';
import { credentialDefinitionSchema, credentialTypes, secretFieldOf, type CredentialDefinition, type CredentialType } from '../../../shared/credentials/definition.js';
import { PipewrightError } from '../../../shared/errors.js';
import { plainErrorMap } from '../../../shared/flow/issues.js';
import { shortSecretWarning } from '../../../shared/credentials/short-secret.js';
import { secretVariableOf } from '../../credentials/environment-store.js';
import type { WorkspaceVault } from '../../credentials/vault.js';
import { EXIT, type CliContext } from '../context.js';
import { PREFIX, oneLine } from '../format/problems.js';
import { table } from '../format/table.js';
import { readSecret } from '../prompt/read-secret.js';
import type { Runner } from '../runner.js';

/** The non-secret field each option sets, per type; anything else given for a type is a mistake. */
const FIELD_OPTIONS = {
  in: { option: '--in', field: 'in', types: ['apiKey'] },
  paramName: { option: '--param-name', field: 'name', types: ['apiKey'] },
  prefix: { option: '--prefix', field: 'prefix', types: ['apiKey'] },
  username: { option: '--username', field: 'username', types: ['basic'] },
  tokenUrl: { option: '--token-url', field: 'tokenUrl', types: ['oauth2ClientCredentials'] },
  clientId: { option: '--client-id', field: 'clientId', types: ['oauth2ClientCredentials'] },
  scope: { option: '--scope', field: 'scope', types: ['oauth2ClientCredentials'] },
  audience: { option: '--audience', field: 'audience', types: ['oauth2ClientCredentials'] },
  clientAuth: { option: '--client-auth', field: 'clientAuth', types: ['oauth2ClientCredentials'] },
  host: { option: '--host', field: 'host', types: ['postgres'] },
  port: { option: '--port', field: 'port', types: ['postgres'] },
  database: { option: '--database', field: 'database', types: ['postgres'] },
  user: { option: '--user', field: 'user', types: ['postgres'] },
  ssl: { option: '--ssl', field: 'ssl', types: ['postgres'] },
} as const satisfies Record<string, { option: string; field: string; types: readonly CredentialType[] }>;

type FieldOptions = { [K in keyof typeof FIELD_OPTIONS]?: string };
const SECRET_OPTIONS = ['secret', 'password', 'token', 'key', 'apiKey', 'clientSecret', 'value'] as const;
type SetOptions = FieldOptions & { type?: CredentialType; keepSecret?: boolean; allowedHost?: string[] } & { [K in (typeof SECRET_OPTIONS)[number]]?: string };

/** How to pipe the secret of this credential, for messages. */
function pipeHint(name: string, type: CredentialType | undefined): string {
  return `\`printf %s "$SECRET" | pipewright credentials set ${name} --type ${type ?? 'TYPE'}\``;
}

export function registerCredentials(program: Command, runner: Runner): void {
  const credentials = program.command('credentials').description("manage the workspace's credentials (secrets stay in the keychain or the encrypted file)");
  const set = credentials
    .command('set')
    .description('add or change a credential; the secret is read from stdin or a hidden prompt')
    .argument('<name>', 'credential name, as flows refer to it ("credential": NAME)')
    .addOption(new Option('-t, --type <type>', 'credential type (required for a new credential)').choices(credentialTypes))
    .addOption(new Option('--in <where>', 'apiKey: send the key in a header or a query parameter').choices(['header', 'query']))
    .option('--param-name <name>', 'apiKey: the header or query parameter name, e.g. X-API-Key')
    .option('--prefix <text>', 'apiKey: text before the key in the header, e.g. "Token "')
    .option('--username <user>', 'basic: the user name')
    .option('--token-url <url>', 'oauth2ClientCredentials: the token endpoint')
    .option('--client-id <id>', 'oauth2ClientCredentials: the client id')
    .option('--scope <scopes>', 'oauth2ClientCredentials: space-separated scopes')
    .option('--audience <audience>', 'oauth2ClientCredentials: the audience some providers ask for')
    .addOption(new Option('--client-auth <how>', 'oauth2ClientCredentials: client id and secret in a basic header or the form body').choices(['basic', 'body']))
    .option('--host <host>', 'postgres: the server\'s host name or address')
    .option('--port <port>', 'postgres: the server\'s port (default 5432)')
    .option('--database <name>', 'postgres: the database to connect to')
    .option('--user <name>', 'postgres: the user to connect as (the password is the secret)')
    .addOption(new Option('--ssl <mode>', 'postgres: TLS off, required, or required and verified').choices(['disable', 'require', 'verify']))
    .option('--keep-secret', 'change only the fields; keep the stored secret')
    // DESIGN.md §6: the hosts the secret may be sent to; repeated, replaces the stored list.
    .option('--allowed-host <host>', 'HTTP types: a host the credential may be sent to (api.example.com, *.example.com); repeat for more; none = any host', (host: string, hosts: string[] = []) => [...hosts, host])
    .addHelpText(
      'after',
      [
        '',
        'The secret (API key, password, token or client secret) is never taken from the command line,',
        'where shell history and `ps` would keep it. Pipe it on stdin (one trailing newline is dropped):',
        '  printf %s "$TOKEN" | pipewright credentials set erp-api --type bearer',
        '  pipewright credentials set erp-basic --type basic --username ada < password.txt',
        '  pipewright credentials set erp-db --type postgres --host db.local --database erp --user app < password.txt',
        'or run it in a terminal and type it at the hidden prompt. Changing an existing credential keeps',
        'the fields you do not give.',
      ].join('\n'),
    );
  for (const name of SECRET_OPTIONS) set.addOption(new Option(`--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} <value>`).hideHelp());
  set.action((name: string, options: SetOptions, command: Command) => runner.run(command, (ctx) => setCredential(ctx, name, options)));

  credentials
    .command('list')
    .description('list the credentials: name, type, where the secret is and whether one is stored (never the secret)')
    .option('--json', 'print them as JSON')
    .action((options: { json?: boolean }, command: Command) => runner.run(command, (ctx) => listCredentials(ctx, options)));

  credentials
    .command('delete')
    .description('delete a credential: its definition and its stored secret')
    .argument('<name>', 'credential name')
    .action((name: string, _options: unknown, command: Command) => runner.run(command, (ctx) => deleteCredential(ctx, name)));
}

/** Loaded on demand, so that `--help` and other verbs never touch a secret store. */
async function openVault(ctx: CliContext): Promise<WorkspaceVault> {
  const { openCredentialVault } = await import('../../credentials/open-vault.js');
  return openCredentialVault(ctx.workspace);
}

async function setCredential(ctx: CliContext, name: string, options: SetOptions): Promise<number> {
  const given = SECRET_OPTIONS.find((key) => options[key] !== undefined);
  if (given) {
    throw new PipewrightError('USAGE', `secrets are never taken from the command line (shell history and \`ps\` would keep them): pipe the secret on stdin, e.g. ${pipeHint(name, options.type)}, or type it at the prompt`);
  }
  const vault = await openVault(ctx);
  const existing = vault.definition(name);
  const definition = definitionFrom(name, options, existing);
  if (options.keepSecret && existing && existing.type !== definition.type) {
    throw new PipewrightError('USAGE', `credential "${name}" changes type from ${existing.type} to ${definition.type}: the stored secret belongs to the old type, so give the new one instead of --keep-secret`);
  }
  if (options.keepSecret && !existing) throw new PipewrightError('USAGE', `--keep-secret changes an existing credential, and "${name}" is new: give its secret`);
  if (!options.keepSecret && vault.store.kind === 'environment') {
    throw new PipewrightError('USAGE', `secrets of this workspace come from the environment (PIPEWRIGHT_SECRET_STORE=environment): ${vault.howToSet(definition)}, and save the definition with --keep-secret`);
  }
  // Ask the store once before prompting: a locked keychain or a wrong file key fails before anyone types.
  if (!options.keepSecret) await vault.store.get(name).catch((error: unknown) => { throw asSavingFailure(error, name); });
  const secret = options.keepSecret ? undefined : await readSecret(`${secretFieldOf[definition.type].label} for ${name}`, pipeHint(name, definition.type));
  const saved = await vault.save(definition, secret);
  const where = secret === undefined ? 'secret unchanged' : `secret saved in ${describeStore(vault.store.kind)}`;
  ctx.terminal.out(`${existing ? 'updated' : 'added'} credential ${name} (${definition.type}): ${where}`);
  const short = shortSecretWarning(secret);
  if (short) ctx.terminal.err(`${PREFIX}: warning: ${name}: ${short}`);
  if (saved.store === 'environment' && vault.store.kind !== 'environment') {
    ctx.terminal.err(`${PREFIX}: note: ${secretVariableOf(name)} is set in the environment and wins over the stored secret while it is set`);
  }
  return EXIT.ok;
}

/** The definition the options describe, on top of the existing one's fields when the type stays. */
function definitionFrom(name: string, options: SetOptions, existing: CredentialDefinition | undefined): CredentialDefinition {
  const type = options.type ?? existing?.type;
  if (!type) throw new PipewrightError('USAGE', `"${name}" is a new credential: give its type with --type (${credentialTypes.join(', ')})`);
  const misplaced = (Object.keys(FIELD_OPTIONS) as Array<keyof typeof FIELD_OPTIONS>).filter(
    (key) => options[key] !== undefined && !(FIELD_OPTIONS[key].types as readonly CredentialType[]).includes(type),
  );
  if (misplaced.length > 0) {
    throw new PipewrightError('USAGE', `${misplaced.map((key) => FIELD_OPTIONS[key].option).join(', ')} ${misplaced.length === 1 ? 'does' : 'do'} not apply to ${type} credentials`);
  }
  const fields: Record<string, unknown> = existing?.type === type ? { ...existing.fields } : {};
  for (const [key, spec] of Object.entries(FIELD_OPTIONS)) {
    const value = options[key as keyof FieldOptions];
    if (value !== undefined) fields[spec.field] = value;
  }
  if (options.allowedHost !== undefined && type === 'postgres') throw new PipewrightError('USAGE', '--allowed-host does not apply to postgres credentials (they connect to their --host only)');
  const allowedHosts = options.allowedHost ?? (existing?.type === type && 'allowedHosts' in existing ? existing.allowedHosts : undefined);
  const parsed = credentialDefinitionSchema.safeParse({ name, type, fields, ...(allowedHosts === undefined ? {} : { allowedHosts }) }, { error: plainErrorMap });
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${optionOf(issue.path)}: ${issue.message}`);
  throw new PipewrightError('CREDENTIAL_INVALID', `credential "${name}" (${type}): ${problems.join('; ')}`);
}

/** The option to fix for a schema path: ['fields', 'tokenUrl'] → `--token-url`. */
function optionOf(path: ReadonlyArray<PropertyKey>): string {
  if (path[0] === 'name') return 'the name';
  if (path[0] === 'allowedHosts') return '--allowed-host';
  const field = path[1];
  const spec = Object.values(FIELD_OPTIONS).find((s) => s.field === field);
  return spec ? spec.option : String(field ?? path.join('.'));
}

async function listCredentials(ctx: CliContext, options: { json?: boolean }): Promise<number> {
  const vault = await openVault(ctx);
  const { credentials, storeError } = await vault.inspect();
  // The definitions are still worth showing; whether each has a secret is unknown, and we say why.
  if (storeError) ctx.terminal.err(`${PREFIX}: warning: cannot tell which secrets are stored: ${storeError.code} ${oneLine(storeError.message)}`);
  if (options.json) {
    ctx.terminal.out(JSON.stringify(credentials, null, 2));
    return EXIT.ok;
  }
  if (credentials.length === 0) {
    ctx.terminal.out('no credentials in this workspace; add one with `pipewright credentials set NAME --type TYPE`');
    return EXIT.ok;
  }
  const rows = credentials.map((c) => [c.name, c.type, c.store, storeError ? '?' : c.hasSecret ? 'yes' : 'no', c.updatedAt ?? '-']);
  for (const line of table(['NAME', 'TYPE', 'STORE', 'SECRET', 'UPDATED'], rows)) ctx.terminal.out(line);
  return EXIT.ok;
}

async function deleteCredential(ctx: CliContext, name: string): Promise<number> {
  const vault = await openVault(ctx);
  if (!(await vault.delete(name))) {
    throw new PipewrightError('CREDENTIAL_NOT_FOUND', `no credential "${name}" in this workspace (see \`pipewright credentials list\`)`);
  }
  ctx.terminal.out(`deleted credential ${name}`);
  return EXIT.ok;
}

function describeStore(kind: string): string {
  if (kind === 'keychain') return 'the OS keychain';
  if (kind === 'encrypted-file') return 'the encrypted secrets file';
  return 'the environment';
}

/** The store's "cannot read" from the check before the prompt, said as what the user was doing: saving. */
function asSavingFailure(error: unknown, name: string): unknown {
  if (!(error instanceof PipewrightError) || error.code !== 'SECRET_STORE_UNAVAILABLE') return error;
  const message = error.message.replace(`cannot read the secret of "${name}"`, `cannot save the secret of "${name}"`);
  return new PipewrightError(error.code, message, { cause: error });
}
