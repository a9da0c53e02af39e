// The public API, as the gateway serves it at this page's own origin. Errors are RFC 9457 problems.
import { fetchEventSource } from '@microsoft/fetch-event-source';

export interface Problem {
  status: number;
  title: string;
  detail?: string;
}

export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

export interface Money { amount: number; currency: string }
export interface Place { lat: number; lng: number; address?: string }
export interface Position { lat: number; lng: number; at?: string }

export async function api<T>(path: string, options: { method?: string; body?: unknown; token?: string | null;
  headers?: Record<string, string> } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...options.headers };
  if (options.body !== undefined && !headers['Content-Type']) {
    headers['Content-Type'] = 'application/json';
  }
  if (options.token) {
    headers.Authorization = `Bearer ${options.token}`;
  }
  const response = await fetch(path, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ProblemError(json && typeof json === 'object' && 'title' in json
      ? json as Problem : { status: response.status, title: response.statusText || `HTTP ${response.status}` });
  }
  return json as T;
}

/**
 * Server-Sent Events with a bearer token (EventSource cannot send one): each "view" event's data,
 * resumed after the last version seen when the connection drops. Returns a function that stops it.
 */
export function follow<T>(path: string, token: string | null, onView: (view: T) => void,
  onRefused: (problem: Problem) => void = () => {}): () => void {
  const stop = new AbortController();
  void fetchEventSource(path, {
    signal: stop.signal,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    openWhenHidden: true,
    async onopen(response) {
      if (!response.ok) {
        const problem: Problem = await response.json().catch(() => ({ status: response.status, title: 'refused' }));
        onRefused(problem);
        throw new ProblemError(problem); // a refusal is not retried
      }
    },
    onmessage(message) {
      if (message.event === 'view' && message.data) {
        onView(JSON.parse(message.data) as T);
      }
    },
    onerror(error) {
      if (error instanceof ProblemError) {
        throw error;
      }
      return 2000; // retry, resuming after Last-Event-ID
    },
  }).catch(() => {});
  return () => stop.abort();
}
