// Documents: the patient's prescriptions, reports and attachments with plain type names; preview (PDF in the page,
// images inline, HEIC photos decoded in the browser, text as text) and download — the content comes through
// $binary-access-read with the patient's token; upload with a progress bar, checked against the server's policy before
// it is sent (HEIC photos are sent as they are); delete, after a confirmation, what the patient uploaded.
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from './booking.js';
import {
  ALLOWED_EXTENSIONS,
  ALLOWED_TYPES,
  checkUpload,
  listDocuments,
  previewKind,
  uploadResource,
  uploadType,
} from './documents.js';
import { formatDateTime, t, typeName } from './i18n.js';
import { preparePreview } from './preview.js';
import { Alert, dangerButton, Dialog, fieldClass, Notice, secondaryButton, Status, useFhir } from './ui.jsx';

function readBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(',')[1] ?? '');
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** An error like fhirclient's (status, and the body after a blank line), so that errorMessage reads both alike. */
function httpError(status, statusText, body) {
  const error = new Error(`${status} ${statusText}\n\n${body}`);
  error.status = status;
  return error;
}

/** The document's content as a Blob, fetched with the patient's token. */
async function content(client, document) {
  await client.refreshIfNeeded(); // a plain fetch: fhirclient does not refresh the token for it
  const response = await fetch(
    `${client.state.serverUrl}/DocumentReference/${document.id}/$binary-access-read?path=DocumentReference.content.attachment`,
    { headers: { Authorization: client.getAuthorizationHeader() } },
  );
  if (response.status === 401) client.endSession?.();
  if (!response.ok) throw httpError(response.status, response.statusText, await response.text());
  return response.blob();
}

/** Hands the document's content to the browser as a download. */
async function download(client, document) {
  const url = URL.createObjectURL(await content(client, document));
  const link = window.document.createElement('a');
  link.href = url;
  link.download = document.title;
  window.document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Creates the upload's DocumentReference with XMLHttpRequest (fetch reports no upload progress); {@code onProgress}
 * gets the share sent (0..1).
 */
async function send(client, resource, onProgress) {
  await client.refreshIfNeeded();
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `${client.state.serverUrl}/DocumentReference`);
    request.setRequestHeader('Content-Type', 'application/fhir+json');
    request.setRequestHeader('Accept', 'application/fhir+json');
    request.setRequestHeader('Authorization', client.getAuthorizationHeader());
    request.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    request.onload = () => {
      if (request.status === 401) client.endSession?.();
      if (request.status >= 200 && request.status < 300) resolve();
      else reject(httpError(request.status, request.statusText, request.responseText));
    };
    // as fetch says it, so that the patient hears that the server cannot be reached
    request.onerror = () => reject(new TypeError('Failed to fetch'));
    request.send(JSON.stringify(resource));
  });
}

/**
 * A document shown in the page: PDF in an iframe, images inline (HEIC photos once decoded), text as text; what cannot
 * be shown is offered as a download, saying why; the blob URL freed on close.
 */
function Preview({ client, document, language, onClose, onDownload }) {
  const [state, setState] = useState({ shown: null, url: null, error: null });
  const kind = previewKind(document.contentType);
  useEffect(() => {
    let url = null;
    let open = true;
    content(client, document)
      .then((blob) => preparePreview(document.contentType, blob))
      .then((shown) => {
        if (!open) return;
        if (shown.blob) url = URL.createObjectURL(shown.blob);
        setState({ shown, url, error: null });
      })
      .catch((error) => open && setState({ shown: null, url: null, error: errorMessage(error, language) }));
    return () => {
      open = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [client, document, language]);
  const { shown, url } = state;
  return (
    <Dialog title={document.title} onClose={onClose} testId="preview">
      <Alert>{state.error}</Alert>
      {kind === 'heic' && !shown && !state.error && <p role="status">{t(language, 'documents.preparingPhoto')}</p>}
      {shown?.kind === 'download' && (
        <>
          <p data-testid="preview-fallback">{t(language, shown.message)}</p>
          <button
            type="button"
            onClick={onDownload}
            className={`${secondaryButton} w-full`}
            aria-label={t(language, 'documents.downloadNamed', { title: document.title })}
          >
            {t(language, 'documents.download')}
          </button>
        </>
      )}
      {shown?.kind === 'pdf' && url && (
        <iframe src={url} title={document.title} className="h-[60vh] w-full rounded border" />
      )}
      {shown?.kind === 'image' && url && (
        <img src={url} alt={document.title} className="max-h-[60vh] w-full object-contain" />
      )}
      {shown?.kind === 'text' && (
        <pre className="max-h-[60vh] overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-3">{shown.text}</pre>
      )}
      <button type="button" onClick={onClose} className={`${secondaryButton} w-full`}>
        {t(language, 'documents.close')}
      </button>
    </Dialog>
  );
}

/** Asks before a delete: "Keep it" first (it has the focus when the dialog opens), then the delete itself. */
function ConfirmDelete({ document, language, onKeep, onDelete }) {
  const [busy, setBusy] = useState(false);
  const keep = useRef(null);
  return (
    <Dialog
      title={t(language, 'documents.deleteTitle', { title: document.title })}
      onClose={onKeep}
      testId="delete"
      initialFocus={keep}
    >
      <p>{t(language, 'documents.deleteText')}</p>
      <div className="flex gap-2">
        <button ref={keep} type="button" onClick={onKeep} className={`${secondaryButton} flex-1`}>
          {t(language, 'documents.keep')}
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            onDelete().finally(() => setBusy(false));
          }}
          className={`${dangerButton} flex-1`}
        >
          {t(language, 'documents.delete')}
        </button>
      </div>
    </Dialog>
  );
}

export default function Documents({ client, language, patientId, route, navigate }) {
  // who uploads through this app: the patient, or the carer signed in for them
  const uploader = client.user?.fhirUser ?? null;
  const list = useFhir(
    () =>
      client
        .request(`DocumentReference?patient=Patient/${patientId}&_sort=-date&_count=100`)
        .then((bundle) => listDocuments(bundle, [`Patient/${patientId}`, uploader].filter(Boolean))),
    [patientId],
  );
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState(null);
  const [progress, setProgress] = useState(null);
  const noticeRef = useRef(null);
  const previewed = list.data?.find((d) => d.id === route.id && route.action === 'preview') ?? null;
  const deleting = list.data?.find((d) => d.id === route.id && route.action === 'delete' && d.mine) ?? null;

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

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
    setProgress(0);
    try {
      const base64 = await readBase64(file);
      const resource = uploadResource({
        patientId,
        title: file.name,
        contentType: uploadType(file),
        base64,
        author: uploader,
      });
      await send(client, resource, setProgress);
      setNotice(t(language, 'documents.uploaded', { title: file.name }));
      list.reload();
    } catch (e) {
      setError(errorMessage(e, language));
    } finally {
      setProgress(null);
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

  /** Back from the delete dialog without deleting: the focus returns to that document's Delete button. */
  const keep = () => {
    const id = route.id;
    navigate({ screen: 'documents' }, { replace: true });
    setTimeout(() => window.document.querySelector(`[data-testid=document][data-id="${id}"] [name=delete]`)?.focus());
  };

  async function remove(document) {
    setError(null);
    setNotice(null);
    try {
      await client.delete(`DocumentReference/${document.id}`);
      navigate({ screen: 'documents' }, { replace: true });
      setNotice(t(language, 'documents.deleted', { title: document.title }));
      list.reload();
    } catch (e) {
      navigate({ screen: 'documents' }, { replace: true });
      setError(e?.status === 403 ? t(language, 'documents.deleteRefused') : errorMessage(e, language));
    }
  }

  const closePreview = () => {
    const id = route.id;
    navigate({ screen: 'documents' }, { replace: true });
    setTimeout(() => window.document.querySelector(`[data-testid=document][data-id="${id}"] button`)?.focus());
  };

  return (
    <section aria-labelledby="screen-title" className="space-y-4 p-4">
      <h2 id="screen-title" tabIndex={-1} className="text-xl font-semibold focus:outline-none">
        {t(language, 'nav.documents')}
      </h2>
      <label className="block">
        <span className="font-medium">{t(language, 'documents.upload')}</span>
        <input
          type="file"
          name="document"
          onChange={upload}
          disabled={progress !== null}
          accept={[...ALLOWED_TYPES, ...ALLOWED_EXTENSIONS].join(',')}
          className={fieldClass}
        />
      </label>
      {progress !== null && (
        <div>
          <p id="upload-progress-label">{t(language, 'documents.uploading')}</p>
          <progress
            aria-labelledby="upload-progress-label"
            value={Math.round(progress * 100)}
            max={100}
            className="h-3 w-full"
            data-testid="upload-progress"
          />
        </div>
      )}
      <Alert>{error}</Alert>
      <Notice ref={noticeRef}>{notice}</Notice>
      <Status state={list} language={language}>
        {list.data?.length ? (
          <ul className="space-y-3">
            {list.data.map((d) => (
              <li
                key={d.id}
                className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
                data-testid="document"
                data-id={d.id}
              >
                <p className="truncate font-semibold">{d.title}</p>
                <p className="text-sm text-slate-700">
                  {[t(language, `category.${d.category}`), d.contentType ? typeName(d.contentType, language) : null]
                    .filter(Boolean)
                    .join(' · ')}
                  {d.date ? ` · ${formatDateTime(d.date, language)}` : ''}
                </p>
                {!previewKind(d.contentType) && (
                  <p className="text-sm text-slate-700">{t(language, 'documents.noPreview')}</p>
                )}
                <div className="mt-2 flex gap-2">
                  {previewKind(d.contentType) && (
                    <button
                      type="button"
                      onClick={() => navigate({ screen: 'documents', id: d.id, action: 'preview' })}
                      className={`${secondaryButton} flex-1`}
                      aria-label={t(language, 'documents.previewNamed', { title: d.title })}
                    >
                      {t(language, 'documents.preview')}
                    </button>
                  )}
                  <button
                    type="button"
                    onClick={() => get(d)}
                    className={`${secondaryButton} flex-1`}
                    aria-label={t(language, 'documents.downloadNamed', { title: d.title })}
                  >
                    {t(language, 'documents.download')}
                  </button>
                  {d.mine && (
                    <button
                      type="button"
                      name="delete"
                      onClick={() => navigate({ screen: 'documents', id: d.id, action: 'delete' })}
                      className={`${dangerButton} flex-1`}
                      aria-label={t(language, 'documents.deleteNamed', { title: d.title })}
                    >
                      {t(language, 'documents.delete')}
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-700">{t(language, 'documents.none')}</p>
        )}
      </Status>
      {previewed && (
        <Preview
          client={client}
          document={previewed}
          language={language}
          onClose={closePreview}
          onDownload={() => get(previewed)}
        />
      )}
      {deleting && (
        <ConfirmDelete document={deleting} language={language} onKeep={keep} onDelete={() => remove(deleting)} />
      )}
    </section>
  );
}
