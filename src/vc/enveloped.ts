import { asArray, isRecord } from './verify-checks.js';

// Enveloped credentials and presentations (VC Data Model 2.0 §4.13): an object whose `id` is a
// data: URL (RFC 2397) carrying the secured document, here a compact JWS (VC-JOSE-COSE).

const MEDIA_TYPES = {
  vc: {
    type: 'EnvelopedVerifiableCredential',
    media: ['application/vc+jwt', 'application/vc+ld+json+jwt'],
  },
  vp: {
    type: 'EnvelopedVerifiablePresentation',
    media: ['application/vp+jwt', 'application/vp+ld+json+jwt'],
  },
} as const;

/**
 * The compact JWT inside an enveloped credential (`vc`) or presentation (`vp`): `undefined` when
 * the value is not such an envelope, `null` when it is one whose `id` is not a data: URL of a
 * JWT media type (`application/vc+jwt` / `application/vp+jwt`, or the earlier `…+ld+json+jwt`;
 * no `;base64` form — the JWS is already base64url).
 */
export function envelopedJwt(value: unknown, kind: 'vc' | 'vp'): string | null | undefined {
  const { type, media } = MEDIA_TYPES[kind];
  if (!isRecord(value) || !asArray(value.type).includes(type)) return undefined;
  const { id } = value;
  if (typeof id !== 'string' || !id.startsWith('data:')) return null;
  const comma = id.indexOf(',');
  if (comma === -1) return null;
  const mediaType = id.slice('data:'.length, comma);
  if (!(media as readonly string[]).includes(mediaType)) return null;
  const jwt = id.slice(comma + 1);
  return jwt === '' ? null : jwt;
}

/** An EnvelopedVerifiablePresentation of a vp+jwt. */
export function envelopePresentationJwt(jwt: string): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: 'EnvelopedVerifiablePresentation',
    id: `data:application/vp+jwt,${jwt}`,
  };
}
