/** The words around a quote from the primer. Kept in the shape of src/i18n/ui.ts so they can move there as they are. */
export const primerQuoteUi = {
  'primerQuote.source': 'the primer, {section}',
} as const;

export function primerQuoteText(key: keyof typeof primerQuoteUi, values: Record<string, string> = {}): string {
  return primerQuoteUi[key].replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
