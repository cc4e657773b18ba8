/**
 * Whether the desktop window may use the microphone right now. The study screen arms it just before
 * it opens the microphone for a recording and disarms it when the recording stops, is cancelled or
 * fails; an arming left behind (a renderer that crashed mid-recording) expires by itself. No Electron
 * here, so tests drive it with their own clock.
 */
import type { MicrophoneArming as Arming } from '../shared/recordings';
import { MICROPHONE_ARMED_MS } from '../shared/recordings';

export class MicrophoneArming {
  private armed: { contentsId: number; until: number } | null = null;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly lastsMs = MICROPHONE_ARMED_MS,
  ) {}

  /** Arms the microphone for the window `contentsId` (and no other) for a bounded time. */
  arm(contentsId: number): Arming {
    this.armed = { contentsId, until: this.now() + this.lastsMs };
    return { armed: true, expiresInMs: this.lastsMs };
  }

  /** Disarms it, whoever armed it: a refusal is always safe. */
  disarm(): Arming {
    this.armed = null;
    return { armed: false, expiresInMs: 0 };
  }

  isArmedFor(contentsId: number | undefined): boolean {
    if (!this.armed || contentsId !== this.armed.contentsId) return false;
    if (this.now() < this.armed.until) return true;
    this.armed = null;
    return false;
  }
}
