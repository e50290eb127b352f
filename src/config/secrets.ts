import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SECRET_NAMES = [
  'ADMIN_TOKEN',
  'KEY_ENCRYPTION_KEY',
  'HOLDER_ID_PEPPER',
  'SESSION_SECRET',
] as const;

export type SecretName = (typeof SECRET_NAMES)[number];
export type Secrets = Record<SecretName, string>;

export const SECRETS_FILE = 'secrets.json';

/** The embedded PostgreSQL server's password: generated and stored, never given. */
export const DATABASE_PASSWORD = 'EMBEDDED_POSTGRES_PASSWORD';

function generate(name: SecretName): string {
  const bytes = randomBytes(32).toString('base64url');
  return name === 'ADMIN_TOKEN' ? `rca_${bytes}` : bytes;
}

export interface LoadedSecrets {
  secrets: Secrets;
  /** The secrets this call generated and stored: on a first start, at least the admin token. */
  generated: SecretName[];
  databasePassword: string;
}

/**
 * Reads the secrets kept in `dataDir`, generating (mode 0600) any that are neither given nor
 * stored, and the embedded server's password. Given values win over stored ones and are never
 * written to disk.
 */
export function loadOrCreateSecrets(dataDir: string, given: Partial<Secrets>): LoadedSecrets {
  const file = join(dataDir, SECRETS_FILE);
  const stored: Partial<Record<SecretName | typeof DATABASE_PASSWORD, string>> = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<Secrets>)
    : {};
  const generated = SECRET_NAMES.filter((name) => !given[name] && !stored[name]);
  if (generated.length > 0 || !stored[DATABASE_PASSWORD]) {
    for (const name of generated) stored[name] = generate(name);
    stored[DATABASE_PASSWORD] ??= randomBytes(24).toString('base64url');
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  const secrets = Object.fromEntries(
    SECRET_NAMES.map((name) => [name, given[name] ?? stored[name]]),
  ) as Secrets;
  return { secrets, generated, databasePassword: stored[DATABASE_PASSWORD] };
}
