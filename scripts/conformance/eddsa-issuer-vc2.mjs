// The vc-di-eddsa suite's issuer tests, run with the VC 2.0 form of the credential they issue.
//
// The suite calls data-integrity-test-suite-assertion's checkDataIntegrityProofFormat without a
// `credential`, so its `before all` hook issues the package's validVc.json, a VC 1.1 credential
// (`credentials/v1`, `issuanceDate`), which the service refuses (issue #15: VC 2.0 only, decision
// 0010); mocha then hides every test behind that hook. Here the same upstream function, unchanged,
// gets the same credential in VC 2.0 form through its documented `credential` option, so those
// tests run against the service. scripts/test-conformance.sh copies this file into the kit's
// installed copy of the suite (for its node_modules and localConfig.cjs) and runs it with mocha.
import { checkDataIntegrityProofFormat, validVc } from 'data-integrity-test-suite-assertion';
import { endpoints } from 'vc-test-suite-implementations';

const { match } = endpoints.filterByTag({ tags: ['eddsa-rdfc-2022'], property: 'issuers' });
const { issuanceDate, ...unchanged } = validVc;

checkDataIntegrityProofFormat({
  implemented: match,
  testDescription: 'Data Integrity (eddsa-rdfc-2022 issuers), VC 2.0 input',
  cryptosuiteName: 'eddsa-rdfc-2022',
  credential: {
    ...unchanged,
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    validFrom: issuanceDate,
  },
});
