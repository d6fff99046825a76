/**
 * Asks a yes/no question in the island's modal <dialog> (focus is trapped and restored by the browser;
 * Escape answers "no").
 */
export interface Question {
  title: string;
  body: string;
  confirmLabel: string;
  cancelLabel: string;
}

export function ask(dialog: HTMLDialogElement, question: Question): Promise<boolean> {
  const part = (name: string) => dialog.querySelector<HTMLElement>(`[data-dialog-${name}]`)!;
  part('title').textContent = question.title;
  part('body').textContent = question.body;
  part('confirm').textContent = question.confirmLabel;
  part('cancel').textContent = question.cancelLabel;
  dialog.returnValue = '';
  dialog.showModal();
  part('cancel').focus(); // the safe answer has focus, so a stray Enter changes nothing
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), { once: true });
  });
}
