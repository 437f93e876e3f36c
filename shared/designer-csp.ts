// The designer's Content-Security-Policy, one definition for both hosts: `pipewright serve` and the
// desktop app's `app://` scheme. Nothing remote: scripts, styles, fonts, images, workers and
// connections come from the host itself. Monaco sets inline `style` attributes and starts its worker
// from a blob: URL. Only `form-action` differs: the desktop app submits no forms anywhere.
export function designerContentSecurityPolicy(formAction: "'self'" | "'none'"): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action ${formAction}`,
    "frame-ancestors 'none'",
  ].join('; ');
}
