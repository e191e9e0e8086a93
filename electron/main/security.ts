// The window's security settings and the Content-Security-Policy, in a module that does not
// import electron, so a test can read them under plain Node (test/electron/security.test.ts)
// and the web bridge can send the very same CSP.

/** The app's own scheme: the renderer is served from app://taizhang/, never file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'taizhang';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * No remote content at all: scripts, styles, fonts and images only from the app itself;
 * no eval, no inline script, no plugins, no frames, no form posts, no <base> tricks.
 * connect-src 'self' lets the browser build talk to its own 127.0.0.1 bridge.
 */
export const CSP_DIRECTIVES: Record<string, string> = {
  'default-src': "'none'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data: blob:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'worker-src': "'none'",
  'object-src': "'none'",
  'frame-src': "'none'",
  'child-src': "'none'",
  'media-src': "'none'",
  'manifest-src': "'self'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
};
export const CSP = Object.entries(CSP_DIRECTIVES)
  .map(([k, v]) => `${k} ${v}`)
  .join('; ');

/** Headers sent with every renderer file (custom protocol and bridge alike). */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=()',
};

/** webPreferences of the one window: isolated, sandboxed, no Node in the renderer. */
export function webPreferences(preload: string) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    devTools: true,
  } as const;
}

export function windowOptions(preload: string) {
  return {
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: '台账工作台',
    backgroundColor: '#f5f6f8',
    autoHideMenuBar: false,
    webPreferences: webPreferences(preload),
  };
}

/** Is this URL one of ours (the app scheme, or the dev server in development)? */
export function isAppUrl(url: string, devServer?: string): boolean {
  try {
    const u = new URL(url);
    if (u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST) return true;
    if (devServer) {
      const d = new URL(devServer);
      return u.origin === d.origin;
    }
    return false;
  } catch {
    return false;
  }
}

/** Permissions the renderer may be granted (none: clipboard writes do not need one). */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);
