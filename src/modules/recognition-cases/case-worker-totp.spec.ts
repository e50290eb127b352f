import { generate } from 'otplib';
import { acceptTotp, newTotpSecret, totpUri } from './case-worker-totp.js';

describe('case-worker TOTP', () => {
  const secret = newTotpSecret();
  // The middle of a 30-second step, so one step either way stays within the same steps.
  const now = 1_780_000_005;
  const step = Math.floor(now / 30);
  const codeAt = (offset: number) => generate({ secret, epoch: now + offset * 30 });

  it('accepts the current code and one step of drift either way, naming the step', async () => {
    expect(await acceptTotp(secret, await codeAt(0), null, now)).toBe(step);
    expect(await acceptTotp(secret, await codeAt(-1), null, now)).toBe(step - 1);
    expect(await acceptTotp(secret, await codeAt(1), null, now)).toBe(step + 1);
  });

  it('refuses codes further off, malformed codes and another secret’s codes', async () => {
    expect(await acceptTotp(secret, await codeAt(-3), null, now)).toBeNull();
    expect(await acceptTotp(secret, await codeAt(3), null, now)).toBeNull();
    expect(await acceptTotp(secret, '12345', null, now)).toBeNull();
    expect(await acceptTotp(secret, '１２３４５６', null, now)).toBeNull();
    const other = await generate({ secret: newTotpSecret(), epoch: now });
    expect(await acceptTotp(secret, other, null, now)).toBeNull();
  });

  it('refuses a code of the step last used or an earlier one (a replay)', async () => {
    expect(await acceptTotp(secret, await codeAt(0), step, now)).toBeNull();
    expect(await acceptTotp(secret, await codeAt(-1), step, now)).toBeNull();
    expect(await acceptTotp(secret, await codeAt(1), step, now)).toBe(step + 1);
  });

  it('names the account and the registry in the address for the app', () => {
    const uri = totpUri(secret, 'l.gomez@men.example');
    expect(uri).toMatch(/^otpauth:\/\/totp\/Reconoce:l\.gomez(%40|@)men\.example\?/);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain('issuer=Reconoce');
  });
});
