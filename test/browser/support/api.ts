import type { Page } from 'playwright-core';
import { accessibilityViolations, pageProblems, type ConsoleUnderTest } from './console';

/** What most answers the tests read carry: a case or an application with its state and version. */
export type CaseAnswer = { id: string; state: string[]; version: number };

/**
 * A caller of the public API as a demo account, for arranging data the way the applicant or staff would make it
 * (the same calls the console makes). `ui` is read at call time, since it is started in beforeAll. `ifMatch` words
 * the version sent as If-Match (the API's expectedVersionOf reads it bare or quoted).
 */
export function apiCaller<D = CaseAnswer>(
  ui: () => ConsoleUnderTest,
  { ifMatch = String }: { ifMatch?: (version: number) => string } = {},
) {
  return async <T = D>(
    username: string,
    method: string,
    path: string,
    body?: unknown,
    version?: number,
  ): Promise<T> => {
    const res = await fetch(`${ui().api.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${await ui().token(username)}`,
        'Content-Type': 'application/json',
        ...(version !== undefined ? { 'If-Match': ifMatch(version) } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
}

/** Uploads a PDF as `username` through POST /api/v1/files and returns the file's id (for a material). */
export async function uploadPdf(
  ui: ConsoleUnderTest,
  username: string,
  name: string,
  bytes: string | Buffer,
): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: 'application/pdf' }), name);
  const res = await fetch(`${ui.api.baseUrl}/api/v1/files`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${await ui.token(username)}` },
    body: form,
  });
  if (!res.ok) throw new Error(`upload: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** The page as it is now has no serious or critical axe finding and no script or load error. */
export async function expectClean(page: Page): Promise<void> {
  expect(await accessibilityViolations(page)).toEqual([]);
  expect(pageProblems(page)).toEqual([]);
}
