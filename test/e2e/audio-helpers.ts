/**
 * What the audio specs share: real WAV files (generated: the fixture packages' foo.wav is four bytes of
 * text) in an Anki package imported through the API, and the page's report of what its card players do,
 * as console lines (the real players' events; play() is watched, not replaced).
 */
import type { ConsoleMessage, Page } from '@playwright/test';
import type { DeckSummary } from '../../shared/domain';
import { buildPackage, CollectionBuilder, STOCK } from '../helpers/anki-packages';
import { callHost, type RunningHost } from '../helpers/cue-process';

/** A mono 16-bit PCM WAV of a 440 Hz tone, `seconds` long. */
function wav(seconds: number): Uint8Array {
  const rate = 8000;
  const samples = Math.round(rate * seconds);
  const view = new DataView(new ArrayBuffer(44 + samples * 2));
  const text = (at: number, value: string) => {
    for (const [i, c] of [...value].entries()) view.setUint8(at + i, c.charCodeAt(0));
  };
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, samples * 2, true);
  for (let i = 0; i < samples; i++) view.setInt16(44 + i * 2, Math.sin((2 * Math.PI * 440 * i) / rate) * 8000, true);
  return new Uint8Array(view.buffer);
}

const MEDIA = [
  { name: 'beep.wav', data: wav(0.3) },
  { name: 'tone.wav', data: wav(90) },
  { name: 'answer.wav', data: wav(90) },
];

/** A deck "Sounds": a card with two sounds on its question and one on its answer, then a silent one. */
function soundsPackage(withSilentCard = true): Uint8Array {
  const b = new CollectionBuilder();
  const deck = b.deck('Sounds');
  b.note(STOCK.basic(), ['Listen: [sound:beep.wav] and [sound:tone.wav]', 'It was <b>A</b> [sound:answer.wav]'], {
    deck,
  });
  if (withSilentCard) b.note(STOCK.basic(), ['A quiet card', 'no sound'], { deck });
  return buildPackage({ layout: 'legacy2', collection: b.spec, media: MEDIA });
}

export async function importSounds(host: RunningHost, withSilentCard = true): Promise<DeckSummary> {
  const bytes = Buffer.from(soundsPackage(withSilentCard));
  const { upload } = await callHost<{ upload: string }>(host, 'files.upload', {
    name: 'sounds.apkg',
    dataBase64: bytes.toString('base64'),
  });
  await callHost(host, 'import.apply', { upload });
  const decks = await callHost<DeckSummary[]>(host, 'decks.list', {});
  const deck = decks.find((d) => d.name === 'Sounds');
  if (!deck) throw new Error('the deck did not come in');
  return deck;
}

/** Console lines "sound: …" for the card players' events, play() refusals and the keys pressed. */
export function observeSounds(): void {
  const say = (text: string) => console.log(`sound: ${text}`);
  const label = (player: Element) => player.getAttribute('aria-label') ?? '?';
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
    const started = play.call(this);
    if (this.hasAttribute('data-sound')) started.catch((error: Error) => say(`refused ${label(this)} ${error.name}`));
    return started;
  };
  const players = new Set<HTMLMediaElement>();
  (window as unknown as { cueSoundPlayers: Set<HTMLMediaElement> }).cueSoundPlayers = players;
  for (const type of ['playing', 'pause', 'ended']) {
    window.addEventListener(
      type,
      (event) => {
        const player = event.target;
        if (!(player instanceof HTMLMediaElement) || !player.hasAttribute('data-sound')) return;
        players.add(player);
        say(`${type} ${label(player)}`);
      },
      true,
    );
  }
  window.addEventListener('keydown', (event) => say(`key ${event.key}`), true);
}

/** The page's sound lines as they arrive. */
export function soundLog(page: Page): string[] {
  const lines: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    const text = message.text();
    if (text.startsWith('sound: ')) lines.push(text.slice('sound: '.length));
  });
  return lines;
}

/** Of `lines`, those that say a player started or ended, or a play was refused. */
export function plays(lines: string[]): string[] {
  return lines.filter((line) => ['playing', 'ended', 'refused'].some((kind) => line.startsWith(`${kind} `)));
}

/** What played since the last press of `key`. */
export function since(lines: string[], key: string): string[] {
  return plays(lines.slice(lines.lastIndexOf(`key ${key}`) + 1));
}

/** The labels of the card players that are playing now (of every player that ever played). */
export function playingNow(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...(window as unknown as { cueSoundPlayers: Set<HTMLMediaElement> }).cueSoundPlayers]
      .filter((player) => !player.paused)
      .map((player) => player.getAttribute('aria-label') ?? '?'),
  );
}
