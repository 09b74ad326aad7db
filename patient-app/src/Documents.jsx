// Documents: the patient's prescriptions, reports and attachments; download (the content comes through
// $binary-access-read with the patient's token); upload, checked against the server's policy before it is sent.
import { useState } from 'react';
import { errorMessage } from './booking.js';
import { ALLOWED_TYPES, checkUpload, listDocuments, uploadResource } from './documents.js';
import { formatDateTime, t } from './i18n.js';
import { Alert, fieldClass, Notice, secondaryButton, Status, useFhir } from './ui.jsx';

function readBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(',')[1] ?? '');
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Fetches the document's content with the patient's token and hands it to the browser as a download. */
async function download(client, document) {
  await client.refreshIfNeeded(); // a plain fetch: fhirclient does not refresh the token for it
  const response = await fetch(
    `${client.state.serverUrl}/DocumentReference/${document.id}/$binary-access-read?path=DocumentReference.content.attachment`,
    { headers: { Authorization: client.getAuthorizationHeader() } },
  );
  if (!response.ok) {
    const body = await response.text();
    throw new Error(`${response.status} ${response.statusText}\n\n${body}`);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = window.document.createElement('a');
  link.href = url;
  link.download = document.title;
  window.document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export default function Documents({ client, language, patientId }) {
  const list = useFhir(
    () => client.request(`DocumentReference?patient=Patient/${patientId}&_sort=-date&_count=100`).then(listDocuments),
    [patientId],
  );
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState(null);
  const [busy, setBusy] = useState(false);

  async function upload(event) {
    const input = event.target;
    const file = input.files?.[0];
    if (!file) return;
    setError(null);
    setNotice(null);
    const refused = checkUpload(file);
    if (refused) {
      setError(t(language, refused.key, refused.values));
      input.value = '';
      return;
    }
    setBusy(true);
    try {
      const base64 = await readBase64(file);
      await client.create(uploadResource({ patientId, title: file.name, contentType: file.type, base64 }));
      setNotice(t(language, 'documents.uploaded', { title: file.name }));
      list.reload();
    } catch (e) {
      setError(errorMessage(e, language));
    } finally {
      setBusy(false);
      input.value = '';
    }
  }

  async function get(document) {
    setError(null);
    try {
      await download(client, document);
    } catch (e) {
      setError(errorMessage(e, language));
    }
  }

  return (
    <section aria-labelledby="documents-title" className="space-y-4 p-4">
      <h2 id="documents-title" className="text-xl font-semibold">
        {t(language, 'nav.documents')}
      </h2>
      <label className="block">
        <span className="font-medium">{t(language, 'documents.upload')}</span>
        <input
          type="file"
          name="document"
          onChange={upload}
          disabled={busy}
          accept={ALLOWED_TYPES.join(',')}
          className={fieldClass}
        />
      </label>
      {busy && <p role="status">{t(language, 'documents.uploading')}</p>}
      <Alert>{error}</Alert>
      <Notice>{notice}</Notice>
      <Status state={list} language={language}>
        {list.data?.length ? (
          <ul className="space-y-3">
            {list.data.map((d) => (
              <li
                key={d.id}
                className="flex items-center justify-between gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
                data-testid="document"
                data-id={d.id}
              >
                <div className="min-w-0">
                  <p className="truncate font-semibold">{d.title}</p>
                  <p className="text-sm text-slate-700">
                    {t(language, `category.${d.category}`)}
                    {d.date ? ` · ${formatDateTime(d.date, language)}` : ''}
                  </p>
                </div>
                <button
                  type="button"
                  onClick={() => get(d)}
                  className={secondaryButton}
                  aria-label={t(language, 'documents.downloadNamed', { title: d.title })}
                >
                  {t(language, 'documents.download')}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-700">{t(language, 'documents.none')}</p>
        )}
      </Status>
    </section>
  );
}
