/**
 * The learner's work-in-progress limit on `learning`: from their learning settings when signed
 * in (`/me/learning-settings`), kept in this browser for visitors without an account.
 */
import { useCallback, useEffect, useState } from 'react';
import { useSession } from './auth';
import { DEFAULT_WIP_LIMIT, WIP_LIMIT_RANGE } from './board';
import { boardApi } from './boardApi';
import type { ProgressMode } from './progress';

const LOCAL_KEY = 'waymark:board:wip-limit:v1';

function readLocal(): number {
  try {
    const n = Number(window.localStorage.getItem(LOCAL_KEY));
    return Number.isInteger(n) && n >= WIP_LIMIT_RANGE.min && n <= WIP_LIMIT_RANGE.max
      ? n
      : DEFAULT_WIP_LIMIT;
  } catch {
    return DEFAULT_WIP_LIMIT;
  }
}

function writeLocal(limit: number): number {
  try {
    window.localStorage.setItem(LOCAL_KEY, String(limit));
  } catch {
    throw new Error('This browser does not allow saving data for this site.');
  }
  return limit;
}

/** Null until known. A limit that cannot be loaded falls back to the default. */
export function useWipLimit(mode: ProgressMode): {
  limit: number | null;
  save: (limit: number) => Promise<number>;
} {
  const session = useSession();
  const owner =
    mode === 'local'
      ? 'local'
      : mode === 'account' && session.status === 'signedIn'
        ? session.user.id
        : null;
  const [state, setState] = useState<{ owner: string; limit: number } | null>(null);

  useEffect(() => {
    if (owner === null) return;
    if (owner === 'local') {
      setState({ owner, limit: readLocal() });
      return;
    }
    let live = true;
    boardApi.wipLimit().then(
      (limit) => live && setState({ owner, limit }),
      () => live && setState({ owner, limit: DEFAULT_WIP_LIMIT }),
    );
    return () => {
      live = false;
    };
  }, [owner]);

  const save = useCallback(
    async (limit: number): Promise<number> => {
      if (owner === null) throw new Error('Your progress is still loading.');
      const stored = owner === 'local' ? writeLocal(limit) : await boardApi.setWipLimit(limit);
      setState({ owner, limit: stored });
      return stored;
    },
    [owner],
  );

  return { limit: state && state.owner === owner ? state.limit : null, save };
}
