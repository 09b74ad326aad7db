// Where the patient is, in the URL's hash (#/appointments, #/appointments/42/change, #/documents/7): Back, Forward and
// a reload show the same screen. Hash routes need nothing from the server and survive the SMART redirect's query.

export const SCREENS = ['book', 'appointments', 'documents'];

/** '#/appointments/42/change' -> { screen: 'appointments', id: '42', action: 'change' }; unknown -> the Book screen. */
export function parseRoute(hash) {
  const parts = String(hash ?? '')
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((p) => decodeURIComponent(p));
  const screen = SCREENS.includes(parts[0]) ? parts[0] : 'book';
  if (screen !== parts[0]) return { screen, id: null, action: null };
  return { screen, id: parts[1] ?? null, action: parts[2] ?? null };
}

/** The hash of a route: { screen: 'appointments', id: '42', action: 'change' } -> '#/appointments/42/change'. */
export function formatRoute({ screen = 'book', id = null, action = null } = {}) {
  return '#/' + [screen, id, id ? action : null].filter(Boolean).map(encodeURIComponent).join('/');
}
