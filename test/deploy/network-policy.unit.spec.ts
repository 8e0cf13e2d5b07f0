// The NetworkPolicies of deploy/k8s evaluated as Kubernetes does (ingress: a pod selected by any policy of type
// Ingress takes only what one of them allows), for a matrix of who connects to what. The schema check of
// manifests.unit.spec.ts covers their shape; this covers what they let through.
import { loadManifests } from './validators';

type Labels = Record<string, string>;
interface Selector {
  matchLabels?: Labels;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}
interface Peer {
  podSelector?: Selector;
  namespaceSelector?: Selector;
  ipBlock?: unknown;
}
interface Policy {
  metadata: { name: string; namespace: string };
  spec: {
    podSelector: Selector;
    policyTypes?: string[];
    ingress?: { from?: Peer[]; ports?: { port?: number | string; protocol?: string }[] }[];
  };
}
interface Pod {
  namespace: string;
  labels: Labels;
}

function selects(selector: Selector | undefined, labels: Labels): boolean {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = e.key in labels;
    const ok =
      e.operator === 'In'
        ? has && (e.values ?? []).includes(labels[e.key]!)
        : e.operator === 'NotIn'
          ? !has || !(e.values ?? []).includes(labels[e.key]!)
          : e.operator === 'Exists'
            ? has
            : !has;
    if (!ok) return false;
  }
  return true;
}

function peerMatches(peer: Peer, policyNamespace: string, source: Pod): boolean {
  // An address block matches by address, which a rule here must not rely on: count it as matching anyone.
  if (peer.ipBlock) return true;
  const nsLabels = { 'kubernetes.io/metadata.name': source.namespace };
  const inNamespace = peer.namespaceSelector
    ? selects(peer.namespaceSelector, nsLabels)
    : source.namespace === policyNamespace;
  return inNamespace && selects(peer.podSelector, source.labels);
}

function allowed(policies: Policy[], source: Pod, target: Pod, port: number): boolean {
  const applying = policies.filter(
    (p) =>
      p.metadata.namespace === target.namespace &&
      (p.spec.policyTypes ?? ['Ingress']).includes('Ingress') &&
      selects(p.spec.podSelector, target.labels),
  );
  if (applying.length === 0) return true;
  return applying.some((p) =>
    (p.spec.ingress ?? []).some((rule) => {
      const portOk =
        !rule.ports || rule.ports.length === 0 || rule.ports.some((rp) => rp.port === undefined || rp.port === port);
      if (rule.ports?.some((rp) => typeof rp.port === 'string'))
        throw new Error(`${p.metadata.name}: named ports are not evaluated here`);
      const fromOk =
        !rule.from ||
        rule.from.length === 0 ||
        rule.from.some((peer) => peerMatches(peer, p.metadata.namespace, source));
      return portOk && fromOk;
    }),
  );
}

describe('NetworkPolicies (deploy/k8s/networkpolicy.yaml)', () => {
  const manifests = loadManifests();
  const policies = manifests.filter((m) => m.doc.kind === 'NetworkPolicy').map((m) => m.doc as Policy);
  const podOf = (deployment: string): Pod => ({
    namespace: 'sen',
    labels: manifests.find((m) => m.doc.kind === 'Deployment' && m.doc.metadata.name === deployment)!.doc.spec.template
      .metadata.labels,
  });

  const api = podOf('sen-api');
  const projector = podOf('sen-projector');
  const worker = podOf('sen-worker');
  const postgres: Pod = { namespace: 'sen', labels: { 'app.kubernetes.io/name': 'sen-postgres' } };
  const redis: Pod = { namespace: 'sen', labels: { 'app.kubernetes.io/name': 'sen-redis' } };
  const eventstore: Pod = { namespace: 'sen', labels: { 'app.kubernetes.io/name': 'sen-eventstore' } };
  const ingress: Pod = { namespace: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx' } };
  const prometheus: Pod = { namespace: 'monitoring', labels: { 'app.kubernetes.io/name': 'prometheus' } };
  // A pod in Sen's namespace that is not Sen (a debug shell, a compromised sidecar), labelled part-of: sen even.
  const stranger: Pod = { namespace: 'sen', labels: { app: 'debug', 'app.kubernetes.io/part-of': 'sen' } };
  const elsewhere: Pod = { namespace: 'default', labels: { 'app.kubernetes.io/name': 'sen-api' } };
  const sources: Record<string, Pod> = { api, projector, worker, eventstore, ingress, prometheus, stranger, elsewhere };

  const targets: [string, Pod, number, string[]][] = [
    ['PostgreSQL :5432', postgres, 5432, ['api', 'projector', 'worker']],
    ['Redis :6379', redis, 6379, ['api', 'projector', 'worker']],
    ['EventStoreDB :2113', eventstore, 2113, ['api', 'projector', 'worker', 'eventstore']],
    ['EventStoreDB replication :1112', eventstore, 1112, ['eventstore']],
    ['the API :3000', api, 3000, ['ingress', 'prometheus']],
    ["the projector's metrics :3001", projector, 3001, ['prometheus']],
    ["the worker's metrics :3002", worker, 3002, ['prometheus']],
  ];

  it.each(targets)('%s is reachable only from the expected pods', (_what, target, port, expected) => {
    const reached = Object.entries(sources)
      .filter(([, source]) => allowed(policies, source, target, port))
      .map(([name]) => name);
    expect(reached.sort()).toEqual([...expected].sort());
  });

  it('denies by default every other port of every pod in the namespace', () => {
    for (const target of [api, projector, worker, postgres, redis, eventstore, stranger]) {
      for (const source of Object.values(sources)) expect(allowed(policies, source, target, 22)).toBe(false);
    }
  });

  it('uses no address block (ipBlock) anywhere: peers are chosen by labels only', () => {
    expect(JSON.stringify(policies)).not.toContain('ipBlock');
  });

  describe('the evaluator itself', () => {
    it('lets everything through when no policy applies, and catches a policy that opens the database to all', () => {
      expect(allowed([], stranger, postgres, 5432)).toBe(true);
      const open = structuredClone(policies);
      open.find((p) => p.metadata.name === 'sen-postgres-from-sen')!.spec.ingress = [{ ports: [{ port: 5432 }] }];
      expect(allowed(open, stranger, postgres, 5432)).toBe(true);
      expect(allowed(open, elsewhere, postgres, 5432)).toBe(true);
    });

    it('treats a peer with a namespaceSelector alone as every pod of those namespaces', () => {
      const wide = structuredClone(policies);
      wide.find((p) => p.metadata.name === 'sen-api-from-ingress')!.spec.ingress![0]!.from = [
        { namespaceSelector: {} },
      ];
      expect(allowed(wide, elsewhere, api, 3000)).toBe(true);
    });
  });
});
