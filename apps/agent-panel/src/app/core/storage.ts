import { DOCUMENT, InjectionToken, inject } from '@angular/core';

/** Key-value storage that survives a reload; in memory when the browser refuses (blocked third-party storage). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

export function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, String(v)),
    removeItem: (k) => void map.delete(k),
    key: (i) => [...map.keys()][i] ?? null,
    get length() {
      return map.size;
    },
  };
}

/** Every key of a storage (a copy, so removing while iterating is safe). */
export function storageKeys(storage: KeyValueStorage): string[] {
  return Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter(
    (k): k is string => k !== null,
  );
}

/** localStorage: what may outlive the tab (the last device and user, popped calls). Never a credential. */
export const STORAGE = new InjectionToken<KeyValueStorage>('STORAGE', {
  providedIn: 'root',
  factory: () => usable(inject(DOCUMENT).defaultView, 'localStorage'),
});

/** sessionStorage: this tab only, gone with it; where the refresh token lives across a reload. */
export const SESSION_STORAGE = new InjectionToken<KeyValueStorage>('SESSION_STORAGE', {
  providedIn: 'root',
  factory: () => usable(inject(DOCUMENT).defaultView, 'sessionStorage'),
});

function usable(win: Window | null, kind: 'localStorage' | 'sessionStorage'): KeyValueStorage {
  try {
    const storage = win?.[kind];
    if (!storage) return memoryStorage();
    storage.setItem('puente.probe', '1');
    storage.removeItem('puente.probe');
    return storage;
  } catch {
    return memoryStorage();
  }
}

export function readJson<T>(storage: KeyValueStorage, key: string): T | null {
  try {
    const raw = storage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}
