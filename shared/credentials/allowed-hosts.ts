// Which hosts a credential may be sent to (DESIGN.md §6, §11): `allowedHosts` lists host names
// (`api.example.com`), wildcards for every name below a domain (`*.example.com`, not the domain
// itself) and addresses (`10.1.2.3`, `[::1]`). Ports do not matter. An absent or empty list means any
// host: old workspaces keep working, and the designer shows it as a warning. Pure, so the engine,
// the credential test and the designer's form agree on what matches.
import { z } from 'zod';

const LABEL = '[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?';
const HOST_PATTERN = new RegExp(`^(\\*\\.)?${LABEL}(\\.${LABEL})*$|^\\[[0-9a-f:.]+\\]$`);

export const allowedHostSchema = z
  .string()
  .max(253, { message: 'a host name has at most 253 characters' })
  .transform((value) => value.trim().toLowerCase())
  .refine((value) => HOST_PATTERN.test(value), {
    message: 'must be a host name (api.example.com), a wildcard (*.example.com) or an address (10.1.2.3, [::1]), without scheme, port or path',
  });

export const allowedHostsSchema = z.array(allowedHostSchema).max(100, { message: 'at most 100 allowed hosts' });

/** `api.example.com` matches itself, `*.example.com` every name below example.com (not itself). */
export function hostMatches(hostname: string, pattern: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  const wanted = pattern.trim().toLowerCase();
  return wanted.startsWith('*.') ? host.length > wanted.length - 1 && host.endsWith(wanted.slice(1)) : host === wanted;
}

/** True when a credential limited to `allowedHosts` may be sent to `hostname` (a URL's `hostname`). */
export function hostAllowed(hostname: string, allowedHosts: readonly string[] | undefined): boolean {
  if (allowedHosts === undefined || allowedHosts.length === 0) return true;
  return allowedHosts.some((pattern) => hostMatches(hostname, pattern));
}
