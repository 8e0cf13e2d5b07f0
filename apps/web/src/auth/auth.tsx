import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { setUnauthorizedHandler } from '../api/http';
import { login, logout, me } from '../api/sen';
import type { User } from '../api/types';
import type { UserRole } from '../domain/vocabulary';
import { clearToken, getToken, setToken } from './session';

type Status = 'loading' | 'signedOut' | 'signedIn';

interface Auth {
  status: Status;
  user: User | null;
  /** Set when the API refused the token (expired): the sign-in page says so. */
  expired: boolean;
  signIn(username: string, password: string): Promise<User>;
  signOut(): void;
}

const AuthContext = createContext<Auth | null>(null);

/** Where each role starts. */
export function homeOf(role: UserRole): string {
  switch (role) {
    case 'social_worker':
    case 'supervisor':
      return '/cases';
    case 'agency_officer':
      return '/inbox';
    case 'analyst':
      return '/indicators';
    case 'admin':
      return '/administration';
    default: {
      const never: never = role;
      return never;
    }
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [status, setStatus] = useState<Status>(() => (getToken() ? 'loading' : 'signedOut'));
  const [expired, setExpired] = useState(false);
  const navigate = useNavigate();
  const location = useLocation();

  useEffect(() => {
    if (status !== 'loading') return;
    let cancelled = false;
    me()
      .then((u) => {
        if (cancelled) return;
        setUser(u);
        setStatus('signedIn');
      })
      .catch(() => {
        if (cancelled) return;
        clearToken();
        setStatus('signedOut');
      });
    return () => {
      cancelled = true;
    };
  }, [status]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setUser(null);
      setStatus('signedOut');
      setExpired(true);
      const next = `${location.pathname}${location.search}`;
      navigate(`/sign-in?next=${encodeURIComponent(next)}`, { replace: true });
    });
  }, [navigate, location.pathname, location.search]);

  const signIn = useCallback(async (username: string, password: string) => {
    const res = await login(username, password);
    setToken(res.accessToken);
    setUser(res.user);
    setExpired(false);
    setStatus('signedIn');
    return res.user;
  }, []);

  // The server ends the sessions first (the token is refused from then on, even if a copy of it survives); then a
  // full page load: whatever this tab held in memory (cases read, areas, positions) goes with the token. Signing
  // out works offline too: the token is dropped here whatever the server answered.
  const signOut = useCallback(() => {
    void logout()
      .catch(() => undefined)
      .finally(() => {
        clearToken();
        window.location.replace('/sign-in');
      });
  }, []);

  const value = useMemo(() => ({ status, user, expired, signIn, signOut }), [status, user, expired, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in user, inside pages that RequireRole guards. */
export function useUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}
