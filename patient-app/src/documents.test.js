import { describe, expect, it } from 'vitest';
import { checkUpload, listDocuments, MAX_BYTES, uploadResource } from './documents.js';

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
    expect(checkUpload({ size: 10, type: 'image/heic' }).key).toBe('documents.badType');
    expect(checkUpload({ size: 10, type: '' }).values.type).toBe('application/octet-stream');
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
      { id: '2', title: 'Prescription', category: 'prescription', date: '2026-11-20', contentType: 'application/pdf' },
      { id: '1', title: 'Old report', category: 'attachment', date: '2026-11-01', contentType: null },
    ]);
  });
});

describe('preview', () => {
  it('shows PDFs in a frame, the images browsers show inline, text as text; the rest download only', async () => {
    const { previewKind } = await import('./documents.js');
    expect(previewKind('application/pdf')).toBe('pdf');
    expect(previewKind('image/png')).toBe('image');
    expect(previewKind('image/jpeg')).toBe('image');
    expect(previewKind('image/tiff')).toBeNull();
    expect(previewKind('text/plain')).toBe('text');
    expect(previewKind(null)).toBeNull();
  });
});
