/**
 * Offline schema validation of rendered Kubernetes objects. The schemas are the Kubernetes OpenAPI
 * definitions (and, for the CRDs, KEDA's and the Prometheus Operator's own CRD schemas), compiled to
 * validators by the `kubernetes-models` packages: types, required fields, enums and formats are
 * checked. (They do not reject unknown fields; the policy checks beside this file cover the fields
 * that matter to us by name, so a typo there fails as a missing field.)
 */
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Service } from 'kubernetes-models/v1/Service';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';

export interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  readonly [field: string]: unknown;
}

interface ValidatingModel {
  validate(): void;
}

/** Every kind our manifests may contain. Anything else is refused: it would go unvalidated. */
const modelsByType: Record<string, (data: never) => ValidatingModel> = {
  'v1/Namespace': (data) => new Namespace(data),
  'v1/ConfigMap': (data) => new ConfigMap(data),
  'v1/Service': (data) => new Service(data),
  'apps/v1/Deployment': (data) => new Deployment(data),
  'batch/v1/Job': (data) => new Job(data),
  'policy/v1/PodDisruptionBudget': (data) => new PodDisruptionBudget(data),
  'autoscaling/v2/HorizontalPodAutoscaler': (data) => new HorizontalPodAutoscaler(data),
  'networking.k8s.io/v1/NetworkPolicy': (data) => new NetworkPolicy(data),
  'keda.sh/v1alpha1/ScaledObject': (data) => new ScaledObject(data),
  'monitoring.coreos.com/v1/ServiceMonitor': (data) => new ServiceMonitor(data),
};

/** Throws naming the object and the failing paths when it does not match its schema. */
export function validateAgainstSchema(object: KubernetesObject): void {
  const type = `${object.apiVersion}/${object.kind}`;
  const model = modelsByType[type];
  if (model === undefined) throw new Error(`${type} ${object.metadata?.name}: no schema known for this kind`);
  try {
    model(object as never).validate();
  } catch (error) {
    throw new Error(`${type} ${object.metadata.name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
