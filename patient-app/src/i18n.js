// Texts and formats of the patient app in English and Spanish. The language is the one the patient chose in the app,
// else their preferred Patient.communication language, else the browser's, else English.

export const LANGUAGES = ['en', 'es'];

const messages = {
  en: {
    'app.title': 'Mediwox',
    'app.hello': 'Hello, {name}',
    'app.language': 'Language',
    'nav.book': 'Book',
    'nav.appointments': 'My appointments',
    'nav.documents': 'Documents',
    'book.kind': 'Kind of visit',
    'book.location': 'Where',
    'book.anyLocation': 'Any location',
    'book.urgent': 'It is urgent',
    'book.urgentHint': 'Urgent requests may take times kept free for urgent care.',
    'book.next': 'Next available times',
    'book.noTimes': 'No free times in the next two weeks. Try another place or kind of visit.',
    'book.at': 'Book',
    'book.free': '{count} free',
    'book.cta': 'Book with the next provider in turn',
    'book.ctaHint': 'At their earliest free time, or tap one of the times below.',
    'book.booking': 'Booking…',
    'book.booked': 'Booked: {when} with {provider}',
    'book.where': 'Where: {place}',
    'book.why': 'Why this provider',
    'book.whyRotation':
      '{provider} was next in turn among the {count} providers for this visit. Appointments are shared out fairly, so nobody is overbooked and you are seen sooner.',
    'book.whyRotationLater':
      '{provider} was next in turn among the {count} providers for this visit with a free time (those before had none). Appointments are shared out fairly, so nobody is overbooked and you are seen sooner.',
    'book.whyUrgent': 'Urgent: you have the earliest free time with any provider for this visit.',
    'book.details': 'Details',
    'book.taken': 'That time is no longer free: someone else has just taken it. Please choose another time.',
    'book.urgentBooked': 'Marked as urgent',
    'appointments.upcoming': 'Upcoming',
    'appointments.past': 'Past and cancelled',
    'appointments.none': 'No appointments',
    'appointments.cancel': 'Cancel',
    'appointments.confirmCancel': 'Cancel this appointment?',
    'appointments.yesCancel': 'Yes, cancel it',
    'appointments.keep': 'Keep it',
    'appointments.cancelled': 'The appointment is cancelled.',
    'appointments.reschedule': 'Change time',
    'appointments.chooseTime': 'Choose a new time',
    'appointments.rescheduled': 'Moved to {when}. The earlier time is free again.',
    'appointments.keptOld': 'Your appointment was not changed: {reason}',
    'appointments.unconfirmed': 'The change could not be confirmed ({reason}). Your appointments as they are now:',
    'appointments.close': 'Close',
    'status.booked': 'Confirmed',
    'status.pending': 'Pending',
    'status.proposed': 'Proposed',
    'status.cancelled': 'Cancelled',
    'status.fulfilled': 'Attended',
    'status.noshow': 'Missed',
    'status.arrived': 'Arrived',
    'status.checked-in': 'Checked in',
    'status.waitlist': 'On the waiting list',
    'status.entered-in-error': 'Entered in error',
    'documents.upload': 'Upload a document (PDF, image or text, up to 10 MB)',
    'documents.uploading': 'Uploading…',
    'documents.uploaded': '{title} was uploaded.',
    'documents.tooLarge': 'The file is larger than {max} MB.',
    'documents.badType': 'Files of type {type} cannot be uploaded: use PDF, an image or plain text.',
    'documents.download': 'Download',
    'documents.downloadNamed': 'Download {title}',
    'documents.none': 'No documents yet',
    'category.prescription': 'Prescription',
    'category.report': 'Report',
    'category.attachment': 'Attachment',
    'state.loading': 'Loading…',
    'state.error': 'Something went wrong: {message}',
    'state.retry': 'Try again',
    'state.offline': "The clinic's server cannot be reached. Check your connection and try again.",
  },
  es: {
    'app.title': 'Mediwox',
    'app.hello': 'Hola, {name}',
    'app.language': 'Idioma',
    'nav.book': 'Pedir cita',
    'nav.appointments': 'Mis citas',
    'nav.documents': 'Documentos',
    'book.kind': 'Tipo de consulta',
    'book.location': 'Dónde',
    'book.anyLocation': 'Cualquier centro',
    'book.urgent': 'Es urgente',
    'book.urgentHint': 'Las peticiones urgentes pueden usar horas reservadas para urgencias.',
    'book.next': 'Próximas horas libres',
    'book.noTimes': 'No hay horas libres en las próximas dos semanas. Pruebe otro centro u otro tipo de consulta.',
    'book.at': 'Reservar',
    'book.free': '{count} libres',
    'book.cta': 'Reservar con el siguiente profesional en turno',
    'book.ctaHint': 'En su primera hora libre, o elija una de las horas de abajo.',
    'book.booking': 'Reservando…',
    'book.booked': 'Reservada: {when} con {provider}',
    'book.where': 'Dónde: {place}',
    'book.why': 'Por qué este profesional',
    'book.whyRotation':
      'Era el turno de {provider} entre los {count} profesionales de esta consulta. Las citas se reparten de forma justa: nadie tiene exceso de citas y a usted le atienden antes.',
    'book.whyRotationLater':
      'Era el turno de {provider} entre los {count} profesionales de esta consulta con hora libre (los anteriores no tenían). Las citas se reparten de forma justa: nadie tiene exceso de citas y a usted le atienden antes.',
    'book.whyUrgent': 'Urgente: tiene la primera hora libre con cualquier profesional de esta consulta.',
    'book.details': 'Detalles',
    'book.taken': 'Esa hora ya no está libre: otra persona acaba de reservarla. Elija otra hora, por favor.',
    'book.urgentBooked': 'Marcada como urgente',
    'appointments.upcoming': 'Próximas',
    'appointments.past': 'Anteriores y canceladas',
    'appointments.none': 'No hay citas',
    'appointments.cancel': 'Cancelar',
    'appointments.confirmCancel': '¿Cancelar esta cita?',
    'appointments.yesCancel': 'Sí, cancelarla',
    'appointments.keep': 'Mantenerla',
    'appointments.cancelled': 'La cita está cancelada.',
    'appointments.reschedule': 'Cambiar hora',
    'appointments.chooseTime': 'Elija una nueva hora',
    'appointments.rescheduled': 'Cambiada a {when}. La hora anterior vuelve a estar libre.',
    'appointments.keptOld': 'Su cita no ha cambiado: {reason}',
    'appointments.unconfirmed': 'No se ha podido confirmar el cambio ({reason}). Sus citas tal como están ahora:',
    'appointments.close': 'Cerrar',
    'status.booked': 'Confirmada',
    'status.pending': 'Pendiente',
    'status.proposed': 'Propuesta',
    'status.cancelled': 'Cancelada',
    'status.fulfilled': 'Atendida',
    'status.noshow': 'No acudió',
    'status.arrived': 'Ha llegado',
    'status.checked-in': 'Registrada',
    'status.waitlist': 'En lista de espera',
    'status.entered-in-error': 'Anotada por error',
    'documents.upload': 'Subir un documento (PDF, imagen o texto, hasta 10 MB)',
    'documents.uploading': 'Subiendo…',
    'documents.uploaded': 'Se ha subido {title}.',
    'documents.tooLarge': 'El archivo ocupa más de {max} MB.',
    'documents.badType': 'No se pueden subir archivos de tipo {type}: use PDF, una imagen o texto.',
    'documents.download': 'Descargar',
    'documents.downloadNamed': 'Descargar {title}',
    'documents.none': 'Todavía no hay documentos',
    'category.prescription': 'Receta',
    'category.report': 'Informe',
    'category.attachment': 'Adjunto',
    'state.loading': 'Cargando…',
    'state.error': 'Algo ha fallado: {message}',
    'state.retry': 'Reintentar',
    'state.offline': 'No se puede conectar con el servidor de la clínica. Compruebe su conexión y vuelva a intentarlo.',
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

/**
 * A date and time in the patient's language and time zone (the browser's unless given), with the zone, e.g.
 * "Tuesday, December 1, 2026 at 9:00 AM EST".
 */
export function formatDateTime(iso, language, timeZone = undefined) {
  return new Intl.DateTimeFormat(LOCALES[language] ?? 'en-US', {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone,
  }).format(new Date(iso));
}

const SPECIALTY_NAMES = {
  'http://snomed.info/sct|394814009': { en: 'General practice', es: 'Medicina general' },
  'http://snomed.info/sct|394582007': { en: 'Dermatology', es: 'Dermatología' },
  'http://snomed.info/sct|394579002': { en: 'Cardiology', es: 'Cardiología' },
  'http://snomed.info/sct|394537008': { en: 'Pediatrics', es: 'Pediatría' },
  'http://snomed.info/sct|394585009': { en: 'Obstetrics and gynecology', es: 'Obstetricia y ginecología' },
};

/** The name of a specialty ({@code system|code}) in the patient's language, else the server's display, else the code. */
export function specialtyName(token, language, display) {
  return SPECIALTY_NAMES[token]?.[language] ?? display ?? token.split('|').pop();
}
