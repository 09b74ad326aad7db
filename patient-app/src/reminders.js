// How the patient gets appointment messages (confirmations, reminders, changes, offers): by email, by SMS, both or
// neither. The choice is the server's (Patient/[id]/$notification-preferences, stored on the Patient, honoured by the
// notification module); the app reads it and changes it there, never on its own.

export const CHANNELS = ['email', 'sms'];

const json = { 'Content-Type': 'application/fhir+json', Accept: 'application/fhir+json' };

const part = (parameter, name) => parameter.part?.find((p) => p.name === name);

/**
 * The answer of $notification-preferences as [{ system: 'email'|'sms', address, enabled, problem }], email first;
 * a channel the answer lacks is left out.
 */
export function readPreferences(parameters) {
  const channels = (parameters?.parameter ?? [])
    .filter((p) => p.name === 'channel')
    .map((p) => ({
      system: part(p, 'system')?.valueCode,
      address: part(p, 'address')?.valueString ?? null,
      enabled: part(p, 'enabled')?.valueBoolean === true,
      problem: part(p, 'problem')?.valueCode ?? null,
    }))
    .filter((c) => CHANNELS.includes(c.system));
  return CHANNELS.map((system) => channels.find((c) => c.system === system)).filter(Boolean);
}

/** Whether messages can go through a channel: the patient wants them and it has an address that works. */
export const delivers = (channel) => channel.enabled && !channel.problem;

/** Reads the patient's choice. */
export function loadPreferences(client, patientId) {
  return client
    .request({ url: `Patient/${patientId}/$notification-preferences`, headers: { Accept: json.Accept } })
    .then(readPreferences);
}

/** Turns one channel on or off; answers the choice as the server stored it. */
export function choosePreference(client, patientId, system, enabled) {
  return client
    .request({
      url: `Patient/${patientId}/$notification-preferences`,
      method: 'POST',
      headers: json,
      body: JSON.stringify({ resourceType: 'Parameters', parameter: [{ name: system, valueBoolean: enabled }] }),
    })
    .then(readPreferences);
}
