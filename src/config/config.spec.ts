import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config.js';

const KEY = 'k'.repeat(43);
const LONG = 's'.repeat(40);
const allSecrets = {
  ADMIN_TOKEN: LONG,
  KEY_ENCRYPTION_KEY: KEY,
  HOLDER_ID_PEPPER: LONG,
  SESSION_SECRET: LONG,
};

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'reconoce-config-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('applies the documented defaults', () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config).toMatchObject({
      port: 3000,
      dataDir,
      databaseUrl: undefined,
      publicBaseUrl: 'http://localhost:3000',
      seedDemo: true,
      bodyLimitBytes: 1024 * 1024,
      databaseStatementTimeoutMs: 30_000,
      logLevel: 'info',
      verifyNetwork: {
        enabled: false,
        timeoutMs: 5_000,
        maxBytes: 512 * 1024,
        cacheTtlMs: 60_000,
        allowLoopbackHttp: false,
      },
    });
  });

  it('reads network resolution for verification, and refuses other values', () => {
    expect(
      loadConfig({
        DATA_DIR: dataDir,
        VERIFY_NETWORK_RESOLUTION: 'on',
        VERIFY_NETWORK_TIMEOUT_MS: '2000',
        VERIFY_NETWORK_MAX_BYTES: '4096',
        VERIFY_NETWORK_CACHE_SECONDS: '0',
        VERIFY_NETWORK_TEST_ALLOW_LOOPBACK: 'true',
      }).verifyNetwork,
    ).toEqual({
      enabled: true,
      timeoutMs: 2000,
      maxBytes: 4096,
      cacheTtlMs: 0,
      allowLoopbackHttp: true,
    });
    const problems = problemsOf({
      DATA_DIR: dataDir,
      VERIFY_NETWORK_RESOLUTION: 'yes',
      VERIFY_NETWORK_TIMEOUT_MS: '0',
      VERIFY_NETWORK_MAX_BYTES: 'lots',
      VERIFY_NETWORK_TEST_ALLOW_LOOPBACK: 'perhaps',
    });
    for (const name of [
      'VERIFY_NETWORK_RESOLUTION',
      'VERIFY_NETWORK_TIMEOUT_MS',
      'VERIFY_NETWORK_MAX_BYTES',
      'VERIFY_NETWORK_TEST_ALLOW_LOOPBACK',
    ]) {
      expect(problems.some((problem) => problem.startsWith(name))).toBe(true);
    }
  });

  it('seeds the demo region by default on the embedded server only; SEED_DEMO decides either way', () => {
    const external = { DATA_DIR: dataDir, DATABASE_URL: 'postgres://localhost/x', ...allSecrets };
    expect(loadConfig(external).seedDemo).toBe(false);
    expect(loadConfig({ ...external, SEED_DEMO: 'true' }).seedDemo).toBe(true);
    expect(loadConfig({ DATA_DIR: dataDir, SEED_DEMO: 'false' }).seedDemo).toBe(false);
  });

  it('names every offending variable', () => {
    const problems = problemsOf({
      DATA_DIR: dataDir,
      PORT: 'eighty',
      PUBLIC_BASE_URL: 'not a url',
      SEED_DEMO: 'perhaps',
      DATABASE_URL: 'mysql://x',
      KEY_ENCRYPTION_KEY: 'short',
      LOG_LEVEL: 'loud',
      BODY_LIMIT_BYTES: '-1',
    });
    for (const name of [
      'PORT',
      'PUBLIC_BASE_URL',
      'SEED_DEMO',
      'DATABASE_URL',
      'KEY_ENCRYPTION_KEY',
      'LOG_LEVEL',
      'BODY_LIMIT_BYTES',
    ]) {
      expect(problems.some((problem) => problem.startsWith(name))).toBe(true);
    }
  });

  it('requires every secret when DATABASE_URL is set, and writes none to disk', () => {
    const problems = problemsOf({
      DATA_DIR: dataDir,
      DATABASE_URL: 'postgres://localhost/x',
      ADMIN_TOKEN: LONG,
    });
    expect(problems).toEqual([
      'KEY_ENCRYPTION_KEY is required when DATABASE_URL is set',
      'HOLDER_ID_PEPPER is required when DATABASE_URL is set',
      'SESSION_SECRET is required when DATABASE_URL is set',
    ]);
    const config = loadConfig({
      DATA_DIR: dataDir,
      DATABASE_URL: 'postgres://localhost/x',
      ...allSecrets,
    });
    expect(config.secrets).toEqual(allSecrets);
    expect(() => statSync(join(dataDir, 'secrets.json'))).toThrow();
  });

  it('generates missing secrets once into DATA_DIR (0600) and reuses them', () => {
    const first = loadConfig({ DATA_DIR: dataDir });
    expect(first.generatedSecrets).toEqual([
      'ADMIN_TOKEN',
      'KEY_ENCRYPTION_KEY',
      'HOLDER_ID_PEPPER',
      'SESSION_SECRET',
    ]);
    expect(first.secrets.ADMIN_TOKEN).toMatch(/^rca_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(first.secrets.KEY_ENCRYPTION_KEY, 'base64url')).toHaveLength(32);
    const file = join(dataDir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const second = loadConfig({ DATA_DIR: dataDir });
    expect(second.secrets).toEqual(first.secrets);
    expect(second.generatedSecrets).toEqual([]);
  });

  it('generates the embedded server password once, and none with DATABASE_URL', () => {
    const first = loadConfig({ DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: '55432' });
    expect(first.embeddedDatabase).toEqual({ port: 55432, password: expect.any(String) });
    expect(first.embeddedDatabase!.password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const stored = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as object;
    expect(stored).toMatchObject({ EMBEDDED_POSTGRES_PASSWORD: first.embeddedDatabase!.password });
    expect(loadConfig({ DATA_DIR: dataDir }).embeddedDatabase).toEqual({
      port: 0,
      password: first.embeddedDatabase!.password,
    });
    const external = loadConfig({ DATABASE_URL: 'postgres://localhost/x', ...allSecrets });
    expect(external.embeddedDatabase).toBeUndefined();
    expect(problemsOf({ DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: '70000' })).toEqual([
      expect.stringMatching(/^EMBEDDED_POSTGRES_PORT/),
    ]);
  });

  it('lets a given secret win without writing it to disk', () => {
    const config = loadConfig({ DATA_DIR: dataDir, SESSION_SECRET: LONG });
    expect(config.secrets.SESSION_SECRET).toBe(LONG);
    expect(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).not.toContain(LONG);
  });

  it('takes PUBLIC_BASE_URL without its trailing slash', () => {
    const config = loadConfig({ DATA_DIR: dataDir, PUBLIC_BASE_URL: 'https://reconoce.example/' });
    expect(config.publicBaseUrl).toBe('https://reconoce.example');
  });
});
