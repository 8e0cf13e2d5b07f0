// The Kubernetes manifests in deploy/k8s pass the Kubernetes JSON schemas and Sen's rules, and a broken manifest
// does not: each rule is shown failing on a copy of the real files with one thing broken.
import { readFileSync, writeFileSync, mkdtempSync, copyFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import {
  K8S_DIR,
  kustomizationFindings,
  loadExamples,
  loadManifests,
  packageVersion,
  policyFindings,
  schemaFindings,
} from './validators';

type Manifests = ReturnType<typeof loadManifests>;

function broken(mutate: (m: Manifests) => void): Manifests {
  const copy = structuredClone(loadManifests());
  mutate(copy);
  return copy;
}

const deployment = (m: Manifests, app: string) =>
  m.find((x) => x.doc.kind === 'Deployment' && x.doc.metadata.name === app)!.doc;
const container = (m: Manifests, app: string) => deployment(m, app).spec.template.spec.containers[0];

describe('Kubernetes manifests (deploy/k8s)', () => {
  const manifests = loadManifests();

  it('holds every part: Deployments, Services, PDBs, HPA, ConfigMap, NetworkPolicies (and no Secret)', () => {
    const kinds = manifests.map((m) => `${m.doc.kind}/${m.doc.metadata.name}`).sort();
    expect(kinds).toEqual(
      expect.arrayContaining([
        'ConfigMap/sen-config',
        'Deployment/sen-api',
        'Deployment/sen-projector',
        'Deployment/sen-worker',
        'HorizontalPodAutoscaler/sen-api',
        'Namespace/sen',
        'NetworkPolicy/sen-default-deny-ingress',
        'PodDisruptionBudget/sen-api',
        'PodDisruptionBudget/sen-projector',
        'PodDisruptionBudget/sen-worker',
        'Service/sen-api',
      ]),
    );
    expect(kinds.filter((k) => k.startsWith('Secret/'))).toEqual([]);
    expect(loadExamples().map((m) => `${m.doc.kind}/${m.doc.metadata.name}`)).toEqual([
      'Secret/sen-secrets',
      'Secret/sen-eventstore-ca',
    ]);
  });

  it('pass the Kubernetes JSON schemas', () => {
    expect(schemaFindings(manifests)).toEqual([]);
  });

  it("pass Sen's rules (probes, replicas, non-root, read-only root, limits, references)", () => {
    expect(policyFindings(manifests)).toEqual([]);
  });

  it('are all listed in kustomization.yaml', () => {
    expect(kustomizationFindings()).toEqual([]);
  });

  describe('a broken manifest fails', () => {
    it.each<[string, (m: Manifests) => void, RegExp]>([
      ['replicas as a string', (m) => (deployment(m, 'sen-api').spec.replicas = 'three'), /replicas must be integer/],
      [
        'a Deployment without selector',
        (m) => delete deployment(m, 'sen-worker').spec.selector,
        /must have required property selector/,
      ],
      [
        'a port that is not a number',
        (m) => (container(m, 'sen-api').ports[0].containerPort = 'http'),
        /containerPort must be integer/,
      ],
      ['a kind with no schema', (m) => (m[0]!.doc.kind = 'Deploymnet'), /no schema for apiVersion/],
      [
        'a probe path that is not a string',
        (m) => (container(m, 'sen-api').livenessProbe.httpGet.path = 42),
        /path must be string/,
      ],
    ])('schema: %s', (_what, mutate, message) => {
      const findings = schemaFindings(broken(mutate));
      expect(findings.map((f) => f.problem).join('\n')).toMatch(message);
    });

    it.each<[string, (m: Manifests) => void, RegExp]>([
      ['three projectors', (m) => (deployment(m, 'sen-projector').spec.replicas = 3), /replicas must be from 2 to 2/],
      ['one worker replica', (m) => (deployment(m, 'sen-worker').spec.replicas = 1), /replicas must be from 2/],
      [
        'replicas on the autoscaled API',
        (m) => (deployment(m, 'sen-api').spec.replicas = 3),
        /HorizontalPodAutoscaler manages it/,
      ],
      [
        'an autoscaler down to one API',
        (m) => (m.find((x) => x.doc.kind === 'HorizontalPodAutoscaler')!.doc.spec.minReplicas = 1),
        /minReplicas must be at least 2/,
      ],
      [
        'the image tagged latest',
        (m) => (container(m, 'sen-worker').image = 'sen:latest'),
        new RegExp(`must run image sen:${packageVersion().replace(/\./g, '\\.')}`),
      ],
      [
        'no migration before the app',
        (m) => delete deployment(m, 'sen-projector').spec.template.spec.initContainers,
        /init container that runs the migrations/,
      ],
      [
        'the Secret applied with the rest',
        (m) => m.push({ file: 'secret.yaml', doc: loadExamples()[0]!.doc }),
        /would overwrite the live secrets/,
      ],
      [
        'a password in the ConfigMap',
        (m) => (m.find((x) => x.doc.kind === 'ConfigMap')!.doc.data.EVENTSTORE_URL = 'esdb://admin:changeit@a:2113'),
        /EVENTSTORE_URL looks like a credential/,
      ],
      [
        'no readiness probe',
        (m) => delete container(m, 'sen-worker').readinessProbe,
        /needs a readinessProbe on \/health\/ready/,
      ],
      [
        'liveness on the wrong path',
        (m) => (container(m, 'sen-projector').livenessProbe.httpGet.path = '/'),
        /needs a livenessProbe on \/health\/live/,
      ],
      [
        'the worker on the API port',
        (m) => (container(m, 'sen-worker').ports[0].containerPort = 3000),
        /must expose port 3002/,
      ],
      [
        'a writable root file system',
        (m) => (container(m, 'sen-api').securityContext.readOnlyRootFilesystem = false),
        /readOnlyRootFilesystem/,
      ],
      [
        'root allowed',
        (m) => (deployment(m, 'sen-api').spec.template.spec.securityContext.runAsNonRoot = false),
        /must run as non-root/,
      ],
      ['no memory limit', (m) => delete container(m, 'sen-worker').resources.limits.memory, /resources.limits.memory/],
      [
        'a secret key that does not exist',
        (m) => (container(m, 'sen-api').env[1].valueFrom.secretKeyRef.key = 'DB_URL'),
        /refers to key DB_URL/,
      ],
      [
        'a Service that selects nothing',
        (m) => (m.find((x) => x.doc.kind === 'Service')!.doc.spec.selector = { app: 'nope' }),
        /selector matches no Deployment/,
      ],
      [
        'selector and labels apart',
        (m) => (deployment(m, 'sen-api').spec.selector.matchLabels['app.kubernetes.io/name'] = 'sen-apl'),
        /does not match the pod template labels/,
      ],
      [
        'no PDB for the projector',
        (m) =>
          m.splice(
            m.findIndex((x) => x.doc.kind === 'PodDisruptionBudget' && x.doc.metadata.name === 'sen-projector'),
            1,
          ),
        /no PodDisruptionBudget for sen-projector/,
      ],
    ])('rules: %s', (_what, mutate, message) => {
      const findings = policyFindings(broken(mutate));
      expect(findings.map((f) => f.problem).join('\n')).toMatch(message);
    });

    it('rules: PII_MASTER_KEY missing from the Secret the operator creates', () => {
      const examples = structuredClone(loadExamples());
      delete examples[0]!.doc.stringData.PII_MASTER_KEY;
      expect(
        policyFindings(loadManifests(), examples)
          .map((f) => f.problem)
          .join('\n'),
      ).toMatch(/PII_MASTER_KEY/);
    });

    describe('kustomization.yaml', () => {
      let dir: string;
      beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), 'sen-k8s-'));
        for (const f of readdirSync(K8S_DIR)) copyFileSync(join(K8S_DIR, f), join(dir, f));
      });
      afterEach(() => rmSync(dir, { recursive: true, force: true }));
      const edit = (change: (k: Record<string, unknown> & { resources: string[] }) => void) => {
        const k = parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8'));
        change(k);
        writeFileSync(join(dir, 'kustomization.yaml'), stringify(k));
        return kustomizationFindings(dir)
          .map((f) => f.problem)
          .join('\n');
      };
      it.each<[string, (k: Record<string, unknown> & { resources: string[] }) => void, RegExp]>([
        [
          'the secret example applied',
          (k) => k.resources.push('secret.example.yaml'),
          /an example that must never be applied/,
        ],
        [
          'a secretGenerator',
          (k) => (k.secretGenerator = [{ name: 'sen-secrets', envs: ['secrets.env'] }]),
          /secretGenerator/,
        ],
        ['the image at latest', (k) => (k.images = [{ name: 'sen', newTag: 'latest' }]), /newTag/],
        [
          'a manifest left out',
          (k) => (k.resources = k.resources.filter((r) => r !== 'networkpolicy.yaml')),
          /does not list networkpolicy.yaml/,
        ],
      ])('%s', (_what, change, message) => {
        expect(edit(change)).toMatch(message);
      });
    });
  });
});
