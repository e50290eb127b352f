import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { resolve } from 'node:path';
import { EnvSchema } from './env.schema.js';
import { loadOrCreateSecrets, SECRET_NAMES, type SecretName, type Secrets } from './secrets.js';

export interface AppConfig {
  port: number;
  dataDir: string;
  /** Unset: the service runs its own embedded PostgreSQL server under `dataDir`. */
  databaseUrl: string | undefined;
  /** Without DATABASE_URL: the embedded server's port (0: any free one) and stored password. */
  embeddedDatabase: { port: number; password: string } | undefined;
  publicBaseUrl: string;
  secrets: Secrets;
  /** Secrets generated into `dataDir` by this start (empty unless it is the first). */
  generatedSecrets: SecretName[];
  /** Seed the demo region into an empty registry at start (SEED_DEMO; unset: embedded only). */
  seedDemo: boolean;
  /** Queue the demo pilot's 900 certificates when seeding the demo region (embedded: default on). */
  seedDemoPilot: boolean;
  bodyLimitBytes: number;
  /** The longest a database statement may run before it is cancelled. */
  databaseStatementTimeoutMs: number;
  publicRateLimitPerMinute: number;
  /** Proxies whose X-Forwarded-For names the client (rate limits, lockouts); 0: none. */
  trustProxyHops: number;
  /** Failed-login and claim-code lockouts of the holder portal. */
  holderLockout: {
    loginFailuresPerAccount: number;
    loginFailuresPerClient: number;
    claimFailuresPerClient: number;
    seconds: number;
  };
  /** How often a checkpoint of the audit chain is signed; 0: only on demand. */
  auditCheckpointIntervalMs: number;
  /** The OAuth token endpoint: access-token lifetime and the lockout after wrong secrets. */
  oauth: { tokenSeconds: number; clientMaxFailures: number; lockoutSeconds: number };
  /** Network resolution for verification (foreign did:web DIDs and status lists); off: none. */
  verifyNetwork: {
    enabled: boolean;
    timeoutMs: number;
    maxBytes: number;
    cacheTtlMs: number;
    /** Tests only: http and loopback addresses allowed. */
    allowLoopbackHttp: boolean;
  };
  logLevel: EnvSchema['LOG_LEVEL'];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property) ? message : `${error.property}: ${message}`,
    ),
  );
}

/** Validates the environment; throws a ConfigError naming every offending variable. */
export function parseEnv(env: NodeJS.ProcessEnv): EnvSchema {
  const known = Object.fromEntries(
    Object.keys(new EnvSchema())
      .concat(['DATABASE_URL', 'PUBLIC_BASE_URL', 'SEED_DEMO', ...SECRET_NAMES])
      .filter((name) => env[name] !== undefined && env[name] !== '')
      .map((name) => [name, env[name]]),
  );
  const parsed = plainToInstance(EnvSchema, known);
  const errors = validateSync(parsed, { forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigError(describe(errors));
  return parsed;
}

/**
 * Reads, validates and completes the configuration. With no DATABASE_URL the missing secrets, and
 * the embedded server's password, are generated once into DATA_DIR; with one, every secret must be
 * given.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = parseEnv(env);
  const dataDir = resolve(parsed.DATA_DIR);
  const given: Partial<Secrets> = {
    ADMIN_TOKEN: parsed.ADMIN_TOKEN,
    KEY_ENCRYPTION_KEY: parsed.KEY_ENCRYPTION_KEY,
    HOLDER_ID_PEPPER: parsed.HOLDER_ID_PEPPER,
    SESSION_SECRET: parsed.SESSION_SECRET,
  };
  let secrets: Secrets;
  let generatedSecrets: SecretName[] = [];
  let embeddedDatabase: AppConfig['embeddedDatabase'];
  if (parsed.DATABASE_URL) {
    const missing = SECRET_NAMES.filter((name) => !given[name]);
    if (missing.length > 0) {
      throw new ConfigError(missing.map((name) => `${name} is required when DATABASE_URL is set`));
    }
    secrets = given as Secrets;
  } else {
    const stored = loadOrCreateSecrets(dataDir, given);
    ({ secrets, generated: generatedSecrets } = stored);
    embeddedDatabase = { port: parsed.EMBEDDED_POSTGRES_PORT, password: stored.databasePassword };
  }
  return {
    port: parsed.PORT,
    dataDir,
    databaseUrl: parsed.DATABASE_URL,
    embeddedDatabase,
    publicBaseUrl: (parsed.PUBLIC_BASE_URL ?? `http://localhost:${parsed.PORT}`).replace(
      /\/+$/,
      '',
    ),
    secrets,
    generatedSecrets,
    seedDemo: parsed.SEED_DEMO ?? !parsed.DATABASE_URL,
    seedDemoPilot: parsed.SEED_DEMO_PILOT ?? !parsed.DATABASE_URL,
    bodyLimitBytes: parsed.BODY_LIMIT_BYTES,
    databaseStatementTimeoutMs: parsed.DATABASE_STATEMENT_TIMEOUT_MS,
    publicRateLimitPerMinute: parsed.PUBLIC_RATE_LIMIT_PER_MINUTE,
    trustProxyHops: parsed.TRUST_PROXY,
    holderLockout: {
      loginFailuresPerAccount: parsed.HOLDER_LOGIN_MAX_FAILURES,
      loginFailuresPerClient: parsed.HOLDER_LOGIN_MAX_CLIENT_FAILURES,
      claimFailuresPerClient: parsed.HOLDER_CLAIM_MAX_CLIENT_FAILURES,
      seconds: parsed.HOLDER_LOCKOUT_SECONDS,
    },
    auditCheckpointIntervalMs: parsed.AUDIT_CHECKPOINT_EVERY_SECONDS * 1000,
    oauth: {
      tokenSeconds: parsed.OAUTH_TOKEN_SECONDS,
      clientMaxFailures: parsed.OAUTH_CLIENT_MAX_FAILURES,
      lockoutSeconds: parsed.OAUTH_LOCKOUT_SECONDS,
    },
    verifyNetwork: {
      enabled: parsed.VERIFY_NETWORK_RESOLUTION === 'on',
      timeoutMs: parsed.VERIFY_NETWORK_TIMEOUT_MS,
      maxBytes: parsed.VERIFY_NETWORK_MAX_BYTES,
      cacheTtlMs: parsed.VERIFY_NETWORK_CACHE_SECONDS * 1000,
      allowLoopbackHttp: parsed.VERIFY_NETWORK_TEST_ALLOW_LOOPBACK,
    },
    logLevel: parsed.LOG_LEVEL,
  };
}
