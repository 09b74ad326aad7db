// English and Spanish texts of the workspace, the language choice, and dates in the clinic's time zone.

export const LANGUAGES = ['en', 'es'];
const LOCALES = { en: 'en-US', es: 'es-ES' };

const messages = {
  en: {
    'app.title': 'Mediwox clinician workspace',
    'app.loading': 'Loading…',
    'app.language': 'Language',
    'app.signOut': 'Sign out',
    'app.signIn': 'Sign in',
    'app.signedOut': 'You are signed out.',
    'app.signedInAs': 'Signed in as {name}',
    'app.failed': 'The sign-in did not complete.',
    'nav.day': 'My day',
    'nav.patient': 'Patient',
    'banner.label': 'Patient',
    'banner.born': 'Born {date}',
    'banner.gender': 'Gender: {gender}',
    'banner.identifier': 'ID {value}',
    'gender.female': 'female',
    'gender.male': 'male',
    'gender.other': 'other',
    'gender.unknown': 'unknown',
    'day.title': 'My day',
    'day.today': 'Today',
    'day.week': 'This week',
    'day.zone': 'Times in {zone}',
    'day.none': 'No appointments today.',
    'day.noneWeek': 'Nothing else this week.',
    'day.noRole': 'You have no active practitioner role at this clinic.',
    'day.reason': 'Reason: {reason}',
    'day.noReason': 'No reason given',
    'day.urgent': 'Urgent',
    'day.changed': 'Someone else changed this appointment meanwhile. It is shown again as it is now: decide again.',
    'day.marked': '{patient} is now: {status}.',
    'action.arrived': 'Arrived',
    'action.fulfilled': 'Seen (fulfilled)',
    'action.noshow': 'No-show',
    'action.arrivedFor': 'Mark {patient} arrived',
    'action.fulfilledFor': 'Mark {patient} seen',
    'action.noshowFor': 'Mark {patient} as no-show',
    'status.booked': 'Booked',
    'status.arrived': 'Arrived',
    'status.checked-in': 'Checked in',
    'status.fulfilled': 'Seen',
    'status.noshow': 'No-show',
    'status.cancelled': 'Cancelled',
    'status.pending': 'Held',
    'status.proposed': 'Proposed',
    'status.waitlist': 'Waiting list',
    'status.entered-in-error': 'Entered in error',
    'patient.none': 'No patient is open. Open a chart from the EHR to book for a patient.',
    'book.title': 'Book for {patient}',
    'book.specialty': 'Kind of visit',
    'book.urgent': 'It is urgent',
    'book.pool': 'Book the next provider in turn',
    'book.provider': 'Provider',
    'book.anyProvider': 'Any provider',
    'book.find': 'Find times',
    'book.times': 'Free times',
    'book.noTimes': 'No free times in the next 14 days.',
    'book.bookTime': 'Book {time} with {provider}',
    'book.booked': 'Booked: {provider}, {when}.',
    'book.moved': 'Moved to {provider}, {when}.',
    'book.why': 'Why this provider',
    'why.rotation': '{provider} was next in turn among the {count} providers of this pool.',
    'why.rotationLater':
      '{provider} was next in turn among the {count} providers of this pool who had a free time (the providers before had none).',
    'why.urgent': 'Urgent: the earliest free time among the pool’s providers, ahead of the rotation.',
    'why.chosen': 'Chosen by you: {provider}.',
    'appointments.title': 'Appointments of {patient}',
    'appointments.none': 'No upcoming appointments.',
    'appointments.reschedule': 'Reschedule',
    'appointments.rescheduleFor': 'Reschedule the appointment of {when}',
    'appointments.cancel': 'Cancel',
    'appointments.cancelFor': 'Cancel the appointment of {when}',
    'appointments.cancelled': 'The appointment of {when} is cancelled.',
    'appointments.moving': 'New time for the appointment of {when}',
    'appointments.stopMoving': 'Keep the old time',
    'refusal.slot-taken': 'That time has just been taken. Choose another one.',
    'refusal.patient-busy': 'The patient already has an appointment then.',
    'refusal.provider-busy': 'The provider is no longer free then.',
    'refusal.no-capacity': 'No provider of this pool has a free time in the window.',
    'refusal.window-in-past': 'That time is in the past.',
    'refusal.hold-expired': 'The time was held too long and has been released.',
    'state.offline': 'The server cannot be reached. Try again.',
    'state.serverTrouble': 'The clinic’s server had a problem. Try again.',
    'state.notAllowed': 'This is not available to your account.',
    'state.taken': 'Someone else has just taken it.',
  },
  es: {
    'app.title': 'Mediwox: espacio clínico',
    'app.loading': 'Cargando…',
    'app.language': 'Idioma',
    'app.signOut': 'Cerrar sesión',
    'app.signIn': 'Iniciar sesión',
    'app.signedOut': 'Ha cerrado la sesión.',
    'app.signedInAs': 'Sesión de {name}',
    'app.failed': 'No se ha completado el inicio de sesión.',
    'nav.day': 'Mi día',
    'nav.patient': 'Paciente',
    'banner.label': 'Paciente',
    'banner.born': 'Nacimiento: {date}',
    'banner.gender': 'Sexo: {gender}',
    'banner.identifier': 'ID {value}',
    'gender.female': 'mujer',
    'gender.male': 'hombre',
    'gender.other': 'otro',
    'gender.unknown': 'desconocido',
    'day.title': 'Mi día',
    'day.today': 'Hoy',
    'day.week': 'Esta semana',
    'day.zone': 'Horas en {zone}',
    'day.none': 'No hay citas hoy.',
    'day.noneWeek': 'Nada más esta semana.',
    'day.noRole': 'No tiene ningún puesto activo en esta clínica.',
    'day.reason': 'Motivo: {reason}',
    'day.noReason': 'Sin motivo indicado',
    'day.urgent': 'Urgente',
    'day.changed':
      'Otra persona ha cambiado esta cita mientras tanto. Se muestra de nuevo tal como está: decida otra vez.',
    'day.marked': '{patient} ahora: {status}.',
    'action.arrived': 'Ha llegado',
    'action.fulfilled': 'Atendido',
    'action.noshow': 'No se presentó',
    'action.arrivedFor': 'Marcar que {patient} ha llegado',
    'action.fulfilledFor': 'Marcar a {patient} como atendido',
    'action.noshowFor': 'Marcar que {patient} no se presentó',
    'status.booked': 'Reservada',
    'status.arrived': 'Ha llegado',
    'status.checked-in': 'Registrado',
    'status.fulfilled': 'Atendido',
    'status.noshow': 'No se presentó',
    'status.cancelled': 'Cancelada',
    'status.pending': 'Retenida',
    'status.proposed': 'Propuesta',
    'status.waitlist': 'Lista de espera',
    'status.entered-in-error': 'Introducida por error',
    'patient.none': 'No hay ningún paciente abierto. Abra una historia desde la HCE para reservar para un paciente.',
    'book.title': 'Reservar para {patient}',
    'book.specialty': 'Tipo de consulta',
    'book.urgent': 'Es urgente',
    'book.pool': 'Reservar con el siguiente profesional en turno',
    'book.provider': 'Profesional',
    'book.anyProvider': 'Cualquier profesional',
    'book.find': 'Buscar horas',
    'book.times': 'Horas libres',
    'book.noTimes': 'No hay horas libres en los próximos 14 días.',
    'book.bookTime': 'Reservar {time} con {provider}',
    'book.booked': 'Reservada: {provider}, {when}.',
    'book.moved': 'Cambiada a {provider}, {when}.',
    'book.why': 'Por qué este profesional',
    'why.rotation': 'Era el turno de {provider} entre los {count} profesionales de este grupo.',
    'why.rotationLater':
      'Era el turno de {provider} entre los {count} profesionales de este grupo con hora libre (los anteriores no tenían).',
    'why.urgent': 'Urgente: la primera hora libre entre los profesionales del grupo, antes que el turno.',
    'why.chosen': 'Elegido por usted: {provider}.',
    'appointments.title': 'Citas de {patient}',
    'appointments.none': 'No hay citas próximas.',
    'appointments.reschedule': 'Cambiar hora',
    'appointments.rescheduleFor': 'Cambiar la hora de la cita del {when}',
    'appointments.cancel': 'Cancelar',
    'appointments.cancelFor': 'Cancelar la cita del {when}',
    'appointments.cancelled': 'La cita del {when} está cancelada.',
    'appointments.moving': 'Nueva hora para la cita del {when}',
    'appointments.stopMoving': 'Mantener la hora anterior',
    'refusal.slot-taken': 'Esa hora se acaba de ocupar. Elija otra.',
    'refusal.patient-busy': 'El paciente ya tiene una cita a esa hora.',
    'refusal.provider-busy': 'El profesional ya no está libre a esa hora.',
    'refusal.no-capacity': 'Ningún profesional de este grupo tiene hora libre en ese plazo.',
    'refusal.window-in-past': 'Esa hora ya ha pasado.',
    'refusal.hold-expired': 'La hora estuvo retenida demasiado tiempo y se ha liberado.',
    'state.offline': 'No se puede conectar con el servidor. Inténtelo de nuevo.',
    'state.serverTrouble': 'El servidor de la clínica ha tenido un problema. Inténtelo de nuevo.',
    'state.notAllowed': 'Esto no está disponible para su cuenta.',
    'state.taken': 'Otra persona acaba de ocuparla.',
  },
};

/** A text in a language (English when the language lacks it), with {name} placeholders filled in. */
export function t(language, key, values = {}) {
  const text = messages[language]?.[key] ?? messages.en[key];
  if (text === undefined) throw new Error(`no text for ${key}`);
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in values ? String(values[name]) : `{${name}}`));
}

/** The keys of a language's texts (a test checks both languages have the same). */
export function keys(language) {
  return Object.keys(messages[language] ?? {});
}

/** The language to show: the one chosen here before, else the browser's first we have, else English. */
export function pickLanguage({ chosen, browserLanguages = [] } = {}) {
  if (LANGUAGES.includes(chosen)) return chosen;
  const browser = browserLanguages.map((l) => l.toLowerCase().split('-')[0]).find((l) => LANGUAGES.includes(l));
  return browser ?? 'en';
}

/** A time of day in the clinic's zone ("9:30 AM", "9:30"). */
export function formatTime(iso, language, timeZone) {
  return new Intl.DateTimeFormat(LOCALES[language] ?? 'en-US', { hour: 'numeric', minute: '2-digit', timeZone }).format(
    new Date(iso),
  );
}

/** A day and time in the clinic's zone ("Mon, Dec 7, 9:30 AM"). */
export function formatDateTime(iso, language, timeZone) {
  return new Intl.DateTimeFormat(LOCALES[language] ?? 'en-US', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  }).format(new Date(iso));
}

/** A calendar day ({@code YYYY-MM-DD}) as a heading ("Monday, December 7"). */
export function formatDay(day, language) {
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(LOCALES[language] ?? 'en-US', {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A birth date ({@code YYYY-MM-DD}) in the language's order. */
export function formatBirthDate(date, language) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date ?? '')) return date ?? '';
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(LOCALES[language] ?? 'en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** The zone's long name at an instant ("Eastern Standard Time", "hora estándar oriental"). */
export function zoneName(iso, language, timeZone) {
  const part = new Intl.DateTimeFormat(LOCALES[language] ?? 'en-US', { timeZoneName: 'long', timeZone })
    .formatToParts(new Date(iso))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? '';
}
