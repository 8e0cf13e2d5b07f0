// `npm run gen:api-types`: writes the web app's API types (apps/web/src/api/openapi.d.ts) from the OpenAPI document
// the API serves at /docs-json, built here without a server, database or Redis. Run from the repository's root.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildOpenApiDocument } from './build-openapi-document';
import { generateWebApiTypes, WEB_API_TYPES_FILE } from './web-api-types';

async function main() {
  const target = resolve(process.cwd(), WEB_API_TYPES_FILE);
  writeFileSync(target, await generateWebApiTypes(await buildOpenApiDocument()));
  process.stdout.write(`wrote ${WEB_API_TYPES_FILE}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
