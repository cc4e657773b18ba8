/**
 * The desktop app's IPC path without Electron: the real preload.ts against the stand-in contextBridge and
 * ipcRenderer, and the real ipc.ts registration against the stand-in ipcMain, wired to a real collection on
 * a temporary SQLite file. What the preload exposes, the sender check, input validation, and what lands in
 * the file (read through a connection of its own). test/e2e/ipc-path.spec.ts drives the same path from the
 * real renderer in Chromium.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DATABASE_FILE } from '../../electron/core/collection';
import { CUE_CHANNEL, microphoneShellHandlers, registerApi } from '../../electron/ipc';
import { MicrophoneArming } from '../../electron/microphone-arming';
import { isAppUrl } from '../../electron/shell-policy';
import { methodNames } from '../../shared/api';
import type { DeckSummary, StudyNext } from '../../shared/domain';
import { databaseDigest } from '../helpers/collection-digest';
import { openTestCollection, TestClock } from '../helpers/collections';

const standIn = await vi.hoisted(async () => {
  const { StandInIpcMain } = await import('../helpers/electron-stand-ins');
  const { rendererStandIn } = await import('../helpers/electron-renderer-stand-in');
  const ipcMain = new StandInIpcMain();
  /** The page's window, as the main world sees it. */
  const world: Record<string, unknown> = {};
  /** The web contents and frame the next call comes from. */
  const sender: { id: number; frameUrl: string | null } = { id: 1, frameUrl: 'cue-app://app/index.html' };
  const calls: unknown[][] = [];
  const renderer = rendererStandIn(world, (channel, args) => {
    calls.push([channel, ...args]);
    return ipcMain.invoke({ ...sender }, channel, args);
  });
  const exposed: string[] = [];
  const contextBridge = {
    exposeInMainWorld(key: string, value: unknown) {
      exposed.push(key);
      renderer.contextBridge.exposeInMainWorld(key, value);
    },
  };
  return { ipcMain, world, sender, calls, exposed, contextBridge, ipcRenderer: renderer.ipcRenderer };
});

vi.mock('electron', () => ({
  ipcMain: standIn.ipcMain,
  contextBridge: standIn.contextBridge,
  ipcRenderer: standIn.ipcRenderer,
}));

type Outcome =
  | { ok: true; result: unknown }
  | { ok: false; error: { code: string; message: string; details?: unknown } };
type Bridge = Record<string, (input: unknown) => Promise<Outcome>>;

let cue: Bridge;
beforeAll(async () => {
  await import('../../electron/preload');
  cue = standIn.world.cue as Bridge;
});

afterEach(() => {
  standIn.ipcMain.removeHandler(CUE_CHANNEL);
  standIn.sender.id = 1;
  standIn.sender.frameUrl = 'cue-app://app/index.html';
  standIn.calls.length = 0;
});

/** A collection on a real file, its API on the stand-in ipcMain as main.ts registers it. */
function desktopCollection() {
  const collection = openTestCollection(new TestClock(Date.parse('2026-06-01T10:00:00Z')));
  const microphone = new MicrophoneArming();
  registerApi(collection, isAppUrl, microphoneShellHandlers(microphone));
  const file = join(collection.dataDir, DATABASE_FILE);
  /** Everything in the file, read by a connection of its own, as another program would. */
  const digest = () => {
    const reader = new Database(file, { readonly: true });
    try {
      return databaseDigest(reader);
    } finally {
      reader.close();
    }
  };
  const answers = () => {
    const reader = new Database(file, { readonly: true });
    try {
      return reader.prepare('SELECT card_id AS cardId, rating FROM reviews ORDER BY id').all();
    } finally {
      reader.close();
    }
  };
  return { collection, microphone, digest, answers };
}

async function result<T>(outcome: Promise<Outcome>): Promise<T> {
  const answer = await outcome;
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.result as T;
}

describe('the preload', () => {
  it('exposes exactly the API table, as functions, on the one key cue', () => {
    expect(standIn.exposed).toEqual(['cue']);
    expect(Object.keys(standIn.world)).toEqual(['cue']);
    expect(Object.keys(cue).sort()).toEqual([...methodNames].sort());
    for (const name of methodNames) expect(typeof cue[name], name).toBe('function');
    // and the page cannot swap it for something else
    expect(Object.getOwnPropertyDescriptor(standIn.world, 'cue')).toMatchObject({
      writable: false,
      configurable: false,
    });
  });

  it('sends each call on the one channel, as its method name and input', async () => {
    desktopCollection();
    await cue['decks.list']({});
    expect(standIn.calls).toEqual([[CUE_CHANNEL, 'decks.list', {}]]);
  });
});

describe('a call from Cue’s window', () => {
  it('reaches the collection: an answer lands in the SQLite file', async () => {
    const { answers } = desktopCollection();
    const [deck] = await result<DeckSummary[]>(cue['decks.list']({}));
    const next = await result<StudyNext>(cue['study.next']({ deckId: deck.id }));
    const card = next.card;
    expect(card).not.toBeNull();
    await result(cue['study.answer']({ deckId: deck.id, cardId: card?.id, rating: 3, durationMs: 4000 }));
    expect(answers()).toEqual([{ cardId: card?.id, rating: 3 }]);
  });

  it('gets a refusal back whole, as data: code, message and details', async () => {
    const { digest } = desktopCollection();
    const before = digest();
    const answer = await cue['study.answer']({ deckId: 1, cardId: 999_999, rating: 3, durationMs: 10 });
    expect(answer).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(digest()).toBe(before);
  });
});

describe('the sender check', () => {
  it('refuses a call from any frame that is not exactly Cue’s origin, or from no frame, and changes nothing', async () => {
    const { digest, answers } = desktopCollection();
    const [deck] = await result<DeckSummary[]>(cue['decks.list']({}));
    const next = await result<StudyNext>(cue['study.next']({ deckId: deck.id }));
    const before = digest();
    for (const frameUrl of [
      'https://example.com/',
      'cue-app://app.evil/index.html',
      'cue-app://evil/index.html',
      'file:///opt/cue/dist/renderer/index.html',
      'about:blank',
      null,
    ]) {
      standIn.sender.frameUrl = frameUrl;
      const input = { deckId: deck.id, cardId: next.card?.id, rating: 3, durationMs: 4000 };
      const answer = await cue['study.answer'](input);
      expect(answer, String(frameUrl)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      const rename = await cue['decks.rename']({ deckId: deck.id, name: 'Taken over' });
      expect(rename, String(frameUrl)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    expect(digest()).toBe(before);
    expect(answers()).toEqual([]);
  });

  it('refuses arming the microphone from elsewhere, and arms it only for the window that asked', async () => {
    const { microphone } = desktopCollection();
    standIn.sender.frameUrl = 'https://example.com/';
    expect(await cue['recordings.arm']({})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(microphone.isArmedFor(1)).toBe(false);
    standIn.sender.frameUrl = 'cue-app://app/index.html#/study/1';
    standIn.sender.id = 7;
    expect(await cue['recordings.arm']({ seconds: 5 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(microphone.isArmedFor(7)).toBe(false);
    expect(await cue['recordings.arm']({})).toMatchObject({ ok: true, result: { armed: true } });
    expect(microphone.isArmedFor(7)).toBe(true);
    expect(microphone.isArmedFor(1)).toBe(false);
    expect(await cue['recordings.disarm']({})).toMatchObject({ ok: true, result: { armed: false } });
    expect(microphone.isArmedFor(7)).toBe(false);
  });
});

describe('input from Cue’s window', () => {
  it('of the wrong types is refused with invalid_input naming the field, and changes nothing', async () => {
    const { digest } = desktopCollection();
    const before = digest();
    const wrong: [string, unknown, string][] = [
      ['study.answer', { deckId: 1, cardId: '1', rating: 3, durationMs: 10 }, 'cardId'],
      ['study.answer', { deckId: 1, cardId: 1, rating: 5, durationMs: 10 }, 'rating'],
      ['study.answer', { deckId: 1, cardId: 1, rating: 3, durationMs: -1 }, 'durationMs'],
      ['decks.rename', { deckId: 1, name: 42 }, 'name'],
      ['decks.rename', { deckId: 1.5, name: 'x' }, 'deckId'],
      ['decks.rename', { deckId: 1, name: 'x', extra: true }, ''],
      ['decks.list', 'everything', ''],
    ];
    for (const [method, input, field] of wrong) {
      const answer = await cue[method](input);
      expect(answer, `${method} ${JSON.stringify(input)}`).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', details: { method } },
      });
      if (!answer.ok && field) {
        const issues = (answer.error.details as { issues: { path: string }[] }).issues;
        expect(issues.map((issue) => issue.path)).toContain(field);
      }
    }
    expect(digest()).toBe(before);
  });

  it('that cannot be cloned never leaves the renderer, as in Electron', async () => {
    const { digest } = desktopCollection();
    const before = digest();
    await expect(cue['decks.rename']({ deckId: 1, name: () => 'x' })).rejects.toThrow('could not be cloned');
    expect(standIn.calls).toEqual([]);
    expect(digest()).toBe(before);
  });

  it('naming no method of the table is refused as unknown_method', async () => {
    desktopCollection();
    const sender = { id: 1, frameUrl: 'cue-app://app/index.html' };
    const answer = await standIn.ipcMain.invoke(sender, CUE_CHANNEL, ['collection.drop', {}]);
    expect(answer).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });
});
