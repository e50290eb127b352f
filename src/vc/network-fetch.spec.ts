import { jest } from '@jest/globals';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNetworkFetcher, isAllowedAddress, NetworkFetchError } from './network-fetch.js';

describe('network fetch for verification', () => {
  let server: Server;
  let base: string;
  const hits: Record<string, number> = {};
  let aborted: Promise<boolean>;
  let markAborted: (written: boolean) => void;

  beforeAll(async () => {
    server = createServer((req, res: ServerResponse) => {
      const path = req.url ?? '/';
      hits[path] = (hits[path] ?? 0) + 1;
      if (path === '/doc') return res.end(JSON.stringify({ id: 'doc', n: hits[path] }));
      if (path === '/slow') return; // never answers
      if (path === '/slow-body') {
        res.write('{"id":');
        return; // headers and a part, then silence
      }
      if (path === '/big-declared') {
        res.setHeader('content-length', '100000');
        return res.end('x'.repeat(100_000));
      }
      if (path === '/big-streamed') {
        // 10 MB in chunks, no content-length: the client must abort before the end.
        let sent = 0;
        const chunk = Buffer.alloc(16 * 1024, 0x20);
        const push = () => {
          while (sent < 10 * 1024 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) return res.once('drain', push);
          }
          res.end();
        };
        res.on('close', () => markAborted(!res.writableFinished));
        return push();
      }
      if (path === '/redirect') {
        res.statusCode = 302;
        res.setHeader('location', '/doc');
        return res.end();
      }
      if (path === '/array') return res.end('[1]');
      if (path === '/fails') {
        res.statusCode = 500;
        return res.end('{}');
      }
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    aborted = new Promise((resolve) => (markAborted = resolve));
  });

  const options = { timeoutMs: 300, maxBytes: 4096, cacheTtlMs: 0, allowLoopbackHttp: true };

  it('refuses plain http, and any loopback or private address, without the test override', async () => {
    const fetch = createNetworkFetcher({ ...options, allowLoopbackHttp: false });
    for (const url of [
      `${base}/doc`, // http
      'https://127.0.0.1/doc',
      'https://[::1]/doc',
      'https://10.1.2.3/doc',
      'https://169.254.169.254/latest/meta-data',
      'https://192.168.1.1/',
      'https://[fd00::1]/',
      'https://[::ffff:127.0.0.1]/',
      'https://localhost/doc', // resolves to loopback: refused at the lookup
      'ftp://example.org/doc',
      'https://user:pw@example.org/doc',
    ]) {
      await expect(fetch(url)).rejects.toThrow(NetworkFetchError);
    }
    expect(hits['/doc'] ?? 0).toBe(0);
  });

  it('with the test override: http from loopback only, never other private addresses', async () => {
    const fetch = createNetworkFetcher(options);
    await expect(fetch(`${base}/doc`)).resolves.toMatchObject({ id: 'doc' });
    await expect(fetch('http://10.1.2.3/doc')).rejects.toThrow(/not an https URL/);
    await expect(fetch('https://10.1.2.3/doc')).rejects.toThrow(/private, loopback or reserved/);
    await expect(fetch('http://example.org/doc')).rejects.toThrow(/not an https URL/);
  });

  it('gives up at the deadline, before any header or in the middle of the body', async () => {
    const fetch = createNetworkFetcher(options);
    for (const path of ['/slow', '/slow-body']) {
      const started = Date.now();
      await expect(fetch(`${base}${path}`)).rejects.toThrow(/did not answer within 300 ms/);
      expect(Date.now() - started).toBeLessThan(2000);
    }
  });

  it('aborts a download past the size cap while it streams, and refuses one declared larger', async () => {
    const fetch = createNetworkFetcher(options);
    await expect(fetch(`${base}/big-streamed`)).rejects.toThrow(/larger than 4096 bytes/);
    expect(await aborted).toBe(true); // the server was cut off before its 10 MB were sent
    await expect(fetch(`${base}/big-declared`)).rejects.toThrow(/larger than 4096 bytes/);
  });

  it('refuses redirects, other statuses and what is not a JSON object', async () => {
    const fetch = createNetworkFetcher(options);
    await expect(fetch(`${base}/redirect`)).rejects.toThrow(/answered 302/);
    await expect(fetch(`${base}/fails`)).rejects.toThrow(/answered 500/);
    await expect(fetch(`${base}/array`)).rejects.toThrow(/not a JSON object/);
  });

  it('reuses an answer for the cache time, then fetches again; failures are not kept', async () => {
    let now = 1_000_000;
    const spy = jest.spyOn(Date, 'now').mockImplementation(() => now);
    try {
      const fetch = createNetworkFetcher({ ...options, cacheTtlMs: 60_000 });
      const before = hits['/doc'] ?? 0;
      const first = await fetch(`${base}/doc#key-1`);
      expect(await fetch(`${base}/doc`)).toEqual(first);
      expect(hits['/doc']).toBe(before + 1);
      now += 61_000;
      await fetch(`${base}/doc`);
      expect(hits['/doc']).toBe(before + 2);
      const failures = hits['/fails'] ?? 0;
      await expect(fetch(`${base}/fails`)).rejects.toThrow();
      await expect(fetch(`${base}/fails`)).rejects.toThrow();
      expect(hits['/fails']).toBe(failures + 2);
    } finally {
      spy.mockRestore();
    }
  });

  it('tells public addresses from special ones', () => {
    for (const address of ['93.184.216.34', '2606:4700::1111', '8.8.8.8']) {
      expect(isAllowedAddress(address)).toBe(true);
    }
    for (const address of [
      '127.0.0.1',
      '10.0.0.1',
      '172.16.5.4',
      '192.168.0.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fd12::1',
      '::ffff:10.0.0.1',
      '::ffff:7f00:1',
      'not an address',
    ]) {
      expect(isAllowedAddress(address)).toBe(false);
    }
    expect(isAllowedAddress('127.0.0.1', true)).toBe(true);
    expect(isAllowedAddress('::1', true)).toBe(true);
    expect(isAllowedAddress('10.0.0.1', true)).toBe(false);
  });
});
