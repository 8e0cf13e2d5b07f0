// The Kubernetes manifests in deploy/k8s pass the Kubernetes JSON schemas and Sen's rules, and a broken manifest
// does not: each rule is shown failing on a copy of the real files with one thing broken.
import { kustomizationFindings, loadManifests, policyFindings, schemaFindings } from './validators';

type Manifests = ReturnType<typeof loadManifests>;

function broken(mutate: (m: Manifests) => void): Manifests {
  const copy = structuredClone(loadManifests());
  mutate(copy);
  return copy;
}

const deployment = (m: Manifests, app: string) => m.find((x) => x.doc.kind === 'Deployment' && x.doc.metadata.name === app)!.doc;
const container = (m: Manifests, app: string) => deployment(m, app).spec.template.spec.containers[0];

describe('Kubernetes manifests (deploy/k8s)', () => {
  const manifests = loadManifests();

  it('holds every part: Deployments, Job, Services, PDBs, HPA, ConfigMap, Secret', () => {
    const kinds = manifests.map((m) => `${m.doc.kind}/${m.doc.metadata.name}`).sort();
    expect(kinds).toEqual(
      expect.arrayContaining([
        'ConfigMap/sen-config',
        'Deployment/sen-api',
        'Deployment/sen-projector',
        'Deployment/sen-worker',
        'HorizontalPodAutoscaler/sen-api',
        'Job/sen-migrate',
        'Namespace/sen',
        'PodDisruptionBudget/sen-api',
        'PodDisruptionBudget/sen-projector',
        'PodDisruptionBudget/sen-worker',
        'Secret/sen-secrets',
        'Service/sen-api',
      ]),
    );
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
      ['a Deployment without selector', (m) => delete deployment(m, 'sen-worker').spec.selector, /must have required property selector/],
      ['a port that is not a number', (m) => (container(m, 'sen-api').ports[0].containerPort = 'http'), /containerPort must be integer/],
      ['a kind with no schema', (m) => (m[0]!.doc.kind = 'Deploymnet'), /no schema for apiVersion/],
      ['a probe path that is not a string', (m) => (container(m, 'sen-api').livenessProbe.httpGet.path = 42), /path must be string/],
    ])('schema: %s', (_what, mutate, message) => {
      const findings = schemaFindings(broken(mutate));
      expect(findings.map((f) => f.problem).join('\n')).toMatch(message);
    });

    it.each<[string, (m: Manifests) => void, RegExp]>([
      ['three projectors', (m) => (deployment(m, 'sen-projector').spec.replicas = 3), /replicas must be from 2 to 2/],
      ['one API replica', (m) => (deployment(m, 'sen-api').spec.replicas = 1), /replicas must be from 2/],
      ['no readiness probe', (m) => delete container(m, 'sen-worker').readinessProbe, /needs a readinessProbe on \/health\/ready/],
      ['liveness on the wrong path', (m) => (container(m, 'sen-projector').livenessProbe.httpGet.path = '/'), /needs a livenessProbe on \/health\/live/],
      ['the worker on the API port', (m) => (container(m, 'sen-worker').ports[0].containerPort = 3000), /must expose port 3002/],
      ['a writable root file system', (m) => (container(m, 'sen-api').securityContext.readOnlyRootFilesystem = false), /readOnlyRootFilesystem/],
      ['root allowed', (m) => (deployment(m, 'sen-api').spec.template.spec.securityContext.runAsNonRoot = false), /must run as non-root/],
      ['no memory limit', (m) => delete container(m, 'sen-worker').resources.limits.memory, /resources.limits.memory/],
      ['a secret key that does not exist', (m) => (container(m, 'sen-api').env[1].valueFrom.secretKeyRef.key = 'DB_URL'), /refers to key DB_URL/],
      ['a Service that selects nothing', (m) => (m.find((x) => x.doc.kind === 'Service')!.doc.spec.selector = { app: 'nope' }), /selector matches no Deployment/],
      ['selector and labels apart', (m) => (deployment(m, 'sen-api').spec.selector.matchLabels['app.kubernetes.io/name'] = 'sen-apl'), /does not match the pod template labels/],
      ['no PDB for the projector', (m) => m.splice(m.findIndex((x) => x.doc.kind === 'PodDisruptionBudget' && x.doc.metadata.name === 'sen-projector'), 1), /no PodDisruptionBudget for sen-projector/],
      ['PII_MASTER_KEY missing from the Secret', (m) => delete m.find((x) => x.doc.kind === 'Secret')!.doc.stringData.PII_MASTER_KEY, /PII_MASTER_KEY/],
    ])('rules: %s', (_what, mutate, message) => {
      const findings = policyFindings(broken(mutate));
      expect(findings.map((f) => f.problem).join('\n')).toMatch(message);
    });
  });
});
