import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OVERLAYS, productionViolations, renderKustomization, renderOverlay, type Overlay } from './kubernetes-manifests';
import { validateAgainstSchema, type KubernetesObject } from './kubernetes-schemas';

const NAMESPACE_OF: Record<Overlay, string> = { dev: 'igaming-wallet-dev', production: 'igaming-wallet', 'production-keda': 'igaming-wallet' };

/** A copy of `object` with the field at `path` (dot separated, array indexes as numbers) set, or deleted when `value` is undefined. */
function withField(object: KubernetesObject, path: string, value: unknown): KubernetesObject {
  const copy = structuredClone(object);
  const keys = path.split('.');
  let parent = copy as unknown as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  const last = keys[keys.length - 1];
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return copy;
}

describe('the Kubernetes overlays (kubectl kustomize, validated offline)', () => {
  const rendered = new Map<Overlay, KubernetesObject[]>(OVERLAYS.map((overlay) => [overlay, renderOverlay(overlay)]));

  describe.each(OVERLAYS)('overlay %s', (overlay) => {
    const objects = rendered.get(overlay)!;

    it('renders the four services, their policies, the migration Job and the ServiceMonitor', () => {
      const kinds = objects.map((object) => `${object.kind}/${object.metadata.name}`);
      for (const service of ['gateway', 'wallet', 'promotions', 'reporting']) {
        expect(kinds).toEqual(expect.arrayContaining([`Deployment/${service}`, `Service/${service}`, `PodDisruptionBudget/${service}`]));
      }
      expect(kinds).toEqual(expect.arrayContaining(['Job/wallet-migrate', 'ServiceMonitor/igaming-wallet', 'NetworkPolicy/default-deny']));
    });

    it('validates every rendered object against its schema', () => {
      for (const object of objects) expect(() => validateAgainstSchema(object)).not.toThrow();
    });

    it('meets every production rule (security contexts, resources, bounds, network, ordering)', () => {
      expect(productionViolations(objects, NAMESPACE_OF[overlay])).toEqual([]);
    });
  });

  it('scales the wallet on CPU in production and on consumer lag with KEDA in production-keda, the rest identical', () => {
    const byKey = (objects: KubernetesObject[]) => new Map(objects.map((object) => [`${object.kind}/${object.metadata.name}`, object]));
    const cpu = byKey(rendered.get('production')!);
    const keda = byKey(rendered.get('production-keda')!);
    expect([...cpu.keys()].filter((key) => !keda.has(key))).toEqual(['HorizontalPodAutoscaler/wallet']);
    expect([...keda.keys()].filter((key) => !cpu.has(key))).toEqual(['ScaledObject/wallet']);
    for (const [key, object] of keda) if (cpu.has(key)) expect(object).toEqual(cpu.get(key));
    const trigger = (keda.get('ScaledObject/wallet') as unknown as { spec: { triggers: { type: string; metadata: Record<string, string> }[] } }).spec.triggers[0];
    const environment = (cpu.get('ConfigMap/platform-config') as unknown as { data: Record<string, string> }).data.ENVIRONMENT_NAME;
    expect(trigger).toMatchObject({ type: 'kafka', metadata: { consumerGroup: `${environment}.wallet`, topic: `${environment}.wallet.commands` } });
  });

  describe('refuses what is wrong (the checks can fail)', () => {
    const production = rendered.get('production')!;
    const find = (objects: KubernetesObject[], kind: string, name: string) => objects.find((object) => object.kind === kind && object.metadata.name === name)!;

    it('a schema violation: replicas as a string, a container without a name', () => {
      const wallet = withField(find(production, 'Deployment', 'wallet'), 'spec.replicas', 'two');
      expect(() => validateAgainstSchema(wallet)).toThrow(/spec\/replicas must be integer/);
      const gateway = withField(find(production, 'Deployment', 'gateway'), 'spec.template.spec.containers.0.name', undefined);
      expect(() => validateAgainstSchema(gateway)).toThrow(/containers\/0 must have required property name/);
    });

    it('a CRD schema violation: a ScaledObject without its target, a ServiceMonitor endpoint port as a number', () => {
      const scaledObject = withField(find(rendered.get('production-keda')!, 'ScaledObject', 'wallet'), 'spec.scaleTargetRef', undefined);
      expect(() => validateAgainstSchema(scaledObject)).toThrow(/scaleTargetRef/);
      const monitor = withField(find(production, 'ServiceMonitor', 'igaming-wallet'), 'spec.endpoints.0.port', 18080);
      expect(() => validateAgainstSchema(monitor)).toThrow(/endpoints\/0\/port must be string/);
    });

    it('an unknown kind is refused, never passed unvalidated', () => {
      expect(() => validateAgainstSchema({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } })).toThrow(/no schema known/);
    });

    it('a writable root filesystem, a gateway bound above 32, a wallet open to the world', () => {
      const broken = new Map<KubernetesObject, KubernetesObject>([
        [find(production, 'HorizontalPodAutoscaler', 'gateway'), withField(find(production, 'HorizontalPodAutoscaler', 'gateway'), 'spec.maxReplicas', 33)],
        [
          find(production, 'Deployment', 'wallet'),
          withField(find(production, 'Deployment', 'wallet'), 'spec.template.spec.containers.0.securityContext.readOnlyRootFilesystem', false),
        ],
        [
          find(production, 'NetworkPolicy', 'wallet-from-back-office'),
          withField(find(production, 'NetworkPolicy', 'wallet-from-back-office'), 'spec.ingress.0.from', undefined),
        ],
      ]);
      const objects = production.map((object) => broken.get(object) ?? object);
      expect(productionViolations(objects, 'igaming-wallet')).toEqual([
        'Deployment wallet container wallet: readOnlyRootFilesystem must be true',
        'HorizontalPodAutoscaler gateway: max replicas 33 above the bound 32',
        "NetworkPolicy wallet-from-back-office: admits traffic from anywhere to pods other than the gateway's",
      ]);
    });

    it('a kustomization whose patch targets nothing does not render', () => {
      const directory = mkdtempSync(join(tmpdir(), 'kustomize-broken-'));
      try {
        writeFileSync(join(directory, 'config.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: platform-config\n');
        writeFileSync(join(directory, 'kustomization.yaml'), 'resources:\n  - config.yaml\n');
        expect(renderKustomization(directory).map((object) => object.metadata.name)).toEqual(['platform-config']);
        writeFileSync(join(directory, 'kustomization.yaml'), 'resources:\n  - config.yaml\npatchesStrategicMerge:\n  - patch.yaml\n');
        writeFileSync(join(directory, 'patch.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: no-such-config\n');
        expect(() => renderKustomization(directory)).toThrow();
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    });
  });
});
