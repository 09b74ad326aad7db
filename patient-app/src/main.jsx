import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import FHIR from 'fhirclient';
import './index.css';
import App, { SignedOut } from './App.jsx';
import { pickLanguage } from './i18n.js';
import { returnedFromLogout, signOut, watchSession } from '@mediwox/web-common/session.js';
import { deepLinkQuery, takeDeepLink, withoutDeepLink } from './deeplink.js';
import { needsLaunch } from '@mediwox/web-common/smart.js';
import { signedIn } from './smart.js';

const root = createRoot(document.getElementById('root'));

/** The sign-in screen again: after sign out, or with "your session ended" when the server refused the session. */
function showSignedOut(language, ended) {
  window.sessionStorage.clear();
  window.history.replaceState(null, '', window.location.pathname.replace(/index\.html$/, '') + '?signed-out=1');
  root.render(
    <StrictMode>
      <SignedOut language={language} ended={ended} />
    </StrictMode>,
  );
}

const language = () =>
  pickLanguage({ chosen: localStorage.getItem('mediwox.language'), browserLanguages: navigator.languages });

if (returnedFromLogout(window.location.href)) {
  // back from the authorization server's logout: signed out there too
  showSignedOut(returnedFromLogout(window.location.href), false);
} else if (new URL(window.location.href).searchParams.has('signed-out')) {
  // signed out: stay here until the patient chooses to sign in again
  root.render(
    <StrictMode>
      <SignedOut language={language()} ended={false} />
    </StrictMode>,
  );
} else if (needsLaunch(window.location.href, window.sessionStorage)) {
  // opened directly: sign in first (the SMART standalone launch), then back here
  window.location.replace(`launch.html${window.location.search}`);
} else {
  FHIR.oauth2
    .ready()
    .then((client) => {
      if (!signedIn(client)) {
        // a sign-in started but not finished (the patient left the login page): start again, with its deep link
        const link = takeDeepLink(window.location.href, window.sessionStorage);
        window.sessionStorage.clear();
        window.location.replace(`launch.html${deepLinkQuery(link)}`);
        return;
      }
      // a booking deep link (SMART Scheduling Links), in the address or kept through the sign-in: opened once, on Book
      const deepLink = takeDeepLink(window.location.href, window.sessionStorage);
      if (deepLink) {
        const shown = new URL(withoutDeepLink(window.location.href));
        shown.hash = '#/book';
        window.history.replaceState(null, '', shown.toString());
      }
      watchSession(client, () => showSignedOut(language(), true));
      // tokens revoked, then the server's session ended (the browser leaves for the logout and comes back signed out);
      // when that cannot be done, the sign-in screen here
      const leave = (chosen) =>
        signOut(client, { appUrl: new URL('./', window.location.href).toString(), language: chosen })
          .catch(() => ({ logout: null }))
          .then(({ logout }) => (logout ? window.location.assign(logout) : showSignedOut(chosen, false)));
      // a carer acting for someone else: this launch's tokens revoked, then a new launch that asks the server (still
      // signed in) to let the carer choose again whom the app acts for
      const switchPerson = () =>
        signOut(client)
          .catch(() => {})
          .then(() => window.location.replace('launch.html?switch=1'));
      root.render(
        <StrictMode>
          <App client={client} onSignOut={leave} onSwitchPerson={switchPerson} deepLink={deepLink} />
        </StrictMode>,
      );
    })
    .catch(() =>
      root.render(
        <main className="mx-auto max-w-md p-6">
          <h1 className="text-xl font-semibold">Mediwox</h1>
          <p role="alert" className="mt-4 rounded-lg bg-red-50 p-3 text-red-800">
            The sign-in did not complete. / No se ha completado el inicio de sesión.
          </p>
          <a className="mt-4 inline-block rounded-lg bg-teal-700 px-4 py-3 font-semibold text-white" href="launch.html">
            Sign in / Iniciar sesión
          </a>
        </main>,
      ),
    );
}
