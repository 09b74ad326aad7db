import { readFileSync } from 'node:fs';
import libheifModule from 'libheif-js/libheif-wasm/libheif-bundle.mjs';
import { describe, expect, it, vi } from 'vitest';
import { decodeHeicPixels } from './heic-decode.js';

// the library the preview's worker runs, on a real HEIC photo (fixtures/README.md): what the patient would see
const libheif = libheifModule();
const photo = readFileSync(new URL('../fixtures/photo.heic', import.meta.url));

/** The RGB of a pixel, each within {@code tolerance} of the source PNG's (the HEIC is lossy, quality 50). */
function near(pixels, x, y, [r, g, b], tolerance = 24) {
  const i = (y * pixels.width + x) * 4;
  const [pr, pg, pb, alpha] = pixels.data.slice(i, i + 4);
  expect(alpha).toBe(255);
  expect(
    [Math.abs(pr - r), Math.abs(pg - g), Math.abs(pb - b)].every((d) => d <= tolerance),
    `${[pr, pg, pb]}`,
  ).toBe(true);
}

describe('decoding a HEIC photo with libheif (the preview of an iPhone photo)', () => {
  it("decodes the fixture to its 96×64 pixels: the gradient's corners and the dark bar", async () => {
    const pixels = await decodeHeicPixels(libheif, photo);
    expect([pixels.width, pixels.height, pixels.data.length]).toEqual([96, 64, 96 * 64 * 4]);
    near(pixels, 0, 0, [0, 0, 160]);
    near(pixels, 95, 63, [252, 251, 160]);
    near(pixels, 48, 32, [20, 40, 60]);
  });

  it('rejects bytes that hold no HEIC image (the preview then offers the download)', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {}); // libheif's own "Could not parse HEIF file"
    await expect(decodeHeicPixels(libheif, new TextEncoder().encode('%PDF-1.4 not a photo'))).rejects.toThrow(
      'No image',
    );
    await expect(decodeHeicPixels(libheif, photo.subarray(0, 300))).rejects.toThrow();
  });
});
