// Reads a screenshot the way a person would look at it: how much of a box is painted one colour.
import { PNG } from 'pngjs';

export type Rgb = readonly [number, number, number];

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** `#rrggbb` to its channels. */
export function hexColour(hex: string): Rgb {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (match === null) throw new Error(`Not a #rrggbb colour: ${hex}`);
  return [Number.parseInt(match[1]!, 16), Number.parseInt(match[2]!, 16), Number.parseInt(match[3]!, 16)];
}

/**
 * The share (0 to 1) of the box's pixels within `tolerance` of `colour` in every channel. The box is
 * in CSS pixels of a screenshot taken at device scale 1; it is rounded inwards, so that anti-aliased
 * edge pixels of a box on fractional coordinates do not count against it.
 */
export function colourCoverage(pngBytes: Buffer, box: Box, colour: Rgb, tolerance = 8): number {
  const image = PNG.sync.read(pngBytes);
  const left = Math.ceil(box.x);
  const top = Math.ceil(box.y);
  const right = Math.min(Math.floor(box.x + box.width), image.width);
  const bottom = Math.min(Math.floor(box.y + box.height), image.height);
  if (right <= left || bottom <= top) {
    throw new Error(`The box ${JSON.stringify(box)} is not inside the ${image.width}×${image.height} image`);
  }
  let matching = 0;
  for (let y = top; y < bottom; y++) {
    for (let x = left; x < right; x++) {
      const at = (y * image.width + x) * 4;
      const close = colour.every(
        (channel, index) => Math.abs(image.data[at + index]! - channel) <= tolerance,
      );
      if (close) matching++;
    }
  }
  return matching / ((right - left) * (bottom - top));
}
