import { CsrfTokens } from '../csrf.js';
import { portalKey, SharedLinkSeal } from './portal-secrets.js';

const secret = 'a-session-secret-for-tests-only-0123456789';

describe('CsrfTokens', () => {
  const csrf = new CsrfTokens(portalKey(secret, 'csrf'));
  const nonce = csrf.newNonce();

  it('accepts the token of the nonce and session, and nothing else', () => {
    const token = csrf.token(nonce, 'session-1');
    expect(csrf.verify(nonce, 'session-1', token)).toBe(true);
    expect(csrf.verify(nonce, 'session-2', token)).toBe(false);
    expect(csrf.verify(nonce, undefined, token)).toBe(false);
    expect(csrf.verify(csrf.newNonce(), 'session-1', token)).toBe(false);
    expect(csrf.verify(nonce, 'session-1', `${token}x`)).toBe(false);
    expect(csrf.verify(nonce, 'session-1', undefined)).toBe(false);
    expect(csrf.verify(undefined, 'session-1', token)).toBe(false);
  });

  it('differs under another secret', () => {
    const other = new CsrfTokens(portalKey(`${secret}!`, 'csrf'));
    expect(other.verify(nonce, '', csrf.token(nonce))).toBe(false);
  });
});

describe('SharedLinkSeal', () => {
  let now = 1_000_000;
  const seal = new SharedLinkSeal(portalKey(secret, 'shared-link'), () => now);
  const link = { shareId: 'share-1', url: 'https://example.test/v/abc' };

  it('opens for the same holder and share until it expires', () => {
    const sealed = seal.seal(link, 'holder-1', 60_000);
    expect(sealed).toMatch(/^v1\./); // the common sealed envelope
    expect(seal.open(sealed, 'holder-1', 'share-1')).toBe(link.url);
    expect(seal.open(sealed, 'holder-2', 'share-1')).toBeNull();
    expect(seal.open(sealed, 'holder-1', 'share-2')).toBeNull();
    now += 60_001;
    expect(seal.open(sealed, 'holder-1', 'share-1')).toBeNull();
  });

  it('refuses anything tampered with or unsealed', () => {
    const sealed = seal.seal(link, 'holder-1', 60_000);
    const flipped = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}${sealed.slice(-1)}`;
    expect(seal.open(flipped, 'holder-1', 'share-1')).toBeNull();
    expect(seal.open('garbage', 'holder-1', 'share-1')).toBeNull();
    expect(seal.open(undefined, 'holder-1', 'share-1')).toBeNull();
  });
});
