// The end of a session: signing out (the refresh token, then the access token, revoked at the revocation endpoint the
// server's SMART configuration names; fhirclient's session cleared; then the authorization server's own session ended
// through OpenID Connect RP-Initiated Logout, so that the next sign-in asks for the password) and a session the server
// no longer accepts. Shared by both apps, which pass their own client id and address.

/** The server's SMART configuration (its revocation endpoint, its issuer), or null when it answers with an error. */
async function smartConfiguration(serverUrl, fetchImpl) {
  const response = await fetchImpl(`${serverUrl.replace(/\/$/, '')}/.well-known/smart-configuration`, {
    headers: { Accept: 'application/json' },
  });
  return response.ok ? response.json() : null;
}

/**
 * The authorization server's end_session_endpoint (OpenID Connect RP-Initiated Logout): from the SMART configuration
 * when it names one, else from the issuer's OpenID discovery document; null when neither does or it cannot be read.
 */
export async function endSessionEndpoint(configuration, fetchImpl = fetch) {
  if (configuration?.end_session_endpoint) return configuration.end_session_endpoint;
  if (!configuration?.issuer) return null;
  try {
    const response = await fetchImpl(`${configuration.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {
      headers: { Accept: 'application/json' },
    });
    return response.ok ? ((await response.json()).end_session_endpoint ?? null) : null;
  } catch {
    return null;
  }
}

/** The state the app sends to the logout and gets back on its return: the user's language, to say goodbye in. */
const SIGNED_OUT_STATE = /^signed-out\.([a-z]{2})$/;

/**
 * Where the browser goes to end the authorization server's session too, so that the next sign-in asks for the
 * password again: the end_session_endpoint with the ID token of the sign-in, the app's client id and its own address
 * to come back to (registered for the app). Null without an endpoint or an ID token.
 */
export function logoutUrl(endpoint, { idToken, clientId, appUrl, language }) {
  if (!endpoint || !idToken) return null;
  const url = new URL(endpoint);
  url.searchParams.set('id_token_hint', idToken);
  if (clientId) url.searchParams.set('client_id', clientId);
  url.searchParams.set('post_logout_redirect_uri', appUrl);
  url.searchParams.set('state', `signed-out.${language}`);
  return url.toString();
}

/** The language of a return from the logout ({@code ?state=signed-out.es}), or null when this is not one. */
export function returnedFromLogout(href) {
  return new URL(href).searchParams.get('state')?.match(SIGNED_OUT_STATE)?.[1] ?? null;
}

/** The form bodies that revoke a session's tokens (RFC 7009), refresh token first: it is what outlives the page. */
export function revocationRequests(tokenResponse, clientId) {
  const requests = [];
  if (tokenResponse?.refresh_token)
    requests.push({ token: tokenResponse.refresh_token, token_type_hint: 'refresh_token', client_id: clientId });
  if (tokenResponse?.access_token)
    requests.push({ token: tokenResponse.access_token, token_type_hint: 'access_token', client_id: clientId });
  return requests.map((r) => new URLSearchParams(r).toString());
}

/**
 * Signs out: revokes the tokens (a failure to reach the server does not keep the user signed in on this device)
 * and clears fhirclient's session. Answers whether the server confirmed the refresh token's revocation, and where to
 * send the browser to end the authorization server's session too ({@link logoutUrl}; null when it cannot be).
 */
export async function signOut(client, { fetchImpl = fetch, storage = window.sessionStorage, appUrl, language } = {}) {
  let revoked = false;
  let logout = null;
  try {
    const configuration = await smartConfiguration(client.state.serverUrl, fetchImpl);
    const endpoint = configuration?.revocation_endpoint;
    if (endpoint) {
      for (const [i, body] of revocationRequests(client.state.tokenResponse, client.state.clientId).entries()) {
        const response = await fetchImpl(endpoint, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body,
        });
        if (i === 0) revoked = response.ok;
      }
    }
    if (appUrl) {
      logout = logoutUrl(await endSessionEndpoint(configuration, fetchImpl), {
        idToken: client.state.tokenResponse?.id_token,
        clientId: client.state.clientId,
        appUrl,
        language,
      });
    }
  } finally {
    storage.clear();
  }
  return { revoked, logout };
}

/** fhirclient's session in the browser's storage (its SMART_KEY and the state it names), to put back later. */
function snapshot(storage) {
  const pointer = storage.getItem('SMART_KEY');
  let key = null;
  try {
    key = pointer ? JSON.parse(pointer) : null;
  } catch {
    key = null;
  }
  return { pointer, key, state: key ? storage.getItem(key) : null };
}

function restore(storage, saved) {
  if (saved.pointer) storage.setItem('SMART_KEY', saved.pointer);
  if (saved.key && saved.state) storage.setItem(saved.key, saved.state);
}

/**
 * Watches a fhirclient Client. A 401 (fhirclient then drops the session) gets one refresh attempt: the session is put
 * back, the refresh token exchanged and the request repeated. A 401 after that, or a refused refresh, means the
 * session ended: {@code onEnded} runs once and the error still goes to the caller. {@code client.endSession()} is the
 * same for calls made outside fhirclient (downloads, uploads).
 */
export function watchSession(client, onEnded, storage = window.sessionStorage) {
  const request = client.request.bind(client);
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    onEnded();
  };
  client.endSession = end;
  client.request = async (...args) => {
    const tokens = { ...(client.state.tokenResponse ?? {}) };
    const saved = snapshot(storage);
    try {
      return await request(...args);
    } catch (error) {
      if (error?.status !== 401) throw error;
      if (tokens.refresh_token && !ended) {
        try {
          restore(storage, saved);
          client.state.tokenResponse = tokens;
          await client.refresh();
          return await request(...args);
        } catch (again) {
          // another failure than a refused session is the request's own
          if (again?.status && again.status !== 401 && again.status !== 400) throw again;
        }
      }
      end();
      throw error;
    }
  };
  return client;
}
