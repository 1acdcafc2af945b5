/** Who is logged in, for the whole app; a 401 from any call ends the session and shows the log-in screen. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, setUnauthenticatedHandler } from '../api/client.ts';
import type { Permission, User } from '../api/types.ts';

interface AuthState {
  user: User | null;
  loading: boolean;
  /** why the user is on the log-in screen, e.g. the session ended */
  notice: string | null;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  can: (p: Permission) => boolean;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [loading, setLoading] = useState(true);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api
      .get<User>('/api/auth/me')
      .then((u) => live && setUser(u))
      .catch((e: unknown) => {
        if (live && !(e instanceof ApiError && e.status === 401)) setNotice(e instanceof Error ? e.message : String(e));
      })
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setUser(null);
      setNotice('Your session has ended. Please log in again.');
    });
    return () => setUnauthenticatedHandler(null);
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const u = await api.post<User>('/api/auth/login', { username, password });
    setNotice(null);
    setUser(u);
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout', {});
    } finally {
      setUser(null);
      setNotice('You have logged out.');
    }
  }, []);

  const value = useMemo<AuthState>(
    () => ({ user, loading, notice, login, logout, can: (p) => Boolean(user?.permissions.includes(p)) }),
    [user, loading, notice, login, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
