// Issue 15, point 1 ("at the edge"): a NUL, a C1 control and a lone surrogate sent through every string field
// of every route — each string property of each request body in the OpenAPI document (nested objects, arrays,
// the incident rows a CSV upload becomes), each query and path parameter, and the headers read as data — get a
// 400 INVALID_CHARACTERS naming that field, and the event store's head does not move.
import { type ApiHarness, startApiHarness } from '../support/api-harness';
import { SAMPLES } from '../support/route-samples';

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}
interface Operation {
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** Strings that PostgreSQL, the projector or the browser must never see. Lone surrogates only travel in JSON. */
const POISONS = { nul: '\u0000', c1: '\u0085', loneSurrogate: '\ud800' } as const;
const URL_POISONS = { nul: '%00', c1: '%C2%85' } as const;
const ANY_UUID = '00000000-0000-4000-8000-000000000000';
const USERS = ['worker1', 'supervisor', 'police', 'analyst', 'admin'];

/** The path of every string in a request body schema (`child.fullName`, `services.0.dueAt`, `goals.0`). */
function stringPaths(doc: OpenApi, schema: Schema, path: string[] = [], seen: string[] = []): string[][] {
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop()!;
    if (seen.includes(name)) return [];
    return stringPaths(doc, doc.components.schemas[name]!, path, [...seen, name]);
  }
  const alternatives = [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];
  if (alternatives.length) return alternatives.flatMap((s) => stringPaths(doc, s, path, seen));
  if (schema.type === 'string') return [path];
  if (schema.type === 'array' && schema.items) return stringPaths(doc, schema.items, [...path, '0'], seen);
  return Object.entries(schema.properties ?? {}).flatMap(([k, s]) => stringPaths(doc, s, [...path, k], seen));
}

/** The strings already in a sample body (some, like `children`, are typed loosely in the schema). */
function sampleStringPaths(value: unknown, path: string[] = []): string[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => sampleStringPaths(v, [...path, String(i)]));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => sampleStringPaths(v, [...path, k]));
  return [];
}

/** A copy of `body` with `text` at `path`, creating the objects and arrays on the way. */
function withText(body: object, path: string[], text: string): object {
  const copy = structuredClone(body) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      node[key] = text;
      return;
    }
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = /^\d+$/.test(path[i + 1]!) ? [] : {};
    node = node[key] as Record<string, unknown>;
  });
  return copy;
}

describe('Control characters and lone surrogates in every string field of every route', () => {
  let h: ApiHarness;
  let doc: OpenApi;
  const tokens: Record<string, string> = {};
  /** Who may call each route (found once: the first demo user not refused with 403). */
  const caller = new Map<string, string | null>();
  const head = async () =>
    Number((await h.db.sql`select coalesce(max(global_position), -1)::bigint as n from events`)[0]!.n);

  const concrete = (path: string) =>
    path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'number' ? '9' : ANY_UUID));

  // Every command asks If-Match first (428 without it); a well-formed one lets the request reach the text rule.
  function send(
    method: string,
    url: string,
    user: string | null,
    body?: string,
    headers: Record<string, string> = { 'If-Match': '1' },
  ) {
    let req = h.http()[method as 'get' | 'post' | 'patch' | 'delete'](url);
    if (user) req = req.set('Authorization', `Bearer ${tokens[user]}`);
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    return body === undefined ? req : req.set('Content-Type', 'application/json').send(body);
  }

  /** Sends the request as each user until one gets past the role check; remembers who that was. */
  async function asAllowedUser(
    key: string,
    method: string,
    url: string,
    body?: string,
    headers?: Record<string, string>,
  ) {
    const known = caller.get(key);
    const candidates = known !== undefined ? [known] : [null, ...USERS];
    let res;
    for (const user of candidates) {
      res = await send(method, url, user, body, headers);
      if (res.status !== 401 && res.status !== 403) {
        caller.set(key, user);
        return res;
      }
    }
    return res!;
  }

  async function expectRefused(
    key: string,
    method: string,
    url: string,
    field: string,
    body?: string,
    headers?: Record<string, string>,
  ) {
    const before = await head();
    const res = await asAllowedUser(key, method, url, body, headers);
    const fields = Array.isArray(res.body.details) ? (res.body.details as { field: string }[]).map((d) => d.field) : [];
    expect({ key, field, status: res.status, code: res.body.code, named: fields.includes(field) }).toEqual({
      key,
      field,
      status: 400,
      code: 'INVALID_CHARACTERS',
      named: true,
    });
    expect(await head()).toBe(before);
  }

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ method, path, op, key: `${method.toUpperCase()} ${path}` })),
    );

  beforeAll(async () => {
    h = await startApiHarness('hostile_text');
    for (const u of USERS) tokens[u] = await h.token(u);
    doc = (await h.http().get('/docs-json').expect(200)).body as OpenApi;
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses them in every string of every request body, naming the field, and writes nothing', async () => {
    let checked = 0;
    for (const { method, path, op, key } of operations()) {
      const schema = op.requestBody?.content['application/json']?.schema;
      if (!schema) continue;
      const sample = SAMPLES[key] ?? {};
      const paths = new Map([...stringPaths(doc, schema), ...sampleStringPaths(sample)].map((p) => [p.join('.'), p]));
      expect({ key, strings: paths.size > 0 || Object.keys(sample).length === 0 }).toEqual({ key, strings: true });
      for (const [field, leaf] of paths) {
        for (const poison of Object.values(POISONS)) {
          await expectRefused(
            key,
            method,
            concrete(path),
            field,
            JSON.stringify(withText(sample, leaf, `Lan${poison}Anh`)),
          );
          checked++;
        }
      }
    }
    // Every route with a body took part (a route table that lost its bodies would pass vacuously).
    expect(checked).toBeGreaterThan(150);
  });

  it('refuses them in the incident rows a CSV upload becomes, before any row is registered', async () => {
    const key = 'POST /api/v1/incidents/{id}/children';
    const rows = {
      children: [
        { fullName: 'Lò Văn Một', sex: 'male', ageYears: 5, areaCode: '29926' },
        {
          fullName: 'Lò Văn Hai',
          sex: 'male',
          ageYears: 6,
          areaCode: '29926',
          notes: 'ở nhà văn hoá',
          reporter: { name: 'Bà Ba', phone: '0900000000', relation: 'neighbour' },
        },
      ],
    };
    for (const field of [
      'children.1.fullName',
      'children.1.notes',
      'children.1.reporter.name',
      'children.1.areaCode',
      'children.1.ethnicity',
    ]) {
      for (const poison of Object.values(POISONS)) {
        await expectRefused(
          key,
          'post',
          concrete('/api/v1/incidents/{id}/children'),
          field,
          JSON.stringify(withText(rows, field.split('.'), `x${poison}`)),
        );
      }
    }
  });

  it('refuses them in every query and path parameter', async () => {
    let checked = 0;
    for (const { method, path, op, key } of operations()) {
      for (const p of op.parameters ?? []) {
        if (p.in !== 'query' && p.in !== 'path') continue;
        for (const poison of Object.values(URL_POISONS)) {
          const url =
            p.in === 'query'
              ? `${concrete(path)}?${p.name}=a${poison}`
              : concrete(path.replace(`{${p.name}}`, p.name === 'number' ? `9${poison}` : `${ANY_UUID}${poison}`));
          const body = SAMPLES[key] ? JSON.stringify(SAMPLES[key]) : undefined;
          await expectRefused(key, method, url, p.name, body);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(60);
  });

  it('refuses a C1 control in the headers read as data (Idempotency-Key, If-Match)', async () => {
    const openCase = JSON.stringify(SAMPLES['POST /api/v1/cases']);
    await expectRefused('POST /api/v1/cases', 'post', '/api/v1/cases', 'Idempotency-Key', openCase, {
      'Idempotency-Key': 'intake-\u0085',
    });
    const close = JSON.stringify(SAMPLES['POST /api/v1/cases/{id}/closure']);
    await expectRefused(
      'POST /api/v1/cases/{id}/closure',
      'post',
      concrete('/api/v1/cases/{id}/closure'),
      'If-Match',
      close,
      { 'If-Match': '1\u0085' },
    );
  });

  it('still accepts tab and line breaks in free text, and stores a decomposed name in NFC', async () => {
    const body = SAMPLES['POST /api/v1/cases'] as { child: object; summary: string };
    const res = await send(
      'post',
      '/api/v1/cases',
      'worker1',
      JSON.stringify({
        ...body,
        child: { ...body.child, fullName: 'Nguyễn Thị Ánh'.normalize('NFD') },
        summary: 'Dòng một\n\tDòng hai\r\n',
      }),
    );
    expect(res.status).toBe(201);
    const view = await send('get', `/api/v1/cases/${res.body.caseId}`, 'worker1');
    expect(view.body.summary).toBe('Dòng một\n\tDòng hai\r\n');
    expect(view.body.child.fullName).toBe('Nguyễn Thị Ánh'.normalize('NFC'));
    const name = await send(
      'post',
      '/api/v1/cases',
      'worker1',
      JSON.stringify({ ...body, child: { ...body.child, fullName: 'Nguyễn\nÁnh' } }),
    );
    expect({ status: name.status, fields: name.body.details?.map((d: { field: string }) => d.field) }).toEqual({
      status: 400,
      fields: ['child.fullName'],
    });
  });
});
