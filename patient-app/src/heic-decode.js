// Decoding a HEIC/HEIF photo to RGBA pixels with libheif (the libheif-js build). Kept apart from the worker that runs
// it so that the unit tests decode a real photo with the real library in Node, where there is no canvas.

/**
 * The primary image of a HEIC/HEIF file (else its first) as {width, height, data: RGBA bytes}; rejects when the bytes
 * hold no image libheif can decode. {@code libheif} is the initialised libheif-js module.
 */
export async function decodeHeicPixels(libheif, bytes) {
  const decoder = new libheif.HeifDecoder();
  let images = [];
  try {
    // libheif logs and answers no image, rather than throwing, for bytes it cannot read
    images = decoder.decode(new Uint8Array(bytes));
    const image = images.find((i) => i.is_primary()) ?? images[0];
    if (!image) throw new Error('No image libheif can decode in this file');
    const width = image.get_width();
    const height = image.get_height();
    const pixels = { data: new Uint8ClampedArray(width * height * 4), width, height };
    return await new Promise((resolve, reject) =>
      image.display(pixels, (shown) =>
        shown ? resolve(shown) : reject(new Error('libheif could not decode the image')),
      ),
    );
  } finally {
    // the WebAssembly heap is not garbage-collected: free what libheif allocated
    images.forEach((i) => i.free());
    if (decoder.decoder) libheif.heif_context_free(decoder.decoder);
  }
}
