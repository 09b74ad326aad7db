// SMART standalone launch: fhirclient discovers the server's SMART configuration, sends the patient to log in
// (authorization code with PKCE, S256) and comes back to the app with the patient's context.
import FHIR from 'fhirclient';
import { keepDeepLink } from './deeplink.js';
import { loopbackAddress } from '@mediwox/web-common/smart.js';
import { fhirBase, SCOPES, withPrompt } from './smart.js';

const moved = loopbackAddress(window.location.href);
if (moved) {
  // the authorization server only takes loopback redirects on an IP address (RFC 8252): continue there, before the
  // launch state is kept in this origin's session storage
  window.location.replace(moved);
} else {
  // "Switch person" (launch.html?switch=1): the same launch, asking the server to let the signed-in carer choose again
  // whom the app acts for (OpenID Connect's prompt=select_account)
  const switching = new URL(window.location.href).searchParams.has('switch');
  // a booking deep link (/app/?slot=…, sent here with its query): kept in this origin's session for after the sign-in,
  // which comes back to /app/ without it
  keepDeepLink(window.location.href, window.sessionStorage);
  FHIR.oauth2
    .authorize({
      // other SMART servers only when the build names them (VITE_FHIR_SERVERS, comma separated; VITE_CLIENT_ID there)
      iss: fhirBase(window.location.href, (import.meta.env.VITE_FHIR_SERVERS ?? '').split(',').filter(Boolean)),
      clientId: import.meta.env.VITE_CLIENT_ID || 'mediwox-patient-app',
      scope: SCOPES,
      redirectUri: new URL('./', window.location.href).toString(),
      pkceMode: 'required',
      noRedirect: switching,
    })
    .then((url) => switching && window.location.replace(withPrompt(url, 'select_account')));
}
