import { Suspense, lazy, useCallback, useEffect, useRef, useState } from 'react';
import { bannerOf } from './banner.js';
import { allowedActions, changedMeanwhile, dayWindow, groupDay, myDayQuery, statusChange } from './day.js';
import { errorMessage } from './booking.js';
import { formatBirthDate, formatDay, formatTime, t, zoneName } from './i18n.js';
import { launchContext, practitionerId } from './smart.js';
import {
  AnnounceContext,
  LiveRegion,
  dangerButton,
  fieldClass,
  primaryButton,
  secondaryButton,
  useAnnounce,
} from './ui.jsx';
import Booking from './Booking.jsx';
import PayerCards from './PayerCards.jsx';
import { parseRoute } from './route.js';
import { staffOf } from './availability.js';
import Availability from './Availability.jsx';

// the dashboard and its chart library are loaded only when the Workload tab is opened
const Workload = lazy(() => import('./Workload.jsx'));

const TIMEZONE = 'http://hl7.org/fhir/StructureDefinition/timezone';
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The signed-in practitioner's roles, name and clinic time zone (the Organization's timezone extension). */
async function loadMe(client) {
  const id = practitionerId(client.user?.fhirUser ?? client.state?.tokenResponse?.fhirUser);
  if (!id) return { roles: [], name: null, zone: browserZone(), practitionerId: null, staff: staffOf([]) };
  const bundle = await client.request(
    `PractitionerRole?practitioner=Practitioner/${id}&active=true&_include=PractitionerRole:organization&_include=PractitionerRole:practitioner`,
  );
  const resources = (bundle.entry ?? []).map((e) => e.resource);
  const roles = resources.filter((r) => r.resourceType === 'PractitionerRole').map((r) => r.id);
  const organization = resources.find((r) => r.resourceType === 'Organization');
  const practitioner = resources.find((r) => r.resourceType === 'Practitioner');
  const zone = organization?.extension?.find((e) => e.url === TIMEZONE)?.valueCode ?? browserZone();
  const n = practitioner?.name?.[0];
  const name = n ? [...(n.prefix ?? []), ...(n.given ?? []), n.family].filter(Boolean).join(' ') : null;
  const staff = staffOf(resources.filter((r) => r.resourceType === 'PractitionerRole'));
  return { roles, name, zone, practitionerId: id, staff };
}

export default function App({ client, initialLanguage, onSignOut }) {
  const [language, setLanguage] = useState(initialLanguage);
  const [message, setMessage] = useState('');
  const [me, setMe] = useState(null);
  const [failure, setFailure] = useState(null);
  const [patient, setPatient] = useState(null);
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  const context = launchContext(client.state.tokenResponse);

  useEffect(() => {
    const follow = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t(language, 'app.title');
  }, [language]);

  useEffect(() => {
    loadMe(client).then(setMe, (e) => setFailure(e));
    if (context.patient) client.request(`Patient/${context.patient}`).then(setPatient, (e) => setFailure(e));
  }, [client, context.patient]);

  const announce = useCallback((text) => {
    // the same text twice is still said: cleared first
    setMessage('');
    setTimeout(() => setMessage(text), 50);
  }, []);

  const choose = (chosen) => {
    setLanguage(chosen);
    localStorage.setItem('mediwox.clinician.language', chosen);
  };

  return (
    <AnnounceContext.Provider value={announce}>
      <div className="mx-auto min-h-screen max-w-5xl bg-white">
        <header className="flex flex-wrap items-center gap-3 bg-blue-900 px-4 py-2 text-white">
          <h1 className="mr-auto text-xl font-bold">{t(language, 'app.title')}</h1>
          {me?.name && <span className="text-sm">{t(language, 'app.signedInAs', { name: me.name })}</span>}
          <label htmlFor="app-language" className="text-sm">
            {t(language, 'app.language')}
          </label>
          <select
            id="app-language"
            className={`${fieldClass} text-base`}
            value={language}
            onChange={(e) => choose(e.target.value)}
          >
            <option value="en" lang="en">
              English
            </option>
            <option value="es" lang="es">
              Español
            </option>
          </select>
          <button type="button" className={secondaryButton} onClick={() => onSignOut(language)}>
            {t(language, 'app.signOut')}
          </button>
        </header>
        {context.banner && patient && <PatientBanner patient={patient} language={language} />}
        <Tabs view={route.view} language={language} />
        <main className="space-y-8 p-4">
          <LiveRegion message={message} />
          {failure && <p className="rounded-lg bg-red-50 p-3 text-red-800">{errorMessage(failure, language)}</p>}
          {!me && !failure && <p>{t(language, 'app.loading')}</p>}
          {me && route.view === 'day' && (
            <>
              <MyDay client={client} me={me} language={language} />
              {patient && <Booking client={client} patient={patient} zone={me.zone} language={language} />}
              {!context.patient && <p className="text-slate-700">{t(language, 'patient.none')}</p>}
            </>
          )}
          {me && route.view === 'availability' && (
            <Availability client={client} me={me} role={route.role} language={language} />
          )}
          {me && route.view === 'workload' && (
            <Suspense fallback={<p>{t(language, 'app.loading')}</p>}>
              <Workload client={client} me={me} filters={route.filters} language={language} />
            </Suspense>
          )}
        </main>
      </div>
    </AnnounceContext.Provider>
  );
}

/** My day, Workload and Availability as links of the hash route (Back returns to the tab and filters before). */
function Tabs({ view, language }) {
  const tab = (href, name, current) => (
    <a
      href={href}
      aria-current={current ? 'page' : undefined}
      className={`inline-flex min-h-11 items-center border-b-4 px-4 font-semibold ${
        current ? 'border-blue-800 text-blue-900' : 'border-transparent text-slate-700 hover:text-blue-900'
      }`}
    >
      {name}
    </a>
  );
  return (
    <nav aria-label={t(language, 'nav.label')} className="flex gap-2 border-b border-slate-300 px-4">
      {tab('#/', t(language, 'nav.day'), view === 'day')}
      {tab('#/workload', t(language, 'nav.workload'), view === 'workload')}
      {tab('#/availability', t(language, 'nav.availability'), view === 'availability')}
    </nav>
  );
}

function PatientBanner({ patient, language }) {
  const b = bannerOf(patient);
  return (
    <section
      aria-label={t(language, 'banner.label')}
      data-testid="patient-banner"
      className="flex flex-wrap items-baseline gap-x-6 gap-y-1 border-b-4 border-amber-500 bg-amber-50 px-4 py-3"
    >
      <p className="text-lg font-bold">{b.name}</p>
      {b.birthDate && <p>{t(language, 'banner.born', { date: formatBirthDate(b.birthDate, language) })}</p>}
      {b.gender && <p>{t(language, 'banner.gender', { gender: t(language, `gender.${b.gender}`) })}</p>}
      {b.identifier && <p>{t(language, 'banner.identifier', { value: b.identifier })}</p>}
    </section>
  );
}

function MyDay({ client, me, language }) {
  const [day, setDay] = useState(null);
  const [failure, setFailure] = useState(null);
  const [changed, setChanged] = useState(null);
  const [busy, setBusy] = useState(null);
  const announce = useAnnounce();
  const focusAfter = useRef(null);

  const load = useCallback(async () => {
    if (!me.roles.length) return setDay({ today: [], week: [] });
    const now = new Date();
    const bundle = await client.request(myDayQuery(me.roles, dayWindow(now, me.zone)));
    setDay(groupDay(bundle, now, me.zone));
  }, [client, me]);

  useEffect(() => {
    load().catch(setFailure);
  }, [load]);

  useEffect(() => {
    if (focusAfter.current && day) {
      document.getElementById(focusAfter.current)?.focus();
      focusAfter.current = null;
    }
  }, [day, changed]);

  const mark = async (entry, status) => {
    setBusy(entry.id);
    setChanged(null);
    focusAfter.current = `appointment-${entry.id}`;
    try {
      await client.request(statusChange(entry, status));
      announce(t(language, 'day.marked', { patient: entry.patientName, status: t(language, `status.${status}`) }));
    } catch (e) {
      const text = changedMeanwhile(e) ? t(language, 'day.changed') : errorMessage(e, language);
      setChanged({ id: entry.id, text });
      announce(text);
    } finally {
      // the buttons stay disabled until the day is read again: a second click on the version just refused would be
      // refused again (this was ClinicianAppIT's 412 twice, when Seen was clicked before the reload came back)
      await load().catch(setFailure);
      setBusy(null);
    }
  };

  const zone = zoneName(new Date().toISOString(), language, me.zone);
  // level: the heading level of each visit's payer news (under Today's h3, or a weekday's h4)
  const list = (entries, level) => (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-300">
      {entries.map((entry) => (
        <li
          key={entry.id}
          id={`appointment-${entry.id}`}
          tabIndex={-1}
          data-testid="day-appointment"
          data-id={entry.id}
          className="flex flex-wrap items-center gap-3 p-3"
        >
          <span className="w-24 font-semibold tabular-nums">{formatTime(entry.start, language, me.zone)}</span>
          <span className="min-w-40 flex-1">
            <span className="block font-semibold">{entry.patientName ?? '—'}</span>
            <span className="block text-sm text-slate-700">
              {entry.reason ? t(language, 'day.reason', { reason: entry.reason }) : t(language, 'day.noReason')}
              {entry.urgent && <strong className="ml-2 text-red-800">{t(language, 'day.urgent')}</strong>}
            </span>
          </span>
          <span data-testid="status" className="rounded bg-slate-100 px-2 py-1 text-sm font-semibold">
            {t(language, `status.${entry.status}`)}
          </span>
          <span className="flex flex-wrap gap-2">
            {allowedActions(entry.status).map((action) => (
              <button
                key={action}
                type="button"
                className={action === 'noshow' ? dangerButton : primaryButton}
                disabled={busy === entry.id}
                aria-label={t(language, `action.${action}For`, { patient: entry.patientName ?? '—' })}
                onClick={() => mark(entry, action)}
              >
                {t(language, `action.${action}`)}
              </button>
            ))}
          </span>
          {changed?.id === entry.id && <p className="w-full rounded bg-amber-50 p-2 text-amber-900">{changed.text}</p>}
          <PayerCards news={entry.payer} language={language} level={level} />
        </li>
      ))}
    </ul>
  );

  return (
    <section aria-labelledby="day-title" className="space-y-4">
      <h2 id="day-title" className="text-2xl font-bold">
        {t(language, 'day.title')}
      </h2>
      <p className="text-sm text-slate-700">{t(language, 'day.zone', { zone })}</p>
      {failure && <p className="rounded-lg bg-red-50 p-3 text-red-800">{errorMessage(failure, language)}</p>}
      {!me.roles.length && <p>{t(language, 'day.noRole')}</p>}
      {!day && !failure && <p>{t(language, 'app.loading')}</p>}
      {day && (
        <>
          <h3 className="text-xl font-semibold">{t(language, 'day.today')}</h3>
          {day.today.length ? list(day.today, 4) : <p>{t(language, 'day.none')}</p>}
          <h3 className="text-xl font-semibold">{t(language, 'day.week')}</h3>
          {day.week.length === 0 && <p>{t(language, 'day.noneWeek')}</p>}
          {day.week.map(({ day: date, appointments }) => (
            <div key={date} className="space-y-2">
              <h4 className="font-semibold">{formatDay(date, language)}</h4>
              {list(appointments, 5)}
            </div>
          ))}
        </>
      )}
    </section>
  );
}

export function SignedOut({ language }) {
  return (
    <main className="mx-auto max-w-md p-6" lang={language}>
      <h1 className="text-xl font-semibold">{t(language, 'app.title')}</h1>
      <p className="mt-4">{t(language, 'app.signedOut')}</p>
      <a className={`${primaryButton} mt-4`} href="launch.html">
        {t(language, 'app.signIn')}
      </a>
    </main>
  );
}
