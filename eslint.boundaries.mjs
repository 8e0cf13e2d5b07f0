// Sen's layers and who may import whom (issue 16, point 6), as an ESLint rule: `sen/boundaries` in
// eslint.config.mjs. test/architecture/import-boundaries.unit.spec.ts shows that each rule reports a forbidden
// import and that the tree has none.
//
//   - the domain (libs/case-domain) imports nothing outside itself: no package, no framework, no other lib;
//   - a lib never imports an app;
//   - a lib is imported through its entry point (`@sen/<lib>`), never by a path into its files;
//   - an app never imports another app's internals: only its root module (`apps/<x>/src/<x>.app.ts` or
//     `<x>.module.ts`), as `sen start` does to run every process in one;
//   - the web app imports its own code, its packages and the domain's vocabulary (`@sen/case-domain`, through
//     apps/web/src/domain/vocabulary.ts alone), nothing else of Sen.
// bench/ and test/ are harnesses around the layers and may reach into them.
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(fileURLToPath(import.meta.url));
const DOMAIN = 'case-domain';
const WEB_DOOR = 'apps/web/src/domain/vocabulary.ts';

/** `apps/<name>/…` or `libs/<name>/…` of a path relative to the repository, else null. */
function layerOf(path) {
  const [kind, name] = path.split('/');
  if ((kind === 'apps' || kind === 'libs') && name) return { kind: kind === 'apps' ? 'app' : 'lib', name };
  return null;
}

function targetOf(file, specifier) {
  if (specifier.startsWith('.')) {
    const path = relative(ROOT, resolve(dirname(resolve(ROOT, file)), specifier))
      .split(sep)
      .join('/');
    return { relative: true, path, layer: path.startsWith('..') ? { kind: 'outside' } : layerOf(path) };
  }
  const sen = /^@sen\/([a-z-]+)(\/.*)?$/.exec(specifier);
  if (sen) return { relative: false, path: specifier, layer: { kind: 'lib', name: sen[1] }, deep: Boolean(sen[2]) };
  return { relative: false, path: specifier, layer: { kind: 'package' } };
}

const isRootModule = (path, app) => new RegExp(`^apps/${app}/src/${app}\\.(app|module)(\\.ts)?$`).test(path);

/** Why importing `specifier` from `file` (relative to the repository) crosses a boundary, or null. */
export function boundaryViolation(file, specifier) {
  const from = layerOf(file);
  if (!from) return null;
  const to = targetOf(file, specifier);
  const spec = /\.spec\.tsx?$/.test(file);
  const same = to.layer && to.layer.kind === from.kind && to.layer.name === from.name;
  if (from.kind === 'lib' && from.name === DOMAIN && !spec && !same)
    return 'the domain (libs/case-domain) imports nothing outside itself: no package, framework or other lib';
  if (from.kind === 'lib' && to.layer?.kind === 'app') return 'a lib never imports an app';
  if (to.relative && to.layer?.kind === 'lib' && !same)
    return `import another lib through its entry point (@sen/${to.layer.name}), not a path into its files`;
  if (to.deep)
    return `import ${to.layer.kind === 'lib' ? `@sen/${to.layer.name}` : 'a lib'} through its entry point only`;
  if (from.kind === 'app' && from.name === 'web') {
    if (to.layer?.kind === 'outside' || (to.layer?.kind === 'app' && !same))
      return 'the web app imports only its own code, its packages and the domain vocabulary';
    if (to.layer?.kind === 'lib' && (to.layer.name !== DOMAIN || file !== WEB_DOOR))
      return `the web app imports only the domain's vocabulary, through ${WEB_DOOR}`;
    return null;
  }
  if (from.kind === 'app' && to.layer?.kind === 'app' && !same && !isRootModule(to.path, to.layer.name))
    return `an app never imports another app's internals (only apps/${to.layer.name}/src/${to.layer.name}.app.ts or .module.ts)`;
  return null;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: "Sen's layers: domain, libs, apps, web (eslint.boundaries.mjs)" },
    schema: [],
    messages: { crossing: '{{specifier}}: {{why}}' },
  },
  create(context) {
    const file = relative(ROOT, context.filename).split(sep).join('/');
    const check = (source) => {
      if (!source || typeof source.value !== 'string') return;
      const why = boundaryViolation(file, source.value);
      if (why) context.report({ node: source, messageId: 'crossing', data: { specifier: source.value, why } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportEqualsDeclaration: (node) => check(node.moduleReference?.expression),
    };
  },
};

export default { rules: { boundaries: rule } };
