/** <sdl-progress-backup>: export progress and drafts to a JSON file, or import such a file. */
import { exportBackup, importBackup } from '../site/backup.ts';

class ProgressBackup extends HTMLElement {
  connectedCallback(): void {
    const status = this.querySelector<HTMLElement>('[data-part="status"]')!;
    const fileInput = this.querySelector<HTMLInputElement>('input[type="file"]')!;
    this.hidden = false;
    this.querySelector('[data-part="export"]')!.addEventListener('click', () => {
      status.textContent = exportBackup();
    });
    this.querySelector('[data-part="import"]')!.addEventListener('click', () => fileInput.click());
    fileInput.addEventListener('change', async () => {
      const file = fileInput.files?.[0];
      if (!file) return;
      status.textContent = importBackup(await file.text()).message;
      fileInput.value = '';
    });
  }
}

customElements.define('sdl-progress-backup', ProgressBackup);
