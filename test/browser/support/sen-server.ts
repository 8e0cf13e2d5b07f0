import type { AddressInfo } from 'node:net';
import { ProjectorModule } from '../../../apps/projector/src/projector.module';
import { findWebDist } from '../../../apps/api/src/web/web.module';
import { WorkerModule } from '../../../apps/worker/src/worker.module';
import { type ApiHarness, startApiHarness } from '../../support/api-harness';

export interface SenServer {
  harness: ApiHarness;
  baseUrl: string;
  /** Signs in over HTTP (as a second user would from another device) and returns the token. */
  token(username: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A real Sen for the browser: API, projector and worker in this process (as `npm start` runs them), its own
 * database and queue prefix, the built web app served at /, listening on a free port of 127.0.0.1.
 */
export async function startSen(label: string): Promise<SenServer> {
  if (!findWebDist()) throw new Error('apps/web/dist is missing: run `npm run build` before the browser tests');
  const harness = await startApiHarness(label, { realClock: true, with: [ProjectorModule, WorkerModule] });
  await harness.app.listen(0, '127.0.0.1');
  const { port } = harness.app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    harness,
    baseUrl,
    async token(username: string) {
      const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'sen-demo-2030' }),
      });
      if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
      return ((await res.json()) as { accessToken: string }).accessToken;
    },
    close: () => harness.close(),
  };
}
