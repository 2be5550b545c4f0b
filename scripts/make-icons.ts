// Draws the add-in's icons (16, 32, 80 px and a 64 px high-resolution variant) as PNG files in assets/:
// a white run chart with a dashed median on a teal tile. Run: npx tsx scripts/make-icons.ts
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Supersampled drawing: coverage of each pixel by the tile, the median and the chart line. */
function draw(size: number): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const S = 4; // samples per axis
  // The run chart in unit coordinates (0..1), y downwards: a shift below the median at the end.
  const pts = [
    [0.14, 0.38], [0.28, 0.3], [0.42, 0.42], [0.56, 0.62], [0.7, 0.68], [0.86, 0.74],
  ] as const;
  const lineWidth = Math.max(0.07, 1.6 / size);
  const radius = 0.2; // rounded tile corners
  const distToSegment = (px: number, py: number, a: readonly number[], b: readonly number[]) => {
    const [ax, ay] = a as [number, number];
    const [bx, by] = b as [number, number];
    const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
    return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
  };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let tile = 0, white = 0, amber = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const u = (x + (sx + 0.5) / S) / size;
          const v = (y + (sy + 0.5) / S) / size;
          const cx = Math.min(Math.max(u, radius), 1 - radius);
          const cy = Math.min(Math.max(v, radius), 1 - radius);
          if (Math.hypot(u - cx, v - cy) > radius) continue;
          tile++;
          let onLine = false;
          for (let i = 1; i < pts.length; i++) if (distToSegment(u, v, pts[i - 1]!, pts[i]!) < lineWidth / 2) onLine = true;
          for (const p of pts) if (Math.hypot(u - p[0], v - p[1]) < lineWidth * 0.95) onLine = true;
          const onMedian = Math.abs(v - 0.52) < lineWidth / 3 && u > 0.1 && u < 0.9 && Math.floor(u * 12) % 2 === 0;
          if (onLine) white++;
          else if (onMedian) amber++;
        }
      }
      const n = S * S;
      const teal = [0x0f, 0x6c, 0xbd]; // Fluent brand blue tile
      const i = (y * size + x) * 4;
      const wt = white / Math.max(tile, 1), at = amber / Math.max(tile, 1);
      out[i] = Math.round(teal[0]! * (1 - wt - at) + 255 * wt + 0xff * at);
      out[i + 1] = Math.round(teal[1]! * (1 - wt - at) + 255 * wt + 0xc8 * at);
      out[i + 2] = Math.round(teal[2]! * (1 - wt - at) + 255 * wt + 0x3d * at);
      out[i + 3] = Math.round((255 * tile) / n);
    }
  }
  return out;
}

for (const size of [16, 32, 64, 80, 128]) {
  writeFileSync(`assets/icon-${size}.png`, png(size, draw(size)));
}
