// What every screen shares: a FHIR call with loading and error state (no blank screens), and the messages.
import { forwardRef, useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from './booking.js';
import { t } from './i18n.js';

/**
 * Runs {@code load} when {@code deps} change; {@code reload} runs it again. Only the latest call's answer is kept
 * (a slow earlier answer never overwrites a newer one). On {@code reload} the data stays while it reloads; when
 * {@code deps} change it is cleared.
 */
export function useFhir(load, deps) {
  const [state, setState] = useState({ loading: true, data: null, error: null });
  const latest = useRef(0);
  const reload = useCallback(() => {
    const call = ++latest.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    load()
      .then((data) => call === latest.current && setState({ loading: false, data, error: null }))
      .catch((error) => call === latest.current && setState({ loading: false, data: null, error }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(() => {
    // other inputs: what was shown belonged to the old ones
    setState({ loading: true, data: null, error: null });
    reload();
  }, [reload]);
  return { ...state, reload };
}

/** Loading (first load only: a reload keeps what is shown, and the focus in it), the error with a retry, or the children. */
export function Status({ state, language, children }) {
  if (state.loading && state.data == null) {
    return (
      <p role="status" className="py-2 text-slate-600">
        {t(language, 'state.loading')}
      </p>
    );
  }
  if (state.error) {
    return (
      <div role="alert" className="rounded-lg bg-red-50 p-3 text-red-800">
        {t(language, 'state.error', { message: errorMessage(state.error, language) })}
        <button
          type="button"
          onClick={state.reload}
          className="ml-3 rounded font-medium underline focus:outline-none focus-visible:ring-2 focus-visible:ring-red-700"
        >
          {t(language, 'state.retry')}
        </button>
      </div>
    );
  }
  return children;
}

// live regions stay mounted and only their text changes, so that screen readers announce it

export function Alert({ children }) {
  return (
    <div role="alert" className={children ? 'rounded-lg bg-red-50 p-3 text-red-800' : ''}>
      {children}
    </div>
  );
}

/** A result message; focusable so that a screen can move the focus to it when the control that caused it is gone. */
export const Notice = forwardRef(function Notice({ children }, ref) {
  return (
    <div ref={ref} tabIndex={-1} role="status" className={children ? 'rounded-lg bg-teal-50 p-3 text-teal-900' : ''}>
      {children}
    </div>
  );
});

export const timeButton =
  'rounded-lg border border-slate-400 bg-white px-4 py-3 hover:bg-slate-100 focus:outline-none ' +
  'focus-visible:ring-2 focus-visible:ring-offset-2 focus-visible:ring-teal-700 disabled:opacity-60';
export const buttonClass =
  'rounded-lg px-4 py-3 font-semibold focus:outline-none focus-visible:ring-2 ' +
  'focus-visible:ring-offset-2 focus-visible:ring-teal-700 disabled:opacity-60';
export const primaryButton = `${buttonClass} bg-teal-700 text-white hover:bg-teal-800`;
export const secondaryButton = `${buttonClass} border border-slate-400 bg-white text-slate-900 hover:bg-slate-100`;
export const dangerButton = `${buttonClass} border border-red-700 bg-white text-red-800 hover:bg-red-50`;
export const fieldClass =
  'mt-1 block w-full rounded-lg border border-slate-400 bg-white p-3 ' +
  'focus:outline-none focus-visible:ring-2 focus-visible:ring-teal-700';
