import { useSyncExternalStore } from 'react';

/** What the client keeps about the signed-in user between page loads (in localStorage). */
export interface Session {
  token: string;
  /** When the server says the token stops working (ISO date-time), if known. */
  expiresAt: string | null;
  /** The organisation the user acts for (header `x-organisation-id`); null = all their organisations. */
  organisationId: string | null;
}

export interface SessionState {
  session: Session | null;
  /** Why the user was sent back to the sign-in page, if it was not their own choice. */
  notice: string | null;
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const STORAGE_KEYS = {
  token: 'growthGraph.token',
  expiresAt: 'growthGraph.expiresAt',
  organisationId: 'growthGraph.organisationId',
} as const;

export const SESSION_ENDED_NOTICE = 'Your session has ended. Please sign in again.';

/** A tiny observable store of the session, backed by localStorage (React reads it with `useSession`). */
export class SessionStore {
  private state: SessionState;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly storage: StorageLike | null,
    private readonly now: () => number = Date.now,
  ) {
    this.state = { session: this.load(), notice: null };
    if (!this.state.session) this.clearStorage();
  }

  getSnapshot = (): SessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  signIn(token: string, expiresAt: string | null): void {
    // The organisation choice belongs to one user: a new sign-in starts with "all my organisations".
    this.write({ token, expiresAt, organisationId: null });
    this.set({ session: { token, expiresAt, organisationId: null }, notice: null });
  }

  /** The user signed out (notice: null) or the server no longer accepts the token (a notice). */
  signOut(notice: string | null = null): void {
    this.clearStorage();
    this.set({ session: null, notice });
  }

  /** The server answered UNAUTHENTICATED to a request made with `token`. Ignores stale sessions. */
  expire(token: string): void {
    if (this.state.session?.token === token) this.signOut(SESSION_ENDED_NOTICE);
  }

  setOrganisation(organisationId: string | null): void {
    const session = this.state.session;
    if (!session || session.organisationId === organisationId) return;
    if (organisationId) this.storage?.setItem(STORAGE_KEYS.organisationId, organisationId);
    else this.storage?.removeItem(STORAGE_KEYS.organisationId);
    this.set({ session: { ...session, organisationId }, notice: null });
  }

  private load(): Session | null {
    const token = this.storage?.getItem(STORAGE_KEYS.token) ?? null;
    if (!token) return null;
    const expiresAt = this.storage?.getItem(STORAGE_KEYS.expiresAt) ?? null;
    if (expiresAt && Date.parse(expiresAt) <= this.now()) return null;
    return { token, expiresAt, organisationId: this.storage?.getItem(STORAGE_KEYS.organisationId) ?? null };
  }

  private write(session: Session): void {
    this.storage?.setItem(STORAGE_KEYS.token, session.token);
    if (session.expiresAt) this.storage?.setItem(STORAGE_KEYS.expiresAt, session.expiresAt);
    else this.storage?.removeItem(STORAGE_KEYS.expiresAt);
    if (session.organisationId) this.storage?.setItem(STORAGE_KEYS.organisationId, session.organisationId);
    else this.storage?.removeItem(STORAGE_KEYS.organisationId);
  }

  private clearStorage(): void {
    for (const key of Object.values(STORAGE_KEYS)) this.storage?.removeItem(key);
  }

  private set(state: SessionState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

function browserStorage(): StorageLike | null {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null;
  } catch {
    return null; // Storage disabled: the session then lasts as long as the page.
  }
}

export const sessionStore = new SessionStore(browserStorage());

export function useSession(store: SessionStore = sessionStore): SessionState {
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
