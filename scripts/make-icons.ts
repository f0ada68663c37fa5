import { writeFileSync } from 'node:fs';
import { encodePng } from './png';

/**
 * Draws the Driftwatch icons: a baseline ring with a drifted dot off its centre line.
 * color.png 192×192 on the accent colour; outline.png 32×32 white on transparent (Teams' rules).
 */
type Rgba = [number, number, number, number];

function draw(size: number, background: Rgba, ink: Rgba): Buffer {
  const px = new Uint8Array(size * size * 4);
  const c = size / 2;
  const ringOuter = size * 0.36;
  const ringInner = size * 0.27;
  const dotR = size * 0.11;
  const dotX = c + size * 0.16;
  const dotY = c - size * 0.16;
  const samples = 4; // supersampling for smooth edges
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const fx = x + (sx + 0.5) / samples;
          const fy = y + (sy + 0.5) / samples;
          const r = Math.hypot(fx - c, fy - c);
          const inRing = r <= ringOuter && r >= ringInner;
          const inDot = Math.hypot(fx - dotX, fy - dotY) <= dotR;
          const inBar = Math.abs(fy - c) <= size * 0.035 && Math.abs(fx - c) <= ringInner * 0.8;
          if (inRing || inDot || inBar) hits++;
        }
      }
      const a = hits / (samples * samples);
      const i = (y * size + x) * 4;
      for (let k = 0; k < 3; k++) px[i + k] = Math.round(ink[k]! * a + background[k]! * (1 - a));
      px[i + 3] = Math.round(255 * a + background[3] * (1 - a));
    }
  }
  return encodePng(size, size, px);
}

writeFileSync(
  new URL('../appPackage/color.png', import.meta.url),
  draw(192, [15, 108, 189, 255], [255, 255, 255, 255]),
);
writeFileSync(
  new URL('../appPackage/outline.png', import.meta.url),
  draw(32, [0, 0, 0, 0], [255, 255, 255, 255]),
);
console.log('Wrote appPackage/color.png (192×192) and appPackage/outline.png (32×32)');
