// A module worker that turns HEIC/HEIF bytes into a PNG: libheif's WebAssembly build (1.4 MB, compiled synchronously
// by its Emscripten loader) is compiled and run here, off the page's thread, so that the dialog stays responsive while
// a 12-megapixel phone photo is decoded. Started by heic.js, only for a HEIC preview.
import libheifModule from 'libheif-js/libheif-wasm/libheif-bundle.mjs';
import { decodeHeicPixels } from './heic-decode.js';

let libheif = null;

self.onmessage = async ({ data: bytes }) => {
  try {
    libheif ??= libheifModule();
    const { data, width, height } = await decodeHeicPixels(libheif, bytes);
    const canvas = new OffscreenCanvas(width, height);
    canvas.getContext('2d').putImageData(new ImageData(data, width, height), 0, 0);
    self.postMessage({ png: await canvas.convertToBlob({ type: 'image/png' }) });
  } catch (error) {
    self.postMessage({ error: String(error?.message ?? error) });
  }
};
