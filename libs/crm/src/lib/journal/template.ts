/**
 * Fills a Task Subject or Description template (SPEC C11, seed 000):
 * "[Variable]" is replaced by the variable's value. Unknown variables are left
 * as written so that a typo shows in Salesforce instead of vanishing.
 */
export function renderTemplate(
  template: string,
  variables: Readonly<Record<string, string | number | null | undefined>>,
): string {
  const lookup = new Map(Object.entries(variables).map(([k, v]) => [k.toLowerCase(), v]));
  return template.replace(/\[([A-Za-z][\w]*)\]/g, (whole, name: string) => {
    const value = lookup.get(name.toLowerCase());
    return value === undefined || value === null ? whole : String(value);
  });
}

/** The variables a template uses, for validating configuration at start. */
export function templateVariables(template: string): string[] {
  return [...new Set([...template.matchAll(/\[([A-Za-z][\w]*)\]/g)].map((m) => m[1]))];
}
