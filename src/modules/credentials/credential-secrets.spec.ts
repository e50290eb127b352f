import { hashClaimCode, newClaimCode, normaliseClaimCode } from './credential-secrets.js';

describe('newClaimCode', () => {
  const codes = Array.from({ length: 2000 }, () => newClaimCode());

  it('gives four groups of four characters of Crockford base32', () => {
    for (const code of codes)
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  });

  it('never repeats itself and uses the whole alphabet evenly', () => {
    expect(new Set(codes).size).toBe(codes.length);
    const counts = new Map<string, number>();
    for (const character of codes.join('').replaceAll('-', '')) {
      counts.set(character, (counts.get(character) ?? 0) + 1);
    }
    // 32,000 characters: 1,000 of each expected; five standard deviations (31) either side.
    expect(counts.size).toBe(32);
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(845);
      expect(count).toBeLessThan(1155);
    }
  });

  it('survives being typed back loosely', () => {
    const [code] = codes;
    const typed = code.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o').replaceAll('1', 'l');
    expect(normaliseClaimCode(typed)).toBe(code.replaceAll('-', ''));
    expect(hashClaimCode(typed)).toBe(hashClaimCode(code));
  });
});
