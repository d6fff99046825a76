/** The fallback editor: a plain, accessible <textarea>. */
import type { CodeEditor, EditorOptions } from './code-editor.ts';

export function createTextareaEditor(host: HTMLElement, options: EditorOptions): CodeEditor {
  const textarea = document.createElement('textarea');
  textarea.className = 'sdl-textarea-editor';
  textarea.value = options.code;
  textarea.spellcheck = false;
  textarea.autocapitalize = 'off';
  textarea.setAttribute('autocomplete', 'off');
  textarea.setAttribute('aria-label', options.label);
  textarea.setAttribute('aria-describedby', options.keysHintId);
  // Tab already leaves a textarea; Esc does too, as it does in Monaco, so one hint fits both editors.
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !event.defaultPrevented) options.onEscape();
  });
  textarea.rows = Math.min(30, Math.max(10, options.code.split('\n').length + 1));
  host.replaceChildren(textarea);
  return {
    getValue: () => textarea.value,
    setValue(code) {
      textarea.select();
      // execCommand keeps the change on the textarea's undo stack; assignment is the fallback where it is gone.
      if (!document.execCommand('insertText', false, code)) textarea.value = code;
    },
    onChange: (listener) => textarea.addEventListener('input', listener),
    focus: () => textarea.focus(),
    dispose: () => textarea.remove(),
  };
}
