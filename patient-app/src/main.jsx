import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import FHIR from 'fhirclient';
import './index.css';
import App from './App.jsx';

const root = createRoot(document.getElementById('root'));
FHIR.oauth2
  .ready()
  .then((client) => root.render(<StrictMode><App client={client} /></StrictMode>))
  .catch((error) => root.render(
    <main className="mx-auto max-w-md p-6">
      <h1 className="text-xl font-semibold">Mediwox</h1>
      <p role="alert" className="mt-4 rounded bg-red-50 p-3 text-red-800">
        {String(error.message ?? error)}
      </p>
      <a className="mt-4 inline-block rounded bg-teal-700 px-4 py-2 text-white" href="launch.html">Sign in</a>
    </main>,
  ));
