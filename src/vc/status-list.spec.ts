import * as bsl from '@digitalbazaar/vc-bitstring-status-list';
import {
  buildStatusListCredential,
  createBitstring,
  decodeList,
  encodeList,
  getBit,
  MIN_STATUS_LIST_LENGTH,
  setBit,
  statusEntry,
} from './status-list.js';

const LIST = 'http://localhost:3000/status-lists/0b9a1f3e';

describe('bitstring', () => {
  it('starts all zero with 131,072 entries by default', () => {
    const bits = createBitstring();
    expect(bits.length).toBe(MIN_STATUS_LIST_LENGTH);
    expect(bits.bytes.every((byte) => byte === 0)).toBe(true);
  });

  it('sets and clears single bits, index 0 being the left-most bit', () => {
    const bits = createBitstring();
    setBit(bits, 0, true);
    setBit(bits, 9, true);
    setBit(bits, MIN_STATUS_LIST_LENGTH - 1, true);
    expect(bits.bytes[0]).toBe(0b1000_0000);
    expect(bits.bytes[1]).toBe(0b0100_0000);
    expect(getBit(bits, 9)).toBe(true);
    expect(getBit(bits, 10)).toBe(false);
    setBit(bits, 9, false);
    expect(getBit(bits, 9)).toBe(false);
    expect(getBit(bits, MIN_STATUS_LIST_LENGTH - 1)).toBe(true);
  });

  it('throws TypeError for a short list or an index outside it', () => {
    expect(() => createBitstring(1024)).toThrow(TypeError);
    expect(() => createBitstring(MIN_STATUS_LIST_LENGTH + 1)).toThrow(TypeError);
    const bits = createBitstring();
    expect(() => setBit(bits, -1, true)).toThrow(TypeError);
    expect(() => getBit(bits, MIN_STATUS_LIST_LENGTH)).toThrow(TypeError);
    expect(() => getBit(bits, 1.5)).toThrow(TypeError);
  });
});

describe('encodeList / decodeList', () => {
  it('round-trips through GZIP + multibase base64url', async () => {
    const bits = createBitstring();
    for (const index of [3, 4096, 99_999]) setBit(bits, index, true);
    const encoded = await encodeList(bits);
    expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/);
    const decoded = await decodeList(encoded);
    expect(decoded.length).toBe(bits.length);
    expect(Buffer.from(decoded.bytes).equals(Buffer.from(bits.bytes))).toBe(true);
  });

  it('is read the same by @digitalbazaar/vc-bitstring-status-list, both ways', async () => {
    const ours = createBitstring();
    setBit(ours, 7, true);
    setBit(ours, 131_000, true);
    const theirs = await bsl.decodeList({ encodedList: await encodeList(ours) });
    expect(theirs.length).toBe(MIN_STATUS_LIST_LENGTH);
    expect([6, 7, 8, 131_000].map((index) => theirs.getStatus(index))).toEqual([
      false,
      true,
      false,
      true,
    ]);

    const list = await bsl.createList({ length: MIN_STATUS_LIST_LENGTH });
    list.setStatus(42, true);
    const decoded = await decodeList(await list.encode());
    expect([41, 42, 43].map((index) => getBit(decoded, index))).toEqual([false, true, false]);
  });

  it('refuses malformed or too short lists', async () => {
    await expect(decodeList('zabc')).rejects.toThrow(/multibase base64url/);
    await expect(decodeList('uAAAA')).rejects.toThrow(/not a GZIP/);
    const short = await bsl.createList({ length: 8 });
    await expect(decodeList(await short.encode())).rejects.toThrow(/fewer than/);
  });
});

describe('buildStatusListCredential', () => {
  it('builds the unsigned BitstringStatusListCredential', async () => {
    const encodedList = await encodeList(createBitstring());
    const credential = buildStatusListCredential({
      id: LIST,
      issuer: 'did:web:localhost%3A3000:issuers:co-ens',
      purpose: 'suspension',
      encodedList,
      validFrom: new Date('2026-01-01T00:00:00.500Z'),
    });
    expect(credential).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: LIST,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: 'did:web:localhost%3A3000:issuers:co-ens',
      validFrom: '2026-01-01T00:00:00Z',
      credentialSubject: {
        id: `${LIST}#list`,
        type: 'BitstringStatusList',
        statusPurpose: 'suspension',
        encodedList,
      },
    });
  });

  it('throws TypeError for an unknown purpose', () => {
    expect(() =>
      buildStatusListCredential({
        id: LIST,
        issuer: 'did:web:x',
        purpose: 'message' as never,
        encodedList: 'uH4sI',
        validFrom: new Date(),
      }),
    ).toThrow(TypeError);
  });
});

describe('statusEntry', () => {
  it('points at the bit in the list credential', () => {
    expect(statusEntry({ listCredentialUrl: LIST, index: 1234, purpose: 'revocation' })).toEqual({
      id: `${LIST}#1234`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '1234',
      statusListCredential: LIST,
    });
  });

  it('throws TypeError on misuse', () => {
    expect(() =>
      statusEntry({ listCredentialUrl: LIST, index: -1, purpose: 'revocation' }),
    ).toThrow(TypeError);
    expect(() =>
      statusEntry({ listCredentialUrl: `${LIST}#x`, index: 1, purpose: 'revocation' }),
    ).toThrow(TypeError);
  });
});
