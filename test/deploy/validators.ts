// Validators for the deployment files, run by `npm test` (test/deploy/*.unit.spec.ts):
// - Kubernetes manifests against the Kubernetes API's JSON schemas (the `kubernetes-models` package ships them,
//   compiled for ajv), then against Sen's own rules (probes, replicas, non-root, limits, references that resolve);
// - docker-compose.yml against the compose-spec JSON schema (shipped by the `dclint` package) with ajv.
// The Kubernetes schemas, like `kubectl --validate=false`, accept fields they do not know; the rules below check the
// fields Sen relies on, and `kubectl apply --dry-run=server` on a cluster is the strict check.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parseAllDocuments, parse } from 'yaml';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';

export const ROOT = join(__dirname, '..', '..');
export const K8S_DIR = join(ROOT, 'deploy', 'k8s');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Manifest = Record<string, any>;

export interface Finding {
  where: string;
  problem: string;
}

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
};

/** The release's version: images are tagged with it, never `latest`. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

function parseFile(path: string, file: string): { file: string; doc: Manifest }[] {
  const out: { file: string; doc: Manifest }[] = [];
  for (const document of parseAllDocuments(readFileSync(path, 'utf8'))) {
    if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0]!.message}`);
    const doc = document.toJS({ maxAliasCount: 100 }) as Manifest | null;
    if (doc) out.push({ file, doc });
  }
  return out;
}

/** The examples of what the operator creates by hand (the Secrets): `*.example.yaml`, never applied. */
export function loadExamples(dir = K8S_DIR): { file: string; doc: Manifest }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.example.yaml'))
    .sort()
    .flatMap((f) => parseFile(join(dir, f), f));
}

/** What `kubectl apply -k deploy/k8s` applies: the files kustomization.yaml lists, one entry per YAML document. */
export function loadManifests(dir = K8S_DIR): { file: string; doc: Manifest }[] {
  const k = parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')) as { resources?: string[] };
  return (k.resources ?? []).flatMap((file) => parseFile(join(dir, file), file));
}

const name = (m: Manifest) => `${m.kind}/${m.metadata?.name ?? '?'}`;

/** Each manifest against the Kubernetes JSON schema of its apiVersion and kind. */
export function schemaFindings(manifests: { file: string; doc: Manifest }[]): Finding[] {
  const findings: Finding[] = [];
  for (const { file, doc } of manifests) {
    const where = `${file} ${name(doc)}`;
    const Model = MODELS[`${doc.apiVersion}/${doc.kind}`];
    if (!Model) {
      findings.push({
        where,
        problem: `no schema for apiVersion ${doc.apiVersion} kind ${doc.kind} (add it to MODELS if it is meant)`,
      });
      continue;
    }
    try {
      new Model(doc as never).validate();
    } catch (error) {
      findings.push({ where, problem: (error as Error).message });
    }
  }
  return findings;
}

const APP_PORTS: Record<string, number> = { 'sen-api': 3000, 'sen-projector': 3001, 'sen-worker': 3002 };
const MIN_REPLICAS: Record<string, [number, number]> = {
  'sen-api': [2, 100],
  'sen-projector': [2, 2],
  'sen-worker': [2, 100],
};
const REQUIRED_SECRETS = ['JWT_SECRET', 'PII_MASTER_KEY', 'DATABASE_URL', 'EVENTSTORE_URL'];
/** ConfigMap keys that would put a credential in plain configuration. */
const SECRET_LIKE = /(SECRET|PASSWORD|TOKEN|MASTER_KEY$|_URL$)/;
const PLAIN_URLS = new Set(['REDIS_URL', 'NOTIFY_WEBHOOK_URL']);

function matches(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

/** Sen's own rules: what the schema cannot know (DESIGN.md section 1; issue 8). */
export function policyFindings(manifests: { file: string; doc: Manifest }[], examples = loadExamples()): Finding[] {
  const findings: Finding[] = [];
  const docs = manifests.map((m) => m.doc);
  // Secrets are created by the operator, not applied: references resolve against the example of what to create.
  const byKind = (kind: string) =>
    [...docs, ...(kind === 'Secret' ? examples.map((e) => e.doc) : [])].filter((d) => d.kind === kind);
  const version = packageVersion();
  const add = (m: Manifest, problem: string) => findings.push({ where: name(m), problem });
  const workloads = [...byKind('Deployment'), ...byKind('Job')];

  for (const d of byKind('Deployment')) {
    const appName = d.metadata?.name as string;
    if (!matches(d.spec?.selector?.matchLabels, d.spec?.template?.metadata?.labels))
      add(d, 'selector.matchLabels does not match the pod template labels');
    const [min, max] = MIN_REPLICAS[appName] ?? [1, 100];
    const hpa = byKind('HorizontalPodAutoscaler').find(
      (h) => h.spec?.scaleTargetRef?.kind === 'Deployment' && h.spec?.scaleTargetRef?.name === appName,
    );
    if (hpa) {
      // Every apply would reset the autoscaler's count to a replicas field.
      if (d.spec?.replicas !== undefined)
        add(d, 'has replicas, but a HorizontalPodAutoscaler manages it (remove replicas)');
      if (!(hpa.spec?.minReplicas >= min && hpa.spec?.maxReplicas <= max))
        add(hpa, `minReplicas must be at least ${min} and maxReplicas at most ${max}`);
    } else if (!(d.spec?.replicas >= min && d.spec?.replicas <= max))
      add(d, `replicas must be from ${min} to ${max} (got ${d.spec?.replicas})`);
    const inits = d.spec?.template?.spec?.initContainers ?? [];
    if (!inits.some((c: Manifest) => /main\.js migrate\b/.test((c.command ?? []).join(' ')))) {
      add(d, 'needs an init container that runs the migrations before the app starts');
    }
    const port = APP_PORTS[appName];
    for (const c of d.spec?.template?.spec?.containers ?? []) {
      if (port !== undefined && !(c.ports ?? []).some((p: Manifest) => p.containerPort === port))
        add(d, `container ${c.name} must expose port ${port}`);
      for (const [probe, path] of [
        ['livenessProbe', '/health/live'],
        ['readinessProbe', '/health/ready'],
      ] as const) {
        if (c[probe]?.httpGet?.path !== path) add(d, `container ${c.name} needs a ${probe} on ${path}`);
        const target = c[probe]?.httpGet?.port;
        const resolved =
          typeof target === 'string' ? (c.ports ?? []).find((p: Manifest) => p.name === target)?.containerPort : target;
        if (port !== undefined && resolved !== port) add(d, `container ${c.name} ${probe} must probe port ${port}`);
      }
    }
  }

  for (const w of workloads) {
    const pod = w.spec?.template?.spec ?? {};
    for (const c of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
      if (String(c.image).startsWith('sen:') && c.image !== `sen:${version}`)
        add(w, `container ${c.name} must run image sen:${version} (package.json), not ${c.image}`);
      const sc = c.securityContext ?? {};
      if (!(pod.securityContext?.runAsNonRoot === true || sc.runAsNonRoot === true))
        add(w, `container ${c.name} must run as non-root (runAsNonRoot: true)`);
      if (sc.readOnlyRootFilesystem !== true) add(w, `container ${c.name} needs readOnlyRootFilesystem: true`);
      if (sc.allowPrivilegeEscalation !== false) add(w, `container ${c.name} needs allowPrivilegeEscalation: false`);
      if (!(sc.capabilities?.drop ?? []).includes('ALL')) add(w, `container ${c.name} must drop ALL capabilities`);
      for (const kind of ['requests', 'limits']) {
        for (const r of ['cpu', 'memory'])
          if (!c.resources?.[kind]?.[r]) add(w, `container ${c.name} needs resources.${kind}.${r}`);
      }
      // Every reference to a Secret or ConfigMap resolves, unless it is marked optional.
      for (const e of c.env ?? []) {
        const ref = e.valueFrom?.secretKeyRef ?? e.valueFrom?.configMapKeyRef;
        if (!ref || ref.optional) continue;
        const kind = e.valueFrom.secretKeyRef ? 'Secret' : 'ConfigMap';
        const target = byKind(kind).find((s) => s.metadata?.name === ref.name);
        const keys = { ...(target?.data ?? {}), ...(target?.stringData ?? {}) };
        if (!target) add(w, `env ${e.name} refers to ${kind} ${ref.name}, which is not defined`);
        else if (!(ref.key in keys))
          add(w, `env ${e.name} refers to key ${ref.key}, which ${kind} ${ref.name} does not have`);
      }
      for (const from of c.envFrom ?? []) {
        const ref = from.configMapRef ?? from.secretRef;
        const kind = from.configMapRef ? 'ConfigMap' : 'Secret';
        if (ref && !ref.optional && !byKind(kind).some((s) => s.metadata?.name === ref.name))
          add(w, `envFrom refers to ${kind} ${ref.name}, which is not defined`);
      }
    }
  }

  const podLabels = byKind('Deployment').map((d) => d.spec?.template?.metadata?.labels as Record<string, string>);
  for (const s of byKind('Service')) {
    const target = byKind('Deployment').find((d) => matches(s.spec?.selector, d.spec?.template?.metadata?.labels));
    if (!target) {
      add(s, 'selector matches no Deployment');
      continue;
    }
    const ports = target.spec.template.spec.containers.flatMap((c: Manifest) => c.ports ?? []);
    for (const p of s.spec?.ports ?? []) {
      const ok = ports.some((cp: Manifest) => cp.name === p.targetPort || cp.containerPort === p.targetPort);
      if (!ok) add(s, `targetPort ${p.targetPort} is not a port of ${name(target)}`);
    }
  }
  for (const p of byKind('PodDisruptionBudget')) {
    if (!podLabels.some((labels) => matches(p.spec?.selector?.matchLabels, labels)))
      add(p, 'selector matches no Deployment');
  }
  for (const h of byKind('HorizontalPodAutoscaler')) {
    if (!byKind('Deployment').some((d) => d.metadata?.name === h.spec?.scaleTargetRef?.name))
      add(h, 'scaleTargetRef names no Deployment');
  }

  const secrets = byKind('Secret');
  for (const key of REQUIRED_SECRETS) {
    if (!secrets.some((s) => key in { ...(s.data ?? {}), ...(s.stringData ?? {}) }))
      findings.push({ where: 'Secret', problem: `no Secret holds ${key}` });
  }
  if (byKind('ConfigMap').length === 0) findings.push({ where: 'ConfigMap', problem: 'no ConfigMap' });
  for (const c of byKind('ConfigMap')) {
    for (const [key, value] of Object.entries((c.data ?? {}) as Record<string, string>)) {
      if ((SECRET_LIKE.test(key) && !PLAIN_URLS.has(key)) || /\/\/[^/@\s]+:[^/@\s]+@/.test(value))
        add(c, `${key} looks like a credential: it belongs in a Secret`);
    }
  }
  for (const d of docs) {
    if (d.kind === 'Secret')
      add(
        d,
        'is applied with the other resources: an upgrade would overwrite the live secrets (keep it in a *.example.yaml)',
      );
  }
  for (const app of Object.keys(APP_PORTS)) {
    if (!byKind('Deployment').some((d) => d.metadata?.name === app))
      findings.push({ where: 'Deployment', problem: `no Deployment ${app}` });
    if (!byKind('PodDisruptionBudget').some((p) => p.spec?.selector?.matchLabels?.['app.kubernetes.io/name'] === app)) {
      findings.push({ where: 'PodDisruptionBudget', problem: `no PodDisruptionBudget for ${app}` });
    }
  }
  return findings;
}

/** The files kustomization.yaml lists exist, every manifest file but the examples is listed, images carry the version. */
export function kustomizationFindings(dir = K8S_DIR): Finding[] {
  const k = parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')) as {
    resources?: string[];
    images?: { name: string; newTag?: string }[];
    secretGenerator?: unknown;
  };
  const files = readdirSync(dir).filter(
    (f) => f.endsWith('.yaml') && f !== 'kustomization.yaml' && !f.endsWith('.example.yaml'),
  );
  const findings: Finding[] = [];
  for (const r of k.resources ?? [])
    if (!files.includes(r)) findings.push({ where: 'kustomization.yaml', problem: `lists ${r}, which does not exist` });
  for (const f of files)
    if (!(k.resources ?? []).includes(f)) findings.push({ where: 'kustomization.yaml', problem: `does not list ${f}` });
  for (const r of k.resources ?? [])
    if (r.endsWith('.example.yaml'))
      findings.push({ where: 'kustomization.yaml', problem: `lists ${r}, an example that must never be applied` });
  if (k.secretGenerator)
    findings.push({
      where: 'kustomization.yaml',
      problem: 'has a secretGenerator: an apply would replace the live secrets',
    });
  const tag = k.images?.find((i) => i.name === 'sen')?.newTag;
  if (tag !== packageVersion())
    findings.push({
      where: 'kustomization.yaml',
      problem: `image sen must have newTag ${packageVersion()} (package.json), not ${tag}`,
    });
  return findings;
}

// ---- docker compose ----

let composeValidator: ReturnType<Ajv['compile']> | null = null;

/** The compose-spec JSON schema, as the dclint package ships it. */
export function composeSchemaPath(): string {
  return join(dirname(require.resolve('dclint/package.json')), 'schemas', 'compose.schema.json');
}

/** docker-compose.yml as compose reads it (YAML merge keys resolved). */
export function loadCompose(path = join(ROOT, 'docker-compose.yml')): Manifest {
  return parse(readFileSync(path, 'utf8'), { merge: true, maxAliasCount: 100 }) as Manifest;
}

export function composeSchemaFindings(compose: Manifest): Finding[] {
  if (!composeValidator) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const schema = JSON.parse(readFileSync(composeSchemaPath(), 'utf8')) as Record<string, unknown>;
    // The file names draft 07 by an https URL that ajv does not know by that spelling; draft 07 is ajv's own default.
    if (!/draft-07/.test(String(schema.$schema)))
      throw new Error(`compose schema: expected JSON Schema draft 07, got ${String(schema.$schema)}`);
    delete schema.$schema;
    composeValidator = ajv.compile(schema);
  }
  if (composeValidator(compose)) return [];
  return (composeValidator.errors ?? []).map((e) => ({
    where: `docker-compose.yml${e.instancePath}`,
    problem: `${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
  }));
}

/** The `-c name=value` settings of a postgres command line. */
export function postgresSettings(command: unknown): Record<string, string> {
  const args = Array.isArray(command) ? command.map(String) : String(command ?? '').split(/\s+/);
  const out: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const setting = args[i] === '-c' ? args[++i] : /^-c(.+)$/.exec(args[i] ?? '')?.[1];
    const [key, ...value] = (setting ?? '').split('=');
    if (key && value.length > 0) out[key] = value.join('=');
  }
  return out;
}

/** What Sen needs of the compose file beyond the schema. */
export function composePolicyFindings(compose: Manifest): Finding[] {
  const findings: Finding[] = [];
  const services = (compose.services ?? {}) as Record<string, Manifest>;
  const add = (where: string, problem: string) =>
    findings.push({ where: `docker-compose.yml services.${where}`, problem });
  for (const s of ['postgres', 'redis', 'eventstore', 'migrate', 'api', 'projector', 'worker'])
    if (!services[s]) add(s, 'is missing');
  const redis = (services.redis?.command ?? []).join(' ');
  if (!/--appendonly yes/.test(redis)) add('redis', 'must run with --appendonly yes (AOF)');
  if (!/--maxmemory-policy noeviction/.test(redis))
    add('redis', 'must run with --maxmemory-policy noeviction (BullMQ loses jobs otherwise)');
  for (const [app, port] of [
    ['api', 3000],
    ['projector', 3001],
    ['worker', 3002],
  ] as const) {
    const s = services[app];
    if (!s) continue;
    if (String(s.environment?.PORT) !== String(port)) add(app, `must listen on PORT ${port}`);
    if (!JSON.stringify(s.healthcheck?.test ?? '').includes(`:${port}/health/ready`))
      add(app, `needs a healthcheck on :${port}/health/ready`);
    if (s.depends_on?.migrate?.condition !== 'service_completed_successfully')
      add(app, 'must start after migrate completed');
    if (s.read_only !== true) add(app, 'needs read_only: true');
    if (!s.user || /^(0|root)(:|$)/.test(String(s.user))) add(app, 'must run as a non-root user');
  }
  if ((services.projector?.deploy?.replicas ?? 1) !== 2)
    add('projector', 'runs 2 replicas (one active, one hot standby)');
  // Images pinned to an exact release (a floating tag changes under a restart), Sen's to the package version.
  const pinned: Record<string, RegExp> = {
    postgres: /^postgres:15\.\d+(-[a-z]+)?$/,
    redis: /^redis:7\.\d+\.\d+(-[a-z]+)?$/,
  };
  for (const [service, pattern] of Object.entries(pinned)) {
    if (!pattern.test(String(services[service]?.image)))
      add(service, `image must be pinned to an exact release (got ${services[service]?.image})`);
  }
  for (const app of ['migrate', 'api', 'projector', 'worker']) {
    if (services[app] && services[app].image !== `sen:${packageVersion()}`)
      add(app, `image must be sen:${packageVersion()} (package.json), not ${services[app].image}`);
  }
  const settings = postgresSettings(services.postgres?.command);
  if (!(Number(settings.idle_in_transaction_session_timeout?.replace(/s$/, '')) > 0))
    add('postgres', 'needs -c idle_in_transaction_session_timeout (an idle transaction holds every projection back)');
  if (!settings.statement_timeout) add('postgres', 'needs -c statement_timeout (for sessions opened by hand)');
  if (!settings.max_connections) add('postgres', 'needs -c max_connections sized to the pools');
  return findings;
}
