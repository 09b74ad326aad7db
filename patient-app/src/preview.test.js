import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeHeic } from './heic.js';
import { t } from './i18n.js';
import { preparePreview } from './preview.js';

// the decoder (libheif in a worker) is mocked: here only what the preview does with its answer
vi.mock('./heic.js', () => ({ decodeHeic: vi.fn() }));

afterEach(() => vi.clearAllMocks());

describe('what the preview shows', () => {
  it('decodes a HEIC or HEIF photo and shows the PNG it gives as an image', async () => {
    const png = new Blob(['png'], { type: 'image/png' });
    decodeHeic.mockResolvedValue(png);
    for (const type of ['image/heic', 'image/heif']) {
      const photo = new Blob(['heic bytes']);
      expect(await preparePreview(type, photo)).toEqual({ kind: 'image', blob: png });
      expect(decodeHeic).toHaveBeenLastCalledWith(photo);
    }
  });

  it('offers the download, saying the photo could not be shown, when decoding fails', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    decodeHeic.mockRejectedValue(new Error('No image libheif can decode in this file'));
    expect(await preparePreview('image/heic', new Blob(['broken']))).toEqual({
      kind: 'download',
      message: 'documents.heicFailed',
    });
    expect(t('en', 'documents.heicFailed')).toBe('This photo could not be shown here: download it to see it.');
    expect(t('es', 'documents.heicFailed')).toBe('Esta foto no se puede mostrar aquí: descárguela para verla.');
  });

  it('shows PDFs, browser images and text as before, without loading the HEIC decoder', async () => {
    const pdf = await preparePreview('application/pdf', new Blob(['%PDF-1.4']));
    expect(pdf.kind).toBe('pdf');
    expect(pdf.blob.type).toBe('application/pdf');
    expect((await preparePreview('image/jpeg', new Blob(['jpeg']))).kind).toBe('image');
    expect(await preparePreview('text/plain', new Blob(['Take twice a day']))).toEqual({
      kind: 'text',
      text: 'Take twice a day',
    });
    expect(decodeHeic).not.toHaveBeenCalled();
  });

  it('offers TIFF scans and other types as a download only', async () => {
    for (const type of ['image/tiff', 'application/octet-stream', null]) {
      expect(await preparePreview(type, new Blob(['x']))).toEqual({ kind: 'download', message: 'documents.noPreview' });
    }
    expect(decodeHeic).not.toHaveBeenCalled();
  });

  it('loads the HEIC decoder lazily: no module imports it statically (the first load must not carry libheif)', () => {
    const sources = readdirSync(new URL('.', import.meta.url)).filter(
      (f) => /\.jsx?$/.test(f) && !f.includes('.test.'),
    );
    const staticImports = sources.filter((file) =>
      /^import[^;]*from\s+'(\.\/heic\.js|libheif-js[^']*)'/m.test(readFileSync(new URL(file, import.meta.url), 'utf8')),
    );
    // only the worker itself (a chunk of its own, started by heic.js) imports libheif
    expect(staticImports).toEqual(['heic-worker.js']);
  });
});
