import { describe, expect, it, vi } from 'vitest';
import {
  endSessionEndpoint,
  logoutUrl,
  returnedFromLogout,
  revocationRequests,
  signOut,
  watchSession,
} from './session.js';

function memoryStorage(items = {}) {
  const map = new Map(Object.entries(items));
  return {
    getItem: (k) => (map.has(k) ? map.get(k) : null),
    setItem: (k, v) => map.set(k, String(v)),
    removeItem: (k) => map.delete(k),
    clear: () => map.clear(),
    size: () => map.size,
  };
}

describe('sign out', () => {
  it('revokes the refresh token first, then the access token, as the public client', () => {
    const bodies = revocationRequests({ refresh_token: 'r', access_token: 'a' }, 'mediwox-some-app');
    expect(bodies).toEqual([
      'token=r&token_type_hint=refresh_token&client_id=mediwox-some-app',
      'token=a&token_type_hint=access_token&client_id=mediwox-some-app',
    ]);
  });

  it("posts to the revocation endpoint of the server's SMART configuration and clears the session", async () => {
    const calls = [];
    const fetchImpl = async (url, init) => {
      calls.push([url, init?.method ?? 'GET', init?.body]);
      if (url.endsWith('/.well-known/smart-configuration'))
        return { ok: true, json: async () => ({ revocation_endpoint: 'https://c.example/oauth2/revoke' }) };
      return { ok: true };
    };
    const storage = memoryStorage({ SMART_KEY: '"k"', k: '{}' });
    const client = {
      state: {
        serverUrl: 'https://c.example/fhir',
        clientId: 'mediwox-some-app',
        tokenResponse: { refresh_token: 'r', access_token: 'a' },
      },
    };
    expect(await signOut(client, { fetchImpl, storage })).toEqual({ revoked: true, logout: null });
    expect(calls.map(([url, method]) => `${method} ${url}`)).toEqual([
      'GET https://c.example/fhir/.well-known/smart-configuration',
      'POST https://c.example/oauth2/revoke',
      'POST https://c.example/oauth2/revoke',
    ]);
    expect(calls[1][2]).toContain('token_type_hint=refresh_token');
    expect(storage.size()).toBe(0);
  });

  it("then ends the server's session: the end_session_endpoint from OpenID discovery, with the ID token", async () => {
    const calls = [];
    const fetchImpl = async (url, init) => {
      calls.push(`${init?.method ?? 'GET'} ${url}`);
      if (url.endsWith('/.well-known/smart-configuration'))
        return {
          ok: true,
          json: async () => ({ issuer: 'https://c.example', revocation_endpoint: 'https://c.example/oauth2/revoke' }),
        };
      if (url.endsWith('/.well-known/openid-configuration'))
        return { ok: true, json: async () => ({ end_session_endpoint: 'https://c.example/connect/logout' }) };
      return { ok: true };
    };
    const client = {
      state: {
        serverUrl: 'https://c.example/fhir',
        clientId: 'mediwox-some-app',
        tokenResponse: { refresh_token: 'r', access_token: 'a', id_token: 'h.p.s' },
      },
    };
    const done = await signOut(client, {
      fetchImpl,
      storage: memoryStorage(),
      appUrl: 'https://c.example/app/',
      language: 'es',
    });
    expect(calls).toEqual([
      'GET https://c.example/fhir/.well-known/smart-configuration',
      'POST https://c.example/oauth2/revoke',
      'POST https://c.example/oauth2/revoke',
      'GET https://c.example/.well-known/openid-configuration',
    ]);
    expect(done.revoked).toBe(true);
    const logout = new URL(done.logout);
    expect(`${logout.origin}${logout.pathname}`).toBe('https://c.example/connect/logout');
    expect(Object.fromEntries(logout.searchParams)).toEqual({
      id_token_hint: 'h.p.s',
      client_id: 'mediwox-some-app',
      post_logout_redirect_uri: 'https://c.example/app/',
      state: 'signed-out.es',
    });
    expect(returnedFromLogout('https://c.example/app/?state=signed-out.es')).toBe('es');
  });

  it('builds no logout without an ID token or an endpoint, and recognises only its own return', async () => {
    const options = { idToken: 'h.p.s', clientId: 'c', appUrl: 'https://c.example/app/', language: 'en' };
    expect(logoutUrl(null, options)).toBeNull();
    expect(logoutUrl('https://c.example/connect/logout', { ...options, idToken: undefined })).toBeNull();
    expect(await endSessionEndpoint({ end_session_endpoint: 'https://i.example/logout' })).toBe(
      'https://i.example/logout',
    );
    const unreachable = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await endSessionEndpoint({ issuer: 'https://i.example' }, unreachable)).toBeNull();
    expect(await endSessionEndpoint(null, unreachable)).toBeNull();
    expect(returnedFromLogout('https://c.example/app/?state=abc')).toBeNull();
  });

  it('clears the session on this device even when the server cannot be reached', async () => {
    const storage = memoryStorage({ SMART_KEY: '"k"' });
    const client = { state: { serverUrl: 'https://c.example/fhir', tokenResponse: { refresh_token: 'r' } } };
    const fetchImpl = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(signOut(client, { fetchImpl, storage })).rejects.toThrow('Failed to fetch');
    expect(storage.size()).toBe(0);
  });
});

describe('a session the server no longer accepts', () => {
  const unauthorized = () => Object.assign(new Error('401 Unauthorized'), { status: 401 });

  it('gets one refresh attempt, then the request again', async () => {
    const request = vi.fn().mockRejectedValueOnce(unauthorized()).mockResolvedValueOnce('answer');
    const client = { state: { tokenResponse: { refresh_token: 'r' } }, request, refresh: vi.fn(async () => {}) };
    const ended = vi.fn();
    watchSession(client, ended, memoryStorage());
    expect(await client.request('Patient/1')).toBe('answer');
    expect(client.refresh).toHaveBeenCalledOnce();
    expect(ended).not.toHaveBeenCalled();
  });

  it('ends after a 401 that a refresh does not cure, once', async () => {
    const request = vi.fn().mockRejectedValue(unauthorized());
    const client = { state: { tokenResponse: { refresh_token: 'r' } }, request, refresh: vi.fn(async () => {}) };
    const ended = vi.fn();
    watchSession(client, ended, memoryStorage());
    await expect(client.request('Patient/1')).rejects.toThrow('401');
    await expect(client.request('Patient/1')).rejects.toThrow('401');
    expect(ended).toHaveBeenCalledOnce();
  });

  it('ends when the refresh itself is refused, and leaves other errors alone', async () => {
    const refused = Object.assign(new Error('400 Bad Request (invalid_grant)'), { status: 400 });
    const request = vi
      .fn()
      .mockRejectedValueOnce(Object.assign(new Error('404 Not Found'), { status: 404 }))
      .mockRejectedValue(unauthorized());
    const client = {
      state: { tokenResponse: { refresh_token: 'r' } },
      request,
      refresh: vi.fn().mockRejectedValue(refused),
    };
    const ended = vi.fn();
    watchSession(client, ended, memoryStorage());
    await expect(client.request('Patient/1')).rejects.toThrow('404');
    expect(ended).not.toHaveBeenCalled();
    await expect(client.request('Patient/1')).rejects.toThrow('401');
    expect(ended).toHaveBeenCalledOnce();
  });
});
