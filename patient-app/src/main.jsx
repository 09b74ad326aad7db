import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import FHIR from 'fhirclient';
import './index.css';
import App from './App.jsx';
import { needsLaunch, signedIn } from './smart.js';

const root = createRoot(document.getElementById('root'));
if (needsLaunch(window.location.href, window.sessionStorage)) {
  // opened directly: sign in first (the SMART standalone launch), then back here
  window.location.replace(`launch.html${window.location.search}`);
} else {
  FHIR.oauth2
    .ready()
    .then((client) => {
      if (!signedIn(client)) {
        // a sign-in started but not finished (the patient left the login page): start again
        window.sessionStorage.clear();
        window.location.replace('launch.html');
        return;
      }
      root.render(
        <StrictMode>
          <App client={client} />
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
