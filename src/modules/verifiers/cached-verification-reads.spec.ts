import type { Credential } from '../../vc/issue.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CredentialRecordsService } from '../credentials/services/credential-records.service.js';
import type { StatusListsService } from '../credentials/services/status-lists.service.js';
import type { VcEnvironmentService } from '../credentials/services/vc-environment.service.js';
import type { IssuerKeysService } from '../registry/services/issuer-keys.service.js';
import type { IssuersService } from '../registry/services/issuers.service.js';
import { CachedVerificationReads } from './cached-verification-reads.js';

const LIST = 'https://reconoce.example/status/1b4e28ba-2fa1-11d2-883f-0016d3cca427';
const credential = (): Credential => ({
  credentialStatus: [
    { statusPurpose: 'revocation', statusListCredential: LIST, statusListIndex: '7' },
  ],
});

// The services behind the facts, each read counted; `revision` stands for the facts revision.
function factsOver(state: { revision: string | undefined; bit: boolean; profile?: 'OPEN' }) {
  const reads = { bit: 0, profile: 0 };
  const audit = { knownFactsSeq: () => state.revision } as unknown as AuditService;
  const statusLists = {
    bitAt: () => {
      reads.bit += 1;
      return Promise.resolve(state.bit);
    },
  } as unknown as StatusListsService;
  const records = {
    issuanceProfileOf: () => {
      reads.profile += 1;
      return Promise.resolve(state.profile);
    },
  } as unknown as CredentialRecordsService;
  const facts = new CachedVerificationReads(
    audit,
    {} as VcEnvironmentService,
    {} as IssuersService,
    {} as IssuerKeysService,
    records,
    statusLists,
  );
  return { facts, reads };
}

describe('CachedVerificationReads', () => {
  it('reads a status bit once per facts revision, and again when the revision moves', async () => {
    const state = { revision: '10', bit: false };
    const { facts, reads } = factsOver(state);
    expect(await facts.statusBit(LIST, 7)).toBe(false);
    expect(await facts.statusBit(LIST, 7)).toBe(false);
    expect(reads.bit).toBe(1);
    // A revocation sets the bit and, audited, moves the revision.
    state.bit = true;
    state.revision = '11';
    expect(await facts.statusBit(LIST, 7)).toBe(true);
    expect(reads.bit).toBe(2);
  });

  it('keeps nothing while the revision is unknown', async () => {
    const state = { revision: undefined, bit: false };
    const { facts, reads } = factsOver(state);
    await facts.statusBit(LIST, 7);
    state.bit = true;
    expect(await facts.statusBit(LIST, 7)).toBe(true);
    expect(reads.bit).toBe(2);
  });

  it('keeps an issuance profile found, never a record not found', async () => {
    const state: { revision: string; bit: boolean; profile?: 'OPEN' } = {
      revision: '10',
      bit: false,
    };
    const { facts, reads } = factsOver(state);
    expect(await facts.issuanceProfileOf(credential())).toBeUndefined();
    // Issuing is quiet: the record appears without the revision moving.
    state.profile = 'OPEN';
    expect(await facts.issuanceProfileOf(credential())).toBe('OPEN');
    expect(await facts.issuanceProfileOf(credential())).toBe('OPEN');
    expect(reads.profile).toBe(2);
  });
});
