import { gzipSync } from 'node:zlib';
import { statusBitFromList } from './foreign-status.js';
import type { StatusEntry } from './issue.js';
import { createBitstring, encodeList, setBit } from './status-list.js';
import type { VerificationResult } from './verify.js';

const ISSUER = 'did:web:status.example';
const URL_2021 = 'https://status.example/lists/2021';
const URL_BSL = 'https://status.example/lists/bsl';

function verifiedList(credential: Record<string, unknown>): VerificationResult {
  return { verified: true, status: 'VALID', checks: [], credential, issuer: ISSUER };
}

function entry(type: string, url: string, index: string): StatusEntry {
  return {
    id: `${url}#${index}`,
    type,
    statusPurpose: 'revocation',
    statusListIndex: index,
    statusListCredential: url,
  } as unknown as StatusEntry;
}

describe('statusBitFromList (foreign status lists)', () => {
  const bits = createBitstring();
  setBit(bits, 94567, true);
  // StatusList2021: GZIP then base64url, no multibase prefix.
  const list2021 = {
    '@context': [
      'https://www.w3.org/2018/credentials/v1',
      'https://w3id.org/vc/status-list/2021/v1',
    ],
    id: URL_2021,
    type: ['VerifiableCredential', 'StatusList2021Credential'],
    issuer: ISSUER,
    credentialSubject: {
      id: `${URL_2021}#list`,
      type: 'StatusList2021',
      statusPurpose: 'revocation',
      encodedList: gzipSync(bits.bytes).toString('base64url'),
    },
  };

  it('reads a StatusList2021 bit', async () => {
    const read = (index: string) =>
      statusBitFromList({
        entry: entry('StatusList2021Entry', URL_2021, index),
        credentialIssuer: ISSUER,
        list: verifiedList(list2021),
      });
    await expect(read('94567')).resolves.toBe(true);
    await expect(read('94566')).resolves.toBe(false);
    await expect(read('0x1')).rejects.toThrow(/not an integer/);
  });

  it('reads a BitstringStatusList bit', async () => {
    const list = {
      id: URL_BSL,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: ISSUER,
      credentialSubject: {
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
        encodedList: await encodeList(bits),
      },
    };
    await expect(
      statusBitFromList({
        entry: entry('BitstringStatusListEntry', URL_BSL, '94567'),
        credentialIssuer: ISSUER,
        list: verifiedList(list),
      }),
    ).resolves.toBe(true);
  });

  it('refuses a list that did not verify, of another issuer, URL, kind or purpose', async () => {
    const good = entry('StatusList2021Entry', URL_2021, '1');
    const cases: [Partial<Parameters<typeof statusBitFromList>[0]>, RegExp][] = [
      [{ list: { ...verifiedList(list2021), verified: false } }, /did not verify/],
      [{ credentialIssuer: 'did:web:other.example' }, /not by the credential's issuer/],
      [{ entry: entry('StatusList2021Entry', 'https://status.example/x', '1') }, /names itself/],
      [{ entry: entry('BitstringStatusListEntry', URL_2021, '1') }, /not a BitstringStatusList/],
      [{ entry: { ...good, statusPurpose: 'suspension' } }, /not a suspension list/],
      [{ entry: entry('SomethingElse', URL_2021, '1') }, /cannot be read/],
    ];
    for (const [change, error] of cases) {
      await expect(
        statusBitFromList({
          entry: good,
          credentialIssuer: ISSUER,
          list: verifiedList(list2021),
          ...change,
        }),
      ).rejects.toThrow(error);
    }
  });
});
