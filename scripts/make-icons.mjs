#!/usr/bin/env node
/**
 * Renders build/icon.svg to the PNG sizes the installers need, with the system Chromium (no network, no
 * image tools): build/icon.png (1024 px, which electron-builder turns into the macOS .icns and the
 * Windows .ico), build/icons/NxN.png for Linux (16 to 1024), and the tray icon the app itself loads
 * (assets/tray.png, 22 px, and assets/tray@2x.png, 44 px, which Electron picks on a high-density display).
 * Run after changing the SVG: `node scripts/make-icons.mjs`; the PNGs are committed.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumPath } from './setup-decisions.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

const outputs = [
  { path: join(root, 'build', 'icon.png'), size: 1024 },
  ...LINUX_SIZES.map((size) => ({ path: join(root, 'build', 'icons', `${size}x${size}.png`), size })),
  { path: join(root, 'assets', 'tray.png'), size: 22 },
  { path: join(root, 'assets', 'tray@2x.png'), size: 44 },
];

const svg = readFileSync(join(root, 'build', 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: chromiumPath(process.env) });
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const { path, size } of outputs) {
    await page.setViewportSize({ width: size, height: size });
    const markup = svg.replace(/width="\d+" height="\d+"/, `width="${size}" height="${size}"`);
    await page.setContent(`<html><body style="margin:0;background:transparent">${markup}</body></html>`);
    mkdirSync(dirname(path), { recursive: true });
    await page.screenshot({ path, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    process.stdout.write(`${path.slice(root.length + 1)} (${size} px)\n`);
  }
} finally {
  await browser.close();
}
