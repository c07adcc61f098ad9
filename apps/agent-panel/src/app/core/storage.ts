import { DOCUMENT, InjectionToken, inject } from '@angular/core';

/** Key-value storage that survives a reload; in memory when the browser refuses (blocked third-party storage). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

export const STORAGE = new InjectionToken<KeyValueStorage>('STORAGE', {
  providedIn: 'root',
  factory: () => {
    try {
      const storage = inject(DOCUMENT).defaultView?.localStorage;
      if (!storage) return memoryStorage();
      storage.setItem('puente.probe', '1');
      storage.removeItem('puente.probe');
      return storage;
    } catch {
      return memoryStorage();
    }
  },
});

export function readJson<T>(storage: KeyValueStorage, key: string): T | null {
  try {
    const raw = storage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}
