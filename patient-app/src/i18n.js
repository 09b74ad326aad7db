// Texts and formats of the patient app in English and Spanish. The language is the one the patient chose in the app,
// else their preferred Patient.communication language, else the browser's, else English.

export const LANGUAGES = ['en', 'es'];

const messages = {
  en: {
    'app.title': 'Mediwox',
    'app.hello': 'Hello, {name}',
    'app.language': 'Language',
    'app.signOut': 'Sign out',
    'app.actingFor': 'Appointments for {name}',
    'app.switchPerson': 'Switch person',
    'app.sessionEnded': 'Your session ended. Please sign in again.',
    'app.signIn': 'Sign in',
    'book.provider': 'Provider',
    'book.anyProvider': 'Any provider',
    'book.more': 'More times',
    'book.weekFrom': 'Show the week from',
    'book.previousWeek': 'Previous week',
    'book.nextWeek': 'Next week',
    'book.weekRange': '{from} to {to}',
    'book.noTimesWeek': 'No free times this week. Try the next week, another place or another kind of visit.',
    'book.showNextWeek': 'Show the next week',
    'book.noMoreWeek': 'No more free times this week.',
    'book.withProviders': 'Free: {names}',
    'book.choose': 'Choose',
    'book.chooseNamed': 'Choose {when}',
    'review.title': 'Review your appointment',
    'review.who': 'Who',
    'review.where': 'Where',
    'review.when': 'When',
    'review.kind': 'Kind of visit',
    'review.reason': 'Reason for the visit (optional)',
    'review.reasonHint': 'The clinic sees this with your appointment.',
    'review.poolChoice': 'One of: {names}. The exact provider is chosen fairly, in turn, when you confirm.',
    'review.next': 'The earliest free time of the provider whose turn it is',
    'review.holding': 'Finding the provider whose turn it is…',
    'review.heldUntil': 'Held for you until {time}. Confirm to book it.',
    'review.heldFor': 'Held for you: {provider}',
    'review.photo': 'Photo of {name}',
    'review.speaks': 'Speaks {languages}',
    'book.spoken': 'Language spoken',
    'book.anyLanguage': 'Any language',
    'book.lastTime': 'last time',
    'book.sameDoctor': 'Same doctor as last time: {name}',
    'book.byLanguageHint':
      'Times of the providers who speak this language: you choose the provider. Without a language, the clinic shares appointments out in turn.',
    'review.urgent': 'Urgent',
    'review.confirm': 'Confirm booking',
    'review.confirmMove': 'Confirm the move',
    'review.back': 'Back',
    'review.sameDay': 'You already have a {kind} visit on this day ({when}). Book a second one anyway?',
    'review.map': 'Map',
    'review.phone': 'Phone: {phone}',
    'review.providerChanges': 'Your provider changes: {from} → {to}.',
    'review.sameProvider': 'Same provider as before: {name}.',
    'review.movesFrom': 'Moves your appointment from {when}.',
    'deepLink.opening': 'Opening the time you chose…',
    'deepLink.taken':
      'The time you chose, {when}, is no longer free. Other free times for {kind} at {place} are below.',
    'deepLink.takenAnyPlace': 'The time you chose, {when}, is no longer free. Other free times for {kind} are below.',
    'deepLink.unknown': 'The time you chose could not be found: the clinic may have removed it. Free times are below.',
    'after.calendar': 'Add to calendar',
    'after.ics': 'Download (.ics)',
    'after.google': 'Google Calendar',
    'after.outlook': 'Outlook',
    'after.policy':
      'Cannot come? Please cancel or change the time in My appointments at least 24 hours before, so that someone else can have it.',
    'after.eventTitle': '{kind} — {provider}',
    'payer.title': 'What your insurer says',
    'payer.source': 'From your insurer: {source}',
    'payer.indicator.info': 'For your information',
    'payer.indicator.warning': 'Please note',
    'payer.indicator.critical': 'Important',
    'payer.pending': 'Your insurer has not answered yet; we will keep the answer with your appointment.',
    'payer.said': 'Your insurer has a message about this appointment: see below.',
    'payer.newWindow': '(opens a new window)',
    'reminders.title': 'Reminders and changes',
    'reminders.email': 'By email to {address}',
    'reminders.sms': 'By text message to {address}',
    'reminders.email.none': 'By email: we have no email address for you',
    'reminders.sms.none': 'By text message: we have no mobile number for you',
    'reminders.email.unusable': 'By email to {address} (this address cannot be used)',
    'reminders.sms.unusable':
      'By text message to {address} (not a full international number: please give the clinic your number with its country code)',
    'reminders.email.on': 'Email reminders are on.',
    'reminders.email.off': 'Email reminders are off.',
    'reminders.sms.on': 'Text message reminders are on.',
    'reminders.sms.off': 'Text message reminders are off.',
    'reminders.nothing': 'You will get no reminders: check the appointment times here.',
    'refusal.slot-taken': 'That time is no longer free: someone else has just taken it. Please choose another time.',
    'refusal.patient-busy': 'You already have an appointment then. Please choose another time.',
    'refusal.provider-busy': 'The provider is no longer free then. Please choose another time.',
    'refusal.no-capacity':
      'There are no free times left for this visit in that period. Try other days or another place.',
    'refusal.window-in-past': 'That time has already passed. Please choose a later time.',
    'refusal.hold-expired': 'The time kept for you has lapsed. Please choose the time again.',
    'refusal.reserved-for-urgent':
      'That time is kept for urgent visits. Please choose another time, or tick “It is urgent” if your visit is urgent.',
    'refusal.no-provider':
      'No provider offers this kind of visit at this place. Please choose another place or kind of visit.',
    'refusal.window-invalid': 'The dates asked for end before they start. Please choose the dates again.',
    'refusal.not-held': 'This time is no longer kept for you. Please choose the time again.',
    'refusal.held-for-another-patient': 'This time is kept for someone else. Please choose another time.',
    'refusal.confirm-with-book': 'This time could not be confirmed this way. Please choose it again and tap Confirm.',
    'refusal.already-cancelled':
      'This appointment is already cancelled, so it cannot be changed. Please book a new one if you need it.',
    'refusal.not-patients-appointment':
      'This appointment belongs to someone else, so it cannot be changed here. Please check My appointments.',
    'refusal.slot-in-use': 'That time is taken by an appointment. Please choose another time.',
    'refusal.group-slot': 'That time cannot be booked in the app. Please call the clinic to book it.',
    'refusal.unknown-patient':
      'The clinic cannot find your patient record. Please sign out and sign in again, or call the clinic.',
    'refusal.unknown-slot': 'That time no longer exists. Please choose another time.',
    'refusal.unknown-appointment':
      'That appointment or time no longer exists. Please reload the page and choose again.',
    'refusal.unknown-coverage': 'The clinic cannot find that insurance. Please check it, or book without it.',
    'refusal.not-patients-coverage':
      "That insurance is not registered for this patient. Please choose the patient's own insurance.",
    'refusal.ambiguous-patient':
      'The clinic has more than one record that matches you. Please call the clinic so that they can sort it out.',
    'refusal.idempotency-key-reused': 'This request was mixed up with an earlier one. Please choose the time again.',
    'refusal.overbooking-not-allowed': 'That time is already full. Please choose another time.',
    'refusal.changed-meanwhile':
      'This appointment was changed meanwhile. Please look at it again in My appointments and try again.',
    'refusal.not-permitted': 'Your account may not do this. Please sign out and sign in again, or call the clinic.',
    'refusal.invalid-input':
      "The clinic's server could not accept this request. Please try again, and call the clinic if it happens again.",
    'refusal.unknown': 'The clinic could not do this. Please try again, or call the clinic.',
    'state.serverTrouble': "The clinic's server had a problem. Please try again in a moment.",
    'state.notAllowed': 'This is not available to your account.',
    'appointments.reason': 'Why are you cancelling?',
    'appointments.sameProviderTimes': 'Times with {name}',
    'appointments.otherProviders': 'Times with other providers',
    'appointments.showOthers': 'Show times with other providers',
    'appointments.moveTo': 'Move here',
    'appointments.noSameProvider': '{name} has no free time in the next two weeks.',
    'appointments.providerWillChange': 'With another provider — your provider changes.',
    'cancelReason.pat-fb': 'I feel better',
    'cancelReason.pat-lt': 'I cannot get there',
    'cancelReason.pat-ucp': 'I want another provider',
    'cancelReason.pat': 'Another personal reason',
    'status.moved': 'Moved',
    'status.cancelledByYou': 'Cancelled by you',
    'status.cancelledByClinic': 'Cancelled by the clinic',
    'status.holdExpired': 'Not confirmed in time',
    'documents.preview': 'Preview',
    'documents.previewNamed': 'Preview {title}',
    'documents.delete': 'Delete',
    'documents.deleteNamed': 'Delete {title}',
    'documents.deleteTitle': 'Delete {title}?',
    'documents.deleteText':
      "It disappears from your documents and from the clinic's list. As with every change, the clinic's history keeps a copy.",
    'documents.keep': 'Keep it',
    'documents.deleted': '{title} was deleted.',
    'documents.deleteRefused': 'Only documents you uploaded can be deleted. Ask the clinic about this one.',
    'documents.close': 'Close',
    'documents.progress': 'Upload progress',
    'documents.noPreview': 'This kind of file cannot be shown here: download it instead.',
    'documents.preparingPhoto': 'Preparing the photo…',
    'documents.heicFailed': 'This photo could not be shown here: download it to see it.',
    'type.application/pdf': 'PDF document',
    'type.image/jpeg': 'Photo (JPEG)',
    'type.image/png': 'Image (PNG)',
    'type.image/gif': 'Image (GIF)',
    'type.image/webp': 'Image (WebP)',
    'type.image/tiff': 'Scan (TIFF)',
    'type.image/heic': 'Photo (HEIC)',
    'type.image/heif': 'Photo (HEIF)',
    'type.text/plain': 'Text',
    'type.other': 'File',
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
    'book.whyGeneral': 'The clinic chose the provider for you.',
    'why.pool': '{count} providers see patients for {kind} at {place}, and new appointments go to them in turn.',
    'why.pool.anywhere': '{count} providers see patients for {kind}, and new appointments go to them in turn.',
    'why.turn':
      'This booking was turn {number} of the rotation, which fell on the provider in place {position} of {count}.',
    'why.assigned': '{provider} was next in turn.',
    'why.assignedLater': '{provider} was the next in turn with a free time.',
    'why.urgent':
      'Urgent: you got the earliest free time of any of the {count} providers for {kind} at {place}, not the next in turn.',
    'why.urgent.anywhere':
      'Urgent: you got the earliest free time of any of the {count} providers for {kind}, not the next in turn.',
    'why.passedOver': '{name} was skipped: {reason}.',
    'why.slotNotTaken': 'A time of {name} was skipped: {reason}.',
    'why.slotsNotTaken': '{times} times of {name} were skipped: {reason}.',
    'why.someone': 'another provider',
    'why.reason.no-free-slot': 'no free time in the days asked for',
    'why.reason.slots-being-booked': 'other patients were booking their free times at that moment',
    'why.reason.slot-taken': 'that time had just been taken',
    'why.reason.provider-busy': 'they already had an appointment then',
    'why.reason.patient-busy': 'you already have an appointment then',
    'why.reason.reserved-for-urgent': 'their last free times that day are kept for urgent visits',
    'why.reason.other': 'not free for this booking',
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
    'waitlist.join': 'Tell me if something earlier opens',
    'waitlist.order':
      'Earlier times that open up are offered to one waiting patient at a time: urgent appointments first, then first come, first served. You get an email and a text message, and the time is held for you for a short while.',
    'waitlist.joined': 'You are on the waiting list. We will tell you if an earlier time opens.',
    'waitlist.leave': 'Leave the waiting list',
    'waitlist.left': 'You left the waiting list. Your appointment stays as it is.',
    'offer.title': 'An earlier time is free for you',
    'offer.see': 'See the earlier time',
    'offer.details': '{when} with {provider}.',
    'offer.until': 'Held for you until {until}.',
    'offer.move': 'Move to this time',
    'offer.decline': 'No thanks',
    'offer.moved': 'Your appointment moved to {when}.',
    'offer.declined': 'You said no thanks. Your appointment stays as it is.',
    'offer.gone': 'This earlier time is no longer held for you. Your appointment stays as it is.',
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
    'app.signOut': 'Cerrar sesión',
    'app.actingFor': 'Citas de {name}',
    'app.switchPerson': 'Cambiar de persona',
    'app.sessionEnded': 'Su sesión ha terminado. Vuelva a iniciar sesión.',
    'app.signIn': 'Iniciar sesión',
    'book.provider': 'Profesional',
    'book.anyProvider': 'Cualquier profesional',
    'book.more': 'Más horas',
    'book.weekFrom': 'Ver la semana a partir del',
    'book.previousWeek': 'Semana anterior',
    'book.nextWeek': 'Semana siguiente',
    'book.weekRange': 'Del {from} al {to}',
    'book.noTimesWeek':
      'No hay horas libres esta semana. Pruebe la semana siguiente, otro centro u otro tipo de consulta.',
    'book.showNextWeek': 'Ver la semana siguiente',
    'book.noMoreWeek': 'No hay más horas libres esta semana.',
    'book.withProviders': 'Libre: {names}',
    'book.choose': 'Elegir',
    'book.chooseNamed': 'Elegir {when}',
    'review.title': 'Revise su cita',
    'review.who': 'Con quién',
    'review.where': 'Dónde',
    'review.when': 'Cuándo',
    'review.kind': 'Tipo de consulta',
    'review.reason': 'Motivo de la consulta (opcional)',
    'review.reasonHint': 'La clínica lo verá junto con su cita.',
    'review.poolChoice': 'Uno de: {names}. El profesional exacto se elige de forma justa, por turno, al confirmar.',
    'review.next': 'La primera hora libre del profesional al que le toque',
    'review.holding': 'Buscando al profesional al que le toca…',
    'review.heldUntil': 'Guardada para usted hasta las {time}. Confirme para pedir la cita.',
    'review.heldFor': 'Guardada para usted: {provider}',
    'review.photo': 'Foto de {name}',
    'review.speaks': 'Habla {languages}',
    'book.spoken': 'Idioma que habla',
    'book.anyLanguage': 'Cualquier idioma',
    'book.lastTime': 'la última vez',
    'book.sameDoctor': 'El mismo profesional que la última vez: {name}',
    'book.byLanguageHint':
      'Horas de los profesionales que hablan este idioma: usted elige el profesional. Sin idioma, la clínica reparte las citas por turno.',
    'review.urgent': 'Urgente',
    'review.confirm': 'Confirmar la cita',
    'review.confirmMove': 'Confirmar el cambio',
    'review.back': 'Volver',
    'review.sameDay': 'Ya tiene una consulta de {kind} ese día ({when}). ¿Reservar otra de todos modos?',
    'review.map': 'Mapa',
    'review.phone': 'Teléfono: {phone}',
    'review.providerChanges': 'Cambia su profesional: {from} → {to}.',
    'review.sameProvider': 'El mismo profesional que antes: {name}.',
    'review.movesFrom': 'Cambia su cita del {when}.',
    'deepLink.opening': 'Abriendo la hora que eligió…',
    'deepLink.taken':
      'La hora que eligió, {when}, ya no está libre. Abajo tiene otras horas libres de {kind} en {place}.',
    'deepLink.takenAnyPlace': 'La hora que eligió, {when}, ya no está libre. Abajo tiene otras horas libres de {kind}.',
    'deepLink.unknown':
      'No se ha encontrado la hora que eligió: puede que la clínica la haya retirado. Abajo tiene las horas libres.',
    'after.calendar': 'Añadir al calendario',
    'after.ics': 'Descargar (.ics)',
    'after.google': 'Google Calendar',
    'after.outlook': 'Outlook',
    'after.policy':
      '¿No puede venir? Cancele o cambie la hora en Mis citas al menos 24 horas antes, para que otra persona pueda aprovecharla.',
    'after.eventTitle': '{kind} — {provider}',
    'payer.title': 'Lo que dice su aseguradora',
    'payer.source': 'De su aseguradora: {source}',
    'payer.indicator.info': 'Para su información',
    'payer.indicator.warning': 'Tenga en cuenta',
    'payer.indicator.critical': 'Importante',
    'payer.pending': 'Su aseguradora todavía no ha respondido; guardaremos la respuesta con su cita.',
    'payer.said': 'Su aseguradora tiene un mensaje sobre esta cita: véalo abajo.',
    'payer.newWindow': '(se abre en una ventana nueva)',
    'reminders.title': 'Recordatorios y cambios',
    'reminders.email': 'Por correo electrónico a {address}',
    'reminders.sms': 'Por mensaje de texto a {address}',
    'reminders.email.none': 'Por correo electrónico: no tenemos su dirección de correo',
    'reminders.sms.none': 'Por mensaje de texto: no tenemos su número de móvil',
    'reminders.email.unusable': 'Por correo electrónico a {address} (esta dirección no se puede usar)',
    'reminders.sms.unusable':
      'Por mensaje de texto a {address} (no es un número internacional completo: dé a la clínica su número con el prefijo del país)',
    'reminders.email.on': 'Recordatorios por correo electrónico activados.',
    'reminders.email.off': 'Recordatorios por correo electrónico desactivados.',
    'reminders.sms.on': 'Recordatorios por mensaje de texto activados.',
    'reminders.sms.off': 'Recordatorios por mensaje de texto desactivados.',
    'reminders.nothing': 'No recibirá recordatorios: consulte aquí las horas de sus citas.',
    'refusal.slot-taken': 'Esa hora ya no está libre: otra persona acaba de reservarla. Elija otra hora, por favor.',
    'refusal.patient-busy': 'Ya tiene una cita a esa hora. Elija otra hora, por favor.',
    'refusal.provider-busy': 'El profesional ya no está libre a esa hora. Elija otra hora, por favor.',
    'refusal.no-capacity': 'No quedan horas libres para esta consulta en ese periodo. Pruebe otros días u otro centro.',
    'refusal.window-in-past': 'Esa hora ya ha pasado. Elija una hora posterior, por favor.',
    'refusal.hold-expired': 'La hora reservada para usted ha caducado. Vuelva a elegirla, por favor.',
    'refusal.reserved-for-urgent':
      'Esa hora se reserva para urgencias. Elija otra hora, o marque «Es urgente» si su consulta es urgente.',
    'refusal.no-provider':
      'Ningún profesional ofrece este tipo de consulta en este centro. Elija otro centro u otro tipo de consulta.',
    'refusal.window-invalid': 'Las fechas pedidas terminan antes de empezar. Vuelva a elegir las fechas, por favor.',
    'refusal.not-held': 'Esta hora ya no está reservada para usted. Vuelva a elegirla, por favor.',
    'refusal.held-for-another-patient': 'Esta hora está reservada para otra persona. Elija otra hora, por favor.',
    'refusal.confirm-with-book':
      'No se ha podido confirmar esta hora de esta forma. Vuelva a elegirla y pulse Confirmar, por favor.',
    'refusal.already-cancelled':
      'Esta cita ya está cancelada, así que no se puede cambiar. Pida una nueva si la necesita.',
    'refusal.not-patients-appointment':
      'Esta cita es de otra persona, así que no se puede cambiar aquí. Revise Mis citas, por favor.',
    'refusal.slot-in-use': 'Esa hora está ocupada por una cita. Elija otra hora, por favor.',
    'refusal.group-slot': 'Esa hora no se puede reservar en la aplicación. Llame a la clínica para reservarla.',
    'refusal.unknown-patient':
      'La clínica no encuentra su historia. Cierre la sesión y vuelva a iniciarla, o llame a la clínica.',
    'refusal.unknown-slot': 'Esa hora ya no existe. Elija otra hora, por favor.',
    'refusal.unknown-appointment':
      'Esa cita u hora ya no existe. Vuelva a cargar la página y elija de nuevo, por favor.',
    'refusal.unknown-coverage': 'La clínica no encuentra ese seguro. Compruébelo o reserve sin él, por favor.',
    'refusal.not-patients-coverage':
      'Ese seguro no está registrado para este paciente. Elija el seguro del propio paciente, por favor.',
    'refusal.ambiguous-patient':
      'La clínica tiene más de una historia que coincide con usted. Llame a la clínica para que lo resuelvan.',
    'refusal.idempotency-key-reused':
      'Esta petición se ha confundido con una anterior. Vuelva a elegir la hora, por favor.',
    'refusal.overbooking-not-allowed': 'Esa hora ya está completa. Elija otra hora, por favor.',
    'refusal.changed-meanwhile':
      'Esta cita ha cambiado mientras tanto. Vuelva a mirarla en Mis citas e inténtelo de nuevo.',
    'refusal.not-permitted':
      'Su cuenta no puede hacer esto. Cierre la sesión y vuelva a iniciarla, o llame a la clínica.',
    'refusal.invalid-input':
      'El servidor de la clínica no ha podido aceptar esta petición. Vuelva a intentarlo y llame a la clínica si vuelve a pasar.',
    'refusal.unknown': 'La clínica no ha podido hacerlo. Vuelva a intentarlo o llame a la clínica.',
    'state.serverTrouble': 'El servidor de la clínica ha tenido un problema. Vuelva a intentarlo en un momento.',
    'state.notAllowed': 'Esto no está disponible para su cuenta.',
    'appointments.reason': '¿Por qué cancela?',
    'appointments.sameProviderTimes': 'Horas con {name}',
    'appointments.otherProviders': 'Horas con otros profesionales',
    'appointments.showOthers': 'Ver horas con otros profesionales',
    'appointments.moveTo': 'Cambiar aquí',
    'appointments.noSameProvider': '{name} no tiene horas libres en las próximas dos semanas.',
    'appointments.providerWillChange': 'Con otro profesional: cambia su profesional.',
    'cancelReason.pat-fb': 'Me encuentro mejor',
    'cancelReason.pat-lt': 'No puedo desplazarme',
    'cancelReason.pat-ucp': 'Quiero otro profesional',
    'cancelReason.pat': 'Otro motivo personal',
    'status.moved': 'Cambiada de hora',
    'status.cancelledByYou': 'Cancelada por usted',
    'status.cancelledByClinic': 'Cancelada por la clínica',
    'status.holdExpired': 'No confirmada a tiempo',
    'documents.preview': 'Ver',
    'documents.previewNamed': 'Ver {title}',
    'documents.delete': 'Eliminar',
    'documents.deleteNamed': 'Eliminar {title}',
    'documents.deleteTitle': '¿Eliminar {title}?',
    'documents.deleteText':
      'Desaparece de sus documentos y de la lista de la clínica. Como con todo cambio, el historial de la clínica guarda una copia.',
    'documents.keep': 'Conservarlo',
    'documents.deleted': 'Se ha eliminado {title}.',
    'documents.deleteRefused': 'Solo puede eliminar los documentos que subió usted. Pregunte a la clínica por este.',
    'documents.close': 'Cerrar',
    'documents.progress': 'Progreso de la subida',
    'documents.noPreview': 'Este tipo de archivo no se puede mostrar aquí: descárguelo.',
    'documents.preparingPhoto': 'Preparando la foto…',
    'documents.heicFailed': 'Esta foto no se puede mostrar aquí: descárguela para verla.',
    'type.application/pdf': 'Documento PDF',
    'type.image/jpeg': 'Foto (JPEG)',
    'type.image/png': 'Imagen (PNG)',
    'type.image/gif': 'Imagen (GIF)',
    'type.image/webp': 'Imagen (WebP)',
    'type.image/tiff': 'Escaneo (TIFF)',
    'type.image/heic': 'Foto (HEIC)',
    'type.image/heif': 'Foto (HEIF)',
    'type.text/plain': 'Texto',
    'type.other': 'Archivo',
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
    'book.whyGeneral': 'La clínica ha elegido el profesional por usted.',
    'why.pool': '{count} profesionales atienden {kind} en {place}, y las citas nuevas se les asignan por turno.',
    'why.pool.anywhere': '{count} profesionales atienden {kind}, y las citas nuevas se les asignan por turno.',
    'why.turn':
      'Esta reserva fue el turno {number} de la rotación, que correspondía al profesional en el puesto {position} de {count}.',
    'why.assigned': 'Era el turno de {provider}.',
    'why.assignedLater': '{provider} era el siguiente en turno con una hora libre.',
    'why.urgent':
      'Urgente: tiene la primera hora libre de cualquiera de los {count} profesionales de {kind} en {place}, no el siguiente en turno.',
    'why.urgent.anywhere':
      'Urgente: tiene la primera hora libre de cualquiera de los {count} profesionales de {kind}, no el siguiente en turno.',
    'why.passedOver': 'Se saltó a {name}: {reason}.',
    'why.slotNotTaken': 'Se saltó una hora de {name}: {reason}.',
    'why.slotsNotTaken': 'Se saltaron {times} horas de {name}: {reason}.',
    'why.someone': 'otro profesional',
    'why.reason.no-free-slot': 'no tenía horas libres en los días pedidos',
    'why.reason.slots-being-booked': 'otros pacientes estaban reservando sus horas libres en ese momento',
    'why.reason.slot-taken': 'esa hora se acababa de reservar',
    'why.reason.provider-busy': 'ya tenía una cita a esa hora',
    'why.reason.patient-busy': 'usted ya tiene una cita a esa hora',
    'why.reason.reserved-for-urgent': 'sus últimas horas libres de ese día se reservan para urgencias',
    'why.reason.other': 'no estaba disponible para esta reserva',
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
    'waitlist.join': 'Avísenme si se libera algo antes',
    'waitlist.order':
      'Las horas que se liberan antes se ofrecen a un paciente en espera cada vez: primero las citas urgentes y después por orden de llegada. Recibirá un correo y un SMS, y se la reservamos un rato.',
    'waitlist.joined': 'Está en la lista de espera. Le avisaremos si se libera una hora antes.',
    'waitlist.leave': 'Salir de la lista de espera',
    'waitlist.left': 'Ha salido de la lista de espera. Su cita sigue igual.',
    'offer.title': 'Hay una hora antes libre para usted',
    'offer.see': 'Ver la hora antes',
    'offer.details': '{when} con {provider}.',
    'offer.until': 'Reservada para usted hasta las {until}.',
    'offer.move': 'Pasar a esta hora',
    'offer.decline': 'No, gracias',
    'offer.moved': 'Su cita pasó al {when}.',
    'offer.declined': 'Ha dicho que no. Su cita sigue igual.',
    'offer.gone': 'Esta hora ya no está reservada para usted. Su cita sigue igual.',
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
 * "Tuesday, December 1, 2026 at 9:00 AM Eastern Standard Time".
 */
export function formatDateTime(iso, language, timeZone = undefined) {
  return new Intl.DateTimeFormat(LOCALES[language] ?? 'en-US', {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'long',
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

/** A time of day with its named zone, e.g. "9:00 AM Eastern Standard Time" (for times under a day heading). */
export function formatTime(iso, language, timeZone = undefined) {
  return new Intl.DateTimeFormat(LOCALES[language] ?? 'en-US', {
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  }).format(new Date(iso));
}

/** A day heading, e.g. "Tuesday, December 1". */
export function formatDay(day, language) {
  // the day (YYYY-MM-DD) at noon UTC names the same calendar day in every zone
  return new Intl.DateTimeFormat(LOCALES[language] ?? 'en-US', {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T12:00:00Z`));
}

/** The long name of the patient's time zone, e.g. "Eastern Standard Time" / "hora estándar del este". */
export function zoneName(iso, language, timeZone = undefined) {
  const part = new Intl.DateTimeFormat(LOCALES[language] ?? 'en-US', { timeZoneName: 'long', timeZone })
    .formatToParts(new Date(iso))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? '';
}

/**
 * A provider's name with the title in the patient's language: in Spanish "Dra." for a woman (the directory's
 * Practitioner.gender), "Dr." otherwise; in English "Dr." for both.
 */
export function providerTitle(name, gender, language) {
  if (!name) return name;
  if (language === 'es' && gender === 'female') return name.replace(/^Dr\.? /, 'Dra. ');
  return name;
}

/** A plain name of a file type ("PDF document") for a MIME type. */
export function typeName(contentType, language) {
  const key = `type.${contentType}`;
  return (
    messages[language]?.[key] ?? messages.en[key] ?? messages[language]?.['type.other'] ?? messages.en['type.other']
  );
}
