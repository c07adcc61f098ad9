import { ITEMS } from './catalogue';
import type { CallCenterIssue, XmlSection } from './call-center-xml';
import type { CallCenterSettings } from './settings';

/** Items Lightning reports as the Call Center's own name fields, without a label or sortOrder of their own. */
const NAME_ITEMS = new Set(['reqInternalName', 'reqDisplayName']);

/**
 * getCallCenterSettings' flat map, shaped as Open CTI for Lightning returns
 * it (Open CTI developer guide, "getCallCenterSettings() for Lightning
 * Experience", example returnValue): "/section/item" → value,
 * "/section/item/label", "/section/item/sortOrder" and "/section/label",
 * "/section/sortOrder", sort orders written as decimals ("2.0"); the
 * definition's display name under "/label"; "/displayNameLabel" and
 * "/internalNameLabel"; reqInternalName and reqDisplayName with their value
 * only.
 */
export function flattenSections(sections: readonly XmlSection[]): Record<string, string> {
  const flat: Record<string, string> = {};
  const general = sections.find((s) => s.name === 'reqGeneralInfo');
  const item = (name: string) => general?.items.find((i) => i.name === name);
  flat['/displayNameLabel'] = item('reqDisplayName')?.label || 'Display Name';
  flat['/internalNameLabel'] = item('reqInternalName')?.label || 'InternalName';
  flat['/label'] = item('reqDisplayName')?.value ?? '';
  for (const s of sections) {
    flat[`/${s.name}/label`] = s.label;
    flat[`/${s.name}/sortOrder`] = s.sortOrder.toFixed(1);
    for (const i of s.items) {
      flat[`/${s.name}/${i.name}`] = i.value;
      if (s.name === 'reqGeneralInfo' && NAME_ITEMS.has(i.name)) continue;
      flat[`/${s.name}/${i.name}/label`] = i.label;
      flat[`/${s.name}/${i.name}/sortOrder`] = i.sortOrder.toFixed(1);
    }
  }
  return flat;
}

export interface FlatReadResult {
  settings: CallCenterSettings;
  /** "/section/item" paths the org's Call Center set, and Puente applied. */
  applied: string[];
  /** Items the org set to values Puente refuses: each keeps the base's value. */
  issues: CallCenterIssue[];
}

/**
 * The settings an org's Call Center gives (C6, C7), read from
 * getCallCenterSettings' flat map over a base (the gateway's own file):
 * every item the org's definition holds wins; items it does not hold (a
 * definition imported before Puente's own section existed, say) keep the
 * base's value; an item with a bad value keeps the base's value and is
 * reported by its path.
 */
export function applyCallCenterFlat(
  base: CallCenterSettings,
  flat: Readonly<Record<string, string>>,
): FlatReadResult {
  const settings = structuredClone(base);
  const applied: string[] = [];
  const issues: CallCenterIssue[] = [];
  for (const spec of ITEMS) {
    const path = `/${spec.section}/${spec.name}`;
    const raw = flat[path];
    if (typeof raw !== 'string') continue;
    const parsed = spec.parse(raw);
    if (parsed.ok) {
      spec.apply(settings, parsed.value);
      applied.push(path);
    } else issues.push({ path, message: parsed.error });
  }
  return { settings, applied, issues };
}
