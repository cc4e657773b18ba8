/**
 * The requests the desktop session refused, kept for diagnosis: a deck whose card or note type asks for
 * a remote font, image or script shows up here (and on the console) with the page that asked, once per
 * address and page, however often it retries. Bounded, so a card that asks in a loop cannot fill memory.
 * No Electron here; window-lockdown.ts feeds it.
 */

/** One refused address, as the log keeps it. */
export interface BlockedRequest {
  url: string;
  /** The page (frame) that made the request, or its referrer when the frame is gone; '' if unknown. */
  page: string;
  /** How many times it was refused; only the first is written to the console. */
  count: number;
}

/** Long data-like addresses are cut: the start says where it went. */
const MAX_URL_CHARS = 300;

function shorten(url: string): string {
  return url.length > MAX_URL_CHARS ? `${url.slice(0, MAX_URL_CHARS)}…` : url;
}

export class BlockedRequestLog {
  private readonly byKey = new Map<string, BlockedRequest>();

  constructor(
    private readonly limit = 200,
    private readonly write: (line: string) => void = (line) => console.warn(line),
  ) {}

  /** Notes one refused request; the first of its address and page is written out. */
  record(url: string, page: string): void {
    const entry = { url: shorten(url), page: shorten(page) };
    const key = `${entry.url}\n${entry.page}`;
    const seen = this.byKey.get(key);
    if (seen) {
      seen.count++;
      return;
    }
    // the oldest entry makes room; a Map iterates in insertion order
    if (this.byKey.size >= this.limit) this.byKey.delete(this.byKey.keys().next().value as string);
    this.byKey.set(key, { ...entry, count: 1 });
    this.write(`Cue blocked a request to ${entry.url}${entry.page ? ` from ${entry.page}` : ''}`);
  }

  /** The refused addresses, oldest first (copies). */
  entries(): BlockedRequest[] {
    return [...this.byKey.values()].map((entry) => ({ ...entry }));
  }
}
