/**
 * Renders the kustomize overlays in `k8s/` with `kubectl kustomize` and checks the rendered objects
 * against what production needs (the rules are stated here once, each with its reason).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Topics } from '@wallet-platform/contracts';
import type { KubernetesObject } from './kubernetes-schemas';

export const REPOSITORY_ROOT = join(__dirname, '..', '..');
export const OVERLAYS = ['dev', 'production', 'production-keda'] as const;
export type Overlay = (typeof OVERLAYS)[number];
export const SERVICES = ['gateway', 'wallet', 'promotions', 'reporting'] as const;

/**
 * Each service's replica bound: a consumer beyond its topic's partition count idles, and a gateway
 * beyond the reply partitions never becomes ready (it leases one reply partition each).
 */
export const REPLICAS_MAX: Record<(typeof SERVICES)[number], number> = {
  gateway: Topics.gatewayReplies.partitions,
  wallet: Topics.walletCommands.partitions,
  promotions: 4,
  reporting: Topics.walletLedgerEvents.partitions,
};

const RENDER_TIMEOUT_MS = 30_000;
const RENDER_OUTPUT_BYTES_MAX = 8 * 1024 * 1024;

/** `kubectl kustomize <dir>`: the objects an `apply -k` would send. Throws when it fails. */
export function renderKustomization(directory: string): KubernetesObject[] {
  const output = execFileSync('kubectl', ['kustomize', directory], {
    encoding: 'utf8',
    timeout: RENDER_TIMEOUT_MS,
    maxBuffer: RENDER_OUTPUT_BYTES_MAX,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return parseAllDocuments(output)
    .map((document) => {
      if (document.errors.length > 0) throw new Error(`${directory}: ${document.errors[0].message}`);
      return document.toJS() as KubernetesObject | null;
    })
    .filter((object): object is KubernetesObject => object !== null);
}

export function renderOverlay(overlay: Overlay): KubernetesObject[] {
  return renderKustomization(join(REPOSITORY_ROOT, 'k8s', 'overlays', overlay));
}

interface Container {
  name: string;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean; runAsNonRoot?: boolean; capabilities?: { drop?: string[] } };
  env?: { name: string; value?: string }[];
}
interface PodSpec {
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  containers: Container[];
  initContainers?: Container[];
}
interface PodTemplate {
  metadata?: { labels?: Record<string, string> };
  spec: PodSpec;
}
interface NetworkPolicyRule {
  from?: unknown[];
  ports?: unknown[];
}

function field<T>(object: KubernetesObject, path: string): T | undefined {
  let current: unknown = object;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current as T | undefined;
}

function named(objects: readonly KubernetesObject[], kind: string, name: string): KubernetesObject | undefined {
  return objects.find((object) => object.kind === kind && object.metadata.name === name);
}

function podTemplate(object: KubernetesObject): PodTemplate | undefined {
  return field<PodTemplate>(object, 'spec.template');
}

/** Every rule the rendered objects of one overlay break, as readable sentences (none: all hold). */
export function productionViolations(objects: readonly KubernetesObject[], namespace: string): string[] {
  const violations: string[] = [];
  const fail = (message: string): void => void violations.push(message);

  for (const object of objects) {
    const where = `${object.kind} ${object.metadata.name}`;
    if (object.kind === 'Namespace') {
      if (object.metadata.name !== namespace) fail(`${where}: the overlay's namespace is ${namespace}`);
    } else if (object.metadata.namespace !== namespace) {
      fail(`${where}: in namespace ${object.metadata.namespace}, not the overlay's ${namespace}`);
    }
    const template = podTemplate(object);
    if (template === undefined) continue;
    // Pod Security "restricted": non-root, no escalation, nothing writable but declared volumes.
    if (template.spec.securityContext?.runAsNonRoot !== true) fail(`${where}: pod must set runAsNonRoot`);
    for (const container of [...(template.spec.initContainers ?? []), ...template.spec.containers]) {
      const at = `${where} container ${container.name}`;
      const security = container.securityContext;
      if (security?.allowPrivilegeEscalation !== false) fail(`${at}: allowPrivilegeEscalation must be false`);
      if (security?.readOnlyRootFilesystem !== true) fail(`${at}: readOnlyRootFilesystem must be true`);
      if (!(security?.capabilities?.drop ?? []).includes('ALL')) fail(`${at}: capabilities must drop ALL`);
      for (const kind of ['requests', 'limits'] as const) {
        for (const resource of ['cpu', 'memory']) {
          if (container.resources?.[kind]?.[resource] === undefined) fail(`${at}: no ${resource} in resources.${kind}`);
        }
      }
    }
  }

  for (const service of SERVICES) {
    const deployment = named(objects, 'Deployment', service);
    if (deployment === undefined) {
      fail(`Deployment ${service}: missing`);
      continue;
    }
    if (field(deployment, 'spec.replicas') !== undefined) fail(`Deployment ${service}: sets replicas, which fights its autoscaler`);
    const pdb = objects.find((object) => object.kind === 'PodDisruptionBudget' && field(object, 'spec.selector.matchLabels.app') === service);
    if (pdb === undefined) fail(`Deployment ${service}: no PodDisruptionBudget selects it`);
    const autoscalers = objects.filter(
      (object) =>
        (object.kind === 'HorizontalPodAutoscaler' || object.kind === 'ScaledObject') && field(object, 'spec.scaleTargetRef.name') === service,
    );
    if (autoscalers.length !== 1) fail(`Deployment ${service}: ${autoscalers.length} autoscalers target it, want exactly 1`);
    for (const autoscaler of autoscalers) {
      const replicasMax = field<number>(autoscaler, autoscaler.kind === 'ScaledObject' ? 'spec.maxReplicaCount' : 'spec.maxReplicas');
      if (replicasMax === undefined || replicasMax > REPLICAS_MAX[service]) {
        fail(`${autoscaler.kind} ${service}: max replicas ${replicasMax} above the bound ${REPLICAS_MAX[service]}`);
      }
    }
    const service_ = named(objects, 'Service', service);
    if (service_?.metadata.labels?.['app.kubernetes.io/part-of'] !== 'igaming-wallet') fail(`Service ${service}: not selected by the ServiceMonitor`);
  }
  const gatewayBound = named(objects, 'Deployment', 'gateway')?.metadata.annotations?.['igaming-wallet/replicas-max'];
  if (gatewayBound !== String(REPLICAS_MAX.gateway)) fail(`Deployment gateway: replicas-max annotation ${gatewayBound}, want ${REPLICAS_MAX.gateway}`);

  // Only the gateway takes traffic from outside: every other ingress rule names its sources.
  const policies = objects.filter((object) => object.kind === 'NetworkPolicy');
  const denyAll = policies.find((policy) => JSON.stringify(field(policy, 'spec.podSelector')) === '{}' && field(policy, 'spec.ingress') === undefined);
  if (denyAll === undefined) fail('NetworkPolicy: no default deny of ingress for every pod');
  for (const policy of policies) {
    for (const rule of field<NetworkPolicyRule[]>(policy, 'spec.ingress') ?? []) {
      const fromAnywhere = rule.from === undefined || rule.from.length === 0;
      if (fromAnywhere && field(policy, 'spec.podSelector.matchLabels.app') !== 'gateway') {
        fail(`NetworkPolicy ${policy.metadata.name}: admits traffic from anywhere to pods other than the gateway's`);
      }
    }
  }

  // Migrations before the rollout: a pre-sync Job, and the wallet's pods wait for them anyway.
  const job = named(objects, 'Job', 'wallet-migrate');
  if (job?.metadata.annotations?.['argocd.argoproj.io/hook'] !== 'PreSync') fail('Job wallet-migrate: missing, or not a PreSync hook');
  const walletDeployment = named(objects, 'Deployment', 'wallet');
  const migrateInit = walletDeployment && podTemplate(walletDeployment)?.spec.initContainers?.find((container) => container.name === 'migrate');
  if (migrateInit?.env?.find((variable) => variable.name === 'ENTRY')?.value !== 'migrate.js') fail('Deployment wallet: no init container running migrate.js');

  if (!objects.some((object) => object.kind === 'ServiceMonitor')) fail('ServiceMonitor: missing');
  return violations;
}
