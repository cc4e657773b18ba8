/**
 * The shell's wiring of its security decisions (electron/window-lockdown.ts), run against the stand-in web
 * contents and session of test/helpers/electron-stand-ins.ts as main.ts runs it against Electron's:
 * navigation, new windows, webviews, permissions, the requests the session refuses and logs, the CSP on
 * every response, and the two protocol handlers over real files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlockedRequestLog } from '../../electron/blocked-requests';
import { MicrophoneArming } from '../../electron/microphone-arming';
import { CONTENT_SECURITY_POLICY } from '../../electron/served-content';
import { lockDownContents, lockDownSession } from '../../electron/window-lockdown';
import { tempDir } from '../helpers/collections';
import { StandInSession, StandInWebContents } from '../helpers/electron-stand-ins';

function lockedContents() {
  const contents = new StandInWebContents(1);
  const opened: string[] = [];
  lockDownContents(contents, async (url) => {
    opened.push(url);
  });
  return { contents, opened };
}

function lockedSession() {
  const dir = tempDir('cue-lockdown-');
  const rendererDir = join(dir, 'renderer');
  const mediaDir = join(dir, 'media');
  mkdirSync(rendererDir);
  mkdirSync(mediaDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Cue</title>');
  writeFileSync(join(mediaDir, 'bloom.png'), 'PNG');
  writeFileSync(join(dir, 'collection.sqlite'), 'SQLite format 3');
  const clock = { t: 0 };
  const microphone = new MicrophoneArming(() => clock.t, 60_000);
  const lines: string[] = [];
  const blocked = new BlockedRequestLog(3, (line) => lines.push(line));
  const session = new StandInSession();
  lockDownSession(session, { rendererDir, mediaDir, microphone, blocked });
  return { session, microphone, blocked, lines, clock };
}

describe('a locked-down web contents', () => {
  it('stays on Cue’s origin: navigations, redirects and frame navigations elsewhere are refused', () => {
    const { contents } = lockedContents();
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate'] as const) {
      expect(contents.emit(event, 'cue-app://app/index.html#/stats/1'), event).toBe(false);
      for (const url of [
        'https://example.com/',
        'http://127.0.0.1:5173/',
        'file:///etc/passwd',
        'cue-app://app.evil/index.html',
        'cue-media://media/a.svg',
        'javascript:alert(1)',
        'about:blank',
      ]) {
        expect(contents.emit(event, url), `${event} ${url}`).toBe(true);
      }
    }
  });

  it('opens no window, and hands only web and mail links to the system', () => {
    const { contents, opened } = lockedContents();
    for (const url of [
      'https://en.wikipedia.org/wiki/Bloom_filter',
      'http://example.com/a?b=1',
      'mailto:someone@example.com',
      'file:///etc/passwd',
      'smb://server/share',
      'cue-app://app/index.html',
      'javascript:alert(1)',
      'about:blank',
    ]) {
      expect(contents.open(url), url).toBe('deny');
    }
    expect(opened).toEqual([
      'https://en.wikipedia.org/wiki/Bloom_filter',
      'http://example.com/a?b=1',
      'mailto:someone@example.com',
    ]);
  });

  it('refuses every webview', () => {
    const { contents } = lockedContents();
    expect(contents.emit('will-attach-webview', 'cue-app://app/index.html')).toBe(true);
    expect(contents.emit('will-attach-webview', 'https://example.com/')).toBe(true);
  });

  it('is what the stand-in would otherwise allow (the stand-in itself refuses nothing)', () => {
    const open = new StandInWebContents(2);
    expect(open.emit('will-navigate', 'https://example.com/')).toBe(false);
    expect(open.open('https://example.com/')).toBe('allow');
  });
});

const MIC = { requestingUrl: 'cue-app://app/index.html#/study/1', securityOrigin: 'cue-app://app/' };

describe('a locked-down session’s permissions', () => {
  it('grant the microphone only while armed, only to the web contents that armed it, audio only', async () => {
    const { session, microphone } = lockedSession();
    const window = { id: 1 };
    const ask = () => session.requestPermission(window, 'media', { ...MIC, mediaTypes: ['audio'] });
    expect(await ask()).toBe(false);
    microphone.arm(1);
    expect(await ask()).toBe(true);
    expect(session.checkPermission(window, 'media', 'cue-app://app', { ...MIC, mediaType: 'audio' })).toBe(true);
    expect(await session.requestPermission({ id: 2 }, 'media', { ...MIC, mediaTypes: ['audio'] })).toBe(false);
    expect(session.checkPermission(null, 'media', 'cue-app://app', { ...MIC, mediaType: 'audio' })).toBe(false);
    expect(await session.requestPermission(window, 'media', { ...MIC, mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(await session.requestPermission(window, 'media', { ...MIC, mediaTypes: ['video'] })).toBe(false);
    expect(session.checkPermission(window, 'media', 'cue-app://app', { ...MIC, mediaType: 'video' })).toBe(false);
    const elsewhere = { requestingUrl: 'https://example.com/', securityOrigin: 'https://example.com/' };
    expect(await session.requestPermission(window, 'media', { ...elsewhere, mediaTypes: ['audio'] })).toBe(false);
    expect(session.checkPermission(window, 'media', 'https://example.com', { mediaType: 'audio' })).toBe(false);
    microphone.disarm();
    expect(await ask()).toBe(false);
  });

  it('refuse everything else, armed or not', async () => {
    const { session, microphone } = lockedSession();
    for (const armed of [false, true]) {
      if (armed) microphone.arm(1);
      for (const permission of ['notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen']) {
        const details = { requestingUrl: MIC.requestingUrl };
        expect(await session.requestPermission({ id: 1 }, permission, details), permission).toBe(false);
        expect(session.checkPermission({ id: 1 }, permission, 'cue-app://app', details), permission).toBe(false);
      }
    }
  });

  it('are what a session without the lockdown would grant', async () => {
    const open = new StandInSession();
    expect(await open.requestPermission({ id: 1 }, 'geolocation', { requestingUrl: 'https://example.com/' })).toBe(
      true,
    );
  });
});

describe('a locked-down session’s requests', () => {
  it("let Cue's own through and cancel every other, logging each address once with the page that asked", async () => {
    const { session, blocked, lines } = lockedSession();
    const page = 'cue-app://app/index.html#/study/1';
    for (const url of ['cue-app://app/assets/index.js', 'cue-media://media/bloom.png', 'data:image/png;base64,AA==']) {
      expect(await session.cancels({ url, referrer: '', frame: { url: page } }), url).toBe(false);
    }
    const font = 'https://fonts.gstatic.com/s/roboto.woff2';
    for (let i = 0; i < 3; i++)
      expect(await session.cancels({ url: font, referrer: '', frame: { url: page } })).toBe(true);
    expect(await session.cancels({ url: 'file:///etc/passwd', referrer: page, frame: null })).toBe(true);
    expect(await session.cancels({ url: 'wss://example.com/', referrer: page })).toBe(true);
    expect(blocked.entries()).toEqual([
      { url: font, page, count: 3 },
      { url: 'file:///etc/passwd', page, count: 1 },
      { url: 'wss://example.com/', page, count: 1 },
    ]);
    expect(lines).toEqual([
      `Cue blocked a request to ${font} from ${page}`,
      `Cue blocked a request to file:///etc/passwd from ${page}`,
      `Cue blocked a request to wss://example.com/ from ${page}`,
    ]);
  });

  it('keep a bounded log: the oldest address makes room, and long addresses are cut', async () => {
    const { session, blocked } = lockedSession();
    const long = `https://example.com/${'a'.repeat(5000)}`;
    for (const url of ['https://a.example/', 'https://b.example/', 'https://c.example/', long]) {
      await session.cancels({ url, referrer: '' });
    }
    const entries = blocked.entries();
    expect(entries.map((entry) => entry.url.slice(0, 20))).toEqual([
      'https://b.example/',
      'https://c.example/',
      'https://example.com/',
    ]);
    expect(entries[2].url.length).toBeLessThan(400);
    expect(entries[2].page).toBe('');
  });

  it('put the CSP on every response', async () => {
    const { session } = lockedSession();
    const headers = await session.receiveHeaders({ 'Content-Type': ['text/html'] });
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

describe('a locked-down session’s schemes', () => {
  it('serve the renderer and the media folder, with their policies, and nothing beside them', async () => {
    const { session } = lockedSession();
    expect([...session.handledSchemes.keys()].sort()).toEqual(['cue-app', 'cue-media']);
    const page = await session.fetch('cue-app://app/');
    expect(await page.text()).toBe('<!doctype html><title>Cue</title>');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const image = await session.fetch('cue-media://media/bloom.png');
    expect(await image.text()).toBe('PNG');
    expect(image.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect((await session.fetch('cue-media://media/..%2fcollection.sqlite')).status).toBe(404);
    expect((await session.fetch('cue-app://app/..%2fcollection.sqlite')).status).toBe(404);
    await expect(session.fetch('file:///etc/passwd')).rejects.toThrow('ERR_UNKNOWN_URL_SCHEME');
  });
});
