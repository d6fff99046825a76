/**
 * Registers the service worker through Workbox's window library and shows what `update-flow.ts` decides in
 * one small status region at the bottom of the page: announced by screen readers, reachable by keyboard.
 */
import { Workbox } from 'workbox-window';
import { t } from '../../i18n/ui.ts';
import { SERVICE_WORKER_URL } from './service-worker-url.ts';
import { saveEveryDraft } from './save-before-update.ts';
import { createUpdateFlow } from './update-flow.ts';
import type { UpdateFlow, UpdateNotice } from './update-flow.ts';

/** How long a notice that needs no answer stays up. */
const PASSING_NOTICE_MS = 8_000;

class UpdateNoticeRegion {
  readonly #region: HTMLElement;
  #hideTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    // A live region is announced when its content changes, so it exists (empty) before anything is said.
    this.#region = document.createElement('div');
    this.#region.className = 'sdl-update-notice';
    this.#region.setAttribute('role', 'status');
    this.#region.hidden = true;
    document.body.append(this.#region);
  }

  show(notice: UpdateNotice, flow: UpdateFlow): void {
    clearTimeout(this.#hideTimer);
    const text = document.createElement('p');
    const parts: HTMLElement[] = [text];
    switch (notice.kind) {
      case 'offline-ready':
        text.textContent = t('update.offlineReady');
        this.#hideTimer = setTimeout(() => (this.#region.hidden = true), PASSING_NOTICE_MS);
        break;
      case 'update-ready':
        text.textContent = t('update.ready');
        parts.push(this.#reloadButton(() => flow.reloadRequested()));
        break;
      case 'updating':
        text.textContent = t('update.updating');
        break;
      case 'not-saved':
        text.textContent = t('update.notSaved', { count: notice.unsaved.length });
        parts.push(this.#reloadButton(() => flow.reloadRequested()));
        break;
      case 'updated-elsewhere':
        text.textContent = t('update.updatedElsewhere');
        parts.push(this.#reloadButton(() => location.reload()));
        break;
    }
    this.#region.replaceChildren(...parts);
    this.#region.hidden = false;
  }

  #reloadButton(onClick: () => void): HTMLButtonElement {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = t('update.reload');
    button.addEventListener('click', onClick);
    return button;
  }
}

export function watchForUpdates(): void {
  const workbox = new Workbox(SERVICE_WORKER_URL);
  let region: UpdateNoticeRegion | undefined;
  const flow: UpdateFlow = createUpdateFlow({
    saveDrafts: () => saveEveryDraft(window),
    activateWaiting: () => workbox.messageSkipWaiting(),
    reload: () => location.reload(),
    show: (notice) => (region ??= new UpdateNoticeRegion()).show(notice, flow),
  });
  // Workbox calls a version found after the page registered "external", and an update only when a worker
  // controlled the page at registration: either way it is not the first install.
  workbox.addEventListener('installed', (event) => flow.installed(event.isUpdate === true || event.isExternal === true));
  workbox.addEventListener('waiting', () => flow.waiting());
  // The first worker claims an uncontrolled page; any later change of controller is a new version.
  let controlled = navigator.serviceWorker.controller !== null;
  workbox.addEventListener('controlling', () => {
    flow.controlling(controlled);
    controlled = true;
  });
  void workbox.register().catch((error: unknown) => {
    // The course still works online; only offline use is lost. Not an error the learner can act on.
    console.warn('The offline copy of the course could not be set up.', error);
  });
}
