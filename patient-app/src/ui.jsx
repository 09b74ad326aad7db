// What every screen shares: a FHIR call with loading and error state (no blank screens), the one live region that
// announces what happened, and the messages (boxes the focus can be moved to).
import { createContext, forwardRef, useCallback, useContext, useEffect, useRef, useState } from 'react';
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

/** Says something to screen readers through the app's one live region (mounted once, in App). */
export const AnnounceContext = createContext(() => {});

export function useAnnounce() {
  return useContext(AnnounceContext);
}

/** The app's one live region: it stays mounted and only its text changes, so screen readers announce each change. */
export function LiveRegion({ message }) {
  return (
    <div aria-live="polite" aria-atomic="true" className="sr-only" data-testid="live">
      {message}
    </div>
  );
}

/** Loading (first load only: a reload keeps what is shown, and the focus in it), the error with a retry, or the children. */
export function Status({ state, language, children }) {
  const announce = useAnnounce();
  const box = useRef(null);
  const message = state.error ? t(language, 'state.error', { message: errorMessage(state.error, language) }) : null;
  useEffect(() => {
    if (!message) return;
    announce(message);
    box.current?.focus();
  }, [message, announce]);
  if (state.loading && state.data == null) {
    return <p className="py-2 text-slate-600">{t(language, 'state.loading')}</p>;
  }
  if (state.error) {
    return (
      <div ref={box} tabIndex={-1} className="rounded-lg bg-red-50 p-3 text-red-800" data-testid="error">
        {message}
        <button
          type="button"
          onClick={state.reload}
          className="ml-3 min-h-11 min-w-11 rounded px-2 font-medium underline focus:outline-none focus-visible:ring-2 focus-visible:ring-red-700"
        >
          {t(language, 'state.retry')}
        </button>
      </div>
    );
  }
  return children;
}

/**
 * An error message: announced, and the focus moved to it (the control that caused it may be gone, and a screen reader
 * user must hear what went wrong).
 */
export const Alert = forwardRef(function Alert({ children }, outer) {
  const announce = useAnnounce();
  const own = useRef(null);
  const ref = outer ?? own;
  useEffect(() => {
    if (!children) return;
    announce(typeof children === 'string' ? children : (ref.current?.textContent ?? ''));
    ref.current?.focus();
  }, [children, announce, ref]);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      data-testid="alert"
      className={children ? 'rounded-lg bg-red-50 p-3 text-red-800 focus:outline-none focus-visible:ring-2' : ''}
    >
      {children}
    </div>
  );
});

/** A result message: announced; focusable so that a screen can move the focus to it. */
export const Notice = forwardRef(function Notice({ children }, ref) {
  const announce = useAnnounce();
  useEffect(() => {
    if (typeof children === 'string' && children) announce(children);
  }, [children, announce]);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      data-testid="notice"
      className={children ? 'rounded-lg bg-teal-50 p-3 text-teal-900 focus:outline-none focus-visible:ring-2' : ''}
    >
      {children}
    </div>
  );
});

/**
 * A modal dialog (the browser's own {@code <dialog>}: focus kept inside, Escape closes it, the page behind inert),
 * labelled by its title; {@code onClose} runs when it closes by Escape.
 */
export function Dialog({ title, onClose, children, testId, initialFocus }) {
  const ref = useRef(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    // showModal focuses the title; a confirmation of something that cannot be undone starts on the safe choice
    initialFocus?.current?.focus();
    return () => dialog?.open && dialog.close();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby="dialog-title"
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className="m-auto w-full max-w-lg rounded-xl p-0 shadow-xl backdrop:bg-slate-900/50"
    >
      <div className="space-y-4 p-5">
        <h2 id="dialog-title" tabIndex={-1} className="text-xl font-semibold">
          {title}
        </h2>
        {children}
      </div>
    </dialog>
  );
}

export const timeButton =
  'min-h-11 rounded-lg border border-slate-400 bg-white px-4 py-3 hover:bg-slate-100 focus:outline-none ' +
  'focus-visible:ring-2 focus-visible:ring-offset-2 focus-visible:ring-teal-700 disabled:opacity-60';
export const buttonClass =
  'min-h-11 min-w-11 rounded-lg px-4 py-3 font-semibold focus:outline-none focus-visible:ring-2 ' +
  'focus-visible:ring-offset-2 focus-visible:ring-teal-700 disabled:opacity-60';
export const primaryButton = `${buttonClass} bg-teal-700 text-white hover:bg-teal-800`;
export const secondaryButton = `${buttonClass} border border-slate-400 bg-white text-slate-900 hover:bg-slate-100`;
export const dangerButton = `${buttonClass} border border-red-700 bg-white text-red-800 hover:bg-red-50`;
export const fieldClass =
  'mt-1 block min-h-11 w-full rounded-lg border border-slate-400 bg-white p-3 ' +
  'focus:outline-none focus-visible:ring-2 focus-visible:ring-teal-700';
