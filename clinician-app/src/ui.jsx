// Shared pieces of the workspace: the one live region and buttons of at least 44 px.
import { createContext, useContext } from 'react';

export const AnnounceContext = createContext(() => {});

/** Says something in the page's one live region (results of actions, refusals). */
export function useAnnounce() {
  return useContext(AnnounceContext);
}

export function LiveRegion({ message }) {
  return (
    <div role="status" aria-live="polite" className="sr-only" data-testid="live">
      {message}
    </div>
  );
}

const button =
  'inline-flex min-h-11 min-w-11 items-center justify-center rounded-lg px-4 font-semibold focus:outline-none focus-visible:ring-4 focus-visible:ring-blue-400 disabled:opacity-60';
export const primaryButton = `${button} bg-blue-800 text-white hover:bg-blue-900`;
export const secondaryButton = `${button} border border-slate-500 bg-white text-slate-900 hover:bg-slate-100`;
export const dangerButton = `${button} border border-red-700 bg-white text-red-800 hover:bg-red-50`;
export const fieldClass = 'min-h-11 rounded-lg border border-slate-500 bg-white px-3 text-slate-900';
