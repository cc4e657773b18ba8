/**
 * When Cue stays after its window closes and how it starts at login (electron/shell-presence.ts): the tray
 * only while reminders are on and kept there; a start at login stays in the tray; login items on macOS
 * and Windows, an XDG autostart entry on Linux (the AppImage's own path, arguments quoted).
 */
import { describe, expect, it } from 'vitest';
import {
  AT_LOGIN_ARG,
  keepsTray,
  loginItemPlan,
  opensWindowAtStart,
  quitsWhenWindowsClose,
} from '../../electron/shell-presence';
import { DEFAULT_PREFERENCES } from '../../shared/preferences';

const OFF = DEFAULT_PREFERENCES.reminders;
const ON = { ...OFF, enabled: true };

describe('the tray', () => {
  it('is kept only while reminders are on and the person keeps it; then closing the window does not quit', () => {
    expect(keepsTray(OFF)).toBe(false); // the default: reminders off
    expect(keepsTray(ON)).toBe(true);
    expect(keepsTray({ ...ON, keepInTray: false })).toBe(false);
    expect(quitsWhenWindowsClose(ON)).toBe(false);
    expect(quitsWhenWindowsClose({ ...ON, keepInTray: false })).toBe(true);
    expect(quitsWhenWindowsClose(OFF)).toBe(true);
  });

  it('a start at login opens no window while the tray is kept; any other start shows it', () => {
    expect(opensWindowAtStart(['cue', AT_LOGIN_ARG], false, ON)).toBe(false);
    expect(opensWindowAtStart(['cue'], true, ON)).toBe(false); // macOS says so itself
    expect(opensWindowAtStart(['cue', AT_LOGIN_ARG], false, { ...ON, keepInTray: false })).toBe(true);
    expect(opensWindowAtStart(['cue'], false, ON)).toBe(true);
  });
});

describe('starting at login', () => {
  const launch = { execPath: '/opt/Cue/cue' };
  for (const platform of ['darwin', 'win32'] as const) {
    it(`${platform}: Electron's login item, which starts Cue in the tray`, () => {
      expect(loginItemPlan(platform, true, launch, '/home/me/.config')).toEqual({
        kind: 'login-item',
        settings: { openAtLogin: true, args: [AT_LOGIN_ARG] },
      });
      expect(loginItemPlan(platform, false, launch, '/x')).toMatchObject({ settings: { openAtLogin: false } });
    });
  }

  it('linux: an autostart entry in the XDG config folder, removed when turned off', () => {
    const plan = loginItemPlan('linux', true, launch, '/home/me/.config');
    expect(plan).toMatchObject({ kind: 'autostart-file', path: '/home/me/.config/autostart/cue.desktop' });
    const contents = plan.kind === 'autostart-file' ? (plan.contents ?? '') : '';
    expect(contents.split('\n')).toContain(`Exec=/opt/Cue/cue ${AT_LOGIN_ARG}`);
    expect(contents.startsWith('[Desktop Entry]\nType=Application\n')).toBe(true);
    expect(loginItemPlan('linux', false, launch, '/home/me/.config')).toEqual({
      kind: 'autostart-file',
      path: '/home/me/.config/autostart/cue.desktop',
      contents: null,
    });
  });

  it('linux: an AppImage starts from its file, and a path with spaces is quoted', () => {
    const plan = loginItemPlan(
      'linux',
      true,
      { execPath: '/tmp/.mount_Cue123/cue', appImage: '/home/me/My Apps/Cue-0.1.0.AppImage' },
      '/c',
    );
    expect(plan.kind === 'autostart-file' && plan.contents).toContain(
      `Exec="/home/me/My Apps/Cue-0.1.0.AppImage" ${AT_LOGIN_ARG}`,
    );
  });
});
