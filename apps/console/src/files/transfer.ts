import { readSession } from '../auth/session';
import { currentLanguage } from '../i18n/language-store';
import { problemOf, ProblemError } from '../api/problem';
import type { components } from '../api/schema';

export type UploadedFile = components['schemas']['UploadedFileResponse'];

/** The API's default limit (MATERIAL_MAX_BYTES, 20 MB); the API judges the bytes again and answers a problem. */
export const MATERIAL_MAX_BYTES = 20 * 1024 * 1024;
/** What the API accepts (judged from the content there; here from the name and type, to refuse early). */
const ACCEPTED = /\.(pdf|jpe?g|png|ofd)$/i;
const ACCEPTED_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png', 'application/ofd']);
export const ACCEPT_ATTRIBUTE = '.pdf,.jpg,.jpeg,.png,.ofd,application/pdf,image/jpeg,image/png';

export type FileCheck = 'ok' | 'badType' | 'tooLarge';

export function checkMaterial(file: { name: string; type: string; size: number }): FileCheck {
  if (!ACCEPTED.test(file.name) && !ACCEPTED_TYPES.has(file.type)) return 'badType';
  if (file.size > MATERIAL_MAX_BYTES) return 'tooLarge';
  return 'ok';
}

function headers(): Record<string, string> {
  const token = readSession()?.token;
  return {
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
    'Accept-Language': currentLanguage() === 'en' ? 'en' : 'zh-CN',
  };
}

/**
 * Uploads one material with POST /api/v1/files, reporting progress (0–100). XMLHttpRequest, because fetch reports no
 * upload progress. One Idempotency-Key per file: a retry after a lost answer gets the first upload back (ADR 0006).
 */
export function uploadMaterial(file: File, onProgress: (percent: number) => void): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/v1/files');
    for (const [name, value] of Object.entries(headers())) request.setRequestHeader(name, value);
    request.setRequestHeader('Idempotency-Key', crypto.randomUUID());
    request.responseType = 'json';
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        onProgress(100);
        resolve(request.response as UploadedFile);
      } else
        reject(
          new ProblemError(
            problemOf(
              request.response,
              new Response(null, { status: request.status, statusText: request.statusText }),
            ),
          ),
        );
    };
    request.onerror = () => reject(new ProblemError({ title: '', status: 0, code: 'NETWORK_ERROR' }));
    const form = new FormData();
    form.append('file', file, file.name);
    request.send(form);
  });
}

/** How far a download is: a percentage when the answer said its length, otherwise only the bytes so far. */
export interface DownloadProgress {
  percent: number | null;
  receivedBytes: number;
}

/**
 * Fetches a file of the API reading the body as a stream, so the page can show progress (a streamed export says
 * no length: then the bytes received), and returns it with the name the API gave it.
 */
export async function fetchFile(
  path: string,
  onProgress: (progress: DownloadProgress) => void,
): Promise<{ blob: Blob; fileName: string | null }> {
  let response: Response;
  try {
    response = await fetch(path, { headers: headers() });
  } catch {
    throw new ProblemError({ title: '', status: 0, code: 'NETWORK_ERROR' });
  }
  if (!response.ok) throw new ProblemError(problemOf(await response.json().catch(() => null), response));
  const total = Number(response.headers.get('Content-Length') ?? 0);
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    onProgress({
      percent: total > 0 ? Math.min(99, Math.round((received / total) * 100)) : null,
      receivedBytes: received,
    });
  }
  onProgress({ percent: 100, receivedBytes: received });
  const type = response.headers.get('Content-Type') ?? 'application/octet-stream';
  return {
    blob: new Blob(chunks, { type }),
    fileName: fileNameOf(response.headers.get('Content-Disposition')),
  };
}

/** Hands a file to the browser to save under `fileName`. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads a document of the API (决定书, 告知书) with progress, then hands it to the browser as a file. */
export async function downloadDocument(path: string, onProgress: (percent: number) => void): Promise<void> {
  const { blob, fileName } = await fetchFile(path, (p) => {
    if (p.percent !== null) onProgress(p.percent);
  });
  saveFile(blob, fileName ?? 'document.pdf');
}

/** The file name of a Content-Disposition header (RFC 6266: filename* in UTF-8 first). */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded) return decodeURIComponent(encoded[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : null;
}
