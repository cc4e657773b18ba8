/**
 * The desktop shell's security decisions (electron/shell-policy.ts) and its protocol handlers
 * (electron/app-protocol.ts), put to hostile input. The handlers run as Electron runs them: a Request in,
 * a Response out, over real files in a temporary folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serveAppFile, serveMediaFile } from '../../electron/app-protocol';
import { appContentType, CONTENT_SECURITY_POLICY, mediaContentType } from '../../electron/served-content';
import {
  APP_ENTRY_URL,
  allowsNavigation,
  allowsPermission,
  appFilePath,
  externalUrl,
  isAppUrl,
  MEDIA_SCHEME,
  mediaFilePath,
  PRIVILEGED_SCHEMES,
  REMOTE_URL_PATTERNS,
  WEB_PREFERENCES,
} from '../../electron/shell-policy';
import { tempDir } from '../helpers/collections';

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

describe('permissions', () => {
  it('are all refused', () => {
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'clipboard-read',
      'clipboard-sanitized-write',
      'openExternal',
      'fullscreen',
      'pointerLock',
      'hid',
      'usb',
      'serial',
      'midiSysex',
      'fileSystem',
      'storage-access',
    ]) {
      expect(allowsPermission(permission), permission).toBe(false);
    }
  });
});

describe('the window and its schemes', () => {
  it('keep Node out of the page, the sandbox and web security on, and webviews off', () => {
    expect(WEB_PREFERENCES).toMatchObject({
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

  it('cancel every remote request', () => {
    expect(REMOTE_URL_PATTERNS).toEqual(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']);
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

describe('content types', () => {
  it('fit every kind of file the renderer build holds', () => {
    expect(
      ['index.html', 'a.js', 'a.mjs', 'a.css', 'KaTeX_Main.woff2', 'b.woff', 'c.ttf', 'd.svg', 'a.js.map', 'X.JS'].map(
        appContentType,
      ),
    ).toEqual([
      'text/html; charset=utf-8',
      'text/javascript; charset=utf-8',
      'text/javascript; charset=utf-8',
      'text/css; charset=utf-8',
      'font/woff2',
      'font/woff',
      'font/ttf',
      'image/svg+xml',
      'application/json',
      'text/javascript; charset=utf-8',
    ]);
    expect(appContentType('setup.exe')).toBe('application/octet-stream');
  });

  it('fit the images and sounds cards hold', () => {
    expect(['a.png', 'a.JPG', 'a.avif', 'a.svg', 'a.mp3', 'a.ogg', 'a.webm'].map(mediaContentType)).toEqual([
      'image/png',
      'image/jpeg',
      'image/avif',
      'image/svg+xml',
      'audio/mpeg',
      'audio/ogg',
      'video/webm',
    ]);
    expect(mediaContentType('a.html')).toBe('application/octet-stream');
  });
});

describe('the app protocol handler', () => {
  function site() {
    const dir = tempDir('cue-shell-');
    const renderer = join(dir, 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Cue</title>');
    writeFileSync(join(renderer, 'assets', 'index.js'), 'console.log("cue")');
    writeFileSync(join(renderer, 'assets', 'KaTeX_Main-Regular.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
    writeFileSync(join(dir, 'secret.txt'), 'SECRET');
    return renderer;
  }

  it('serves the renderer’s files with their type and the CSP', async () => {
    const renderer = site();
    const page = await serveAppFile(new Request('cue-app://app/'), renderer);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<!doctype html><title>Cue</title>');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const script = await serveAppFile(new Request('cue-app://app/assets/index.js'), renderer);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log("cue")');
    const font = await serveAppFile(new Request('cue-app://app/assets/KaTeX_Main-Regular.woff2'), renderer);
    expect(font.headers.get('content-type')).toBe('font/woff2');
    expect([...new Uint8Array(await font.arrayBuffer())]).toEqual([0x77, 0x4f, 0x46, 0x32]);
  });

  it('answers 404, with the CSP, for missing files, folders and every way out of the folder', async () => {
    const renderer = site();
    for (const url of [
      'cue-app://app/missing.js',
      'cue-app://app/assets',
      'cue-app://app/../secret.txt',
      'cue-app://app/..%2fsecret.txt',
      'cue-app://app/%2e%2e%2fsecret.txt',
      'cue-app://app/assets/..%2f..%2fsecret.txt',
      'cue-app://app/index.html%00',
      'cue-app://app/%E0%A4%A',
      'cue-app://app.evil/index.html',
    ]) {
      const response = await serveAppFile(new Request(url), renderer);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
      expect(await response.text(), url).not.toContain('SECRET');
    }
  });

  it('only reads: HEAD has no body, POST is refused', async () => {
    const renderer = site();
    const head = await serveAppFile(new Request('cue-app://app/index.html', { method: 'HEAD' }), renderer);
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await serveAppFile(new Request('cue-app://app/index.html', { method: 'POST', body: 'x' }), renderer);
    expect(post.status).toBe(405);
  });
});

describe('the media protocol handler', () => {
  it('streams a media file with its type, and refuses the database beside the folder', async () => {
    const dir = tempDir('cue-media-');
    const media = join(dir, 'media');
    mkdirSync(media);
    const image = Buffer.alloc(300_000, 7);
    writeFileSync(join(media, 'bloom.png'), image);
    writeFileSync(join(media, '.bloom.png.writing'), 'half');
    writeFileSync(join(dir, 'collection.sqlite'), 'SQLite format 3');
    const response = await serveMediaFile(new Request('cue-media://media/bloom.png'), media);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-length')).toBe('300000');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(Buffer.from(await response.arrayBuffer()).equals(image)).toBe(true);
    for (const url of [
      'cue-media://media/missing.png',
      'cue-media://media/.bloom.png.writing',
      'cue-media://media/..%2fcollection.sqlite',
      'cue-media://media/%2e%2e%2fcollection.sqlite',
      'cue-media://media/../collection.sqlite',
      'cue-media://evil/bloom.png',
    ]) {
      const refused = await serveMediaFile(new Request(url), media);
      expect(refused.status, url).toBe(404);
      expect(await refused.text(), url).not.toContain('SQLite');
    }
  });
});
