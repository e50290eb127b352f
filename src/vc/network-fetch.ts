import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

// Fetching foreign documents (other did:web DID documents, foreign status list credentials) for
// verification, when network resolution is switched on: https only, a deadline on the whole
// exchange, a size cap enforced while streaming, no redirects, and no private, loopback,
// link-local or otherwise special address (checked on the address actually connected to, so a
// DNS answer cannot point us inside). Answers are cached briefly.

export interface NetworkFetchOptions {
  /** The deadline of one fetch, connection to last byte, in milliseconds. */
  timeoutMs: number;
  /** The largest body accepted, in bytes; the download is aborted past it. */
  maxBytes: number;
  /** How long an answer is reused, in milliseconds (0: not cached). */
  cacheTtlMs: number;
  /**
   * Test only: allow plain http and loopback addresses (127.0.0.0/8, ::1) — never other private
   * ranges — so that tests can serve documents from a local server.
   */
  allowLoopbackHttp?: boolean;
}

/** Fetches a JSON document; throws a {@link NetworkFetchError} when it will not or cannot. */
export type NetworkFetcher = (url: string) => Promise<Record<string, unknown>>;

export class NetworkFetchError extends Error {
  constructor(
    readonly url: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'NetworkFetchError';
  }
}

const MAX_CACHE_ENTRIES = 500;

/** Addresses never fetched from: everything that is not a public unicast address. */
const FORBIDDEN = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata services)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  FORBIDDEN.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b::', 96], // NAT64
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  FORBIDDEN.addSubnet(net, prefix, 'ipv6');
}
// IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry (a BlockList of IPv6
// subnets cannot hold this one: it would match every IPv4 address).
const IPV4_MAPPED = new BlockList();
IPV4_MAPPED.addSubnet('::ffff:0:0', 96, 'ipv6');
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * Whether an address may be connected to: public unicast only; loopback as well when the test
 * override is on.
 */
export function isAllowedAddress(address: string, allowLoopback = false): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  let type: 'ipv4' | 'ipv6' = family === 4 ? 'ipv4' : 'ipv6';
  let value = address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) {
    value = mapped[1];
    type = 'ipv4';
  } else if (type === 'ipv6' && IPV4_MAPPED.check(value, 'ipv6')) {
    return false; // mapped, in hexadecimal form: not worth the risk
  }
  if (allowLoopback && LOOPBACK.check(value, type)) return true;
  return !FORBIDDEN.check(value, type);
}

/** A DNS lookup that fails for any answer that is not an allowed address. */
function guardedLookup(allowLoopback: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list: LookupAddress[] = addresses;
      const refused = list.find((entry) => !isAllowedAddress(entry.address, allowLoopback));
      if (refused || list.length === 0) {
        const denied = Object.assign(
          new Error(
            `${hostname} resolves to ${refused?.address ?? 'nothing'}, a private, loopback or reserved address: not fetched`,
          ),
          { code: 'ADDRESS_NOT_ALLOWED' },
        );
        return callback(denied, '', 0);
      }
      if (options.all) return callback(null, list, 0);
      return callback(null, list[0].address, list[0].family);
    });
  };
}

/**
 * Creates a fetcher of JSON documents for verification. Refuses (with a
 * {@link NetworkFetchError}): another scheme than https (http only for loopback hosts under the
 * test override), credentials or an IP literal outside the allowed addresses in the URL, a host
 * resolving to a forbidden address, a redirect or any status but 200, a body over `maxBytes`
 * (aborted while streaming), an exchange longer than `timeoutMs`, and a body that is not a JSON
 * object. Successful answers are cached for `cacheTtlMs`; concurrent fetches of one URL share one
 * request.
 */
export function createNetworkFetcher(options: NetworkFetchOptions): NetworkFetcher {
  const { timeoutMs, maxBytes, cacheTtlMs } = options;
  const allowLoopback = options.allowLoopbackHttp === true;
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new TypeError('timeoutMs must be > 0');
  if (!Number.isInteger(maxBytes) || maxBytes <= 0) throw new TypeError('maxBytes must be > 0');
  if (!Number.isInteger(cacheTtlMs) || cacheTtlMs < 0)
    throw new TypeError('cacheTtlMs must be ≥ 0');
  const cache = new Map<string, { expires: number; value: Promise<Record<string, unknown>> }>();
  const lookup = guardedLookup(allowLoopback);

  function fetchOnce(url: URL): Promise<Record<string, unknown>> {
    const fail = (message: string, cause?: unknown) =>
      new NetworkFetchError(url.href, message, { cause });
    return new Promise((resolve, reject) => {
      const client = url.protocol === 'https:' ? https : http;
      const request = client.get(
        url,
        {
          lookup,
          headers: { accept: 'application/did+json, application/vc+ld+json, application/json' },
          // A connection per request: the address check runs for each one.
          agent: false,
        },
        (response) => {
          if (response.statusCode !== 200) {
            response.resume();
            request.destroy();
            return reject(fail(`${url.href} answered ${response.statusCode}, not 200`));
          }
          const declared = Number(response.headers['content-length']);
          if (Number.isFinite(declared) && declared > maxBytes) {
            request.destroy();
            return reject(fail(`${url.href} is larger than ${maxBytes} bytes: not fetched`));
          }
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              request.destroy();
              reject(fail(`${url.href} is larger than ${maxBytes} bytes: download aborted`));
              return;
            }
            chunks.push(chunk);
          });
          response.on('error', (error) => reject(fail(`${url.href} could not be read`, error)));
          response.on('end', () => {
            if (size > maxBytes) return;
            let body: unknown;
            try {
              body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            } catch (error) {
              return reject(fail(`${url.href} is not JSON`, error));
            }
            if (typeof body !== 'object' || body === null || Array.isArray(body)) {
              return reject(fail(`${url.href} is not a JSON object`));
            }
            resolve(body as Record<string, unknown>);
          });
        },
      );
      request.setTimeout(timeoutMs);
      const deadline = setTimeout(() => {
        request.destroy();
        reject(fail(`${url.href} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      deadline.unref();
      request.on('timeout', () => {
        request.destroy();
        reject(fail(`${url.href} did not answer within ${timeoutMs} ms`));
      });
      request.on('error', (error) => {
        const code = (error as { code?: unknown }).code;
        reject(
          fail(
            code === 'ADDRESS_NOT_ALLOWED'
              ? error.message
              : `${url.href} could not be fetched: ${error.message}`,
            error,
          ),
        );
      });
      request.on('close', () => clearTimeout(deadline));
    });
  }

  return async function fetchDocument(input: string): Promise<Record<string, unknown>> {
    let url: URL;
    try {
      url = new URL(input);
    } catch (error) {
      throw new NetworkFetchError(String(input), `"${String(input)}" is not a URL`, {
        cause: error,
      });
    }
    const hostname = url.hostname.replace(/^\[|\]$/g, '');
    const loopbackHost =
      hostname === 'localhost' ||
      (isIP(hostname) !== 0 && LOOPBACK.check(hostname, isIP(hostname) === 4 ? 'ipv4' : 'ipv6'));
    const httpAllowed = allowLoopback && loopbackHost;
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && httpAllowed)) {
      throw new NetworkFetchError(url.href, `${url.href} is not an https URL: not fetched`);
    }
    if (url.username || url.password) {
      throw new NetworkFetchError(url.href, `${url.href} carries credentials: not fetched`);
    }
    if (isIP(hostname) !== 0 && !isAllowedAddress(hostname, allowLoopback)) {
      throw new NetworkFetchError(
        url.href,
        `${url.href} names a private, loopback or reserved address: not fetched`,
      );
    }
    url.hash = '';
    const key = url.href;
    const now = Date.now();
    const hit = cache.get(key);
    if (hit && hit.expires > now) return hit.value;
    const value = fetchOnce(url);
    if (cacheTtlMs > 0) {
      if (cache.size >= MAX_CACHE_ENTRIES) {
        for (const [k, entry] of cache) if (entry.expires <= now) cache.delete(k);
        if (cache.size >= MAX_CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
      }
      cache.set(key, { expires: now + cacheTtlMs, value });
      // A failure is not kept: the next verification tries again.
      value.catch(() => {
        if (cache.get(key)?.value === value) cache.delete(key);
      });
    }
    return value;
  };
}
