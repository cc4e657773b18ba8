/**
 * Plays a card side's sound players one after another, as Anki's player does: each starts when the one
 * before ends; a new list, or `stop`, stops the one playing and rewinds them all. A player the browser
 * will not start (no user gesture yet in a browser tab: NotAllowedError) ends the list quietly, the
 * players stay on the card and the replay key works once a key is pressed; a file that cannot be played
 * is skipped.
 */
export class SoundQueue {
  private players: HTMLMediaElement[] = [];
  private index = 0;
  /** Bumped by every play and stop, so a late promise or event of an older list does nothing. */
  private run = 0;

  play(players: HTMLMediaElement[]): void {
    this.stop();
    this.players = players;
    this.index = 0;
    this.start(this.run);
  }

  stop(): void {
    this.run += 1;
    for (const player of this.players) {
      player.removeEventListener('ended', this.onEnded);
      if (!player.paused) player.pause();
      // rewinding a player that never loaded would load it (preload="none"); there is nothing to rewind
      if (player.currentTime > 0) player.currentTime = 0;
    }
    this.players = [];
  }

  private readonly onEnded = () => {
    this.index += 1;
    this.start(this.run);
  };

  private start(run: number): void {
    const player = this.players[this.index];
    if (!player || run !== this.run) return;
    player.addEventListener('ended', this.onEnded, { once: true });
    player.play().catch((error: unknown) => {
      if (run !== this.run) return;
      player.removeEventListener('ended', this.onEnded);
      if (error instanceof DOMException && error.name === 'NotAllowedError') {
        this.players = [];
        return;
      }
      this.index += 1;
      this.start(run);
    });
  }
}
