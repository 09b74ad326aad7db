// The demo's EHR: lists the demo patients; "Open chart" registers an EHR launch for that patient on the server (a
// demo-only endpoint: no secret or token in this page) and opens the clinician workspace's launch.html with iss and
// launch in an iframe, as Epic or Cerner embed a SMART app.
const list = document.getElementById('patients');
const live = document.getElementById('live');
const title = document.getElementById('chart-title');
const frame = document.getElementById('frame');

const answer = await fetch('/demo/ehr-patients', { headers: { Accept: 'application/json' } });
const { patients, csrfHeader, csrfToken } = await answer.json();

for (const patient of patients) {
  const item = document.createElement('li');
  const name = document.createElement('p');
  name.style.margin = '0 0 0.25rem';
  name.innerHTML = '<strong></strong><br /><span></span>';
  name.querySelector('strong').textContent = patient.name;
  name.querySelector('span').textContent = patient.birthDate ? `Born ${patient.birthDate}` : '';
  const open = document.createElement('button');
  open.type = 'button';
  open.textContent = 'Open chart';
  open.setAttribute('aria-label', `Open chart of ${patient.name}`);
  open.dataset.patient = patient.id;
  open.addEventListener('click', () => openChart(patient));
  item.append(name, open);
  list.append(item);
}

async function openChart(patient) {
  const response = await fetch('/demo/ehr-launch', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', [csrfHeader]: csrfToken },
    body: JSON.stringify({ patient: patient.id }),
  });
  if (!response.ok) {
    live.textContent = `The chart of ${patient.name} could not be opened (${response.status}).`;
    return;
  }
  const { launch } = await response.json();
  const iss = new URL('/fhir', window.location.href).toString();
  const app = new URL('/clinician/launch.html', window.location.href);
  app.searchParams.set('iss', iss);
  app.searchParams.set('launch', launch);
  const iframe = document.createElement('iframe');
  iframe.title = `Mediwox clinician workspace: chart of ${patient.name}`;
  iframe.src = app.toString();
  frame.replaceChildren(iframe);
  title.textContent = `Chart of ${patient.name}`;
  title.focus();
  live.textContent = `Chart of ${patient.name} opened.`;
}
