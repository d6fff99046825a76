/**
 * The shiki themes used for the lesson's static code blocks (Expressive Code) and for Monaco (@shikijs/monaco),
 * so the editor looks like the code around it. astro.config.mjs reads this too.
 */
export const codeThemes = { dark: 'github-dark-default', light: 'github-light-default' } as const;
