// HEIC/HEIF photos (what iPhones take) shown in the preview: browsers other than Safari cannot show them, so they are
// decoded here into a PNG. Imported dynamically by preview.js, so this module and the decoder's worker (with libheif's
// WebAssembly) are their own chunks, fetched only when a HEIC document is previewed.

/** The photo as a PNG Blob, decoded by libheif in a worker; rejects when it cannot be decoded. */
export function decodeHeic(blob) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./heic-worker.js', import.meta.url), { type: 'module' });
    const done = (settle, value) => {
      worker.terminate(); // one photo per worker: the WebAssembly heap goes with it
      settle(value);
    };
    worker.onmessage = ({ data }) =>
      data.png ? done(resolve, data.png) : done(reject, new Error(data.error ?? 'HEIC decoding failed'));
    // the worker's script or libheif failed to load (offline, a blocked worker)
    worker.onerror = (event) => {
      event.preventDefault?.();
      done(reject, new Error(event.message || 'The HEIC decoder could not be started'));
    };
    blob.arrayBuffer().then(
      (bytes) => worker.postMessage(bytes, [bytes]),
      (error) => done(reject, error),
    );
  });
}
