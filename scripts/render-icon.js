#!/usr/bin/env node
// Renders media/icon.svg to media/icon.png (128×128, transparent corners) with headless Chromium.
// Usage: node scripts/render-icon.js   (run again after editing the SVG; commit both files)
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { launchBrowser } = require('../test/launcher/browser');

(async () => {
  const root = path.resolve(__dirname, '..');
  const svg = fs.readFileSync(path.join(root, 'media/icon.svg'), 'utf8');
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kallyai-icon-'));
  const browser = await launchBrowser({ profileDir, viewport: { width: 128, height: 128 } });
  try {
    await browser.page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await browser.page.locator('svg').screenshot({ path: path.join(root, 'media/icon.png'), omitBackground: true });
  } finally {
    await browser.close();
    fs.rmSync(profileDir, { recursive: true, force: true });
  }
  console.log('media/icon.png written');
})();
