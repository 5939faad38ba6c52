/**
 * Just enough PNG to compare page renderings without a dependency: 8-bit, non-interlaced grayscale, RGB or RGBA
 * images (what pdftoppm writes) decoded to one gray byte per pixel, and a difference measure between two of them.
 */
import zlib from 'node:zlib';

export interface GrayImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 6: 4 };

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

export function decodePngGray(png: Buffer): GrayImage {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const bitDepth = body[8]!;
      channels = CHANNELS[body[9]!] ?? 0;
      if (bitDepth !== 8 || channels === 0 || body[12] !== 0) throw new Error('only 8-bit non-interlaced gray/RGB/RGBA PNGs are supported');
    } else if (type === 'IDAT') {
      data.push(body);
    } else if (type === 'IEND') {
      break;
    }
    offset += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const current = new Uint8Array(stride);
  let previous = new Uint8Array(stride);
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? current[x - channels]! : 0;
      const up = previous[x]!;
      const upLeft = x >= channels ? previous[x - channels]! : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter];
      if (predictor === undefined) throw new Error(`bad PNG filter ${filter}`);
      current[x] = (line[x]! + predictor) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const p = x * channels;
      pixels[y * width + x] = channels === 1 ? current[p]! : Math.round(0.299 * current[p]! + 0.587 * current[p + 1]! + 0.114 * current[p + 2]!);
    }
    previous = Uint8Array.from(current);
  }
  return { width, height, pixels };
}

/** Share of pixels (0..1) whose gray levels differ by more than `threshold`; 1 when the sizes differ. */
export function differingShare(a: GrayImage, b: GrayImage, threshold = 64): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let differing = 0;
  for (let i = 0; i < a.pixels.length; i++) if (Math.abs(a.pixels[i]! - b.pixels[i]!) > threshold) differing++;
  return differing / a.pixels.length;
}

/** Share of dark (ink) pixels: guards against comparing two blank pages. */
export function inkShare(image: GrayImage): number {
  let ink = 0;
  for (const p of image.pixels) if (p < 128) ink++;
  return ink / image.pixels.length;
}
