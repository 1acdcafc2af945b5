/** Who is logged in, for the whole app; a 401 from any call ends the session and shows the log-in screen. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, setUnauthenticatedHandler } from '../api/client.ts';
import type { Permission, User } from '../api/types.ts';
import type { Enrolment } from '../security/mfa-parts.tsx';

interface AuthState {
  user: User | null;
  loading: boolean;
  /** why the user is on the log-in screen, e.g. the session ended */
  notice: string | null;
  /** `tenant`: the office's short name (slug); empty for the default office */
  login: (username: string, password: string, tenant?: string) => Promise<void>;
  /** after a right password: the second step the server asks for, if any */
  mfaStep: 'verify' | 'enrol' | null;
  verifyCode: (code: string) => Promise<void>;
  startSetup: () => Promise<Enrolment>;
  confirmSetup: (code: string) => Promise<void>;
  /** recovery codes from an enrolment made while logging in, shown once before the app */
  freshRecoveryCodes: string[] | null;
  dismissRecoveryCodes: () => void;
  cancelLogin: () => void;
  logout: () => Promise<void>;
  can: (p: Permission) => boolean;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [loading, setLoading] = useState(true);
  const [notice, setNotice] = useState<string | null>(null);
  const [mfaStep, setMfaStep] = useState<'verify' | 'enrol' | null>(null);
  const [freshRecoveryCodes, setFreshRecoveryCodes] = useState<string[] | null>(null);

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

  const login = useCallback(async (username: string, password: string, tenant?: string) => {
    const res = await api.post<User | { mfa: 'verify' | 'enrol' }>('/api/auth/login', {
      ...(tenant?.trim() ? { tenant: tenant.trim() } : {}),
      username,
      password,
    });
    setNotice(null);
    if ('mfa' in res) setMfaStep(res.mfa);
    else setUser(res);
  }, []);

  // A 401 on the second step means the challenge expired: back to the password.
  const secondStep = useCallback(async <T,>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        setMfaStep(null);
        setNotice(e.message);
      }
      throw e;
    }
  }, []);

  const verifyCode = useCallback(
    async (code: string) => {
      const u = await secondStep(() => api.post<User>('/api/auth/mfa/verify', { code }));
      setMfaStep(null);
      setUser(u);
    },
    [secondStep],
  );

  const startSetup = useCallback(() => secondStep(() => api.post<Enrolment>('/api/auth/mfa/setup', {})), [secondStep]);

  const confirmSetup = useCallback(
    async (code: string) => {
      const { recoveryCodes, ...u } = await secondStep(() =>
        api.post<User & { recoveryCodes: string[] }>('/api/auth/mfa/setup/confirm', { code }),
      );
      setMfaStep(null);
      setFreshRecoveryCodes(recoveryCodes);
      setUser(u);
    },
    [secondStep],
  );

  const dismissRecoveryCodes = useCallback(() => setFreshRecoveryCodes(null), []);
  const cancelLogin = useCallback(() => setMfaStep(null), []);

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout', {});
    } finally {
      setUser(null);
      setNotice('You have logged out.');
    }
  }, []);

  const value = useMemo<AuthState>(
    () => ({
      user,
      loading,
      notice,
      login,
      logout,
      can: (p) => Boolean(user?.permissions.includes(p)),
      mfaStep,
      verifyCode,
      startSetup,
      confirmSetup,
      freshRecoveryCodes,
      dismissRecoveryCodes,
      cancelLogin,
    }),
    [
      user,
      loading,
      notice,
      login,
      logout,
      mfaStep,
      verifyCode,
      startSetup,
      confirmSetup,
      freshRecoveryCodes,
      dismissRecoveryCodes,
      cancelLogin,
    ],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
