// Draws the app icon (a shield with a rising line) into PNGs without any image library.
// Run once: node scripts/make-icons.js ; the PNGs in static/icons are committed.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};

function icon(size, maskable) {
  const px = Buffer.alloc(size * size * 4);
  const bg = [11, 59, 57];
  const shield = [20, 184, 166];
  const line = [255, 255, 255];
  const pad = maskable ? 0.2 : 0.1;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = x / size;
      const v = y / size;
      let c = bg;
      let a = 255;
      if (!maskable) {
        // rounded square
        const r = 0.18;
        const dx = Math.max(r - u, 0, u - (1 - r));
        const dy = Math.max(r - v, 0, v - (1 - r));
        if (dx * dx + dy * dy > r * r) a = 0;
      }
      // shield: top edge flat, sides curve to a point at the bottom
      const su = (u - pad) / (1 - 2 * pad);
      const sv = (v - pad) / (1 - 2 * pad);
      if (su >= 0 && su <= 1 && sv >= 0.05 && sv <= 1) {
        const half = sv < 0.55 ? 0.42 : 0.42 * Math.sqrt(Math.max(0, 1 - ((sv - 0.55) / 0.45) ** 2));
        if (Math.abs(su - 0.5) <= half) c = shield;
        // rising line inside the shield
        const pts = [
          [0.2, 0.62],
          [0.4, 0.48],
          [0.55, 0.56],
          [0.8, 0.3],
        ];
        for (let i = 0; i < pts.length - 1; i++) {
          const [x1, y1] = pts[i];
          const [x2, y2] = pts[i + 1];
          const t = Math.max(
            0,
            Math.min(1, ((su - x1) * (x2 - x1) + (sv - y1) * (y2 - y1)) / ((x2 - x1) ** 2 + (y2 - y1) ** 2)),
          );
          const d = Math.hypot(su - (x1 + t * (x2 - x1)), sv - (y1 + t * (y2 - y1)));
          if (d < 0.045 && Math.abs(su - 0.5) <= half) c = line;
        }
      }
      const o = (y * size + x) * 4;
      px[o] = c[0];
      px[o + 1] = c[1];
      px[o + 2] = c[2];
      px[o + 3] = a;
    }
  }
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) px.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

writeFileSync('static/icons/icon-192.png', icon(192, false));
writeFileSync('static/icons/icon-512.png', icon(512, false));
writeFileSync('static/icons/icon-maskable-512.png', icon(512, true));
