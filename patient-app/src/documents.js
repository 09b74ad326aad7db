// Documents: what can be uploaded (checked in the browser before the upload, as the server's default policy: 10 MB,
// PDF, JPEG/PNG/GIF/WebP/TIFF/HEIC images, plain text — a server configured otherwise still answers with its own
// reason), how a patient's DocumentReferences are listed, and which of them the patient may delete.

export const MAX_BYTES = 10 * 1024 * 1024;
export const ALLOWED_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/tiff',
  'image/heic',
  'image/heif',
  'text/plain',
];

/** File name endings for the file picker: browsers outside Apple's systems often know no type for HEIC photos. */
export const ALLOWED_EXTENSIONS = ['.heic', '.heif'];

/**
 * The content type to upload a file as: the browser's, else — for a HEIC/HEIF photo the browser has no type for (Chrome
 * and Firefox on Windows and Linux) — the one its name ending says; application/octet-stream for anything else.
 */
export function uploadType(file) {
  if (file.type) return file.type;
  const ending = /\.(heic|heif)$/i.exec(file.name ?? '')?.[1]?.toLowerCase();
  return ending ? `image/${ending}` : 'application/octet-stream';
}

/** Null when the file may be uploaded, else {key, values} of the message to show. */
export function checkUpload(file, { maxBytes = MAX_BYTES, allowedTypes = ALLOWED_TYPES } = {}) {
  if (file.size > maxBytes) return { key: 'documents.tooLarge', values: { max: Math.floor(maxBytes / 1024 / 1024) } };
  const type = uploadType(file);
  if (!allowedTypes.includes(type)) return { key: 'documents.badType', values: { type } };
  return null;
}

/**
 * A DocumentReference for an uploaded file of the patient (category attachment), its content inline as base64; its
 * author is who uploaded it (the signed-in user: the patient, or a carer acting for them).
 */
export function uploadResource({ patientId, title, contentType, base64, author = null }) {
  return {
    resourceType: 'DocumentReference',
    status: 'current',
    category: [{ coding: [{ system: 'https://mediwox.org/fhir/CodeSystem/document-category', code: 'attachment' }] }],
    subject: { reference: `Patient/${patientId}` },
    author: [{ reference: author ?? `Patient/${patientId}` }],
    date: new Date().toISOString(),
    content: [{ attachment: { contentType, title, data: base64 } }],
  };
}

const CATEGORIES = ['prescription', 'report', 'attachment'];

/** Mediwox's category of a DocumentReference; anything else is shown as an attachment. */
function category(resource) {
  const code = resource.category
    ?.flatMap((c) => c.coding ?? [])
    .find((c) => c.system === 'https://mediwox.org/fhir/CodeSystem/document-category')?.code;
  return CATEGORIES.includes(code) ? code : 'attachment';
}

/**
 * The patient's documents from a searchset Bundle, newest first, with what the list shows. {@code uploaders} are the
 * references of those who upload in this app (the patient, the signed-in carer): an attachment one of them wrote is
 * offered for deletion ({@code mine}). The server decides by its own record of who uploaded what, so a document
 * wrongly offered is refused there and said so.
 */
export function listDocuments(bundle, uploaders = []) {
  return (bundle?.entry ?? [])
    .map((e) => e.resource)
    .filter((r) => r?.resourceType === 'DocumentReference' && r.status === 'current')
    .map((r) => ({
      id: r.id,
      title: r.content?.[0]?.attachment?.title ?? r.type?.text ?? r.type?.coding?.[0]?.display ?? r.id,
      category: category(r),
      date: r.date ?? null,
      contentType: r.content?.[0]?.attachment?.contentType ?? null,
      mine: category(r) === 'attachment' && (r.author ?? []).some((a) => uploaders.includes(a.reference)),
    }))
    .sort((a, b) => String(b.date).localeCompare(String(a.date)));
}

/**
 * How a document of a type is shown in the page: 'pdf' (in a frame), 'image' (inline), 'heic' (a HEIC/HEIF photo,
 * decoded in the browser and shown as an image), 'text', or null (download only).
 */
export function previewKind(contentType) {
  if (contentType === 'application/pdf') return 'pdf';
  if (/^image\/(jpeg|png|gif|webp)$/.test(contentType ?? '')) return 'image';
  // browsers other than Safari do not show HEIC: kept as sent, decoded for the preview (preview.js)
  if (/^image\/(heic|heif)$/.test(contentType ?? '')) return 'heic';
  // TIFF: shown by Safari only, and no small well-kept decoder is worth shipping for scans: download only
  if (contentType === 'text/plain') return 'text';
  return null;
}
