// Writes the Mediwox FHIR package from SUSHI's output (fsh-generated/resources):
//   <out>/package/…             conformance resources (profiles, extensions, OperationDefinitions, topics, …)
//   <out>/package/example/…     the examples (the ImplementationGuide resource says which)
//   <out>/package/package.json  and .index.json
//   <tgz>                       the same as package.tgz
// and one Markdown page per artifact under pages/ (the HL7 IG Publisher does not run here).
// Usage: node build/package.js <out dir> <tgz file> [<copy of the tgz> …]
'use strict';
const fs = require('fs');
const path = require('path');
const tar = require('tar');

const [outDir, tgzFile, ...copies] = process.argv.slice(2);
if (!outDir || !tgzFile) {
  console.error('usage: node build/package.js <out dir> <tgz file> [<copy> …]');
  process.exit(2);
}
const igDir = path.resolve(__dirname, '..');
const generated = path.join(igDir, 'fsh-generated', 'resources');
const pagesDir = path.join(igDir, 'pages');

const resources = fs.readdirSync(generated)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(fs.readFileSync(path.join(generated, f), 'utf8')));
const ig = resources.find((r) => r.resourceType === 'ImplementationGuide');
if (!ig) throw new Error('SUSHI wrote no ImplementationGuide resource (FSHOnly must be false)');
const examples = new Set(ig.definition.resource
  .filter((r) => r.exampleBoolean === true || r.exampleCanonical)
  .map((r) => r.reference.reference));
const isExample = (r) => examples.has(`${r.resourceType}/${r.id}`);

const packageDir = path.join(outDir, 'package');
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(path.join(packageDir, 'example'), { recursive: true });
const index = { 'index-version': 1, files: [] };
const exampleIndex = { 'index-version': 1, files: [] };
for (const r of resources) {
  const file = `${r.resourceType}-${r.id}.json`;
  const example = isExample(r);
  fs.writeFileSync(path.join(packageDir, example ? 'example' : '', file), JSON.stringify(r, null, 2) + '\n');
  const entry = { filename: file, resourceType: r.resourceType, id: r.id };
  for (const key of ['url', 'version', 'kind', 'type']) if (typeof r[key] === 'string') entry[key] = r[key];
  (example ? exampleIndex : index).files.push(entry);
}
fs.writeFileSync(path.join(packageDir, '.index.json'), JSON.stringify(index, null, 2) + '\n');
fs.writeFileSync(path.join(packageDir, 'example', '.index.json'), JSON.stringify(exampleIndex, null, 2) + '\n');
fs.writeFileSync(path.join(packageDir, 'package.json'), JSON.stringify({
  name: ig.packageId,
  version: ig.version,
  canonical: ig.url.replace(/\/ImplementationGuide\/.*$/, ''),
  url: ig.url,
  title: ig.title,
  description: ig.description,
  fhirVersions: ig.fhirVersion,
  dependencies: { 'hl7.fhir.r4.core': '4.0.1' },
  author: 'Mediwox',
  license: ig.license,
  type: 'fhir.ig',
}, null, 2) + '\n');

tar.create({ gzip: true, file: tgzFile, cwd: outDir, sync: true, portable: true, noMtime: true }, ['package']);
for (const copy of copies) {
  fs.mkdirSync(path.dirname(copy), { recursive: true });
  fs.copyFileSync(tgzFile, copy);
}
console.log(`[ig] ${ig.packageId}#${ig.version}: ${index.files.length} resources, ${exampleIndex.files.length} examples -> ${tgzFile}`);

// ---- pages ---------------------------------------------------------------------------------------------------------
const md = (text) => String(text ?? '').replace(/\|/g, '\\|').replace(/\n+/g, ' ');
const pageName = (r) => `${r.resourceType}-${r.id}.md`;
const titleOf = (r) => r.title || r.name || (r.extension || []).filter((e) => e.url.endsWith('SubscriptionTopic.title'))
  .map((e) => e.valueString)[0] || r.id;
const describe = (r) => r.description || (r.extension || []).filter((e) => e.url.endsWith('SubscriptionTopic.description'))
  .map((e) => e.valueMarkdown)[0] || '';
const kindOf = (r) => {
  if (r.resourceType === 'StructureDefinition') return r.type === 'Extension' ? 'Extension' : 'Profile';
  if (r.resourceType === 'Basic') return 'SubscriptionTopic';
  return r.resourceType;
};

function structurePage(sd) {
  const lines = [];
  lines.push(`Base: \`${sd.baseDefinition}\`${sd.type === 'Extension' ? '' : ` · type ${sd.type}`}`, '');
  const invariants = [];
  lines.push('| element | cardinality | type | must support | short / binding |', '|---|---|---|---|---|');
  for (const e of sd.differential.element) {
    for (const c of e.constraint || []) invariants.push(c);
    const card = e.min !== undefined || e.max !== undefined ? `${e.min ?? ''}..${e.max ?? ''}` : '';
    const types = (e.type || []).map((t) => t.code + (t.profile ? ` (${t.profile.join(', ')})` : '')).join(', ');
    const binding = e.binding ? ` binding ${e.binding.strength}: \`${e.binding.valueSet}\`` : '';
    const fixed = Object.keys(e).filter((k) => k.startsWith('fixed') || k.startsWith('pattern'))
      .map((k) => ` ${k} \`${JSON.stringify(e[k])}\``).join('');
    lines.push(`| \`${e.id}\` | ${card} | ${md(types)} | ${e.mustSupport ? 'yes' : ''} | ${md(e.short)}${binding}${fixed} |`);
  }
  if (invariants.length) {
    lines.push('', '### Invariants', '', '| key | severity | rule | FHIRPath |', '|---|---|---|---|');
    for (const c of invariants) lines.push(`| ${c.key} | ${c.severity} | ${md(c.human)} | \`${md(c.expression)}\` |`);
  }
  const ex = resources.filter((r) => isExample(r) && (r.meta?.profile || []).includes(sd.url));
  const byCanonical = ig.definition.resource.filter((r) => r.exampleCanonical === sd.url).map((r) => r.reference.reference);
  const all = [...new Set([...ex.map((r) => `${r.resourceType}/${r.id}`), ...byCanonical])];
  if (all.length) lines.push('', '### Examples', '', ...all.map((ref) => `- [${ref}](${ref.replace('/', '-')}.md)`));
  return lines;
}

function operationPage(op) {
  const level = [op.system && 'system', op.type && 'type', op.instance && 'instance'].filter(Boolean).join(', ');
  const lines = [`\`${(op.resource || []).join(', ') || '[base]'}/$${op.code}\` — ${level} level, ${op.affectsState ? 'changes state' : 'read-only'}`];
  if (op.base) lines.push('', `Based on \`${op.base}\`.`);
  lines.push('', '| use | name | cardinality | type | documentation |', '|---|---|---|---|---|');
  for (const p of op.parameter || []) lines.push(`| ${p.use} | \`${p.name}\` | ${p.min}..${p.max} | ${p.type || ''} | ${md(p.documentation)} |`);
  const related = resources.filter((r) => isExample(r) && r.resourceType === 'Parameters' && r.id.startsWith(op.code.replace(/^appointment-/, '') + '-'));
  if (related.length) lines.push('', '### Examples', '', ...related.map((r) => `- [${titleOf(r)}](${pageName(r)})`));
  return lines;
}

function codeSystemPage(cs) {
  return ['| code | display | definition |', '|---|---|---|',
    ...(cs.concept || []).map((c) => `| \`${c.code}\` | ${md(c.display)} | ${md(c.definition)} |`)];
}

fs.rmSync(pagesDir, { recursive: true, force: true });
fs.mkdirSync(pagesDir, { recursive: true });
const note = '<!-- generated by ig/build/package.js from the FSH sources in ig/input/fsh: edit those, not this page -->';
const indexLines = [note, `# ${ig.title}`, '', md(ig.description), '',
  `Package \`${ig.packageId}#${ig.version}\`, FHIR ${ig.fhirVersion.join(', ')}, canonical \`${ig.url.replace(/\/ImplementationGuide\/.*$/, '')}\`.`, ''];
const groups = ['Profile', 'Extension', 'OperationDefinition', 'SubscriptionTopic', 'CodeSystem', 'ValueSet', 'CapabilityStatement'];
for (const group of groups) {
  const members = resources.filter((r) => !isExample(r) && kindOf(r) === group);
  if (!members.length) continue;
  indexLines.push(`## ${group === 'OperationDefinition' ? 'Operations' : group + (group.endsWith('s') ? '' : 's')}`, '', '| artifact | description |', '|---|---|');
  for (const r of members) indexLines.push(`| [${titleOf(r)}](${pageName(r)}) | ${md(describe(r))} |`);
  indexLines.push('');
}
indexLines.push('## Examples', '', '| example | of |', '|---|---|');
for (const r of resources.filter(isExample)) {
  indexLines.push(`| [${r.resourceType}/${r.id}](${pageName(r)}) | ${md(titleOf(r) === r.id ? '' : titleOf(r))} |`);
}
fs.writeFileSync(path.join(pagesDir, 'index.md'), indexLines.join('\n') + '\n');

for (const r of resources) {
  if (r.resourceType === 'ImplementationGuide') continue;
  const lines = [note, `# ${titleOf(r)}`, ''];
  lines.push(`${isExample(r) ? 'Example' : kindOf(r)} \`${r.resourceType}/${r.id}\`${r.url ? ` · canonical \`${r.url}\`` : ''} · [all artifacts](index.md)`, '');
  if (describe(r)) lines.push(describe(r), '');
  if (!isExample(r)) {
    if (r.resourceType === 'StructureDefinition') lines.push(...structurePage(r));
    if (r.resourceType === 'OperationDefinition') lines.push(...operationPage(r));
    if (r.resourceType === 'CodeSystem') lines.push(...codeSystemPage(r));
    lines.push('');
  }
  lines.push('```json', JSON.stringify(r, null, 2), '```');
  fs.writeFileSync(path.join(pagesDir, pageName(r)), lines.join('\n') + '\n');
}
console.log(`[ig] ${resources.length} pages -> ${path.relative(process.cwd(), pagesDir)}`);
