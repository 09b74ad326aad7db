// The app's frame: who is signed in, the language switch and the three screens.
import { useEffect, useState } from 'react';
import Appointments from './Appointments.jsx';
import Book, { useClinic } from './Book.jsx';
import Documents from './Documents.jsx';
import { LANGUAGES, pickLanguage, t } from './i18n.js';

const TABS = [
  ['book', 'nav.book'],
  ['appointments', 'nav.appointments'],
  ['documents', 'nav.documents'],
];

function greetingName(patient) {
  const name = patient?.name?.[0];
  return name?.given?.[0] ?? name?.text ?? null;
}

export default function App({ client }) {
  const patientId = client.patient.id;
  const [patient, setPatient] = useState(null);
  const [chosen, setChosen] = useState(() => localStorage.getItem('mediwox.language'));
  const [tab, setTab] = useState('book');
  const clinic = useClinic(client);
  useEffect(() => {
    // the language follows Patient.communication once it is read; the screens do not wait for it
    client.patient.read().then(setPatient, () => setPatient(null));
  }, [client]);
  const language = pickLanguage({ chosen, patient, browserLanguages: navigator.languages });
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = `${t(language, 'app.title')} — ${t(language, TABS.find(([id]) => id === tab)[1])}`;
  }, [language, tab]);
  const choose = (value) => {
    localStorage.setItem('mediwox.language', value);
    setChosen(value);
  };
  const name = greetingName(patient);
  return (
    <div className="mx-auto min-h-screen max-w-2xl bg-slate-50">
      <header className="flex items-center justify-between gap-3 bg-teal-800 px-4 py-3 text-white">
        <div>
          <h1 className="text-xl font-bold">{t(language, 'app.title')}</h1>
          {name && <p className="text-sm text-teal-50">{t(language, 'app.hello', { name })}</p>}
        </div>
        <label className="flex items-center gap-2 text-sm">
          <span>{t(language, 'app.language')}</span>
          <select
            value={language}
            onChange={(e) => choose(e.target.value)}
            name="language"
            className="rounded-lg border border-teal-200 bg-teal-900 p-2 text-white focus:outline-none focus-visible:ring-2 focus-visible:ring-white"
          >
            {LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l}>
                {l === 'en' ? 'English' : 'Español'}
              </option>
            ))}
          </select>
        </label>
      </header>
      <nav aria-label={t(language, 'app.title')} className="sticky top-0 z-10 flex border-b border-slate-300 bg-white">
        {TABS.map(([id, key]) => (
          <button
            key={id}
            type="button"
            onClick={() => setTab(id)}
            aria-current={tab === id ? 'page' : undefined}
            className={`flex-1 border-b-4 px-2 py-3 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-teal-700 ${
              tab === id ? 'border-teal-700 font-semibold text-teal-900' : 'border-transparent text-slate-700'
            }`}
          >
            {t(language, key)}
          </button>
        ))}
      </nav>
      <main>
        {tab === 'book' && <Book client={client} language={language} patientId={patientId} clinic={clinic} />}
        {tab === 'appointments' && (
          <Appointments client={client} language={language} patientId={patientId} clinic={clinic} />
        )}
        {tab === 'documents' && <Documents client={client} language={language} patientId={patientId} />}
      </main>
    </div>
  );
}
