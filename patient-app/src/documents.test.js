import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkUpload, listDocuments, MAX_BYTES, uploadResource, uploadType } from './documents.js';

describe('upload checks (before anything is sent)', () => {
  it('accepts PDF, the common image types and text up to 10 MB', () => {
    expect(checkUpload({ size: 1000, type: 'application/pdf' })).toBeNull();
    expect(checkUpload({ size: MAX_BYTES, type: 'image/jpeg' })).toBeNull();
    expect(checkUpload({ size: 10, type: 'text/plain' })).toBeNull();
  });

  it('refuses larger files and other types, SVG included, saying why', () => {
    expect(checkUpload({ size: MAX_BYTES + 1, type: 'application/pdf' })).toEqual({
      key: 'documents.tooLarge',
      values: { max: 10 },
    });
    expect(checkUpload({ size: 10, type: 'application/zip' })).toEqual({
      key: 'documents.badType',
      values: { type: 'application/zip' },
    });
    expect(checkUpload({ size: 10, type: 'image/svg+xml' }).key).toBe('documents.badType');
    expect(checkUpload({ size: 10, type: '' }).values.type).toBe('application/octet-stream');
    expect(checkUpload({ size: 10, type: '', name: 'notes.pages' }).key).toBe('documents.badType');
  });

  it('takes HEIC photos, also when the browser knows no type for them (named by their ending)', () => {
    // a real HEIC file (made with libheif's heif-enc, see fixtures/README.md), as a browser outside Apple's systems
    // hands it over: no type
    const bytes = readFileSync(new URL('../fixtures/photo.heic', import.meta.url));
    expect(bytes.subarray(4, 12).toString('latin1')).toBe('ftypheic');
    const photo = { name: 'IMG_0042.HEIC', type: '', size: bytes.length };
    expect(uploadType(photo)).toBe('image/heic');
    expect(checkUpload(photo)).toBeNull();
    expect(uploadType({ name: 'scan.heif', type: '' })).toBe('image/heif');
    expect(checkUpload({ name: 'x.jpg', type: 'image/heic', size: 10 })).toBeNull();
    expect(uploadType({ name: 'x.heic', type: 'image/jpeg' })).toBe('image/jpeg');
  });
});

describe('documents', () => {
  it('builds the DocumentReference of an upload as the Mediwox profile wants it', () => {
    const doc = uploadResource({ patientId: '7', title: 'scan.pdf', contentType: 'application/pdf', base64: 'AA==' });
    expect(doc.status).toBe('current');
    expect(doc.subject.reference).toBe('Patient/7');
    expect(doc.category[0].coding[0]).toEqual({
      system: 'https://mediwox.org/fhir/CodeSystem/document-category',
      code: 'attachment',
    });
    expect(doc.content[0].attachment).toEqual({ contentType: 'application/pdf', title: 'scan.pdf', data: 'AA==' });
    expect(doc.author).toEqual([{ reference: 'Patient/7' }]);
    const byCarer = uploadResource({
      patientId: '7',
      title: 'a.pdf',
      contentType: 'application/pdf',
      base64: 'AA==',
      author: 'RelatedPerson/3',
    });
    expect(byCarer.author).toEqual([{ reference: 'RelatedPerson/3' }]);
  });

  it("offers to delete only the patient's own uploads: attachments whose author uploads in this app", () => {
    const doc = (id, code, author) => ({
      resource: {
        resourceType: 'DocumentReference',
        id,
        status: 'current',
        category: [{ coding: [{ system: 'https://mediwox.org/fhir/CodeSystem/document-category', code }] }],
        ...(author ? { author: [{ reference: author }] } : {}),
      },
    });
    const bundle = {
      entry: [
        doc('1', 'attachment', 'Patient/7'),
        doc('2', 'attachment', 'RelatedPerson/3'),
        doc('3', 'prescription', 'Patient/7'),
        doc('4', 'attachment', 'Practitioner/9'),
        doc('5', 'attachment', null),
      ],
    };
    const mine = (uploaders) =>
      listDocuments(bundle, uploaders)
        .filter((d) => d.mine)
        .map((d) => d.id);
    expect(mine(['Patient/7'])).toEqual(['1']);
    expect(mine(['Patient/7', 'RelatedPerson/3'])).toEqual(['1', '2']);
    expect(mine([])).toEqual([]);
  });

  it('lists current documents newest first with title and category', () => {
    const bundle = {
      entry: [
        {
          resource: {
            resourceType: 'DocumentReference',
            id: '1',
            status: 'current',
            date: '2026-11-01',
            content: [{ attachment: { title: 'Old report' } }],
          },
        },
        {
          resource: {
            resourceType: 'DocumentReference',
            id: '2',
            status: 'current',
            date: '2026-11-20',
            category: [
              { coding: [{ system: 'https://mediwox.org/fhir/CodeSystem/document-category', code: 'prescription' }] },
            ],
            content: [{ attachment: { title: 'Prescription', contentType: 'application/pdf' } }],
          },
        },
        { resource: { resourceType: 'DocumentReference', id: '3', status: 'superseded', date: '2026-11-21' } },
      ],
    };
    expect(listDocuments(bundle)).toEqual([
      {
        id: '2',
        title: 'Prescription',
        category: 'prescription',
        date: '2026-11-20',
        contentType: 'application/pdf',
        mine: false,
      },
      { id: '1', title: 'Old report', category: 'attachment', date: '2026-11-01', contentType: null, mine: false },
    ]);
  });
});

describe('preview', () => {
  it('shows PDFs in a frame, the images browsers show inline, HEIC decoded, text as text; the rest download only', async () => {
    const { previewKind } = await import('./documents.js');
    expect(previewKind('application/pdf')).toBe('pdf');
    expect(previewKind('image/png')).toBe('image');
    expect(previewKind('image/jpeg')).toBe('image');
    expect(previewKind('image/tiff')).toBeNull();
    expect(previewKind('image/heic')).toBe('heic');
    expect(previewKind('image/heif')).toBe('heic');
    expect(previewKind('text/plain')).toBe('text');
    expect(previewKind(null)).toBeNull();
  });
});
