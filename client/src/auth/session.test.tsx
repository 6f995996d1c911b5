import { describe, expect, it, vi } from 'vitest';
import { SESSION_ENDED_NOTICE, SessionStore, STORAGE_KEYS } from './session';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
  };
}

const NOW = Date.parse('2026-05-01T12:00:00Z');

describe('SessionStore', () => {
  it('restores a stored session that has not expired, with its organisation choice', () => {
    const storage = memoryStorage({
      [STORAGE_KEYS.token]: 't1',
      [STORAGE_KEYS.expiresAt]: '2026-05-01T18:00:00Z',
      [STORAGE_KEYS.organisationId]: 'org-1',
    });
    const store = new SessionStore(storage, () => NOW);
    expect(store.getSnapshot().session).toEqual({ token: 't1', expiresAt: '2026-05-01T18:00:00Z', organisationId: 'org-1' });
  });

  it('drops an expired stored token (8 h are over) and clears the storage', () => {
    const storage = memoryStorage({ [STORAGE_KEYS.token]: 't1', [STORAGE_KEYS.expiresAt]: '2026-05-01T11:59:59Z', [STORAGE_KEYS.organisationId]: 'o' });
    const store = new SessionStore(storage, () => NOW);
    expect(store.getSnapshot().session).toBeNull();
    expect(storage.data.size).toBe(0);
  });

  it('signs in without an organisation choice, stores the choice, and notifies listeners', () => {
    const storage = memoryStorage({ [STORAGE_KEYS.organisationId]: 'previous-users-org' });
    const store = new SessionStore(storage, () => NOW);
    const listener = vi.fn();
    store.subscribe(listener);
    store.signIn('t2', '2026-05-01T20:00:00Z');
    expect(store.getSnapshot().session?.organisationId).toBeNull();
    expect(storage.data.has(STORAGE_KEYS.organisationId)).toBe(false);
    store.setOrganisation('org-9');
    expect(storage.getItem(STORAGE_KEYS.organisationId)).toBe('org-9');
    expect(store.getSnapshot().session).toMatchObject({ token: 't2', organisationId: 'org-9' });
    store.setOrganisation(null);
    expect(storage.getItem(STORAGE_KEYS.organisationId)).toBeNull();
    expect(listener).toHaveBeenCalledTimes(3);
  });

  it('ends the session on UNAUTHENTICATED only for the current token, with a notice', () => {
    const storage = memoryStorage();
    const store = new SessionStore(storage, () => NOW);
    store.signIn('current', null);
    store.expire('stale-token-of-an-earlier-session');
    expect(store.getSnapshot().session?.token).toBe('current');
    store.expire('current');
    expect(store.getSnapshot()).toEqual({ session: null, notice: SESSION_ENDED_NOTICE });
    expect(storage.getItem(STORAGE_KEYS.token)).toBeNull();
  });

  it('signs out on request without a notice', () => {
    const store = new SessionStore(memoryStorage(), () => NOW);
    store.signIn('t', null);
    store.signOut();
    expect(store.getSnapshot()).toEqual({ session: null, notice: null });
  });
});
