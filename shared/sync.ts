/**
 * Sync through a folder a file-sync tool keeps in step (Syncthing, Dropbox, iCloud Drive...), as the API
 * gives it: sync.status, sync.preview, sync.setFolder, sync.mergeNow, sync.snapshot, sync.conflicts.
 * Cue writes only its own device's subfolder there, and never sends anything anywhere itself.
 */

/** A device whose segments are in the folder. */
export interface SyncDevice {
  /** Its id: the name of its subfolder. */
  device: string;
  /** The computer's name, as the device wrote it when it joined. */
  name: string;
  /** This computer. */
  self: boolean;
  /** Segment files it has written (a snapshot counts as one). */
  segments: number;
  /** When its newest change was made (its clock's wall time), null before any. */
  lastChange: number | null;
}

/** A file in the folder that could not be read, and why; read again at each merge. */
export interface UnreadableFile {
  /** The path inside the sync folder. */
  file: string;
  reason: string;
}

export interface SyncStatus {
  /** The folder chosen, or null when this computer does not sync. */
  folder: string | null;
  /** This computer's device id (kept beside the collection, never inside it). */
  device: string;
  devices: SyncDevice[];
  /** When the last merge finished, null before the first. */
  lastMerge: number | null;
  /** Events from other devices merged in, over this collection's life. */
  eventsMerged: number;
  /** Changes here not yet written to the folder, plus events read that wait for what they need. */
  pending: number;
  unreadable: UnreadableFile[];
  /** Edits that lost to a later edit of the same field, kept so that nothing typed is lost. */
  conflicts: number;
  /** What stopped the last merge or write, in words, or null. */
  problem: string | null;
}

/** What choosing a folder would do, before it is done. */
export interface SyncJoinPreview {
  folder: string;
  /**
   * `start`: the folder holds no collection yet, this one is written there.
   * `adopt`: this collection is empty (at most the bundled deck, never studied) and takes the folder's.
   * `merge`: both hold cards; they are merged by their global ids, so a deck both have is not doubled.
   */
  mode: 'start' | 'adopt' | 'merge';
  devices: SyncDevice[];
  /** Events in the folder from other devices. */
  events: number;
  localCards: number;
  localReviews: number;
  /** In words, what will happen. */
  summary: string;
}

/** An edit that lost to a later one of the same field on another device (or to a deletion), kept. */
export interface SyncConflict {
  id: number;
  /** `card`, `note`, `deck`, `section`, `note_type`, `preset`, `setting`. */
  entity: string;
  /** The global id of what was edited. */
  gid: string;
  /** The card, when the edit was of a card or of a card's note. */
  cardId: number | null;
  field: string;
  /** The value that lost, as it was. */
  value: unknown;
  /** The device that made the losing edit, and when (its clock's wall time). */
  device: string;
  at: number;
  /** `later-edit`: another device's later edit of the field won. `deleted`: it was deleted meanwhile. */
  reason: 'later-edit' | 'deleted';
  /** When this computer kept it. */
  keptAt: number;
}

export interface SyncSnapshotResult {
  /** The path inside the sync folder. */
  file: string;
  events: number;
  bytes: number;
}
