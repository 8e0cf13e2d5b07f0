import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { buildOpenApiDocument } from './build-openapi-document';
import { generateWebApiTypes, WEB_API_TYPES_FILE } from './web-api-types';

const ROOT = join(__dirname, '..', '..', '..', '..');

describe("the web app's API types (issue 16, point 5)", () => {
  let document: OpenAPIObject;
  beforeAll(async () => {
    document = await buildOpenApiDocument();
  });

  it('are the ones the current API produces: run `npm run gen:api-types` after changing a controller or DTO', async () => {
    const committed = readFileSync(join(ROOT, WEB_API_TYPES_FILE), 'utf8');
    // A plain equality: a diff of 3,000 lines would drown the message above.
    expect(committed === (await generateWebApiTypes(document))).toBe(true);
  });

  it('change when a response shape changes (the comparison above can fail)', async () => {
    const path = document.paths['/api/v1/cases/{id}']!.get!;
    const changed = structuredClone(document);
    const schema = (
      changed.paths['/api/v1/cases/{id}']!.get!.responses['200'] as {
        content: Record<string, { schema: { properties: Record<string, unknown> } }>;
      }
    ).content['application/json']!.schema;
    schema.properties['aFieldTheWebDoesNotKnow'] = { type: 'string' };
    expect(path).toBeDefined();
    const [before, after] = await Promise.all([generateWebApiTypes(document), generateWebApiTypes(changed)]);
    expect(after).not.toBe(before);
    expect(after).toContain('aFieldTheWebDoesNotKnow');
  });
});
