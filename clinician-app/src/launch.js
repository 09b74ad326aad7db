// The SMART launch: an EHR launch when the EHR opened this page with ?iss=…&launch=… (the token then carries the
// EHR's patient), else a standalone launch (the clinician signs in; no patient until one is opened). fhirclient
// discovers the server's SMART configuration and runs the authorization code flow with PKCE (S256).
import FHIR from 'fhirclient';
import { loopbackAddress } from '@mediwox/web-common/smart.js';
import { launchRequest } from './smart.js';

const moved = loopbackAddress(window.location.href);
if (moved) {
  // the authorization server only takes loopback redirects on an IP address (RFC 8252): continue there, before the
  // launch state is kept in this origin's session storage
  window.location.replace(moved);
} else {
  const { launch, ...request } = launchRequest(window.location.href);
  // a new launch replaces whatever session this tab had (another patient's chart)
  window.sessionStorage.clear();
  FHIR.oauth2.authorize(launch ? { ...request, launch } : request);
}
