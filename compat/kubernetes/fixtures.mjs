// The cluster the differential check serves: Kubernetes objects as a real API server stores them (timestamps relative to
// now), the catalog entities that own them, and which pods must never be flagged. Written for this check, not copied.
// Labels decide ownership exactly as on a real cluster; several objects belong to no entity of the catalog on purpose.

const ago = (minutes) => new Date(Date.now() - minutes * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
const ID = 'backstage.io/kubernetes-id';
let uid = 0;

function meta(name, namespace, labels, extra = {}) {
  uid += 1;
  return { name, namespace, uid: `00000000-0000-4000-8000-${String(uid).padStart(12, '0')}`, resourceVersion: String(1000 + uid),
    creationTimestamp: ago(600), labels, ...extra };
}

const probe = { httpGet: { path: '/ready', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 5, periodSeconds: 10,
  timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 };
const liveness = { ...probe, httpGet: { ...probe.httpGet, path: '/live' } };

function container(name, image, { readiness = probe, memory } = {}) {
  return { name, image, ports: [{ containerPort: 8080, protocol: 'TCP' }], readinessProbe: readiness ?? undefined, livenessProbe: liveness,
    resources: memory ? { limits: { memory }, requests: { memory } } : {}, terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent' };
}

const running = (startedMinutesAgo) => ({ running: { startedAt: ago(startedMinutesAgo) } });
const terminated = (reason, exitCode, finishedMinutesAgo) => ({ terminated: { reason, exitCode,
  startedAt: ago(finishedMinutesAgo + 2), finishedAt: ago(finishedMinutesAgo), containerID: 'containerd://' + 'a'.repeat(64) } });

function status(name, image, { ready = true, restartCount = 0, state = running(300), lastState = {} } = {}) {
  return { name, image, imageID: `${image.split(':')[0]}@sha256:${'b'.repeat(64)}`, ready, started: ready, restartCount, state, lastState };
}

function conditions(ready, scheduled = true) {
  const t = ago(300);
  if (!scheduled) {
    return [{ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: t, reason: 'Unschedulable',
      message: '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.' }];
  }
  return ['Initialized', 'PodScheduled', 'Ready', 'ContainersReady'].map((type) => ({ type,
    status: ready || type === 'Initialized' || type === 'PodScheduled' ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: t,
    ...(ready || type === 'Initialized' || type === 'PodScheduled' ? {} : { reason: 'ContainersNotReady', message: 'containers with unready status: [app]' }) }));
}

function pod(name, ns, labels, { containers, statuses, phase = 'Running', ready = true, initContainers, initStatuses, scheduled = true, owner }) {
  return {
    metadata: meta(name, ns, labels, { generateName: name.replace(/[a-z0-9]+$/, ''),
      ownerReferences: owner ? [{ apiVersion: owner.kind === 'Job' ? 'batch/v1' : 'apps/v1', kind: owner.kind, name: owner.name,
        uid: 'owner-' + owner.name, controller: true, blockOwnerDeletion: true }] : undefined }),
    spec: { containers, initContainers, restartPolicy: owner?.kind === 'Job' ? 'Never' : 'Always', nodeName: scheduled ? 'node-a' : undefined,
      serviceAccountName: 'default', schedulerName: 'default-scheduler' },
    status: { phase, conditions: conditions(ready, scheduled), hostIP: scheduled ? '10.0.0.4' : undefined,
      podIP: phase === 'Running' ? '10.244.1.' + (uid % 250) : undefined, startTime: scheduled ? ago(300) : undefined, qosClass: 'Burstable',
      containerStatuses: statuses, initContainerStatuses: initStatuses },
  };
}

/** A pod of one container named app; `s` overrides the container status, `c` the container spec. */
function simplePod(name, ns, labels, s = {}, c = {}, p = {}) {
  const image = c.image ?? 'registry.example.com/shop/app:1.4.2';
  return pod(name, ns, labels, { containers: [container('app', image, c)], statuses: [status('app', image, s)], ready: s.ready ?? true,
    owner: { kind: 'ReplicaSet', name: name.replace(/-[a-z0-9]+$/, '') }, ...p });
}

function deployment(name, ns, labels, { replicas = 2, ready = replicas, conditions: conds } = {}) {
  const t = ago(120);
  return {
    metadata: meta(name, ns, labels, { generation: 3, annotations: { 'deployment.kubernetes.io/revision': '3' } }),
    spec: { replicas, selector: { matchLabels: labels }, progressDeadlineSeconds: 600,
      template: { metadata: { labels }, spec: { containers: [container('app', 'registry.example.com/shop/app:1.4.2')] } } },
    status: { observedGeneration: 3, replicas, updatedReplicas: replicas, readyReplicas: ready, availableReplicas: ready,
      unavailableReplicas: replicas - ready || undefined,
      conditions: conds ?? [
        { type: 'Available', status: 'True', lastUpdateTime: t, lastTransitionTime: t, reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' },
        { type: 'Progressing', status: 'True', lastUpdateTime: t, lastTransitionTime: t, reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${name}-6d4f9c" has successfully progressed.` },
      ] },
  };
}

function hpa(name, ns, labels, { min, max, current }) {
  return {
    metadata: meta(name, ns, labels),
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name }, minReplicas: min, maxReplicas: max,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] },
    status: { currentReplicas: current, desiredReplicas: current, currentMetrics: [{ type: 'Resource',
      resource: { name: 'cpu', current: { averageUtilization: current === max ? 145 : 40, averageValue: '300m' } } }],
      conditions: [{ type: 'AbleToScale', status: 'True', lastTransitionTime: ago(60), reason: 'ReadyForNewScale', message: 'recommended size matches current size' },
        { type: 'ScalingActive', status: 'True', lastTransitionTime: ago(60), reason: 'ValidMetricFound', message: 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)' },
        { type: 'ScalingLimited', status: current === max ? 'True' : 'False', lastTransitionTime: ago(60), reason: current === max ? 'TooManyReplicas' : 'DesiredWithinRange',
          message: current === max ? 'the desired replica count is more than the maximum replica count' : 'the desired count is within the acceptable range' }] },
  };
}

function job(name, ns, labels, { failed }) {
  const t = ago(30);
  return {
    metadata: meta(name, ns, labels),
    spec: { backoffLimit: 2, completions: 1, parallelism: 1, template: { spec: { restartPolicy: 'Never', containers: [container('app', 'registry.example.com/shop/migrate:2.0.0')] } } },
    status: failed
      ? { startTime: ago(40), failed: 3, conditions: [{ type: 'Failed', status: 'True', lastProbeTime: t, lastTransitionTime: t, reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }] }
      : { startTime: ago(40), completionTime: t, succeeded: 1, conditions: [{ type: 'Complete', status: 'True', lastProbeTime: t, lastTransitionTime: t }] },
  };
}

function event(ns, podName, reason, message, { count = 1, container = 'app', minutesAgo = 2 } = {}) {
  return {
    metadata: meta(`${podName}.${(uid + 0x17a0).toString(16)}`, ns, undefined),
    involvedObject: { kind: 'Pod', namespace: ns, name: podName, apiVersion: 'v1', fieldPath: `spec.containers{${container}}` },
    reason, message, type: 'Warning', count, source: { component: 'kubelet', host: 'node-a' },
    firstTimestamp: ago(minutesAgo + 30), lastTimestamp: ago(minutesAgo), reportingComponent: 'kubelet', reportingInstance: 'node-a',
  };
}

export function buildCluster() {
  const L = (id, extra = {}) => ({ [ID]: id, 'app.kubernetes.io/name': id, ...extra });
  const healthy = [];
  const objects = { pods: [], deployments: [], replicasets: [], services: [], horizontalpodautoscalers: [], jobs: [], cronjobs: [], events: [] };
  const add = (kind, ...items) => objects[kind].push(...items);
  const ok = (name, ns, labels) => { const p = simplePod(name, ns, labels); healthy.push(`${ns}/${name}`); return p; };

  // healthy: two ready pods, a service, an HPA with room. Nothing may be reported.
  add('deployments', deployment('healthy', 'shop', L('healthy')));
  add('pods', ok('healthy-6d4f9c-abcde', 'shop', L('healthy')), ok('healthy-6d4f9c-fghij', 'shop', L('healthy')));
  add('horizontalpodautoscalers', hpa('healthy', 'shop', L('healthy'), { min: 2, max: 6, current: 2 }));
  add('services', { metadata: meta('healthy', 'shop', L('healthy')), spec: { type: 'ClusterIP', clusterIP: '10.96.0.12', selector: L('healthy'),
    ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] } });

  // crashy: CrashLoopBackOff after 7 restarts; its rollout is past its deadline and it has no minimum availability.
  add('pods', simplePod('crashy-7d9b8-k2x9q', 'shop', L('crashy'), { ready: false, restartCount: 7,
    state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container=app pod=crashy-7d9b8-k2x9q_shop(1f0c)' } },
    lastState: terminated('Error', 1, 3) }));
  add('pods', ok('crashy-5c4a1-p8m2n', 'shop', L('crashy')));
  add('deployments', deployment('crashy', 'shop', L('crashy'), { replicas: 2, ready: 1, conditions: [
    { type: 'Available', status: 'False', lastUpdateTime: ago(20), lastTransitionTime: ago(20), reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' },
    { type: 'Progressing', status: 'False', lastUpdateTime: ago(5), lastTransitionTime: ago(5), reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "crashy-7d9b8" has timed out progressing.' }] }));

  // crashy-worker: another entity whose id starts like crashy's; its crash must never show on crashy.
  add('pods', simplePod('crashy-worker-55f-zz1', 'shop', L('crashy-worker'), { ready: false, restartCount: 4,
    state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 1m20s restarting failed container=app pod=crashy-worker-55f-zz1_shop(9a1)' } },
    lastState: terminated('Error', 2, 1) }));

  // imagey: ErrImagePull, ImagePullBackOff, CreateContainerConfigError, InvalidImageName.
  add('pods', simplePod('imagey-6b7-aaaa1', 'shop', L('imagey'), { ready: false, state: { waiting: { reason: 'ErrImagePull',
    message: 'rpc error: code = NotFound desc = failed to pull and unpack image "registry.example.com/shop/imagey:9.9.9": not found' } } },
    { image: 'registry.example.com/shop/imagey:9.9.9' }));
  add('pods', simplePod('imagey-6b7-aaaa2', 'shop', L('imagey'), { ready: false, state: { waiting: { reason: 'ImagePullBackOff',
    message: 'Back-off pulling image "registry.example.com/shop/imagey:9.9.9"' } } }, { image: 'registry.example.com/shop/imagey:9.9.9' }));
  add('pods', simplePod('imagey-6b7-aaaa3', 'shop', L('imagey'), { ready: false, state: { waiting: { reason: 'CreateContainerConfigError',
    message: 'secret "imagey-db" not found' } } }));
  add('pods', simplePod('imagey-6b7-aaaa4', 'shop', L('imagey'), { ready: false, state: { waiting: { reason: 'InvalidImageName',
    message: 'Failed to apply default image tag "registry.example.com/shop/Imagey:1": couldn\'t parse image reference' } } },
    { image: 'registry.example.com/shop/Imagey:1' }));

  // oomy: one container terminated by the OOM killer right now, one running again after an OOM kill.
  add('pods', simplePod('oomy-8f8-oom01', 'shop', L('oomy'), { ready: false, restartCount: 2, state: terminated('OOMKilled', 137, 0),
    lastState: terminated('OOMKilled', 137, 2) }, { memory: '256Mi' }));
  add('pods', simplePod('oomy-8f8-oom02', 'shop', L('oomy'), { ready: true, restartCount: 1, state: running(40),
    lastState: terminated('OOMKilled', 137, 40) }, { memory: '256Mi' }));

  // inity: an init container crash-looping (the app container waits in PodInitializing, without a message).
  add('pods', pod('inity-77c-init1', 'shop', L('inity'), { phase: 'Pending', ready: false,
    initContainers: [container('migrate', 'registry.example.com/shop/migrate:2.0.0', { readiness: null })],
    initStatuses: [status('migrate', 'registry.example.com/shop/migrate:2.0.0', { ready: false, restartCount: 5,
      state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 2m40s restarting failed container=migrate pod=inity-77c-init1_shop(77)' } },
      lastState: terminated('Error', 1, 2) })],
    containers: [container('app', 'registry.example.com/shop/app:1.4.2')],
    statuses: [status('app', 'registry.example.com/shop/app:1.4.2', { ready: false, state: { waiting: { reason: 'PodInitializing' } } })],
    owner: { kind: 'ReplicaSet', name: 'inity-77c' } }));

  // pendy: nothing fits on the nodes.
  add('pods', pod('pendy-5d5-pend1', 'shop', L('pendy'), { phase: 'Pending', ready: false, scheduled: false,
    containers: [container('app', 'registry.example.com/shop/app:1.4.2')], statuses: undefined, owner: { kind: 'ReplicaSet', name: 'pendy-5d5' } }));

  // unready: running 3 minutes, readiness failing (Backstage's threshold: 5 s + 10 s × 3); a restarted container that is unready.
  add('pods', simplePod('unready-9a9-rdy01', 'shop', L('unready'), { ready: false, state: running(3) }));
  add('pods', simplePod('unready-9a9-rdy02', 'shop', L('unready'), { ready: false, restartCount: 1, state: running(2),
    lastState: terminated('Error', 1, 2) }));
  add('events', event('shop', 'unready-9a9-rdy01', 'Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503', { count: 18 }));

  // livey: the liveness probe restarts it (exit 137); only Warning events say why.
  add('pods', simplePod('livey-3c3-live1', 'shop', L('livey'), { ready: true, restartCount: 3, state: running(4), lastState: terminated('Error', 137, 4) }));
  add('events', event('shop', 'livey-3c3-live1', 'Unhealthy', 'Liveness probe failed: Get "http://10.244.1.9:8080/live": context deadline exceeded', { count: 9 }));
  add('events', event('shop', 'livey-3c3-live1', 'BackOff', 'Back-off restarting failed container app in pod livey-3c3-live1_shop(3c)', { count: 2 }));

  // oldrestart: restarted once two days ago, fine since.
  add('pods', simplePod('oldrestart-1a1-old01', 'shop', L('oldrestart'), { ready: true, restartCount: 1, state: running(2880),
    lastState: terminated('Error', 143, 2880) }));

  // scaly: an HPA at its maximum, and one fixed at min = max = current.
  add('deployments', deployment('scaly', 'shop', L('scaly'), { replicas: 10 }));
  add('horizontalpodautoscalers', hpa('scaly', 'shop', L('scaly'), { min: 2, max: 10, current: 10 }));
  add('horizontalpodautoscalers', hpa('scaly-fixed', 'shop', L('scaly'), { min: 3, max: 3, current: 3 }));
  add('pods', ok('scaly-4b4-scl01', 'shop', L('scaly')));

  // batchy: a failed Job with its failed pod, a completed Job with its completed pod.
  add('jobs', job('batchy-migrate-1', 'shop', L('batchy'), { failed: true }), job('batchy-migrate-2', 'shop', L('batchy'), { failed: false }));
  const jobPod = (name, jobName, reason, exitCode, phase) => pod(name, 'shop', { ...L('batchy'), 'job-name': jobName }, { phase, ready: false,
    containers: [container('app', 'registry.example.com/shop/migrate:2.0.0', { readiness: null })],
    statuses: [status('app', 'registry.example.com/shop/migrate:2.0.0', { ready: false, state: terminated(reason, exitCode, 31) })],
    owner: { kind: 'Job', name: jobName } });
  add('pods', jobPod('batchy-migrate-1-x7k2p', 'batchy-migrate-1', 'Error', 1, 'Failed'));
  const done = jobPod('batchy-migrate-2-q9w4e', 'batchy-migrate-2', 'Completed', 0, 'Succeeded');
  add('pods', done);
  healthy.push('shop/batchy-migrate-2-q9w4e');

  // shop-web: chosen by a set-based label selector; the cache tier it excludes crash-loops.
  const web = (tier) => ({ app: 'shop', tier });
  add('pods', ok('shop-web-1b2-web01', 'shop', web('web')), ok('shop-api-1b2-api01', 'shop', web('api')));
  add('pods', simplePod('shop-api-1b2-api02', 'shop', web('api'), { ready: false, state: { waiting: { reason: 'ImagePullBackOff',
    message: 'Back-off pulling image "registry.example.com/shop/api:0.0.0-missing"' } } }));
  add('pods', simplePod('shop-cache-1b2-cch01', 'shop', web('cache'), { ready: false, restartCount: 12,
    state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container=app pod=shop-cache-1b2-cch01_shop(cc)' } },
    lastState: terminated('Error', 1, 1) }));

  // nsy: restricted to team-a by its namespace annotation; the same label in team-b crash-loops.
  add('pods', ok('nsy-2c2-nsa01', 'team-a', L('nsy')));
  add('pods', simplePod('nsy-2c2-nsb01', 'team-b', L('nsy'), { ready: false, restartCount: 6,
    state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container=app pod=nsy-2c2-nsb01_team-b(nb)' } },
    lastState: terminated('Error', 1, 1) }));

  const entities = [
    ...['healthy', 'crashy', 'crashy-worker', 'imagey', 'oomy', 'inity', 'pendy', 'unready', 'livey', 'oldrestart', 'scaly', 'batchy']
      .map((name) => ({ name, annotations: { [ID]: name } })),
    { name: 'shop-web', annotations: { 'backstage.io/kubernetes-label-selector': 'app=shop,tier in (web,api)' } },
    { name: 'nsy', annotations: { [ID]: 'nsy', 'backstage.io/kubernetes-namespace': 'team-a' } },
  ];
  return { objects, entities, healthy };
}
