import { sha256Bytes, sha256Hex } from './sha256.js';

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 test vectors', () => {
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('hashes strings as UTF-8, the same as their bytes', () => {
    expect(sha256Hex('año')).toBe(sha256Hex(Buffer.from('año', 'utf8')));
    expect(sha256Bytes('abc').toString('hex')).toBe(sha256Hex('abc'));
  });
});
