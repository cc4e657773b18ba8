/**
 * Images into cards: a pasted, dropped or chosen image is kept in the collection's media folder
 * (`media.add`) and the field refers to it with Markdown, `![](name)` (an HTML field with `<img>`),
 * which study and the preview show from the media folder.
 */
import { CueError } from '../../../shared/errors';
import { call } from '../../lib/api-client';
import { encodeBase64, fileSize } from '../../lib/file-transfer';

export const IMAGE_ACCEPT = '.png,.jpg,.jpeg,.gif,.webp,.avif,.svg,.bmp';
const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

/** The images among pasted or dropped files; other files are left to the browser. */
export function imageFiles(list: FileList | null | undefined): File[] {
  return [...(list ?? [])].filter((file) => file.type.startsWith('image/'));
}

/** A name for a pasted image, which the clipboard calls "image.png" every time. */
function nameOf(file: File): string {
  if (file.name && file.name !== 'image.png') return file.name;
  const extension = file.type.split('/')[1]?.replace('jpeg', 'jpg').replace('svg+xml', 'svg') ?? 'png';
  return `pasted.${extension}`;
}

/** Stores the images and returns the Markdown (or, for an HTML field, the `<img>`) that shows them, one per line. */
export async function storeImages(files: File[], format: 'markdown' | 'html' = 'markdown'): Promise<string> {
  const snippets: string[] = [];
  for (const file of files) {
    if (file.size > MAX_IMAGE_BYTES) {
      throw new CueError(
        'invalid_input',
        `${file.name}: is ${fileSize(file.size)}; images in cards may be up to 20 MB.`,
      );
    }
    const dataBase64 = await encodeBase64(new Uint8Array(await file.arrayBuffer()));
    const { name } = await call('media.add', { name: nameOf(file), dataBase64 });
    const src = encodeURIComponent(name);
    snippets.push(format === 'html' ? `<img src="${src}">` : `![](${src})`);
  }
  return snippets.join('\n');
}

/** The text with `snippet` in place of the selection, on a line of its own, and where the caret goes after it. */
export function insertSnippet(text: string, start: number, end: number, snippet: string) {
  const before = text.slice(0, start);
  const after = text.slice(end);
  const lead = before === '' || before.endsWith('\n') ? '' : '\n';
  const trail = after === '' || after.startsWith('\n') ? '' : '\n';
  const inserted = `${lead}${snippet}${trail}`;
  return { text: `${before}${inserted}${after}`, caret: before.length + inserted.length };
}
