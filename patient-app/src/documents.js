// Documents: what can be uploaded (checked in the browser before the upload, as the server's default policy: 10 MB,
// PDF, JPEG/PNG/GIF/WebP/TIFF images, plain text — a server configured otherwise still answers with its own reason)
// and how a patient's DocumentReferences are listed.

export const MAX_BYTES = 10 * 1024 * 1024;
export const ALLOWED_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/tiff',
  'text/plain',
];

/** Null when the file may be uploaded, else {key, values} of the message to show. */
export function checkUpload(file, { maxBytes = MAX_BYTES, allowedTypes = ALLOWED_TYPES } = {}) {
  if (file.size > maxBytes) return { key: 'documents.tooLarge', values: { max: Math.floor(maxBytes / 1024 / 1024) } };
  const type = file.type || 'application/octet-stream';
  if (!allowedTypes.includes(type)) return { key: 'documents.badType', values: { type } };
  return null;
}

/** A DocumentReference for an uploaded file of the patient (category attachment), its content inline as base64. */
export function uploadResource({ patientId, title, contentType, base64 }) {
  return {
    resourceType: 'DocumentReference',
    status: 'current',
    category: [{ coding: [{ system: 'https://mediwox.org/fhir/CodeSystem/document-category', code: 'attachment' }] }],
    subject: { reference: `Patient/${patientId}` },
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

/** The patient's documents from a searchset Bundle, newest first, with what the list shows. */
export function listDocuments(bundle) {
  return (bundle?.entry ?? [])
    .map((e) => e.resource)
    .filter((r) => r?.resourceType === 'DocumentReference' && r.status === 'current')
    .map((r) => ({
      id: r.id,
      title: r.content?.[0]?.attachment?.title ?? r.type?.text ?? r.type?.coding?.[0]?.display ?? r.id,
      category: category(r),
      date: r.date ?? null,
      contentType: r.content?.[0]?.attachment?.contentType ?? null,
    }))
    .sort((a, b) => String(b.date).localeCompare(String(a.date)));
}

/** How a document of a type is shown in the page: 'pdf' (in a frame), 'image' (inline), 'text', or null (download only). */
export function previewKind(contentType) {
  if (contentType === 'application/pdf') return 'pdf';
  // TIFF: browsers do not show it
  if (/^image\/(jpeg|png|gif|webp)$/.test(contentType ?? '')) return 'image';
  if (contentType === 'text/plain') return 'text';
  return null;
}
