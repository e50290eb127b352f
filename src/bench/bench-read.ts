import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import {
  aim,
  argDb,
  argNumber,
  freePort,
  heading,
  issueBenchCredential,
  print,
  startOn,
} from './bench-support.js';

/**
 * `npm run bench:read [-- --db embedded|postgres --seconds 10 --connections 32]`: GET /v/<token>
 * (JSON), one credential checked again and again, with and without `?country=`, against a bare
 * `node:http` server answering the same bytes, in the same run. Prints req/s, p99 and the ratio.
 */

interface Figures {
  perSecond: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function hammer(url: string, connections: number, seconds: number): Promise<Figures> {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    headers: { Accept: 'application/json' },
  });
  return {
    perSecond: result.requests.average,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

// The bare server runs in its own process, as the service does, so neither shares autocannon's.
const BARE_SERVER = `
const body = Buffer.from(process.env.BODY, 'base64');
require('node:http').createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length });
  res.end(body);
}).listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\\n'));
`;

async function startBare(body: Buffer): Promise<{ base: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--input-type=commonjs', '-e', BARE_SERVER], {
    env: { PATH: process.env.PATH ?? '', PORT: String(port), BODY: body.toString('base64') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((done) => child.stdout.once('data', () => done()));
  return {
    base: `http://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((done) => child.on('exit', done));
    },
  };
}

function line(label: string, figures: Figures, bare?: Figures): string {
  const ratio = bare
    ? `  ${(figures.perSecond / bare.perSecond).toFixed(3)} of bare  ${aim(Number((figures.perSecond / bare.perSecond).toFixed(3)), '≥', 0.25)}, p99 ${aim(figures.p99, '<', 25, ' ms')}`
    : '';
  const failures =
    figures.non2xx + figures.errors > 0
      ? `  (${figures.non2xx} non-2xx, ${figures.errors} errors)`
      : '';
  return `${label.padEnd(40)} ${figures.perSecond.toFixed(0).padStart(7)} req/s  p99 ${String(figures.p99).padStart(4)} ms${ratio}${failures}`;
}

async function main(): Promise<void> {
  const db = argDb();
  const seconds = argNumber('seconds', 10);
  const connections = argNumber('connections', 32);
  const service = await startOn(db);
  try {
    const { verifyUrl } = await issueBenchCredential(service);
    const path = `/v/${verifyUrl.split('/v/')[1]}`;
    print(heading('bench:read', `db ${db}, ${connections} connections, ${seconds} s each`));
    for (const query of ['', '?country=PE&purpose=EMPLOYMENT']) {
      const url = `${service.base}${path}${query}`;
      const res = await fetch(url, { headers: { Accept: 'application/json' } });
      if (res.status !== 200) throw new Error(`GET ${path}${query}: HTTP ${res.status}`);
      const body = Buffer.from(await res.arrayBuffer());
      // Warm both up: the service's first answer fills its cache, the JIT settles.
      await hammer(url, connections, 2);
      const bare = await startBare(body);
      try {
        await hammer(bare.base, connections, 2);
        const bareFigures = await hammer(bare.base, connections, seconds);
        const served = await hammer(url, connections, seconds);
        print(line(`bare node:http, same ${body.length} bytes`, bareFigures));
        print(line(`GET /v/<token>${query ? '?country=PE' : ''} (JSON)`, served, bareFigures));
      } finally {
        await bare.stop();
      }
    }
  } finally {
    await service.stop();
  }
}

await main();
