import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import FHIR from 'fhirclient';
import './index.css';
import App, { SignedOut } from './App.jsx';
import { pickLanguage } from './i18n.js';
import { returnedFromLogout, signOut } from '@mediwox/web-common/session.js';
import { needsLaunch } from '@mediwox/web-common/smart.js';
import { signedIn } from './smart.js';

const root = createRoot(document.getElementById('root'));
const language = () =>
  pickLanguage({ chosen: localStorage.getItem('mediwox.clinician.language'), browserLanguages: navigator.languages });

function showSignedOut(chosen) {
  window.sessionStorage.clear();
  window.history.replaceState(null, '', window.location.pathname.replace(/index\.html$/, '') + '?signed-out=1');
  root.render(
    <StrictMode>
      <SignedOut language={chosen} />
    </StrictMode>,
  );
}

if (returnedFromLogout(window.location.href)) {
  showSignedOut(returnedFromLogout(window.location.href));
} else if (new URL(window.location.href).searchParams.has('signed-out')) {
  showSignedOut(language());
} else if (needsLaunch(window.location.href, window.sessionStorage)) {
  // opened directly: the standalone launch (an EHR opens launch.html itself)
  window.location.replace(`launch.html${window.location.search}`);
} else {
  FHIR.oauth2
    .ready()
    .then((client) => {
      if (!signedIn(client)) {
        // a sign-in started but not finished: start again
        window.sessionStorage.clear();
        window.location.replace('launch.html');
        return;
      }
      // tokens revoked, then the server's own session ended (back here signed out)
      const leave = (chosen) =>
        signOut(client, { appUrl: new URL('./', window.location.href).toString(), language: chosen })
          .catch(() => ({ logout: null }))
          .then(({ logout }) => (logout ? window.location.assign(logout) : showSignedOut(chosen)));
      root.render(
        <StrictMode>
          <App client={client} initialLanguage={language()} onSignOut={leave} />
        </StrictMode>,
      );
    })
    .catch(() =>
      root.render(
        <main className="mx-auto max-w-md p-6">
          <h1 className="text-xl font-semibold">Mediwox</h1>
          <p className="mt-4 rounded-lg bg-red-50 p-3 text-red-800">
            The sign-in did not complete. / No se ha completado el inicio de sesión.
          </p>
          <a
            className="mt-4 inline-flex min-h-11 items-center rounded-lg bg-blue-800 px-4 font-semibold text-white"
            href="launch.html"
          >
            Sign in / Iniciar sesión
          </a>
        </main>,
      ),
    );
}
