/**
 * The words a simulation figure shows around its image. Kept in the shape of src/i18n/ui.ts so they can
 * move there as they are; until then they live next to the component.
 */
export const figureUi = {
  'figure.describe': 'Describe this figure',
  'figure.scrollLabel': 'Figure (scrolls sideways on narrow screens): {title}',
} as const;

export function figureText(key: keyof typeof figureUi, values: Record<string, string> = {}): string {
  return figureUi[key].replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
