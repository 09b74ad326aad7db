// The end of a session: signing out (the refresh token, then the access token, revoked at the revocation endpoint the
// server's SMART configuration names; fhirclient's session cleared) and a session the server no longer accepts.

/** The server's revocation endpoint from its SMART configuration, or null when it names none. */
export async function revocationEndpoint(serverUrl, fetchImpl = fetch) {
  const response = await fetchImpl(`${serverUrl.replace(/\/$/, '')}/.well-known/smart-configuration`, {
    headers: { Accept: 'application/json' },
  });
  if (!response.ok) return null;
  return (await response.json()).revocation_endpoint ?? null;
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
 * Signs out: revokes the tokens (a failure to reach the server does not keep the patient signed in on this device)
 * and clears fhirclient's session. Answers whether the server confirmed the refresh token's revocation.
 */
export async function signOut(client, { fetchImpl = fetch, storage = window.sessionStorage } = {}) {
  let revoked = false;
  try {
    const endpoint = await revocationEndpoint(client.state.serverUrl, fetchImpl);
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
  } finally {
    storage.clear();
  }
  return revoked;
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
