// Who is signed in, per kind of user (each page keeps its own, so a customer and a driver can share
// a browser): the bearer token from sign-in and the claims it carries.
import { api } from './api';

export type Kind = 'customer' | 'driver' | 'operator';

export interface Claims {
  sub: string;
  roles: string[];
  member_id?: string;
  taxi_id?: string;
  phone?: string;
  exp: number;
}

interface Tokens { access_token: string; refresh_token?: string }

export function claimsOf(token: string): Claims {
  const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const json = decodeURIComponent(Array.from(atob(payload), c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
  return JSON.parse(json) as Claims;
}

export function tokenOf(kind: Kind): string | null {
  const token = sessionStorage.getItem(`anycalltaxi.${kind}`);
  if (!token) {
    return null;
  }
  if (claimsOf(token).exp * 1000 < Date.now()) {
    sessionStorage.removeItem(`anycalltaxi.${kind}`);
    return null;
  }
  return token;
}

export function keep(kind: Kind, token: string): void {
  sessionStorage.setItem(`anycalltaxi.${kind}`, token);
}

export function signOut(kind: Kind): void {
  sessionStorage.removeItem(`anycalltaxi.${kind}`);
}

export function sendCode(phone: string): Promise<unknown> {
  return api('/auth/codes', { body: { phone } });
}

export async function tradeCode(phone: string, code: string): Promise<string> {
  const tokens = await api<Tokens>('/auth/tokens', { body: { phone, code } });
  return tokens.access_token;
}
