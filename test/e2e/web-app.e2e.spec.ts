// Issue 11: the API serves the built web app at / with the SPA fallback, and keeps its own paths (API, docs,
// health, metrics, admin tools) out of it. Needs `npm run build` (npm test and test:e2e run it first).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApiDocument } from '../../apps/api/src/openapi/build-openapi-document';
import { findWebDist, isWebPath } from '../../apps/api/src/web/web.module';
import { type ApiHarness, startApiHarness } from '../support/api-harness';

describe('The web app served by the API', () => {
  let h: ApiHarness;
  let dist: string;

  beforeAll(async () => {
    const found = findWebDist();
    if (!found) throw new Error('apps/web/dist is missing: run `npm run build` first');
    dist = found;
    h = await startApiHarness('webapp');
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers index.html at / and at any deep link of the app, revalidated, under the CSP', async () => {
    for (const path of [
      '/',
      '/sign-in',
      '/cases/6f1c2d3e-0000-4000-8000-000000000000',
      '/cases/x/forms/01',
      '/administration',
    ]) {
      const res = await h.http().get(path).expect(200);
      expect({ path, type: res.headers['content-type'] }).toEqual({ path, type: expect.stringMatching(/^text\/html/) });
      expect(res.text).toContain('<div id="root"></div>');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    }
  });

  it('does not send the app to https outside production, so that it opens at http://<address>:3000', async () => {
    const csp = (await h.http().get('/').expect(200)).headers['content-security-policy'];
    expect(h.config.env).not.toBe('production');
    expect(csp).not.toMatch(/upgrade-insecure-requests/);
  });

  it('needs no inline script, so that the CSP (script-src self) holds', () => {
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc="\/assets\//);
      expect(body!.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=/i); // no inline event handlers either
  });

  it('serves the hashed assets for a year, and a missing asset is a 404, not the app', async () => {
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const res = await h.http().get(script).expect(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await h.http().get('/assets/nothing-here.js').expect(404);
    expect(missing.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  it('keeps the API, docs, health, metrics and admin paths out of the fallback', async () => {
    expect((await h.http().get('/api/v1/no-such-route').expect(404)).body).toMatchObject({ code: 'NOT_FOUND' });
    expect((await h.http().get('/api/v1/cases').expect(401)).body).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await h.http().get('/admin/queues').expect(401)).body).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await h.http().get('/health/live').expect(200)).body).toMatchObject({ status: 'ok' });
    expect((await h.http().get('/docs-json').expect(200)).body).toHaveProperty('openapi');
    expect((await h.http().get('/health/nothing').expect(404)).headers['content-type']).toMatch(/json/);
    // Only GET and HEAD fall back to the app; other methods on unknown paths stay 404s.
    expect((await h.http().post('/cases').send({}).expect(404)).body).toMatchObject({ code: 'NOT_FOUND' });
  });

  it("serves at /docs-json the document `npm run gen:api-types` builds without a server (the web app's types)", async () => {
    const served = (await h.http().get('/docs-json').expect(200)).body;
    expect(served).toEqual(JSON.parse(JSON.stringify(await buildOpenApiDocument())));
  });

  it('decides by whole path segments', () => {
    expect(isWebPath('/administration')).toBe(true);
    expect(isWebPath('/apiary')).toBe(true);
    expect(isWebPath('/admin')).toBe(false);
    expect(isWebPath('/admin/queues/api/queues')).toBe(false);
    expect(isWebPath('/api/v1/cases')).toBe(false);
    expect(isWebPath('/docs')).toBe(false);
    expect(isWebPath('/metrics')).toBe(false);
  });
});
