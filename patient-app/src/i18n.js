// Texts and formats of the patient app in English and Spanish. The language is the one the patient chose in the app,
// else their preferred Patient.communication language, else the browser's, else English.

export const LANGUAGES = ['en', 'es'];

const messages = {
  en: {
    'app.title': 'Mediwox',
    'nav.book': 'Book',
    'nav.appointments': 'My appointments',
    'nav.documents': 'Documents',
    'book.kind': 'Kind of visit',
    'book.location': 'Where',
    'book.anyLocation': 'Any location',
    'book.urgent': 'It is urgent',
    'book.next': 'Next available times',
    'book.cta': 'Book the next available',
    'book.booked': 'Booked: {when} with {provider}',
    'book.why': 'Why this provider',
    'appointments.upcoming': 'Upcoming',
    'appointments.past': 'Past',
    'appointments.none': 'No appointments',
    'appointments.cancel': 'Cancel',
    'appointments.reschedule': 'Change time',
    'appointments.keptOld': 'Your appointment was not changed: {reason}',
    'documents.upload': 'Upload a document',
    'documents.tooLarge': 'The file is larger than {max} MB.',
    'documents.badType': 'Files of type {type} cannot be uploaded: use PDF, an image or plain text.',
    'documents.download': 'Download',
    'state.loading': 'Loading…',
    'state.error': 'Something went wrong: {message}',
    'state.retry': 'Try again',
  },
  es: {
    'app.title': 'Mediwox',
    'nav.book': 'Pedir cita',
    'nav.appointments': 'Mis citas',
    'nav.documents': 'Documentos',
    'book.kind': 'Tipo de consulta',
    'book.location': 'Dónde',
    'book.anyLocation': 'Cualquier centro',
    'book.urgent': 'Es urgente',
    'book.next': 'Próximas horas libres',
    'book.cta': 'Reservar la primera hora libre',
    'book.booked': 'Reservada: {when} con {provider}',
    'book.why': 'Por qué este profesional',
    'appointments.upcoming': 'Próximas',
    'appointments.past': 'Anteriores',
    'appointments.none': 'No hay citas',
    'appointments.cancel': 'Cancelar',
    'appointments.reschedule': 'Cambiar hora',
    'appointments.keptOld': 'Su cita no ha cambiado: {reason}',
    'documents.upload': 'Subir un documento',
    'documents.tooLarge': 'El archivo ocupa más de {max} MB.',
    'documents.badType': 'No se pueden subir archivos de tipo {type}: use PDF, una imagen o texto.',
    'documents.download': 'Descargar',
    'state.loading': 'Cargando…',
    'state.error': 'Algo ha fallado: {message}',
    'state.retry': 'Reintentar',
  },
};

/** The text of {@code key} in {@code language}, with {name} placeholders filled from {@code values}. */
export function t(language, key, values = {}) {
  const text = messages[language]?.[key] ?? messages.en[key];
  if (text === undefined) throw new Error(`no text for ${key}`);
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in values ? String(values[name]) : `{${name}}`));
}

/** Every key has a text in every language (checked by the tests). */
export function keys(language) {
  return Object.keys(messages[language]);
}

/** 'es-MX' -> 'es'; unknown languages -> null. */
function supported(tag) {
  if (!tag) return null;
  const base = String(tag).toLowerCase().split(/[-_]/)[0];
  return LANGUAGES.includes(base) ? base : null;
}

/** The languages of a Patient's communication, preferred first. */
export function patientLanguages(patient) {
  const communication = [...(patient?.communication ?? [])];
  communication.sort((a, b) => Number(Boolean(b.preferred)) - Number(Boolean(a.preferred)));
  return communication.flatMap((c) => (c.language?.coding ?? []).map((coding) => coding.code)).filter(Boolean);
}

/** The app's language: chosen > the patient's preferred > the browser's > English. */
export function pickLanguage({ chosen, patient, browserLanguages = [] } = {}) {
  for (const tag of [chosen, ...patientLanguages(patient), ...browserLanguages]) {
    const language = supported(tag);
    if (language) return language;
  }
  return 'en';
}

const LOCALES = { en: 'en-US', es: 'es-ES' };

/** A date and time in the patient's language and time zone, e.g. "Tuesday, December 1, 2026 at 9:00 AM". */
export function formatDateTime(iso, language, timeZone) {
  return new Intl.DateTimeFormat(LOCALES[language] ?? 'en-US', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(iso));
}
