import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;

const toBoolean = ({ value }: { value: unknown }) => {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return value;
};

/** 32 random bytes as base64 or base64url (44 or 43 characters). */
const KEY_32_BYTES = /^[A-Za-z0-9+/_-]{43}=?$/;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The environment as the service reads it; validated once at boot. */
export class EnvSchema {
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsOptional()
  @IsString()
  @MinLength(1)
  DATA_DIR: string = './data';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /** TCP port of the embedded PostgreSQL server on 127.0.0.1; 0: a free one at each start. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  EMBEDDED_POSTGRES_PORT: number = 0;

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  PUBLIC_BASE_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(32)
  ADMIN_TOKEN?: string;

  @IsOptional()
  @Matches(KEY_32_BYTES, { message: 'KEY_ENCRYPTION_KEY must be 32 bytes in base64' })
  KEY_ENCRYPTION_KEY?: string;

  @IsOptional()
  @IsString()
  @MinLength(32)
  HOLDER_ID_PEPPER?: string;

  @IsOptional()
  @IsString()
  @MinLength(32)
  SESSION_SECRET?: string;

  /** Seed the demo region into an empty registry; unset: yes on the embedded server only. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  SEED_DEMO?: boolean;

  /**
   * With SEED_DEMO: also queue the demo pilot (900 certificates with annexes) on a first start.
   * Unset, it is on for the embedded database only, never on one named by DATABASE_URL.
   */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  SEED_DEMO_PILOT?: boolean;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(64 * 1024 * 1024)
  BODY_LIMIT_BYTES: number = 1024 * 1024;

  /**
   * The longest a database statement may run, in milliseconds; a longer one is cancelled and the
   * request answered 503 DATABASE_UNAVAILABLE. Migrations that need longer set their own.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  DATABASE_STATEMENT_TIMEOUT_MS: number = 30_000;

  /**
   * Reverse proxies in front of the service (load balancers) whose X-Forwarded-For is trusted:
   * the client is the address that many hops back. 0 (the default) trusts none, so a client
   * cannot pick its own address; behind one load balancer, set 1.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10)
  TRUST_PROXY: number = 0;

  /** Requests per minute and client on the public verification endpoints. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  PUBLIC_RATE_LIMIT_PER_MINUTE: number = 120;

  /** Failed holder logins per account before it is locked for HOLDER_LOCKOUT_SECONDS. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  HOLDER_LOGIN_MAX_FAILURES: number = 5;

  /** Failed holder logins per client (any accounts) before the client is locked. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  HOLDER_LOGIN_MAX_CLIENT_FAILURES: number = 20;

  /** Wrong claim codes per client before the client is locked. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  HOLDER_CLAIM_MAX_CLIENT_FAILURES: number = 10;

  /** How long a locked holder account or client stays locked. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  HOLDER_LOCKOUT_SECONDS: number = 900;

  /** Lifetime of an OAuth access token (client credentials grant), in seconds. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  OAUTH_TOKEN_SECONDS: number = 600;

  /** Wrong secrets in a row for one OAuth client before it is locked for OAUTH_LOCKOUT_SECONDS. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  OAUTH_CLIENT_MAX_FAILURES: number = 10;

  /** How long an OAuth client stays locked after too many wrong secrets. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  OAUTH_LOCKOUT_SECONDS: number = 900;

  /**
   * How often the registry signs a checkpoint of the audit chain's head (published at
   * `GET /audit/checkpoints`; skipped while the head has not moved). 0 signs none on a timer.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(604_800)
  AUDIT_CHECKPOINT_EVERY_SECONDS: number = 3_600;

  /**
   * Network resolution for verification: `on` resolves did:web DIDs that are not ours and fetches
   * foreign status lists (https only, with a deadline and a size cap, never from private
   * addresses); `off` (the default) fetches nothing.
   */
  @IsOptional()
  @IsIn(['off', 'on'])
  VERIFY_NETWORK_RESOLUTION: 'off' | 'on' = 'off';

  /** The deadline of one network fetch (connection to last byte). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  VERIFY_NETWORK_TIMEOUT_MS: number = 5_000;

  /** The largest document fetched; the download is aborted past it. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(16 * 1024 * 1024)
  VERIFY_NETWORK_MAX_BYTES: number = 512 * 1024;

  /** How long a fetched document is reused. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  VERIFY_NETWORK_CACHE_SECONDS: number = 60;

  /**
   * Tests only: also fetch over plain http from loopback hosts (127.0.0.0/8, ::1, localhost).
   * Other private addresses stay refused.
   */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  VERIFY_NETWORK_TEST_ALLOW_LOOPBACK: boolean = false;

  @IsOptional()
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';
}
