import { pino } from 'pino';
import type { DataSource } from 'typeorm';
import {
  createThrowawayDatabase,
  type ThrowawayDatabase,
} from '../../../../test/helpers/databases.js';
import type { AppConfig } from '../../../config/config.js';
import { dataSourceOptions, openDataSource } from '../../../database/data-source.js';
import { LockoutsService, slowdownMs } from './lockouts.service.js';

const config = {
  holderLockout: {
    loginFailuresPerAccount: 3,
    loginFailuresPerClient: 5,
    claimFailuresPerClient: 2,
    seconds: 900,
  },
} as AppConfig;

describe('slowdownMs', () => {
  it('pauses longer after each consecutive failure, up to 2 s', () => {
    expect([1, 2, 3, 4, 5, 9].map(slowdownMs)).toEqual([0, 250, 500, 1000, 2000, 2000]);
  });
});

describe('LockoutsService', () => {
  let database: ThrowawayDatabase;
  let dataSource: DataSource;
  beforeAll(async () => {
    database = await createThrowawayDatabase();
    dataSource = await openDataSource(dataSourceOptions(database.url, pino({ level: 'silent' })), {
      migrate: false,
    });
  });
  beforeEach(() => dataSource.query('DELETE FROM rate_limit'));
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  // loginFailed waits a little after consecutive failures (at most 750 ms in these tests).
  const fail = (lockouts: LockoutsService, account: string, client: string) =>
    lockouts.loginFailed(account, client);

  it('locks an account after its limit of consecutive failures, for the lock period', async () => {
    const lockouts = new LockoutsService(config, dataSource);
    for (let i = 0; i < 3; i++) {
      await expect(lockouts.assertLoginAllowed('account', `client-${i}`)).resolves.toBeUndefined();
      await fail(lockouts, 'account', `client-${i}`);
    }
    const locked = lockouts.assertLoginAllowed('account', 'client-9');
    await expect(locked).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await locked.catch((error: { headers: Record<string, string> }) => {
      expect(Number(error.headers['Retry-After'])).toBe(900);
    });
    await expect(lockouts.assertLoginAllowed('other-account', 'client-9')).resolves.toBeUndefined();
  });

  it('forgets an account’s failures after a right password', async () => {
    const lockouts = new LockoutsService(config, dataSource);
    await fail(lockouts, 'account', 'a');
    await fail(lockouts, 'account', 'b');
    await lockouts.loginSucceeded('account');
    await fail(lockouts, 'account', 'c');
    await expect(lockouts.assertLoginAllowed('account', 'd')).resolves.toBeUndefined();
  });

  it('locks a client after its limit of failures on any accounts', async () => {
    const lockouts = new LockoutsService(config, dataSource);
    for (let i = 0; i < 5; i++) await fail(lockouts, `account-${i}`, 'client');
    await expect(lockouts.assertLoginAllowed('fresh', 'client')).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
  });

  it('locks a client after its limit of wrong claim codes', async () => {
    const lockouts = new LockoutsService(config, dataSource);
    await lockouts.claimFailed('client');
    await expect(lockouts.assertClaimsAllowed('client')).resolves.toBeUndefined();
    await lockouts.claimFailed('client');
    await expect(lockouts.assertClaimsAllowed('client')).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
    await expect(lockouts.assertClaimsAllowed('another')).resolves.toBeUndefined();
  });

  it('shares failures and locks between instances on one database, as replicas', async () => {
    const [first, second] = [1, 2].map(() => new LockoutsService(config, dataSource));
    await first.claimFailed('client');
    await expect(second.assertClaimsAllowed('client')).resolves.toBeUndefined();
    await second.claimFailed('client');
    await expect(first.assertClaimsAllowed('client')).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
  });
});
