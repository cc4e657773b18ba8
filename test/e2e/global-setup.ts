/** The end-to-end tests drive the built app; say how to build it instead of failing on a missing file. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const NEEDED = ['dist/renderer/index.html', 'dist/electron/cli.cjs'];

export default function globalSetup(): void {
  const missing = NEEDED.filter((file) => !existsSync(join(root, file)));
  if (missing.length > 0) {
    throw new Error(`Cue is not built (missing ${missing.join(', ')}). Run "npm run build" first.`);
  }
}
