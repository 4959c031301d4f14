import { ApiError, fallbackMessage } from '../api/client';

/** The file name a download names: RFC 5987 `filename*=UTF-8''…` first (Chinese names), then `filename="…"`. */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const encoded = disposition.match(/filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/);
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1].trim());
    } catch {
      // A malformed escape: fall through to the plain name.
    }
  }
  const plain = disposition.match(/filename\s*=\s*"?([^";]+)"?/);
  return plain ? plain[1].trim() : fallback;
}

/** The API's error body as an ApiError: a refused download shows its Chinese message, never a saved file. */
async function refusal(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => ({}))) as Partial<{
    code: string;
    message: string;
    details: ApiError['details'];
    requestId: string;
  }>;
  return new ApiError(
    response.status,
    body.code ?? `HTTP_${response.status}`,
    body.message ?? fallbackMessage(response.status),
    body.details ?? [],
    body.requestId,
  );
}

/**
 * Fetches a same-origin file (the session cookie rides along) and saves it under the server's name. Fetched
 * first rather than opened with <a download>, so a refusal (404 before the report ran) becomes the server's
 * Chinese message, not a file. Resolves to the name; rejects with an ApiError when refused or cut off.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  if (!response.ok) throw await refusal(response);
  let blob: Blob;
  try {
    blob = await response.blob();
  } catch {
    // The server cuts an export it cannot finish: a partial file must not look complete.
    throw new ApiError(0, 'DOWNLOAD_INTERRUPTED', '下载中断，文件不完整，请重试');
  }
  const name = fileNameFrom(response.headers.get('Content-Disposition'), fallbackName);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The browser reads the blob after the click returns; let it go once the save has begun.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
  return name;
}
