import { useCallback, useEffect, useRef, useState } from 'react';
import { PROGRESS_CHANNEL } from './storage-keys';
import { browserStorage, loadProgress, PROGRESS_STORAGE_KEY, saveProgress, type Progress, type ProgressStorage } from './progress';

/**
 * Study progress as React state, shared safely between tabs: every write re-reads what is stored
 * and merges per item (saveProgress), and a `storage` event from another tab — or a
 * BroadcastChannel message from another panel in this tab — brings the stored union in here.
 */
const CHANNEL = PROGRESS_CHANNEL;

export function useProgress(storage?: ProgressStorage): {
  progress: Progress;
  update: (change: (previous: Progress) => Progress) => void;
  replace: (next: Progress) => void;
} {
  const store = storage ?? browserStorage();
  const [progress, setProgressState] = useState<Progress>(() => loadProgress(store));
  // The latest progress, read synchronously by update(): the write to storage must happen before
  // the change notice goes out, or another panel that refreshes on the notice reads the old value.
  const latest = useRef(progress);
  const setProgress = useCallback((next: Progress) => {
    latest.current = next;
    setProgressState(next);
  }, []);

  useEffect(() => {
    // Every writer merges into what is stored before writing (saveProgress), so storage always holds
    // the union of every tab's answers: adopting it loses nothing, and lets a reset reach every tab.
    const refresh = () => setProgress(loadProgress(store));
    const onStorage = (event: StorageEvent) => {
      if (event.key === PROGRESS_STORAGE_KEY || event.key === null) refresh();
    };
    window.addEventListener('storage', onStorage);
    let channel: BroadcastChannel | undefined;
    if (typeof BroadcastChannel !== 'undefined') {
      channel = new BroadcastChannel(CHANNEL);
      channel.onmessage = refresh;
    }
    return () => {
      window.removeEventListener('storage', onStorage);
      channel?.close();
    };
  }, [store, setProgress]);

  const announce = () => {
    if (typeof BroadcastChannel === 'undefined') return;
    const channel = new BroadcastChannel(CHANNEL);
    channel.postMessage('changed');
    channel.close();
  };

  // Saved after each answer or import, never merely because a panel was opened.
  const update = useCallback(
    (change: (previous: Progress) => Progress) => {
      // Written now, not inside a state updater: React runs updaters later (and twice in strict
      // mode), and the notice below must find the new value already stored.
      setProgress(saveProgress(change(latest.current), store));
      announce();
    },
    [store, setProgress],
  );

  /** Replaces progress outright (a reset): no merge with what is stored. */
  const replace = useCallback(
    (next: Progress) => {
      try {
        store?.setItem(PROGRESS_STORAGE_KEY, JSON.stringify(next));
      } catch {
        // storage blocked: in memory only
      }
      setProgress(next);
      announce();
    },
    [store, setProgress],
  );

  return { progress, update, replace };
}
