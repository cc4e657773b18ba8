/**
 * Wires the shell's security decisions (shell-policy.ts) to a web contents and a session. The Electron
 * objects come in as parameters, described here by the little of them Cue uses, so the wiring runs in
 * unit tests against stand-ins (test/helpers/electron-stand-ins.ts) as it runs in the app (main.ts).
 */

import { serveAppFile, serveMediaFile } from './app-protocol';
import type { BlockedRequestLog } from './blocked-requests';
import type { MicrophoneArming } from './microphone-arming';
import { CONTENT_SECURITY_POLICY } from './served-content';
import {
  APP_SCHEME,
  allowsNavigation,
  allowsPermission,
  externalUrl,
  isOwnRequest,
  MEDIA_SCHEME,
} from './shell-policy';

/** What a navigation event carries: where it goes, and the means to refuse it. */
export interface NavigationEvent {
  url: string;
  preventDefault(): void;
}

/** The part of Electron's WebContents the lockdown uses. */
export interface LockableContents {
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** Who asks for a permission: Electron passes the web contents (the check handler may pass null). */
export interface Asker {
  id: number;
}

export interface PermissionRequestDetails {
  requestingUrl: string;
  /** Media requests only. */
  securityOrigin?: string;
  mediaTypes?: string[];
}

export interface PermissionCheckDetails {
  requestingUrl?: string;
  securityOrigin?: string;
  mediaType?: string;
}

export interface RequestDetails {
  url: string;
  referrer: string;
  /** The frame that asked; null once it navigated away or was destroyed. */
  frame?: { url: string } | null;
}

export interface HeadersDetails {
  responseHeaders?: Record<string, string[]>;
}

/** The part of Electron's Session the lockdown uses. */
export interface LockableSession {
  setPermissionRequestHandler(
    handler: (
      contents: Asker,
      permission: string,
      callback: (granted: boolean) => void,
      details: PermissionRequestDetails,
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (contents: Asker | null, permission: string, origin: string, details: PermissionCheckDetails) => boolean,
  ): void;
  webRequest: {
    onBeforeRequest(
      filter: { urls: string[] },
      listener: (details: RequestDetails, callback: (response: { cancel: boolean }) => void) => void,
    ): void;
    onHeadersReceived(
      listener: (
        details: HeadersDetails,
        callback: (response: { responseHeaders: Record<string, string[]> }) => void,
      ) => void,
    ): void;
  };
  protocol: { handle(scheme: string, handler: (request: Request) => Promise<Response>): void };
}

/** Every web contents (the window, and any a bug might create) stays on Cue's origin and opens nothing. */
export function lockDownContents(contents: LockableContents, openExternal: (url: string) => Promise<void>): void {
  const refuseUnlessApp = (event: NavigationEvent) => {
    if (!allowsNavigation(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', refuseUnlessApp);
  contents.on('will-redirect', refuseUnlessApp);
  contents.on('will-frame-navigate', refuseUnlessApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // the renderer has had the person confirm the full address; only web and mail links leave
    const external = externalUrl(url);
    if (external) void openExternal(external);
    return { action: 'deny' };
  });
}

export interface SessionLockdown {
  rendererDir: string;
  mediaDir: string;
  microphone: MicrophoneArming;
  blocked: BlockedRequestLog;
}

/** The page that made a request: its frame's URL, else (the frame gone) the referrer. */
function requester(details: RequestDetails): string {
  try {
    return details.frame?.url || details.referrer;
  } catch {
    // a frame that is gone may throw when read
    return details.referrer;
  }
}

/**
 * The session grants only the microphone while a recording is armed, loads nothing that is not Cue's own
 * (each refusal logged), and serves the app and media from their schemes.
 */
export function lockDownSession(ses: LockableSession, { rendererDir, mediaDir, microphone, blocked }: SessionLockdown) {
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    const origins = [details.requestingUrl, ...(details.securityOrigin === undefined ? [] : [details.securityOrigin])];
    const ask = { permission, origins, mediaTypes: details.mediaTypes ?? [] };
    callback(allowsPermission(ask, microphone.isArmedFor(contents.id)));
  });
  ses.setPermissionCheckHandler((contents, permission, requestingOrigin, details) => {
    const origins = [requestingOrigin, details.securityOrigin, details.requestingUrl].filter(
      (origin): origin is string => origin !== undefined,
    );
    const ask = { permission, origins, mediaTypes: details.mediaType ? [details.mediaType] : [] };
    return allowsPermission(ask, microphone.isArmedFor(contents?.id));
  });
  ses.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => {
    const own = isOwnRequest(details.url);
    if (!own) blocked.record(details.url, requester(details));
    callback({ cancel: !own });
  });
  // the protocol handlers set the CSP themselves; this covers any response that does not come from them
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  ses.protocol.handle(APP_SCHEME, (request) => serveAppFile(request, rendererDir));
  ses.protocol.handle(MEDIA_SCHEME, (request) => serveMediaFile(request, mediaDir));
}
