// The SMART launch's checks both apps make the same way; what each app asks for (scopes, client id, which launch) stays
// in the app's own smart.js.

/**
 * The same page on 127.0.0.1 when it was opened on localhost (Spring Authorization Server accepts loopback redirect
 * URIs on IP addresses only, as RFC 8252 recommends), else null.
 */
export function loopbackAddress(href) {
  const url = new URL(href);
  if (url.hostname !== 'localhost') return null;
  url.hostname = '127.0.0.1';
  return url.toString();
}

/** Whether the page was opened without a sign-in under way or done (then the app starts the launch itself). */
export function needsLaunch(href, sessionStorage) {
  const params = new URL(href).searchParams;
  return !params.has('code') && !params.has('error') && !sessionStorage.getItem('SMART_KEY');
}
