import { ApiError, fallbackMessage } from '../api/client';

/** The file name a Content-Disposition header offers: its UTF-8 `filename*` (Chinese names), else `filename`. */
export function fileNameFrom(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1].trim());
    } catch {
      // a malformed escape: fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain ? plain[1].trim() : fallback;
}

/**
 * Downloads a file the API serves (an .xlsx export) with the session cookie. Fetched first rather than opened
 * with <a download>, so a refusal (404 before the report ran) becomes the server's Chinese message, not a file.
 */
export async function downloadFile(url: string, fallbackName: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as Partial<{ code: string; message: string }>;
    throw new ApiError(
      response.status,
      body.code ?? `HTTP_${response.status}`,
      body.message ?? fallbackMessage(response.status),
    );
  }
  const name = fileNameFrom(response.headers.get('Content-Disposition'), fallbackName);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked a little later: the browser reads the blob after the click returns.
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  return name;
}
