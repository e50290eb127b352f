import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DemoSeedService } from '../../src/modules/demo/demo-seed.service.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

interface Wire {
  status: number;
  encoding: string | undefined;
  vary: string | undefined;
  /** Bytes on the wire, as sent (compressed or not). */
  bytes: number;
}

describe('compressed answers', () => {
  let t: TestApp;
  let base: string;
  let verifyPath: string;

  // Node's own client: it does not decompress, so the bytes counted are the bytes sent.
  const fetchRaw = (path: string, acceptEncoding: string, accept = '*/*') =>
    new Promise<Wire>((resolve, reject) => {
      get(
        `${base}${path}`,
        { headers: { 'Accept-Encoding': acceptEncoding, Accept: accept } },
        (res) => {
          let bytes = 0;
          res.on('data', (chunk: Buffer) => (bytes += chunk.length));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              encoding: res.headers['content-encoding'],
              vary: res.headers.vary,
              bytes,
            }),
          );
        },
      ).on('error', reject);
    });

  beforeAll(async () => {
    t = await startTestApp();
    const seed = await t.app.get(DemoSeedService).seed();
    verifyPath = new URL(seed.credentials['maria-cuidado'].verifyUrl).pathname;
    const server = t.app.getHttpServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 120_000);
  afterAll(() => t.close());

  const paths = () => [
    ['verify page (HTML)', verifyPath, 'text/html'],
    ['verify answer (JSON)', verifyPath, 'application/json'],
    ['portal page', '/portal', 'text/html'],
    ['Swagger UI bundle', '/docs/swagger-ui-bundle.js', '*/*'],
    ['OpenAPI document', '/docs/openapi.json', 'application/json'],
    ['style sheet', '/assets/site.css', 'text/css'],
  ];

  it('sends brotli when accepted, else gzip, and plain bytes to a client that asks for none', async () => {
    for (const [name, path, accept] of paths()) {
      const plain = await fetchRaw(path, 'identity', accept);
      const br = await fetchRaw(path, 'gzip, deflate, br', accept);
      const gzip = await fetchRaw(path, 'gzip', accept);
      expect({ name, status: plain.status }).toEqual({ name, status: 200 });
      expect(plain.encoding).toBeUndefined();
      expect({ name, encoding: br.encoding }).toEqual({ name, encoding: 'br' });
      expect({ name, encoding: gzip.encoding }).toEqual({ name, encoding: 'gzip' });
      expect(br.vary).toMatch(/Accept-Encoding/i);
      expect(br.bytes).toBeLessThan(plain.bytes * 0.6);
      expect(gzip.bytes).toBeLessThan(plain.bytes * 0.6);
    }
  });

  it('leaves small answers as they are', async () => {
    const res = await fetchRaw('/health', 'br');
    expect(res.status).toBe(200);
    expect(res.encoding).toBeUndefined();
  });
});
