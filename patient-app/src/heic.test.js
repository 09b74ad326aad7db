import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeHeic } from './heic.js';

/** A stand-in for the browser's Worker: records what it is sent and answers as the test says. */
function fakeWorker(answer) {
  const workers = [];
  class FakeWorker {
    constructor(url, options) {
      Object.assign(this, { url: String(url), options, sent: null, terminated: false });
      workers.push(this);
    }
    postMessage(bytes, transfer) {
      this.sent = { bytes, transfer };
      setTimeout(() => answer(this));
    }
    terminate() {
      this.terminated = true;
    }
  }
  vi.stubGlobal('Worker', FakeWorker);
  return workers;
}

afterEach(() => vi.unstubAllGlobals());

describe('decodeHeic (the worker that runs libheif)', () => {
  it("sends the photo's bytes to a module worker and answers its PNG; the worker is ended", async () => {
    const png = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' });
    const workers = fakeWorker((w) => w.onmessage({ data: { png } }));
    const heic = new Blob([new Uint8Array([0, 0, 0, 24, 102, 116, 121, 112])], { type: 'image/heic' });

    expect(await decodeHeic(heic)).toBe(png);

    const [worker] = workers;
    expect(worker.url).toMatch(/heic-worker\.js$/);
    expect(worker.options).toEqual({ type: 'module' });
    expect(new Uint8Array(worker.sent.bytes)).toEqual(new Uint8Array([0, 0, 0, 24, 102, 116, 121, 112]));
    expect(worker.sent.transfer).toEqual([worker.sent.bytes]);
    expect(worker.terminated).toBe(true);
  });

  it("rejects with libheif's reason when the photo cannot be decoded", async () => {
    const workers = fakeWorker((w) => w.onmessage({ data: { error: 'No image libheif can decode in this file' } }));
    await expect(decodeHeic(new Blob(['x']))).rejects.toThrow('No image libheif can decode');
    expect(workers[0].terminated).toBe(true);
  });

  it('rejects when the worker itself fails (its script or the WebAssembly could not be loaded)', async () => {
    const workers = fakeWorker((w) => w.onerror({ message: 'Failed to fetch', preventDefault() {} }));
    await expect(decodeHeic(new Blob(['x']))).rejects.toThrow('Failed to fetch');
    expect(workers[0].terminated).toBe(true);
  });
});
