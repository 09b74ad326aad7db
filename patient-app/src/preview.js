// What the preview dialog shows for a document's content. HEIC/HEIF photos are decoded by libheif, loaded only then
// (dynamic import: its own chunk, so the app's first load does not carry it); a photo it cannot decode falls back to
// the download, said so.
import { previewKind } from './documents.js';

/**
 * The preview of content of a type: {kind: 'pdf'|'image', blob} to show from a blob URL, {kind: 'text', text}, or
 * {kind: 'download', message} (the i18n key of why it is not shown) — never a rejection for content that cannot be
 * shown.
 */
export async function preparePreview(contentType, blob) {
  const kind = previewKind(contentType);
  if (kind === 'text') return { kind, text: await blob.text() };
  if (kind === 'pdf' || kind === 'image') return { kind, blob: new Blob([blob], { type: contentType }) };
  if (kind === 'heic') {
    try {
      const { decodeHeic } = await import('./heic.js');
      return { kind: 'image', blob: await decodeHeic(blob) };
    } catch (error) {
      console.warn('HEIC preview failed', error);
      return { kind: 'download', message: 'documents.heicFailed' };
    }
  }
  return { kind: 'download', message: 'documents.noPreview' };
}
