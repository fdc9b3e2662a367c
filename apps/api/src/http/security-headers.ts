import type { INestApplication } from '@nestjs/common';
import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/**
 * Express `trust proxy` from TRUST_PROXY: unset trusts no proxy (req.ip is the peer, X-Forwarded-* are ignored);
 * a number trusts that many hops; anything else is Express's list form (`loopback`, `10.0.0.0/8, 172.16.0.0/12`).
 * The rate limits key on req.ip and HSTS on req.secure, so both follow it.
 */
export function trustProxySetting(value: string): boolean | number | string {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed === 'false') return false;
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  return trimmed;
}

const hsts = helmet.strictTransportSecurity({ maxAge: 31_536_000, includeSubDomains: true });

/** HSTS on plain HTTP means nothing to a browser and would pin a development host to HTTPS: TLS requests only. */
function hstsOverTls(req: Request, res: Response, next: NextFunction): void {
  if (req.secure) hsts(req, res, next);
  else next();
}

/**
 * nosniff, no X-Powered-By, frame and referrer policies and a CSP that still lets the Swagger UI at /api/docs run
 * (its scripts are served from here; its styles are inline; its icons are data: URLs).
 */
export function securityHeaders(): RequestHandler[] {
  return [
    helmet({
      strictTransportSecurity: false,
      contentSecurityPolicy: {
        directives: {
          // Plain-HTTP development hosts (http://localhost:3000/api/docs) would otherwise have their assets upgraded.
          upgradeInsecureRequests: null,
          // The console previews a material in the page from the bytes it fetched with the bearer token (a blob:
          // URL of its own making): images and PDFs only from here, data: icons, and those blobs.
          imgSrc: ["'self'", 'data:', 'blob:'],
          frameSrc: ["'self'", 'blob:'],
        },
      },
    }),
    hstsOverTls,
  ];
}

export function applySecurityHeaders(app: INestApplication, trustProxy: string): void {
  const express = app.getHttpAdapter().getInstance() as Express;
  express.set('trust proxy', trustProxySetting(trustProxy));
  express.disable('x-powered-by');
  for (const handler of securityHeaders()) app.use(handler);
}
