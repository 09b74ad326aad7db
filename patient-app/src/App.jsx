// The app's frame: who is signed in, the language switch, sign out, the three screens as routes in the URL (#/book,
// #/appointments, #/documents: Back, Forward and reload behave) and the one live region.
import { useCallback, useEffect, useRef, useState } from 'react';
import Appointments from './Appointments.jsx';
import Book, { useClinic, useOwnAppointments } from './Book.jsx';
import Documents from './Documents.jsx';
import { LANGUAGES, pickLanguage, t } from './i18n.js';
import { formatRoute, parseRoute } from './routes.js';
import { AnnounceContext, LiveRegion, secondaryButton } from './ui.jsx';

const TABS = [
  ['book', 'nav.book'],
  ['appointments', 'nav.appointments'],
  ['documents', 'nav.documents'],
];

function greetingName(patient) {
  const name = patient?.name?.[0];
  return name?.given?.[0] ?? name?.text ?? null;
}

/** Whether the signed-in login acts for someone it cares for (a parent for a child: fhirUser is a RelatedPerson). */
export function actsForSomeoneElse(client) {
  return Boolean(client.user?.fhirUser?.startsWith('RelatedPerson/'));
}

/** The route in the URL's hash, kept in step with Back/Forward; {@code navigate} adds (or replaces) a history entry. */
function useRoute() {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const changed = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  const navigate = useCallback((next, { replace = false } = {}) => {
    const hash = formatRoute(next);
    if (hash === window.location.hash) return;
    if (replace) window.history.replaceState(null, '', hash);
    else window.history.pushState(null, '', hash);
    setRoute(parseRoute(hash));
  }, []);
  return [route, navigate];
}

export default function App({ client, onSignOut, onSwitchPerson, deepLink: linked = null }) {
  const patientId = client.patient.id;
  const [patient, setPatient] = useState(null);
  const [chosen, setChosen] = useState(() => localStorage.getItem('mediwox.language'));
  const [route, navigate] = useRoute();
  const [announcement, setAnnouncement] = useState('');
  const announce = useCallback((text) => {
    // the same text twice is announced twice: clear, then say it
    setAnnouncement('');
    setTimeout(() => setAnnouncement(text), 50);
  }, []);
  const clinic = useClinic(client);
  const own = useOwnAppointments(client, patientId);
  useEffect(() => {
    // the language follows Patient.communication once it is read; the screens do not wait for it
    client.patient.read().then(setPatient, () => setPatient(null));
  }, [client]);
  const language = pickLanguage({ chosen, patient, browserLanguages: navigator.languages });
  const tab = route.screen;
  // a booking deep link opens on the Book screen (main.jsx puts it there) and is done with once the patient leaves it
  const [deepLink, setDeepLink] = useState(linked);
  useEffect(() => {
    if (tab !== 'book') setDeepLink(null);
  }, [tab]);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = `${t(language, 'app.title')} — ${t(language, TABS.find(([id]) => id === tab)[1])}`;
  }, [language, tab]);
  // a new screen: the focus goes to its heading (not on the first paint: the patient starts from the top)
  const shown = useRef(null);
  useEffect(() => {
    if (shown.current !== null && shown.current !== tab) document.getElementById('screen-title')?.focus();
    shown.current = tab;
  }, [tab]);
  const choose = (value) => {
    localStorage.setItem('mediwox.language', value);
    setChosen(value);
  };
  const name = greetingName(patient);
  const carer = actsForSomeoneElse(client);
  return (
    <AnnounceContext.Provider value={announce}>
      <div className="mx-auto min-h-screen max-w-2xl bg-slate-50">
        <header className="flex flex-wrap items-center justify-between gap-3 bg-teal-800 px-4 py-3 text-white">
          <div>
            <h1 className="text-xl font-bold">{t(language, 'app.title')}</h1>
            {name && (
              <p className="text-sm text-teal-50" data-testid="greeting">
                {t(language, carer ? 'app.actingFor' : 'app.hello', { name })}
              </p>
            )}
          </div>
          <div className="flex items-center gap-2">
            <label className="flex items-center gap-2 text-sm">
              <span>{t(language, 'app.language')}</span>
              <select
                value={language}
                onChange={(e) => choose(e.target.value)}
                name="language"
                className="min-h-11 min-w-11 rounded-lg border border-teal-200 bg-teal-900 p-2 text-white focus:outline-none focus-visible:ring-2 focus-visible:ring-white"
              >
                {LANGUAGES.map((l) => (
                  <option key={l} value={l} lang={l}>
                    {l === 'en' ? 'English' : 'Español'}
                  </option>
                ))}
              </select>
            </label>
            {carer && (
              <button
                type="button"
                name="switch-person"
                onClick={onSwitchPerson}
                className="min-h-11 rounded-lg border border-teal-200 px-3 text-sm font-semibold text-white hover:bg-teal-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-white"
              >
                {t(language, 'app.switchPerson')}
              </button>
            )}
            <button
              type="button"
              name="sign-out"
              onClick={() => onSignOut(language)}
              className="min-h-11 rounded-lg border border-teal-200 px-3 text-sm font-semibold text-white hover:bg-teal-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-white"
            >
              {t(language, 'app.signOut')}
            </button>
          </div>
        </header>
        <nav
          aria-label={t(language, 'app.title')}
          className="sticky top-0 z-10 flex border-b border-slate-300 bg-white"
        >
          {TABS.map(([id, key]) => (
            <a
              key={id}
              href={formatRoute({ screen: id })}
              onClick={(e) => {
                e.preventDefault();
                navigate({ screen: id });
              }}
              aria-current={tab === id ? 'page' : undefined}
              className={`flex min-h-11 flex-1 items-center justify-center border-b-4 px-2 py-3 text-center text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-teal-700 ${
                tab === id ? 'border-teal-700 font-semibold text-teal-900' : 'border-transparent text-slate-700'
              }`}
            >
              {t(language, key)}
            </a>
          ))}
        </nav>
        <main>
          {tab === 'book' && (
            <Book
              client={client}
              language={language}
              patientId={patientId}
              clinic={clinic}
              own={own}
              deepLink={deepLink}
            />
          )}
          {tab === 'appointments' && (
            <Appointments
              client={client}
              language={language}
              patientId={patientId}
              clinic={clinic}
              own={own}
              route={route}
              navigate={navigate}
            />
          )}
          {tab === 'documents' && (
            <Documents client={client} language={language} patientId={patientId} route={route} navigate={navigate} />
          )}
        </main>
        <LiveRegion message={announcement} />
      </div>
    </AnnounceContext.Provider>
  );
}

/** After sign out, or when the server no longer accepts the session: say so, and offer to sign in again. */
export function SignedOut({ language, ended }) {
  const heading = useRef(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <main className="mx-auto max-w-md p-6">
      <h1 ref={heading} tabIndex={-1} className="text-xl font-semibold focus:outline-none">
        {t(language, 'app.title')}
      </h1>
      {ended && (
        <p role="alert" className="mt-4 rounded-lg bg-amber-50 p-3 text-amber-900" data-testid="session-ended">
          {t(language, 'app.sessionEnded')}
        </p>
      )}
      <a className={`${secondaryButton} mt-4 inline-flex items-center`} href="launch.html">
        {t(language, 'app.signIn')}
      </a>
    </main>
  );
}
