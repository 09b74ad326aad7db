// Checks the deployment files of a Mediwox tree without a container engine, Helm or kubeconform:
//   node check.mjs <repository root>
// - docker/compose.yaml against the Compose Specification's JSON schema (as the npm package dclint ships it);
// - deploy/kubernetes/**/*.yaml against Kubernetes' OpenAPI schemas (compiled into validators by kubernetes-models);
// - what no schema says: the objects refer to each other correctly, every environment variable given to Mediwox is
//   one its READMEs document, HAProxy's backends are the compose file's Mediwox services, the probes and health
//   checks are HTTP GETs on the Mediwox port.
// Prints one JSON line: {problems: [...], probes: [{source, path}], counts}. Whether each probed path answers on a
// real server is for the caller (DeploymentManifestsIT) to check. Exit code 0 unless the check itself breaks.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import Ajv from "ajv";
import { parseAllDocuments, parseDocument } from "yaml";

const root = process.argv[2];
const problems = [];
const probes = [];
const counts = { composeServices: 0, kubernetesObjects: 0, haproxyServers: 0, documentedVariables: 0 };
const problem = (where, text) => problems.push(`${where}: ${text}`);

// The port the image serves on (docker/Dockerfile: SERVER_PORT=8080, EXPOSE 8080) and its data directory.
const MEDIWOX_PORT = 8080;
const DATA_DIR = "/var/lib/mediwox";

const documented = documentedVariables();
counts.documentedVariables = documented.size;
const composeServices = checkCompose();
checkHaproxy(composeServices);
await checkKubernetes();
console.log(JSON.stringify({ problems, probes, counts }));

/**
 * The environment variables the READMEs document: the first column of the main README's Configuration table and of
 * docker/README.md's Environment table. "`SPRING_DATASOURCE_URL` / `_USERNAME`" names SPRING_DATASOURCE_USERNAME.
 */
function documentedVariables() {
  const names = new Set();
  for (const [file, heading] of [["README.md", "## Configuration"], ["docker/README.md", "## Environment"]]) {
    const text = readFileSync(join(root, file), "utf8");
    const start = text.indexOf(`\n${heading}\n`);
    if (start < 0) {
      problem(file, `no section "${heading}"`);
      continue;
    }
    const section = text.slice(start + heading.length + 2).split(/\n## /)[0];
    for (const row of section.split("\n").filter((line) => line.startsWith("| `"))) {
      const cell = row.split("|")[1];
      let last = null;
      for (const [, name] of cell.matchAll(/`([A-Za-z0-9_]+)`/g)) {
        if (name.startsWith("_") && last) {
          last = last.slice(0, last.lastIndexOf("_")) + name;
        } else {
          last = name;
        }
        names.add(last);
      }
    }
  }
  return names;
}

function checkVariables(where, names) {
  for (const name of names) {
    if (!documented.has(name)) {
      problem(where, `environment variable ${name} is not one the READMEs document (README.md Configuration, docker/README.md Environment)`);
    }
  }
}

/** The probe's or check's path, recorded for the caller; it must be an absolute path on the Mediwox port. */
function probe(source, path) {
  if (typeof path !== "string" || !path.startsWith("/")) {
    problem(source, `probe path ${JSON.stringify(path)} is not an absolute path`);
    return;
  }
  probes.push({ source, path });
}

function checkCompose() {
  const file = "docker/compose.yaml";
  const text = readFileSync(join(root, file), "utf8");
  // Compose resolves anchors and merge keys (<<) before it validates; so does this
  const document = parseDocument(text, { merge: true });
  if (document.errors.length) {
    document.errors.forEach((e) => problem(file, e.message));
    return new Map();
  }
  const compose = document.toJS({ maxAliasCount: 100 });
  const schemaFile = join(dirname(createRequire(import.meta.url).resolve("dclint/package.json")), "schemas", "compose.schema.json");
  const ajv = new Ajv({ allErrors: true, strict: false });
  // the schema names draft-07 by its https address, which Ajv knows by the http one
  const draft07 = createRequire(import.meta.url)("ajv/dist/refs/json-schema-draft-07.json");
  ajv.addMetaSchema({ ...draft07, $id: "https://json-schema.org/draft-07/schema" });
  const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, "utf8")));
  if (!validate(compose)) {
    for (const error of validate.errors) {
      problem(file, `${error.instancePath || "/"} ${error.message}${error.params?.additionalProperty ? ` (${error.params.additionalProperty})` : ""}`);
    }
  }
  const services = compose.services ?? {};
  counts.composeServices = Object.keys(services).length;
  const mediwox = new Map();
  for (const [name, service] of Object.entries(services)) {
    for (const dependency of Object.keys(normalizeDependsOn(service.depends_on))) {
      if (!services[dependency]) problem(file, `${name} depends on ${dependency}, which is not a service`);
    }
    for (const network of Array.isArray(service.networks) ? service.networks : Object.keys(service.networks ?? {})) {
      if (!Object.hasOwn(compose.networks ?? {}, network)) problem(file, `${name} uses network ${network}, which is not declared`);
    }
    for (const volume of service.volumes ?? []) {
      const source = typeof volume === "string" ? volume.split(":")[0] : volume.source;
      if (source && !source.startsWith(".") && !source.startsWith("/") && !Object.hasOwn(compose.volumes ?? {}, source)) {
        problem(file, `${name} mounts volume ${source}, which is not declared`);
      }
    }
    if (String(service.image ?? "").startsWith("mediwox:")) mediwox.set(name, service);
  }
  if (mediwox.size < 2) problem(file, `${mediwox.size} Mediwox service(s) (image mediwox:*); a cluster needs two`);
  const postgres = Object.values(services).find((s) => /^postgres:\d+/.test(String(s.image)));
  if (!postgres) problem(file, "no PostgreSQL service (image postgres:<version>: the official image ships btree_gist)");
  const opensearch = Object.entries(services).find(([, s]) => /^opensearchproject\/opensearch:2\./.test(String(s.image)));
  if (!opensearch) problem(file, "no OpenSearch 2.x service (image opensearchproject/opensearch:2.*)");
  for (const [name, service] of mediwox) {
    const where = `${file} ${name}`;
    const environment = normalizeEnvironment(service.environment);
    checkVariables(where, Object.keys(environment));
    if (environment.MEDIWOX_FULL_TEXT_BACKEND !== "opensearch") problem(where, "MEDIWOX_FULL_TEXT_BACKEND is not opensearch");
    const uri = environment.MEDIWOX_FULL_TEXT_OPENSEARCH_URIS ?? "";
    const hostname = (u) => {
      try {
        return new URL(u).hostname;
      } catch {
        return null;
      }
    };
    if (!opensearch || !uri.split(",").every((u) => hostname(u) === opensearch[0])) {
      problem(where, `MEDIWOX_FULL_TEXT_OPENSEARCH_URIS ${uri} does not name the OpenSearch service`);
    }
    if (!/^\$\{MEDIWOX_DEMO:-false\}$|^false$/.test(String(environment.MEDIWOX_DEMO))) {
      problem(where, `MEDIWOX_DEMO is ${environment.MEDIWOX_DEMO}: the cluster runs in production mode unless docker/.env says otherwise`);
    }
    const dependsOn = normalizeDependsOn(service.depends_on);
    for (const dependency of ["postgres", opensearch?.[0]].filter(Boolean)) {
      if (dependsOn[dependency]?.condition !== "service_healthy") problem(where, `does not wait for ${dependency} to be healthy`);
    }
    const test = [service.healthcheck?.test ?? []].flat().join(" ");
    const url = test.match(/http:\/\/localhost:(\d+)(\/[^\s'"]*)/);
    if (!url) {
      problem(where, "no HTTP health check");
    } else {
      if (Number(url[1]) !== MEDIWOX_PORT) problem(where, `health check on port ${url[1]}, not ${MEDIWOX_PORT}`);
      probe(`${where} healthcheck`, url[2]);
    }
  }
  return mediwox;
}

function normalizeDependsOn(dependsOn) {
  if (Array.isArray(dependsOn)) return Object.fromEntries(dependsOn.map((name) => [name, { condition: "service_started" }]));
  return dependsOn ?? {};
}

function normalizeEnvironment(environment) {
  if (Array.isArray(environment)) {
    return Object.fromEntries(environment.map((entry) => [entry.split("=")[0], entry.split("=").slice(1).join("=")]));
  }
  return Object.fromEntries(Object.entries(environment ?? {}).map(([k, v]) => [k, v === null ? null : String(v)]));
}

/** HAProxy's backend servers must be exactly the compose file's Mediwox services, checked on the readiness path. */
function checkHaproxy(mediwox) {
  const file = "docker/haproxy.cfg";
  const sections = [];
  for (const raw of readFileSync(join(root, file), "utf8").split("\n")) {
    const line = raw.replace(/#.*/, "").trim();
    if (!line) continue;
    const words = line.split(/\s+/);
    if (!/^\s/.test(raw)) sections.push({ kind: words[0], name: words[1], lines: [] });
    else sections.at(-1)?.lines.push(words);
  }
  const backends = sections.filter((s) => s.kind === "backend");
  if (backends.length !== 1) {
    problem(file, `${backends.length} backends; expected one, of the Mediwox nodes`);
    return;
  }
  const backend = backends[0];
  const servers = backend.lines.filter((w) => w[0] === "server");
  counts.haproxyServers = servers.length;
  const hosts = servers.map((w) => w[2]);
  const expected = [...mediwox.keys()].map((name) => `${name}:${MEDIWOX_PORT}`);
  for (const host of expected.filter((h) => !hosts.includes(h))) problem(file, `no server for ${host} (a Mediwox service of docker/compose.yaml)`);
  for (const host of hosts.filter((h) => !expected.includes(h))) problem(file, `server ${host} is not a Mediwox service of docker/compose.yaml on port ${MEDIWOX_PORT}`);
  const checked = (words) => words.includes("check");
  const defaultServer = backend.lines.find((w) => w[0] === "default-server");
  for (const server of servers) {
    if (!checked(server) && !(defaultServer && checked(defaultServer))) problem(file, `server ${server[1]} is not health-checked`);
  }
  if (!backend.lines.some((w) => w[0] === "option" && w[1] === "httpchk")) problem(file, "no `option httpchk`: the health check would be a bare TCP connect");
  const send = backend.lines.find((w) => w[0] === "http-check" && w[1] === "send");
  const uri = send ? send[send.indexOf("uri") + 1] : null;
  if (!send || send[send.indexOf("meth") + 1] !== "GET" || !uri) problem(file, "no `http-check send meth GET uri <path>`");
  else probe(`${file} http-check`, uri);
  const expect = backend.lines.find((w) => w[0] === "http-check" && w[1] === "expect");
  if (!expect || expect.slice(2).join(" ") !== "status 200") problem(file, "the health check does not expect status 200");
}

function yamlFiles(directory) {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

async function checkKubernetes() {
  const directory = join(root, "deploy", "kubernetes");
  const objects = [];
  for (const path of yamlFiles(directory)) {
    const file = relative(root, path);
    for (const document of parseAllDocuments(readFileSync(path, "utf8"))) {
      if (document.errors.length) {
        document.errors.forEach((e) => problem(file, e.message));
        continue;
      }
      const object = document.toJS();
      if (object === null) continue;
      const where = `${file} ${object.kind}/${object.metadata?.name}`;
      const Model = await model(object.apiVersion, object.kind);
      if (!Model) {
        problem(where, `unknown apiVersion/kind ${object.apiVersion} ${object.kind}`);
        continue;
      }
      try {
        new Model(object).validate();
      } catch (error) {
        for (const e of error.errors ?? [error]) problem(where, `${e.instancePath || "/"} ${e.message}`);
      }
      objects.push({ where, object });
    }
  }
  counts.kubernetesObjects = objects.length;
  const find = (kind, name) => objects.find((o) => o.object.kind === kind && o.object.metadata?.name === name);
  const deployments = objects.filter((o) => o.object.kind === "Deployment");
  if (deployments.length !== 1) problem("deploy/kubernetes", `${deployments.length} Deployments; expected one, of Mediwox`);
  for (const { where, object } of deployments) checkDeployment(where, object, find);
  for (const { where, object } of objects) {
    const kind = object.kind;
    if (kind === "Service") {
      const target = deployments.find((d) => selects(object.spec?.selector, podLabels(d.object)));
      if (!target) problem(where, "its selector matches no Deployment's pods");
      for (const port of object.spec?.ports ?? []) {
        if (target && !containerPort(target.object, port.targetPort ?? port.port)) problem(where, `targetPort ${port.targetPort} is no container port`);
      }
    } else if (kind === "PodDisruptionBudget") {
      const target = deployments.find((d) => selects(object.spec?.selector?.matchLabels, podLabels(d.object)));
      if (!target) problem(where, "its selector matches no Deployment's pods");
      else if (object.spec.minAvailable !== undefined && !(Number(object.spec.minAvailable) < (target.object.spec.replicas ?? 1))) {
        problem(where, `minAvailable ${object.spec.minAvailable} leaves no pod to evict of ${target.object.spec.replicas}: drains would block`);
      }
    } else if (kind === "HorizontalPodAutoscaler") {
      const ref = object.spec?.scaleTargetRef ?? {};
      const target = find(ref.kind, ref.name);
      if (ref.kind !== "Deployment" || ref.apiVersion !== "apps/v1" || !target) {
        problem(where, `scaleTargetRef ${ref.apiVersion} ${ref.kind}/${ref.name} is not a Deployment here`);
      } else {
        if ((object.spec.minReplicas ?? 1) < 2) problem(where, "minReplicas below 2");
        for (const container of target.object.spec.template.spec.containers) {
          if (!container.resources?.requests?.cpu) problem(where, `container ${container.name} has no CPU request to scale on`);
        }
      }
      const cpu = (object.spec?.metrics ?? []).find((m) => m.type === "Resource" && m.resource?.name === "cpu");
      if (cpu?.resource?.target?.type !== "Utilization") problem(where, "does not scale on CPU utilization");
    } else if (kind === "Ingress") {
      for (const rule of object.spec?.rules ?? []) {
        for (const path of rule.http?.paths ?? []) {
          const service = path.backend?.service;
          const target = service && find("Service", service.name);
          const port = target?.object.spec.ports.find((p) => p.name === service.port?.name || p.port === service.port?.number);
          if (!port) problem(where, `backend ${service?.name}:${service?.port?.name ?? service?.port?.number} is no Service port here`);
        }
      }
    }
  }
}

async function model(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string") return null;
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  try {
    const module = await import(group ? `kubernetes-models/${group}/${version}` : `kubernetes-models/${version}`);
    return module[kind] ?? null;
  } catch {
    return null;
  }
}

function podLabels(deployment) {
  return deployment.spec?.template?.metadata?.labels ?? {};
}

function selects(selector, labels) {
  return !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);
}

function containerPort(deployment, port) {
  return deployment.spec.template.spec.containers
    .flatMap((c) => c.ports ?? [])
    .find((p) => p.name === port || p.containerPort === port);
}

function checkDeployment(where, deployment, find) {
  const spec = deployment.spec ?? {};
  const pod = spec.template?.spec ?? {};
  if ((spec.replicas ?? 1) < 2) problem(where, `replicas ${spec.replicas ?? 1}: fewer than two`);
  if (!selects(spec.selector?.matchLabels, podLabels(deployment))) problem(where, "its selector does not match its own pod template");
  if (pod.securityContext?.runAsNonRoot !== true) problem(where, "pods may run as root (securityContext.runAsNonRoot)");
  for (const container of pod.containers ?? []) {
    const at = `${where} container ${container.name}`;
    for (const kind of ["startupProbe", "livenessProbe", "readinessProbe"]) {
      const get = container[kind]?.httpGet;
      if (!get) {
        problem(at, `no ${kind} with httpGet`);
        continue;
      }
      const port = containerPort(deployment, get.port);
      if (!port) problem(at, `${kind} port ${get.port} is no container port`);
      else if (port.containerPort !== MEDIWOX_PORT) problem(at, `${kind} port ${port.containerPort} is not Mediwox's ${MEDIWOX_PORT}`);
      probe(`${at} ${kind}`, get.path);
    }
    for (const kind of ["requests", "limits"]) {
      for (const resource of ["cpu", "memory"]) {
        if (!container.resources?.[kind]?.[resource]) problem(at, `no ${resource} ${kind.replace(/s$/, "")}`);
      }
    }
    const names = (container.env ?? []).map((e) => e.name);
    for (const from of container.envFrom ?? []) {
      const config = from.configMapRef && find("ConfigMap", from.configMapRef.name);
      if (from.configMapRef && !config) problem(at, `envFrom names ConfigMap ${from.configMapRef.name}, which is not here`);
      if (config) names.push(...Object.keys(config.object.data ?? {}));
      if (from.secretRef) problem(at, "envFrom a Secret: its variable names cannot be checked; name them with env[].valueFrom.secretKeyRef");
    }
    for (const entry of container.env ?? []) {
      const ref = entry.valueFrom?.configMapKeyRef;
      if (ref && !Object.hasOwn(find("ConfigMap", ref.name)?.object.data ?? {}, ref.key)) problem(at, `${entry.name} reads ConfigMap ${ref.name} key ${ref.key}, which is not here`);
    }
    checkVariables(at, names);
    if (container.securityContext?.readOnlyRootFilesystem) {
      // what the server writes with an external database: temporary files, and its data directory
      const data = (container.env ?? []).find((e) => e.name === "MEDIWOX_DATA_DIR")?.value ?? DATA_DIR;
      for (const path of ["/tmp", data]) {
        if (!(container.volumeMounts ?? []).some((m) => m.mountPath === path && !m.readOnly)) problem(at, `read-only root file system, but ${path} (written by the server) has no writable volume`);
      }
      for (const mount of container.volumeMounts ?? []) {
        if (!(pod.volumes ?? []).some((v) => v.name === mount.name)) problem(at, `mounts volume ${mount.name}, which the pod does not declare`);
      }
    }
  }
}
