import { CookieOptions, Request, Response } from 'express';
import { KiertoConfig, publicUrl } from '@kierto/config';

/**
 * Cookie names and flags. Over HTTPS the names carry the `__Host-` prefix: the browser then accepts
 * them only with Secure, Path=/ and no Domain, so a sibling subdomain cannot plant one.
 */
export class WebCookies {
  constructor(
    private readonly req: Request,
    private readonly config: KiertoConfig,
  ) {}

  get secure(): boolean {
    return this.req.secure || publicUrl(this.config).startsWith('https:');
  }

  name(base: 'session' | 'csrf' | 'lang'): string {
    return `${this.secure ? '__Host-' : ''}kierto_${base}`;
  }

  get(base: 'session' | 'csrf' | 'lang'): string | undefined {
    return parseCookies(this.req.headers.cookie)[this.name(base)];
  }

  set(res: Response, base: 'session' | 'csrf' | 'lang', value: string, maxAgeSeconds?: number): void {
    res.cookie(this.name(base), value, {
      ...this.options(),
      ...(maxAgeSeconds ? { maxAge: maxAgeSeconds * 1000 } : {}),
    });
  }

  clear(res: Response, base: 'session' | 'csrf' | 'lang'): void {
    res.clearCookie(this.name(base), this.options());
  }

  private options(): CookieOptions {
    return { httpOnly: true, sameSite: 'lax', secure: this.secure, path: '/' };
  }
}

/** The Cookie header as name → value; the first of duplicate names wins, malformed pairs are skipped. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    if (name in out) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      out[name] = decodeURIComponent(value);
    } catch {
      // A value we did not set: ignore it.
    }
  }
  return out;
}
