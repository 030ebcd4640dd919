// How the WebClient's requests arrive at the fake Web API: form-encoded calls (JSON inside for nested
// values), JSON bodies, and file uploads.

export function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const form = Object.fromEntries(new URLSearchParams(raw));
  // The WebClient sends nested values (blocks, view) as JSON strings inside the form.
  return Object.fromEntries(
    Object.entries(form).map(([key, value]) => {
      if (/^[[{]/.test(value)) {
        try {
          return [key, JSON.parse(value)];
        } catch {
          return [key, value];
        }
      }
      return [key, value];
    }),
  );
}

/** The file in an upload: the body itself, or the one part of a multipart form. */
export function uploadedContent(raw: string, contentType: string | undefined): string {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType ?? '');
  if (!boundary) return raw;
  const part = raw.split(`--${boundary[1] ?? boundary[2]}`)[1] ?? '';
  return part.slice(part.indexOf('\r\n\r\n') + 4).replace(/\r\n$/, '');
}
