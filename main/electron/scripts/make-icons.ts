// `npx tsx main/electron/scripts/make-icons.ts`: draws the app icon (a small flow: two nodes feeding a
// third on a blue rounded square) and writes assets/icons/512x512.png and 256x256.png, the sizes
// electron-builder wants (Linux takes the folder, macOS the 512 one, Windows the 256 one). No image
// library: shapes are signed distances, anti-aliased by supersampling, written as RGBA PNG with zlib.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';

type Rgb = readonly [number, number, number];

const TOP: Rgb = [59, 130, 246];
const BOTTOM: Rgb = [29, 78, 216];
const WHITE: Rgb = [255, 255, 255];
/** Positions on a 512 grid, scaled for other sizes. */
const NODES = [[150, 168], [150, 344], [362, 256]] as const;
const NODE_RADIUS = 46;
const HOLE_RADIUS = 18;
const LINE_HALF_WIDTH = 14;
const SAMPLES = 4;

/** Straight RGBA pixels of the icon at `size`×`size`. */
export function drawIcon(size: number): Uint8Array {
  const scale = size / 512;
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SAMPLES; sy += 1) {
        for (let sx = 0; sx < SAMPLES; sx += 1) {
          const px = (x + (sx + 0.5) / SAMPLES) / scale;
          const py = (y + (sy + 0.5) / SAMPLES) / scale;
          const color = colourAt(px, py);
          if (!color) continue;
          r += color[0]; g += color[1]; b += color[2]; a += 1;
        }
      }
      const offset = (y * size + x) * 4;
      const n = SAMPLES * SAMPLES;
      // Straight (not premultiplied) alpha: the colour is the average of the covered samples.
      pixels[offset] = a === 0 ? 0 : Math.round(r / a);
      pixels[offset + 1] = a === 0 ? 0 : Math.round(g / a);
      pixels[offset + 2] = a === 0 ? 0 : Math.round(b / a);
      pixels[offset + 3] = Math.round((a / n) * 255);
    }
  }
  return pixels;
}

function colourAt(x: number, y: number): Rgb | undefined {
  if (roundedSquare(x, y, 32, 480, 100) > 0) return undefined;
  const background = mix(TOP, BOTTOM, (y - 32) / 448);
  const [a, b, c] = NODES;
  for (const [cx, cy] of NODES) {
    const d = Math.hypot(x - cx, y - cy);
    if (d <= HOLE_RADIUS) return background;
    if (d <= NODE_RADIUS) return WHITE;
  }
  if (segment(x, y, a, c) <= LINE_HALF_WIDTH || segment(x, y, b, c) <= LINE_HALF_WIDTH) return WHITE;
  if (segment(x, y, c, [440, 256]) <= LINE_HALF_WIDTH) return WHITE;
  return background;
}

function roundedSquare(x: number, y: number, from: number, to: number, radius: number): number {
  const qx = Math.max(from + radius - x, 0, x - (to - radius));
  const qy = Math.max(from + radius - y, 0, y - (to - radius));
  return Math.hypot(qx, qy) - radius;
}

function segment(x: number, y: number, [ax, ay]: readonly [number, number], [bx, by]: readonly [number, number]): number {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

function mix(from: Rgb, to: Rgb, t: number): Rgb {
  const k = Math.max(0, Math.min(1, t));
  return [from[0] + (to[0] - from[0]) * k, from[1] + (to[1] - from[1]) * k, from[2] + (to[2] - from[2]) * k];
}

/** An 8-bit RGBA PNG of straight pixels. */
export function encodePng(width: number, height: number, pixels: Uint8Array): Buffer {
  const rows = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y += 1) {
    // Filter type 0 (none) before each row.
    rows[y * (width * 4 + 1)] = 0;
    Buffer.from(pixels.buffer, pixels.byteOffset + y * width * 4, width * 4).copy(rows, y * (width * 4 + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body), 0);
  return Buffer.concat([length, body, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export const ICON_SIZES = [512, 256] as const;

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dir = fileURLToPath(new URL('../../../assets/icons/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  for (const size of ICON_SIZES) writeFileSync(join(dir, `${size}x${size}.png`), encodePng(size, size, drawIcon(size)));
}
