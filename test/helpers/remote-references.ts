/**
 * A deck that reaches for the network: an Anki package whose note type's CSS imports a style sheet and
 * loads a font and images from a remote host, and whose fields hold remote images, a script, a style
 * sheet, a sound, a poster, a srcset, a frame and a link, beside one local image (optional: the desktop
 * harness cannot serve `cue-media:` to Chromium). For the tests that prove Cue asks nothing of the network.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPackage, CollectionBuilder, STOCK, twoTonePng } from './anki-packages';

export const HOSTILE_DECK = 'Remote references';
export const REMOTE = 'example.invalid';

/** Writes the package into `dir` and answers its path; it holds two cards. */
export function hostilePackage(dir: string, { localImage = true } = {}): string {
  const b = new CollectionBuilder();
  const notetype = {
    ...STOCK.basic(1_600_000_000_101),
    name: 'Remote styled',
    css: [
      `@import url("https://${REMOTE}/css-import.css");`,
      `@font-face { font-family: Remote; src: url("https://${REMOTE}/font.woff2") format("woff2"); }`,
      `.card { font-family: Remote, arial; background-image: url(https://${REMOTE}/css-background.png); }`,
      `.card::before { content: url(https://${REMOTE}/css-content.png); }`,
    ].join('\n'),
  };
  const deck = b.deck(HOSTILE_DECK);
  const local = localImage ? '<img src="local.png" alt="local"> ' : '';
  b.note(
    notetype,
    [
      `A local image ${local}and a remote one <img src="https://${REMOTE}/field-image.png" alt="remote">`,
      [
        `<script src="https://${REMOTE}/script.js"></script>`,
        `<link rel="stylesheet" href="https://${REMOTE}/style.css">`,
        `<div style="background:url(https://${REMOTE}/inline-background.png)">inline style</div>`,
        `<audio controls src="https://${REMOTE}/sound.mp3"></audio>`,
        `<video poster="https://${REMOTE}/poster.png"></video>`,
        `<picture><source srcset="https://${REMOTE}/srcset.png"><img src="https://${REMOTE}/picture.png" alt="picture"></picture>`,
        `<iframe src="https://${REMOTE}/frame.html"></iframe>`,
      ].join('\n'),
    ],
    { deck },
  );
  b.note(notetype, ['A plain question', `A <a href="https://${REMOTE}/link">link</a> answer`], { deck });
  const media = localImage ? [{ name: 'local.png', data: twoTonePng(8, 6) }] : [];
  const path = join(dir, 'remote-references.apkg');
  writeFileSync(path, buildPackage({ layout: 'legacy2', collection: b.spec, media }));
  return path;
}
