import { ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_SCHEMA_NAME } from '../../../common/openapi/api-problems.decorator.js';
import { PROBLEM_CONTENT_TYPE } from '../../../common/errors/problem.js';

/**
 * The 422 of the VC API verify routes: a problem (`VERIFICATION_FAILED`) that is also the whole
 * verification result, so the schema is both.
 */
export function ApiVerificationFailed(result: new () => unknown, example: object): MethodDecorator {
  return ApiResponse({
    status: 422,
    description:
      'Unprocessable Entity: VERIFICATION_FAILED — the verification was performed and found an error; the problem body carries the whole result (verified: false, problemDetails, results, checks).',
    content: {
      [PROBLEM_CONTENT_TYPE]: {
        schema: {
          allOf: [
            { $ref: `#/components/schemas/${PROBLEM_SCHEMA_NAME}` },
            { $ref: getSchemaPath(result) },
          ],
        },
        example,
      },
    },
  });
}

const DID = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

const signatureInvalid = {
  type: 'https://www.w3.org/TR/vc-data-model#CRYPTOGRAPHIC_SECURITY_ERROR',
  title: 'Signature invalid',
  detail: 'The signature does not match the document',
  code: 'SIGNATURE_INVALID',
  check: 'proof',
  severity: 'error',
};
const notChecked = (check: string) => ({
  type: 'urn:reconoce:problem:not-checked',
  title: 'Not checked',
  detail: 'The proof did not verify',
  code: 'NOT_CHECKED',
  check,
  severity: 'warning',
});
const issuerUnknown = {
  id: 'issuer',
  status: 'failed',
  code: 'ISSUER_UNKNOWN',
  message: `${DID} is not in the trust list.`,
};

/** A credential altered after signing, by an issuer outside the trust list. */
export const CREDENTIAL_FAILED_EXAMPLE = {
  type: 'urn:reconoce:problem:verification-failed',
  title: 'Unprocessable Entity',
  status: 422,
  detail: 'The credential did not verify: The signature does not match the document.',
  code: 'VERIFICATION_FAILED',
  requestId: '5f0c2a9e-8d3b-4b8e-9c61-0a7d2e4f1b36',
  verified: false,
  problemDetails: [
    signatureInvalid,
    notChecked('validity'),
    notChecked('status'),
    {
      type: 'urn:reconoce:problem:issuer-unknown',
      title: 'Issuer unknown',
      detail: issuerUnknown.message,
      code: 'ISSUER_UNKNOWN',
      check: 'issuer',
      severity: 'warning',
    },
  ],
  results: {
    proof: [
      {
        verified: false,
        input: {
          type: 'DataIntegrityProof',
          cryptosuite: 'eddsa-rdfc-2022',
          created: '2026-03-02T14:05:00Z',
          verificationMethod: `${DID}#${DID.slice('did:key:'.length)}`,
          proofPurpose: 'assertionMethod',
          proofValue:
            'z5vgFc9ZGJMQ5UcmKPWKCwLyvq6MyMRVXu1vMDSNdA6DhsENbUWJe3ETJkxzQmCcptzk3dWRKvbhV4hqnzEGWsXJ',
        },
        problemDetails: [signatureInvalid],
      },
    ],
    credentialStatus: [],
    credentialSchema: [],
  },
  checks: [
    {
      id: 'structure',
      status: 'passed',
      code: 'WELL_FORMED',
      message: 'Well-formed VC Data Model credential',
    },
    {
      id: 'proof',
      status: 'failed',
      code: 'SIGNATURE_INVALID',
      message: 'The signature does not match the document',
    },
    { id: 'validity', status: 'skipped', code: 'NOT_CHECKED', message: 'The proof did not verify' },
    { id: 'status', status: 'skipped', code: 'NOT_CHECKED', message: 'The proof did not verify' },
  ],
  registry: { verified: false, required: false, checks: [issuerUnknown] },
};

/** A presentation altered after its holder signed it. */
export const PRESENTATION_FAILED_EXAMPLE = {
  type: 'urn:reconoce:problem:verification-failed',
  title: 'Unprocessable Entity',
  status: 422,
  detail: 'The presentation did not verify: The signature does not match the document.',
  code: 'VERIFICATION_FAILED',
  requestId: '0d6b8f4e-2c1a-4f7e-8b39-6e5a1c9d7f20',
  verified: false,
  problemDetails: [signatureInvalid, notChecked('challenge')],
  results: {
    presentation: {
      proof: [
        {
          verified: false,
          input: {
            type: 'DataIntegrityProof',
            cryptosuite: 'eddsa-rdfc-2022',
            created: '2026-03-02T14:07:12Z',
            verificationMethod: `${DID}#${DID.slice('did:key:'.length)}`,
            proofPurpose: 'authentication',
            challenge: 'uKq3nY0vJ8cQ2wR5tH7xZb',
            proofValue:
              'z3t9Vv9wGJb3oH6V2Xr1nq8kYcJmWbZ4A7uQ5sXoPpT2LdN8eRfC6hK1jM9gS4yB7vE2wQ5zU3xA8rT6nH1kL9cD',
          },
          problemDetails: [signatureInvalid],
        },
      ],
      challenge: { verified: false, input: 'uKq3nY0vJ8cQ2wR5tH7xZb' },
      holder: { verified: false, input: DID },
    },
    credentials: [],
  },
  checks: [
    {
      id: 'proof',
      status: 'failed',
      code: 'SIGNATURE_INVALID',
      message: 'The signature does not match the document',
    },
    {
      id: 'challenge',
      status: 'skipped',
      code: 'NOT_CHECKED',
      message: 'The proof did not verify',
    },
  ],
};
