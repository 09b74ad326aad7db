import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from './routes.js';

describe('routes in the URL', () => {
  it('reads the screen, an id and an action from the hash', () => {
    expect(parseRoute('#/appointments')).toEqual({ screen: 'appointments', id: null, action: null });
    expect(parseRoute('#/appointments/42/change')).toEqual({ screen: 'appointments', id: '42', action: 'change' });
    expect(parseRoute('#/documents/7/preview')).toEqual({ screen: 'documents', id: '7', action: 'preview' });
  });

  it('opens Book for an empty or unknown hash', () => {
    expect(parseRoute('')).toEqual({ screen: 'book', id: null, action: null });
    expect(parseRoute('#/admin/1')).toEqual({ screen: 'book', id: null, action: null });
    expect(parseRoute(undefined).screen).toBe('book');
  });

  it('writes routes that read back the same', () => {
    for (const route of [
      { screen: 'book', id: null, action: null },
      { screen: 'appointments', id: 'a b', action: 'change' },
      { screen: 'documents', id: '7', action: null },
    ])
      expect(parseRoute(formatRoute(route))).toEqual(route);
    expect(formatRoute({ screen: 'appointments', id: '42', action: 'change' })).toBe('#/appointments/42/change');
    expect(formatRoute({ screen: 'appointments', action: 'change' })).toBe('#/appointments');
  });
});
