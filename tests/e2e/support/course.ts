/** The course as the lesson files define it, so tests follow the lessons instead of hard-coding them. */
import { readdirSync, readFileSync } from 'node:fs';

export interface LessonFixture {
  slug: string;
  title: string;
  order: number;
  exercises: string[];
}

const lessonsDir = new URL('../../../lessons/', import.meta.url);

function frontmatterField(source: string, field: string, file: string): string {
  const value = new RegExp(`^${field}:\\s*(.+)$`, 'm').exec(source)?.[1];
  if (value === undefined) throw new Error(`lessons/${file}: no "${field}" in the frontmatter`);
  return value.trim();
}

export function readLessons(): LessonFixture[] {
  return readdirSync(lessonsDir)
    .filter((file) => file.endsWith('.mdx') || file.endsWith('.md'))
    .map((file) => {
      const source = readFileSync(new URL(file, lessonsDir), 'utf8');
      const exercises = /^exercises:\s*\[(.*)\]$/m.exec(source)?.[1] ?? '';
      return {
        slug: file.replace(/\.mdx?$/, ''),
        title: frontmatterField(source, 'title', file).replace(/^['"]|['"]$/g, ''),
        order: Number(frontmatterField(source, 'order', file)),
        exercises: [...exercises.matchAll(/['"]([^'"]+)['"]/g)].map((match) => match[1]!),
      };
    })
    .sort((a, b) => a.order - b.order);
}
