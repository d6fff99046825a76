/** What the exercise island needs from an editor, whether it is Monaco or the plain textarea fallback. */
export interface CodeEditor {
  getValue(): string;
  /** Replaces the whole text; the editor's own undo (Ctrl+Z) can bring the old text back. */
  setValue(code: string): void;
  onChange(listener: () => void): void;
  focus(): void;
  dispose(): void;
}

/** What an editor is created from. */
export interface EditorOptions {
  code: string;
  /** Accessible name of the editing surface. */
  label: string;
  /** Path of the learner's file, e.g. `exercises/backoff-jitter/solution.ts`; relative type imports resolve from it. */
  filePath: string;
  /** Source of every file the learner's code may `import type` from, keyed by path (same root as filePath). */
  typeFiles: Record<string, string>;
  /** Id of the element that says how to use and leave the editor by keyboard (its accessible description). */
  keysHintId: string;
  /** The learner pressed Esc with nothing in the editor to dismiss: move focus out (Tab indents inside). */
  onEscape(): void;
}
