// Renders the web app's PNG icons (assets/icons/) from assets/favicon.svg with Debian's Chromium
// through playwright-core. Run by hand when the favicon changes: `node scripts/pwa-icons.mjs`;
// the PNGs are committed (the build does not run this).
//   icon-192.png, icon-512.png   the favicon as is (rounded square, transparent corners)
//   icon-maskable-512.png        full-bleed brand background, the drawing inside the 80 % safe zone
//   apple-touch-icon.png         180 px, opaque (iOS fills transparency with black)
//   icon.svg is a plain copy of the favicon (Trunk gives the favicon itself a hashed name).

import { copyFile, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = new URL('../', import.meta.url);
const OUT = fileURLToPath(new URL('assets/icons/', ROOT));
const svg = await readFile(new URL('assets/favicon.svg', ROOT), 'utf8');
await copyFile(new URL('assets/favicon.svg', ROOT), OUT + 'icon.svg');
const BRAND = '#003e6b'; // --brand in assets/styles/tokens.css and the favicon's background

const plain = (size) => `<body style="margin:0;background:transparent">
  <img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}" width="${size}" height="${size}" style="display:block"></body>`;
const padded = (size, scale) => `<body style="margin:0;background:${BRAND}">
  <div style="width:${size}px;height:${size}px;display:grid;place-items:center">
  <img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}" width="${Math.round(size * scale)}" height="${Math.round(size * scale)}" style="display:block"></div></body>`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  for (const [name, size, html, omitBackground] of [
    ['icon-192.png', 192, plain(192), true],
    ['icon-512.png', 512, plain(512), true],
    ['icon-maskable-512.png', 512, padded(512, 0.8), false],
    ['apple-touch-icon.png', 180, padded(180, 1), false],
  ]) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(html);
    await page.waitForFunction(() => [...document.images].every((i) => i.complete));
    await page.screenshot({ path: OUT + name, omitBackground, clip: { x: 0, y: 0, width: size, height: size } });
    await page.close();
    console.log(`${OUT}${name}`);
  }
} finally {
  await browser.close();
}
