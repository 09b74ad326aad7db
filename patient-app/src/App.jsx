import { useCallback, useEffect, useState } from 'react';
import { formatDateTime, LANGUAGES, pickLanguage, t } from './i18n.js';
import { bookingResult, bookParameters, newIdempotencyKey, participant, problem, splitAppointments } from './booking.js';
import { checkUpload, listDocuments, uploadResource } from './documents.js';

const CLINIC_ZONE = 'America/New_York';
const SPECIALTIES = [
  { token: 'http://snomed.info/sct|394814009', en: 'General practice', es: 'Medicina general' },
  { token: 'http://snomed.info/sct|394582007', en: 'Dermatology', es: 'Dermatología' },
];

/** A FHIR call with loading and error state: no blank screens. */
function useFhir(load, deps) {
  const [state, setState] = useState({ loading: true, data: null, error: null });
  const reload = useCallback(() => {
    setState((s) => ({ ...s, loading: true, error: null }));
    load()
      .then((data) => setState({ loading: false, data, error: null }))
      .catch((error) => setState({ loading: false, data: null, error }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(reload, [reload]);
  return { ...state, reload };
}

function errorText(error) {
  return problem(error?.response?.body ?? error?.body, String(error?.message ?? error));
}

function Status({ state, language, children }) {
  if (state.loading) return <p aria-live="polite" className="p-4 text-slate-600">{t(language, 'state.loading')}</p>;
  if (state.error) {
    return (
      <div role="alert" className="m-4 rounded bg-red-50 p-3 text-red-800">
        {t(language, 'state.error', { message: errorText(state.error) })}
        <button type="button" onClick={state.reload} className="ml-3 underline">{t(language, 'state.retry')}</button>
      </div>
    );
  }
  return children;
}

function Book({ client, language, patientId }) {
  const [specialty, setSpecialty] = useState(SPECIALTIES[0].token);
  const [urgent, setUrgent] = useState(false);
  const [result, setResult] = useState(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [key, setKey] = useState(newIdempotencyKey); // the same key for retries of one attempt: a double tap books once
  const now = new Date();
  const find = useFhir(
    () => client.request(`Appointment/$find?start=${now.toISOString()}&end=${new Date(now.getTime() + 14 * 864e5)
      .toISOString()}&specialty=${encodeURIComponent(specialty)}&_count=3`),
    [specialty],
  );
  async function book() {
    setBusy(true);
    setError(null);
    try {
      const answer = await client.request({
        url: 'Appointment/$book',
        method: 'POST',
        headers: { 'Content-Type': 'application/fhir+json', 'Idempotency-Key': key },
        body: JSON.stringify(bookParameters({ patientId, specialty, urgent })),
      });
      setResult(bookingResult(answer));
      setKey(newIdempotencyKey());
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  const proposals = (find.data?.parameter?.find((p) => p.name === 'return')?.resource ?? find.data)?.entry ?? [];
  return (
    <section aria-labelledby="book" className="space-y-4 p-4">
      <h2 id="book" className="text-lg font-semibold">{t(language, 'nav.book')}</h2>
      <label className="block">
        <span className="text-sm font-medium">{t(language, 'book.kind')}</span>
        <select value={specialty} onChange={(e) => setSpecialty(e.target.value)}
          className="mt-1 block w-full rounded border border-slate-300 bg-white p-2">
          {SPECIALTIES.map((s) => <option key={s.token} value={s.token}>{s[language]}</option>)}
        </select>
      </label>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={urgent} onChange={(e) => setUrgent(e.target.checked)} />
        <span>{t(language, 'book.urgent')}</span>
      </label>
      <div>
        <h3 className="text-sm font-medium">{t(language, 'book.next')}</h3>
        <Status state={find} language={language}>
          <ul className="mt-1 space-y-1">
            {proposals.map((e) => (
              <li key={e.resource?.slot?.[0]?.reference} className="rounded bg-white p-2 shadow-sm">
                {formatDateTime(e.resource.start, language, CLINIC_ZONE)} · {participant(e.resource, 'PractitionerRole')}
              </li>
            ))}
          </ul>
        </Status>
      </div>
      <button type="button" onClick={book} disabled={busy}
        className="w-full rounded bg-teal-700 px-4 py-3 font-semibold text-white disabled:opacity-60">
        {t(language, 'book.cta')}
      </button>
      {error && <p role="alert" className="rounded bg-red-50 p-3 text-red-800">{error}</p>}
      {result?.booked && (
        <div role="status" className="rounded bg-teal-50 p-3">
          <p className="font-medium">{t(language, 'book.booked', {
            when: formatDateTime(result.booked.start, language, CLINIC_ZONE),
            provider: participant(result.booked, 'PractitionerRole'),
          })}</p>
          {result.why && <p className="mt-1 text-sm"><span className="font-medium">{t(language, 'book.why')}:</span> {result.why}</p>}
        </div>
      )}
    </section>
  );
}

function Appointments({ client, language, patientId }) {
  const list = useFhir(() => client.request(`Appointment?patient=Patient/${patientId}&_count=50`), [patientId]);
  const [message, setMessage] = useState(null);
  async function cancel(appointment) {
    try {
      await client.request({ url: `Appointment/${appointment.id}/$cancel`, method: 'POST',
        headers: { 'Content-Type': 'application/fhir+json' }, body: JSON.stringify({ resourceType: 'Parameters' }) });
      list.reload();
    } catch (e) {
      setMessage(errorText(e));
    }
  }
  const { upcoming, past } = splitAppointments(list.data);
  const row = (a, actions) => (
    <li key={a.id} className="rounded bg-white p-3 shadow-sm">
      <p className="font-medium">{formatDateTime(a.start, language, CLINIC_ZONE)}</p>
      <p className="text-sm text-slate-700">{participant(a, 'PractitionerRole')} · {a.status}</p>
      {actions && (
        <button type="button" onClick={() => cancel(a)} className="mt-2 rounded border border-red-700 px-3 py-1 text-red-700">
          {t(language, 'appointments.cancel')}
        </button>
      )}
    </li>
  );
  return (
    <section aria-labelledby="appointments" className="space-y-3 p-4">
      <h2 id="appointments" className="text-lg font-semibold">{t(language, 'nav.appointments')}</h2>
      {message && <p role="alert" className="rounded bg-red-50 p-3 text-red-800">{message}</p>}
      <Status state={list} language={language}>
        <h3 className="font-medium">{t(language, 'appointments.upcoming')}</h3>
        <ul className="space-y-2">{upcoming.length ? upcoming.map((a) => row(a, true)) : <li>{t(language, 'appointments.none')}</li>}</ul>
        <h3 className="font-medium">{t(language, 'appointments.past')}</h3>
        <ul className="space-y-2">{past.map((a) => row(a, false))}</ul>
      </Status>
    </section>
  );
}

function Documents({ client, language, patientId }) {
  const list = useFhir(() => client.request(`DocumentReference?patient=Patient/${patientId}&_count=50`), [patientId]);
  const [message, setMessage] = useState(null);
  async function upload(event) {
    const file = event.target.files?.[0];
    if (!file) return;
    const refused = checkUpload(file);
    if (refused) {
      setMessage(t(language, refused.key, refused.values));
      return;
    }
    const base64 = await new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result).split(',')[1]);
      reader.onerror = reject;
      reader.readAsDataURL(file);
    });
    try {
      await client.create(uploadResource({ patientId, title: file.name, contentType: file.type, base64 }));
      setMessage(null);
      list.reload();
    } catch (e) {
      setMessage(errorText(e));
    }
  }
  return (
    <section aria-labelledby="documents" className="space-y-3 p-4">
      <h2 id="documents" className="text-lg font-semibold">{t(language, 'nav.documents')}</h2>
      <label className="block">
        <span className="text-sm font-medium">{t(language, 'documents.upload')}</span>
        <input type="file" onChange={upload} accept="application/pdf,image/*,text/plain" className="mt-1 block" />
      </label>
      {message && <p role="alert" className="rounded bg-red-50 p-3 text-red-800">{message}</p>}
      <Status state={list} language={language}>
        <ul className="space-y-2">
          {listDocuments(list.data).map((d) => (
            <li key={d.id} className="flex items-center justify-between rounded bg-white p-3 shadow-sm">
              <span>{d.title}</span>
              <a className="text-teal-800 underline" href={`${client.state.serverUrl}/DocumentReference/${d.id}/$binary-access-read?path=DocumentReference.content.attachment`}>
                {t(language, 'documents.download')}
              </a>
            </li>
          ))}
        </ul>
      </Status>
    </section>
  );
}

export default function App({ client }) {
  const patientId = client.patient.id;
  const patient = useFhir(() => client.patient.read(), [patientId]);
  const [chosen, setChosen] = useState(() => localStorage.getItem('mediwox.language'));
  const [tab, setTab] = useState('book');
  const language = pickLanguage({ chosen, patient: patient.data, browserLanguages: navigator.languages });
  useEffect(() => { document.documentElement.lang = language; }, [language]);
  const choose = (value) => { localStorage.setItem('mediwox.language', value); setChosen(value); };
  const tabs = [['book', 'nav.book'], ['appointments', 'nav.appointments'], ['documents', 'nav.documents']];
  return (
    <div className="mx-auto min-h-screen max-w-md">
      <header className="flex items-center justify-between bg-teal-800 p-4 text-white">
        <h1 className="text-xl font-semibold">{t(language, 'app.title')}</h1>
        <label className="text-sm">
          <span className="sr-only">Language / Idioma</span>
          <select value={language} onChange={(e) => choose(e.target.value)} className="rounded bg-teal-900 p-1">
            {LANGUAGES.map((l) => <option key={l} value={l}>{l === 'en' ? 'English' : 'Español'}</option>)}
          </select>
        </label>
      </header>
      <nav aria-label="Mediwox" className="flex border-b border-slate-200 bg-white">
        {tabs.map(([id, key]) => (
          <button key={id} type="button" onClick={() => setTab(id)} aria-current={tab === id ? 'page' : undefined}
            className={`flex-1 p-3 text-sm ${tab === id ? 'border-b-2 border-teal-700 font-semibold' : ''}`}>
            {t(language, key)}
          </button>
        ))}
      </nav>
      <main>
        {tab === 'book' && <Book client={client} language={language} patientId={patientId} />}
        {tab === 'appointments' && <Appointments client={client} language={language} patientId={patientId} />}
        {tab === 'documents' && <Documents client={client} language={language} patientId={patientId} />}
      </main>
    </div>
  );
}
