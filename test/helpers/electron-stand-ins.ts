/**
 * Stand-ins for the few Electron objects of the main process Cue's shell uses, so the real ipc.ts and
 * window-lockdown.ts run here, where no Electron binary exists. Each does what Electron does for the calls
 * Cue makes, and no more: ipcMain's one handler per channel and its error wrapping, the structured clone
 * every IPC message goes through, an event naming the calling web contents and frame (null once the frame
 * is gone); a web contents' navigation events and window-open handler; a session's permission handlers
 * (which, as in Electron, grant everything until a handler is set), request hooks and protocol handlers.
 * The renderer's side (contextBridge, ipcRenderer) is electron-renderer-stand-in.ts.
 */

/** Who sent an IPC message: the web contents, and the URL of the frame that called (null: it is gone). */
export interface StandInSender {
  id: number;
  frameUrl: string | null;
}

/** The IpcMainInvokeEvent fields ipc.ts reads. */
export interface StandInInvokeEvent {
  sender: { id: number };
  senderFrame: { url: string } | null;
}

type InvokeListener = (event: StandInInvokeEvent, ...args: unknown[]) => unknown;

export class StandInIpcMain {
  private readonly handlers = new Map<string, InvokeListener>();

  handle(channel: string, listener: InvokeListener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /**
   * What Electron does with a renderer's ipcRenderer.invoke: the arguments arrive as a structured clone,
   * the handler's answer goes back as one, and a handler that throws (or a channel without one) rejects
   * the renderer's promise with Electron's wrapped message, which keeps nothing but the text.
   */
  async invoke(sender: StandInSender, channel: string, args: unknown[]): Promise<unknown> {
    const fail = (cause: unknown) => new Error(`Error invoking remote method '${channel}': ${String(cause)}`);
    const handler = this.handlers.get(channel);
    if (!handler) throw fail(new Error(`No handler registered for '${channel}'`));
    const event = {
      sender: { id: sender.id },
      senderFrame: sender.frameUrl === null ? null : { url: sender.frameUrl },
    };
    let result: unknown;
    try {
      result = await handler(event, ...structuredClone(args));
    } catch (error) {
      throw fail(error);
    }
    return structuredClone(result);
  }
}

/** A navigation (or webview) event as Electron's listeners get it. */
export interface StandInEvent {
  url: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

type ContentsEvent = 'will-navigate' | 'will-redirect' | 'will-frame-navigate' | 'will-attach-webview';

export class StandInWebContents {
  private readonly listeners = new Map<string, ((event: StandInEvent) => void)[]>();
  private windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | undefined;

  constructor(readonly id: number) {}

  on(event: ContentsEvent, listener: (event: StandInEvent) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }

  /** Emits `event` to every listener; true when one of them prevented it (the navigation does not happen). */
  emit(event: ContentsEvent, url: string): boolean {
    const fired: StandInEvent = {
      url,
      defaultPrevented: false,
      preventDefault() {
        fired.defaultPrevented = true;
      },
    };
    for (const listener of this.listeners.get(event) ?? []) listener(fired);
    return fired.defaultPrevented;
  }

  /** window.open or a target=_blank link: Electron opens the window unless a handler denies it. */
  open(url: string): 'allow' | 'deny' {
    return this.windowOpenHandler?.({ url }).action ?? 'allow';
  }
}

interface RequestDetails {
  url: string;
  referrer: string;
  frame?: { url: string } | null;
}
type PermissionRequestHandler = (
  contents: { id: number },
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl: string; securityOrigin?: string; mediaTypes?: string[] },
) => void;
type PermissionCheckHandler = (
  contents: { id: number } | null,
  permission: string,
  origin: string,
  details: { requestingUrl?: string; securityOrigin?: string; mediaType?: string },
) => boolean;
type BeforeRequest = (details: RequestDetails, callback: (response: { cancel: boolean }) => void) => void;
type HeadersReceived = (
  details: { responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders: Record<string, string[]> }) => void,
) => void;
type ProtocolHandler = (request: Request) => Promise<Response>;

/** Electron's URL patterns: `<all_urls>`, or scheme://host/path with `*` for any run of characters. */
function matchesPattern(pattern: string, url: string): boolean {
  if (pattern === '<all_urls>') return true;
  const literal = (part: string) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const regex = new RegExp(`^${pattern.split('*').map(literal).join('.*')}$`);
  return regex.test(url);
}

export class StandInSession {
  private requestHandler: PermissionRequestHandler | undefined;
  private checkHandler: PermissionCheckHandler | undefined;
  private beforeRequest: { urls: string[]; listener: BeforeRequest } | undefined;
  private headersReceived: HeadersReceived | undefined;
  readonly handledSchemes = new Map<string, ProtocolHandler>();

  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.requestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.checkHandler = handler;
  }

  readonly webRequest = {
    onBeforeRequest: (filter: { urls: string[] }, listener: BeforeRequest): void => {
      this.beforeRequest = { urls: filter.urls, listener };
    },
    onHeadersReceived: (listener: HeadersReceived): void => {
      this.headersReceived = listener;
    },
  };

  readonly protocol = {
    handle: (scheme: string, handler: ProtocolHandler): void => {
      if (this.handledSchemes.has(scheme)) throw new Error(`The scheme ${scheme} is already handled`);
      this.handledSchemes.set(scheme, handler);
    },
  };

  /** A page asking for a permission; without a handler Electron grants it. */
  requestPermission(
    contents: { id: number },
    permission: string,
    details: Parameters<PermissionRequestHandler>[3],
  ): Promise<boolean> {
    const handler = this.requestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler(contents, permission, resolve, details));
  }

  /** Chromium asking whether a permission stands (navigator.permissions, enumerateDevices…). */
  checkPermission(
    contents: { id: number } | null,
    permission: string,
    origin: string,
    details: Parameters<PermissionCheckHandler>[3],
  ): boolean {
    return this.checkHandler ? this.checkHandler(contents, permission, origin, details) : true;
  }

  /** A request about to go out: true when the session cancels it. */
  cancels(details: RequestDetails): Promise<boolean> {
    const hook = this.beforeRequest?.urls.some((pattern) => matchesPattern(pattern, details.url))
      ? this.beforeRequest
      : undefined;
    if (!hook) return Promise.resolve(false);
    return new Promise((resolve) => hook.listener(details, (response) => resolve(response.cancel)));
  }

  /** A response's headers after the session's hook. */
  receiveHeaders(responseHeaders: Record<string, string[]>): Promise<Record<string, string[]>> {
    const hook = this.headersReceived;
    if (!hook) return Promise.resolve(responseHeaders);
    return new Promise((resolve) => hook({ responseHeaders }, (response) => resolve(response.responseHeaders)));
  }

  /** What a page's fetch of a custom-scheme URL gets: its handler's answer; an unhandled scheme fails. */
  fetch(url: string, init?: RequestInit): Promise<Response> {
    const handler = this.handledSchemes.get(new URL(url).protocol.slice(0, -1));
    if (!handler) return Promise.reject(new TypeError(`net::ERR_UNKNOWN_URL_SCHEME ${url}`));
    return handler(new Request(url, init));
  }
}
