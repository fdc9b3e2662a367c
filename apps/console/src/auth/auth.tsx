import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { api, setUnauthorizedHandler, unwrap } from '../api/client';
import { readEnded, readSession, storeEnded, storeSession, type Role, type Session } from './session';

interface Auth {
  session: Session | null;
  /** Why the last session ended when the user did not sign out: the sign-in page says so. */
  ended: 'expired' | null;
  signIn: (session: Session) => void;
  /** `expired`: the API answered 401 (the sign-in page says why). */
  signOut: (reason?: 'expired') => void;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(readSession);
  const [ended, setEnded] = useState<'expired' | null>(readEnded);
  const navigate = useNavigate();
  const queries = useQueryClient();

  const signIn = useCallback((next: Session) => {
    storeSession(next);
    storeEnded(null);
    setSession(next);
    setEnded(null);
  }, []);
  const signOut = useCallback(
    (reason?: 'expired') => {
      storeSession(null);
      storeEnded(reason ?? null);
      setSession(null);
      setEnded(reason ?? null);
      // Nothing one account read may show to the next.
      queries.clear();
      if (!reason) void navigate('/', { replace: true });
      // expired: the page's RequireRole sends the user to sign-in, remembering the page to come back to.
    },
    [navigate, queries],
  );
  useEffect(() => setUnauthorizedHandler(() => signOut('expired')), [signOut]);
  // A token kept from an earlier visit may have expired or been revoked: asked once, a 401 signs out at once.
  useQuery({
    queryKey: ['me', session?.token],
    enabled: session !== null,
    queryFn: () => unwrap(api.GET('/api/v1/auth/me')),
    staleTime: Infinity,
  });

  const value = useMemo(() => ({ session, ended, signIn, signOut }), [session, ended, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** A page for signed-in users of these roles (any role when none is given); others go to sign-in. */
export function RequireRole({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { session } = useAuth();
  const location = useLocation();
  if (!session) return <Navigate to="/" replace state={{ from: location.pathname + location.search }} />;
  if (roles && !roles.includes(session.user.role)) return <Navigate to="/" replace />;
  return children;
}
