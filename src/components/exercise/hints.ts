/** hints.md holds one `## ` section per hint, in the order they should be revealed. */
export interface Hint {
  title: string;
  markdown: string;
}

export function splitHints(hintsMarkdown: string, fileForErrors: string): Hint[] {
  const sections = hintsMarkdown.split(/^## +/m).slice(1);
  if (sections.length === 0) throw new Error(`${fileForErrors}: expected at least one hint, each starting with a "## " heading`);
  return sections.map((section) => {
    const newline = section.indexOf('\n');
    const title = (newline === -1 ? section : section.slice(0, newline)).trim();
    return { title, markdown: newline === -1 ? '' : section.slice(newline + 1).trim() };
  });
}
