import type { components } from '../api/schema';

export type Account = components['schemas']['ActorDto'];
export type Role = Account['role'];

export interface Session {
  token: string;
  user: Account;
}

const KEY = 'credence.session';

/** The sign-in lasts this browser tab (sessionStorage): closing it signs out, another tab signs in on its own. */
export function readSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function storeSession(session: Session | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}

const ENDED_KEY = 'credence.session-ended';

/**
 * Why the last session ended without the user signing out ('expired': the API answered 401), kept in the tab beside
 * the session: the sign-in page must still say so if the provider that heard the 401 is mounted again meanwhile.
 */
export function readEnded(): 'expired' | null {
  try {
    return sessionStorage.getItem(ENDED_KEY) === 'expired' ? 'expired' : null;
  } catch {
    return null;
  }
}

export function storeEnded(ended: 'expired' | null): void {
  if (ended) sessionStorage.setItem(ENDED_KEY, ended);
  else sessionStorage.removeItem(ENDED_KEY);
}

/** Where each role starts after signing in. */
export const LANDING: Record<Role, string> = {
  applicant: '/portal',
  officer: '/workbench',
  senior_reviewer: '/workbench',
  auditor: '/audit',
  admin: '/admin',
};
