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

/** Where each role starts after signing in. */
export const LANDING: Record<Role, string> = {
  applicant: '/portal',
  officer: '/workbench',
  senior_reviewer: '/workbench',
  auditor: '/audit',
  admin: '/admin',
};
