// How the patient's appointment messages come: by email and/or SMS, to which address, with a switch per channel that
// changes the choice on the server at once (Patient/[id]/$notification-preferences). Shown after a booking and on My
// appointments.
import { useState } from 'react';
import { errorMessage } from './booking.js';
import { t } from './i18n.js';
import { choosePreference, delivers, loadPreferences } from './reminders.js';
import { Alert, Status, useAnnounce, useFhir } from './ui.jsx';

/** What the patient reads about one channel: where messages go, or why none can. */
function channelText(channel, language) {
  if (channel.problem === 'no-address') return t(language, `reminders.${channel.system}.none`);
  if (channel.problem) return t(language, `reminders.${channel.system}.unusable`, { address: channel.address });
  return t(language, `reminders.${channel.system}`, { address: channel.address });
}

export default function Reminders({ client, language, patientId }) {
  const announce = useAnnounce();
  const state = useFhir(() => loadPreferences(client, patientId), [client, patientId]);
  const [saved, setSaved] = useState(null);
  const [busy, setBusy] = useState(null);
  const [error, setError] = useState(null);
  const channels = saved ?? state.data;
  async function choose(system, enabled) {
    setBusy(system);
    setError(null);
    try {
      const stored = await choosePreference(client, patientId, system, enabled);
      setSaved(stored);
      announce(t(language, enabled ? `reminders.${system}.on` : `reminders.${system}.off`));
    } catch (e) {
      setError(errorMessage(e, language));
    } finally {
      setBusy(null);
    }
  }
  return (
    <section className="mt-3 rounded-lg border border-slate-300 bg-white p-3" data-testid="reminders">
      <h3 className="font-semibold">{t(language, 'reminders.title')}</h3>
      <Status state={{ ...state, data: channels }} language={language}>
        {channels && (
          <>
            <ul className="mt-1 space-y-1">
              {channels.map((channel) => (
                <li key={channel.system}>
                  <label className="flex min-h-11 items-center gap-3">
                    <input
                      type="checkbox"
                      name={`reminders-${channel.system}`}
                      className="h-6 w-6 accent-teal-700"
                      checked={channel.enabled}
                      // not disabled while saving: a disabled control would lose the keyboard focus
                      disabled={channel.problem === 'no-address'}
                      aria-busy={busy === channel.system}
                      onChange={(e) => busy === null && choose(channel.system, e.target.checked)}
                    />
                    <span>{channelText(channel, language)}</span>
                  </label>
                </li>
              ))}
            </ul>
            {!channels.some(delivers) && (
              <p className="mt-1 text-sm text-amber-900" data-testid="no-reminders">
                {t(language, 'reminders.nothing')}
              </p>
            )}
          </>
        )}
      </Status>
      <Alert>{error}</Alert>
    </section>
  );
}
