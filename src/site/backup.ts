/** Export of progress and drafts to a JSON file, and import of such a file (validated before anything is replaced). */
import { readState, writeState } from './store.ts';
import { readStoredState } from './stored-state.ts';
import { t } from '../i18n/ui.ts';

export const BACKUP_FILE_NAME = 'system-design-lab-progress.json';

/** Offers the stored state as a file download; returns the message to show. */
export function exportBackup(): string {
  const blob = new Blob([JSON.stringify(readState(), null, 2)], { type: 'application/json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = BACKUP_FILE_NAME;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
  return t('backup.exported', { file: BACKUP_FILE_NAME });
}

/** Replaces the stored state with the file's content if it is valid; returns the message to show. */
export function importBackup(fileText: string): { ok: boolean; message: string } {
  let data: unknown;
  try {
    data = JSON.parse(fileText);
  } catch {
    return { ok: false, message: t('backup.invalid', { reason: 'it is not JSON' }) };
  }
  const parsed = readStoredState(data);
  if (!parsed.ok) return { ok: false, message: t('backup.invalid', { reason: parsed.reason }) };
  // Imported drafts count as new saves, so a tab still open on one of these exercises notices them.
  const current = readState().drafts;
  for (const [id, draft] of Object.entries(parsed.state.drafts)) {
    draft.revision = Math.max(draft.revision, current[id]?.revision ?? 0) + 1;
  }
  if (writeState(parsed.state) !== 'saved') return { ok: false, message: t('backup.notSaved') };
  return {
    ok: true,
    message: t('backup.imported', {
      drafts: Object.keys(parsed.state.drafts).length,
      solved: Object.keys(parsed.state.solved).length,
    }),
  };
}
