/**
 * The desktop shell's security decisions (electron/shell-policy.ts), put to hostile input: Cue's origin, links
 * that leave it, permissions, the window's settings, and the file paths its two schemes may name. The protocol
 * handlers that serve those files are app-protocol.test.ts.
 */
import { isAbsolute, join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MicrophoneArming } from '../../electron/microphone-arming';
import { CONTENT_SECURITY_POLICY, MEDIA_CONTENT_SECURITY_POLICY } from '../../electron/served-content';
import {
  APP_ENTRY_URL,
  allowsNavigation,
  allowsPermission,
  appFilePath,
  externalUrl,
  isAppUrl,
  isOwnRequest,
  MEDIA_SCHEME,
  mediaFilePath,
  PRIVILEGED_SCHEMES,
  WEB_PREFERENCES,
} from '../../electron/shell-policy';
import { MAX_RECORDING_MS, MICROPHONE_ARMED_MS } from '../../shared/recordings';

const root = '/opt/cue/dist/renderer';
const mediaDir = '/home/me/.config/Cue/media';

/** Not outside `dir`: the one property every answer of the path resolvers must have. */
function staysInside(dir: string, path: string | null): boolean {
  if (path === null) return true;
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

const LOOK_ALIKES = [
  'cue-app://app.evil/index.html',
  'cue-app://app.evil/',
  'cue-app://evil/index.html',
  'cue-app://evil/?next=cue-app://app/',
  'cue-app://app@evil/index.html',
  'cue-app://user:secret@app/index.html',
  'cue-app://app:8080/index.html',
  'cue-appx://app/index.html',
  'cue-ap://app/index.html',
  'cue-app:app/index.html',
  'cue-app:/app/index.html',
  'cue-media://app/index.html',
  'file:///opt/cue/dist/renderer/index.html',
  'https://app/index.html',
  'http://127.0.0.1:5173/index.html',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'about:blank',
  '',
  'not a url',
];

describe("Cue's origin", () => {
  it('is the app scheme and host exactly', () => {
    expect(APP_ENTRY_URL).toBe('cue-app://app/index.html');
    for (const url of [
      'cue-app://app/',
      'cue-app://app/index.html',
      'cue-app://app/index.html#/stats/1?at=2026-06-01',
    ]) {
      expect(isAppUrl(url), url).toBe(true);
      expect(allowsNavigation(url), url).toBe(true);
    }
  });

  it('is not any URL that merely starts like it or names it elsewhere', () => {
    for (const url of LOOK_ALIKES) {
      expect(isAppUrl(url), url).toBe(false);
      expect(allowsNavigation(url), url).toBe(false);
    }
  });

  it('refuses navigation to the web and to files', () => {
    for (const url of ['https://example.com/', 'http://example.com/', 'file:///etc/passwd', 'chrome://settings']) {
      expect(allowsNavigation(url), url).toBe(false);
    }
  });
});

describe('links that leave Cue', () => {
  it('go to the system browser or mail program only for http, https and mailto', () => {
    expect(externalUrl('https://en.wikipedia.org/wiki/Bloom_filter#Probability')).toBe(
      'https://en.wikipedia.org/wiki/Bloom_filter#Probability',
    );
    expect(externalUrl('HTTP://Example.COM')).toBe('http://example.com/');
    expect(externalUrl('mailto:someone@example.com?subject=Cue')).toBe('mailto:someone@example.com?subject=Cue');
  });

  it('never hand another scheme to the system', () => {
    for (const url of [
      'file:///etc/passwd',
      'file://server/share/run.exe',
      'smb://server/share',
      'javascript:alert(1)',
      'vbscript:msgbox(1)',
      'ms-msdt:/id PCWDiagnostic',
      'search-ms:query=x',
      'vscode://file/etc/passwd',
      'cue-app://app/index.html',
      'cue-media://media/a.png',
      'data:text/html,x',
      'about:blank',
      'not a url',
      '',
    ]) {
      expect(externalUrl(url), url).toBeNull();
    }
  });
});

const OTHER_PERMISSIONS = [
  'notifications',
  'geolocation',
  'clipboard-read',
  'clipboard-sanitized-write',
  'display-capture',
  'openExternal',
  'fullscreen',
  'pointerLock',
  'keyboardLock',
  'hid',
  'usb',
  'serial',
  'midi',
  'midiSysex',
  'fileSystem',
  'storage-access',
  'window-management',
  'unknown',
];
const MICROPHONE = { permission: 'media', origins: ['cue-app://app', 'cue-app://app/index.html#/study/1'] };

describe('permissions', () => {
  it("grant the microphone, audio only, to Cue's origin while a recording is armed", () => {
    expect(allowsPermission({ ...MICROPHONE, mediaTypes: ['audio'] }, true)).toBe(true);
  });

  it('refuse the microphone when no recording is armed', () => {
    expect(allowsPermission({ ...MICROPHONE, mediaTypes: ['audio'] }, false)).toBe(false);
  });

  it('never grant the camera, nor media of a kind not named', () => {
    for (const mediaTypes of [['video'], ['audio', 'video'], ['video', 'audio'], ['unknown'], [], ['Audio']]) {
      for (const armed of [true, false]) {
        expect(allowsPermission({ ...MICROPHONE, mediaTypes }, armed), `${mediaTypes} armed=${armed}`).toBe(false);
      }
    }
  });

  it("refuse the microphone to any origin but Cue's own, even armed", () => {
    for (const origin of LOOK_ALIKES) {
      const asks = [[origin], ['cue-app://app', origin], [origin, 'cue-app://app/index.html']];
      for (const origins of asks) {
        expect(allowsPermission({ permission: 'media', origins, mediaTypes: ['audio'] }, true), origin).toBe(false);
      }
    }
    expect(allowsPermission({ permission: 'media', origins: [], mediaTypes: ['audio'] }, true)).toBe(false);
  });

  it('refuse everything else, armed or not', () => {
    for (const permission of OTHER_PERMISSIONS) {
      for (const mediaTypes of [[], ['audio']]) {
        expect(allowsPermission({ permission, origins: MICROPHONE.origins, mediaTypes }, true), permission).toBe(false);
        expect(allowsPermission({ permission, origins: MICROPHONE.origins, mediaTypes }, false), permission).toBe(
          false,
        );
      }
    }
  });
});

describe('arming the microphone', () => {
  it('holds for the window that armed it, until disarmed', () => {
    const clock = { t: 1000 };
    const arming = new MicrophoneArming(() => clock.t, 60_000);
    expect(arming.isArmedFor(7)).toBe(false);
    expect(arming.arm(7)).toEqual({ armed: true, expiresInMs: 60_000 });
    expect(arming.isArmedFor(7)).toBe(true);
    expect(arming.isArmedFor(8)).toBe(false);
    expect(arming.isArmedFor(undefined)).toBe(false);
    expect(arming.disarm()).toEqual({ armed: false, expiresInMs: 0 });
    expect(arming.isArmedFor(7)).toBe(false);
  });

  it('expires by itself after its bounded time', () => {
    const clock = { t: 1000 };
    const arming = new MicrophoneArming(() => clock.t, 60_000);
    arming.arm(7);
    clock.t += 59_999;
    expect(arming.isArmedFor(7)).toBe(true);
    clock.t += 1;
    expect(arming.isArmedFor(7)).toBe(false);
    // and stays expired
    clock.t -= 10;
    expect(arming.isArmedFor(7)).toBe(false);
  });

  it('lasts one recording at most by default', () => {
    const clock = { t: 0 };
    const arming = new MicrophoneArming(() => clock.t);
    expect(arming.arm(1).expiresInMs).toBe(MICROPHONE_ARMED_MS);
    expect(MICROPHONE_ARMED_MS).toBeLessThanOrEqual(MAX_RECORDING_MS + 60_000);
    clock.t = MICROPHONE_ARMED_MS;
    expect(arming.isArmedFor(1)).toBe(false);
  });
});

describe('the window and its schemes', () => {
  it('keep Node out of the page, the sandbox and web security on, and webviews off; let card sounds play', () => {
    expect(WEB_PREFERENCES).toMatchObject({
      autoplayPolicy: 'no-user-gesture-required',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(WEB_PREFERENCES).not.toHaveProperty('enableBlinkFeatures');
    expect(WEB_PREFERENCES).not.toHaveProperty('preload');
  });

  it('register the app scheme as standard and secure, without CSP bypass, CORS or service workers', () => {
    const app = PRIVILEGED_SCHEMES.find((s) => s.scheme === 'cue-app');
    expect(app?.privileges).toEqual({ standard: true, secure: true, supportFetchAPI: true });
    for (const scheme of PRIVILEGED_SCHEMES) {
      expect(scheme.privileges, scheme.scheme).not.toHaveProperty('bypassCSP');
      expect(scheme.privileges, scheme.scheme).not.toHaveProperty('corsEnabled');
      expect(scheme.privileges, scheme.scheme).not.toHaveProperty('allowServiceWorkers');
    }
    expect(PRIVILEGED_SCHEMES.map((s) => s.scheme)).toContain(MEDIA_SCHEME);
  });
});

describe('requests', () => {
  it("let through Cue's page, its media, what the page made itself and the developer tools", () => {
    for (const url of [
      'cue-app://app/index.html',
      'cue-app://app/assets/index-CyHWdGVH.js',
      'cue-media://media/bloom.png',
      'cue-media://media/caf%C3%A9.mp3',
      'data:image/png;base64,iVBORw0KGgo=',
      'blob:cue-app://app/6f1c3c1e-2b7a-4a47-9d0e-0b6c1b2f4f11',
      'devtools://devtools/bundled/devtools_app.html',
    ]) {
      expect(isOwnRequest(url), url).toBe(true);
    }
  });

  it('cancel the network, files, look-alike origins, other blobs and unknown schemes', () => {
    for (const url of [
      'https://fonts.googleapis.com/css?family=Roboto',
      'http://127.0.0.1:8080/api/decks.list',
      'ws://example.com/socket',
      'wss://example.com/socket',
      'ftp://example.com/file',
      'file:///etc/passwd',
      'blob:https://example.com/6f1c3c1e',
      'blob:null/6f1c3c1e',
      'cue-media://evil/a.png',
      'cue-media://media@evil/a.png',
      'chrome://settings',
      'chrome-extension://abcdefghijklmnop/x.js',
      ...LOOK_ALIKES.filter((url) => !url.startsWith('data:')),
    ]) {
      expect(isOwnRequest(url), url).toBe(false);
    }
  });
});

describe('the content security policy', () => {
  const directives = (policy: string) =>
    new Map(
      policy
        .split(';')
        .map((part) => part.trim().split(/\s+/) as [string, ...string[]])
        .map(([k, ...v]) => [k, v]),
    );

  it("allows no remote source and no eval, only the page, data: and Cue's media", () => {
    const policy = directives(CONTENT_SECURITY_POLICY);
    const allowed = new Set(["'self'", "'none'", 'data:', 'cue-media:', "'unsafe-inline'"]);
    for (const [directive, sources] of policy) {
      for (const source of sources) expect(allowed.has(source), `${directive} ${source}`).toBe(true);
    }
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|wasm-unsafe-eval|https?:|wss?:|\*/);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    // inline styles are the cards' own (sanitised and scoped); inline script never is
    expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    for (const directive of ['object-src', 'base-uri', 'form-action', 'frame-ancestors']) {
      expect(policy.get(directive), directive).toEqual(["'none'"]);
    }
  });

  it('lets a media file opened on its own load nothing at all', () => {
    expect(directives(MEDIA_CONTENT_SECURITY_POLICY).get('default-src')).toEqual(["'none'"]);
    expect(MEDIA_CONTENT_SECURITY_POLICY).not.toContain('script-src');
  });
});

describe('the app protocol’s file paths', () => {
  it('name files of the renderer folder; "/" is index.html', () => {
    expect(appFilePath('cue-app://app/', root)).toBe(join(root, 'index.html'));
    expect(appFilePath('cue-app://app/index.html#/import', root)).toBe(join(root, 'index.html'));
    expect(appFilePath('cue-app://app/assets/index-CyHWdGVH.js?v=1', root)).toBe(
      join(root, 'assets', 'index-CyHWdGVH.js'),
    );
    expect(appFilePath('cue-app://app/assets/a%20b.css', root)).toBe(join(root, 'assets', 'a b.css'));
  });

  it('resolve literal and %2e dot segments inside the folder, as the URL parser does', () => {
    expect(appFilePath('cue-app://app/../../etc/passwd', root)).toBe(join(root, 'etc', 'passwd'));
    expect(appFilePath('cue-app://app/%2e%2e/%2e%2e/etc/passwd', root)).toBe(join(root, 'etc', 'passwd'));
    expect(appFilePath('cue-app://app/assets/%2E%2E/index.html', root)).toBe(join(root, 'index.html'));
  });

  it('refuse encoded separators, NUL, malformed escapes, dot-files and drive letters', () => {
    for (const url of [
      'cue-app://app/..%2f..%2fetc%2fpasswd',
      'cue-app://app/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      'cue-app://app/assets%2f..%2f..%2fsecret',
      'cue-app://app/..%5c..%5cwindows%5cwin.ini',
      'cue-app://app/a\\..\\..\\secret',
      'cue-app://app/index.html%00.png',
      'cue-app://app/%00',
      'cue-app://app/%',
      'cue-app://app/%zz',
      'cue-app://app/%E0%A4%A',
      'cue-app://app/.env',
      'cue-app://app/assets/.hidden',
      'cue-app://app/C:/Windows/win.ini',
      'cue-app://app/C:%5cWindows%5cwin.ini',
      'cue-app://app/file.txt:stream',
    ]) {
      expect(appFilePath(url, root), url).toBeNull();
    }
  });

  it('refuse other schemes and look-alike origins', () => {
    for (const url of LOOK_ALIKES) expect(appFilePath(url, root), url).toBeNull();
    expect(appFilePath('cue-media://media/index.html', root)).toBeNull();
  });

  it('never leave the folder, whatever the path', () => {
    const char = fc.constantFrom('.', '/', '\\', '%', '2', 'e', 'E', 'f', 'F', '5', 'c', '0', 'a', ':', '?', '#', '~');
    fc.assert(
      fc.property(fc.array(char, { maxLength: 24 }), (chars) => {
        const path = appFilePath(`cue-app://app/${chars.join('')}`, root);
        expect(staysInside(root, path), String(path)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the media protocol’s file paths', () => {
  it('name one file of the media folder', () => {
    expect(mediaFilePath('cue-media://media/bloom.png', mediaDir)).toBe(join(mediaDir, 'bloom.png'));
    expect(mediaFilePath('cue-media://media/caf%C3%A9%20menu.png', mediaDir)).toBe(join(mediaDir, 'café menu.png'));
  });

  it('refuse anything but a bare, safe file name on the media host', () => {
    for (const url of [
      'cue-media://media/',
      'cue-media://media/sub/a.png',
      'cue-media://media/..%2fcollection.sqlite',
      'cue-media://media/%2e%2e%2fcollection.sqlite',
      'cue-media://media/..%5ccollection.sqlite',
      'cue-media://media/a.png%00.svg',
      'cue-media://media/bad%',
      'cue-media://media/.bloom.png.writing',
      'cue-media://media/C:x.png',
      'cue-media://evil/a.png',
      'cue-media://media.evil/a.png',
      'cue-media://media@evil/a.png',
      'cue-app://app/a.png',
      'file:///home/me/.config/Cue/media/a.png',
    ]) {
      expect(mediaFilePath(url, mediaDir), url).toBeNull();
    }
  });

  it('never leave the folder, whatever the name', () => {
    const char = fc.constantFrom('.', '/', '\\', '%', '2', 'e', 'f', '5', 'c', '0', 'a', ':');
    fc.assert(
      fc.property(fc.array(char, { maxLength: 24 }), (chars) => {
        const path = mediaFilePath(`cue-media://media/${chars.join('')}`, mediaDir);
        expect(staysInside(mediaDir, path), String(path)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
