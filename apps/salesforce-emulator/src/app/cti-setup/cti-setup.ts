import { readFile } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SoftphoneLayoutSchema } from '@puente/contracts';
import { defaultSoftphoneLayout, flattenSections, type SoftphoneLayout, type XmlSection } from '@puente/crm';
import { writeAtomically } from '../store/persistence';

export interface CtiSetupState {
  /** The Call Center definition imported into the org (Setup → Call Centers). */
  callCenter: XmlSection[];
  /** The Softphone Layout assigned to the org's users (Setup → Softphone Layouts). */
  softphoneLayout: SoftphoneLayout;
}

export class CtiSetupError extends Error {}

/** Salesforce keeps Call Center item values as text up to this length (inferred: the definition file's limit). */
const MAX_VALUE = 1000;

/**
 * What an administrator sets in Setup for Open CTI (issue 17 §2): the Call
 * Center and the Softphone Layout. The console answers getCallCenterSettings
 * and getSoftphoneLayout from here; its setup page edits it. Like Salesforce,
 * item values are stored as given: whether Puente can follow them is the
 * gateway's to say. Kept in `cti-setup.json` beside the org's records.
 */
export class CtiSetup {
  private state: CtiSetupState;

  constructor(
    private readonly seed: () => CtiSetupState,
    private readonly file: string | null,
  ) {
    this.state = seed();
  }

  /** The saved setup, or the package's Call Center and the default layout in a new org. */
  async load(): Promise<void> {
    if (!this.file) return;
    try {
      this.state = JSON.parse(await readFile(this.file, 'utf8')) as CtiSetupState;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await this.save();
    }
  }

  async reset(): Promise<void> {
    this.state = this.seed();
    await this.save();
  }

  get callCenter(): readonly XmlSection[] {
    return this.state.callCenter;
  }

  get softphoneLayout(): SoftphoneLayout {
    return this.state.softphoneLayout;
  }

  /** getCallCenterSettings' returnValue. */
  callCenterSettings(): Record<string, string> {
    return flattenSections(this.state.callCenter);
  }

  /** Sets item values by "/section/item" path; every path must name an item of the definition. */
  async setItems(values: Record<string, unknown>): Promise<void> {
    const next = structuredClone(this.state.callCenter);
    for (const [path, value] of Object.entries(values)) {
      const [, section, name, extra] = path.split('/');
      const item =
        extra === undefined
          ? next.find((s) => s.name === section)?.items.find((i) => i.name === name)
          : undefined;
      if (!item) throw new CtiSetupError(`${path} is not an item of the Call Center`);
      if (typeof value !== 'string' || value.length > MAX_VALUE)
        throw new CtiSetupError(`${path} must be text of at most ${MAX_VALUE} characters`);
      item.value = value.trim();
    }
    this.state = { ...this.state, callCenter: next };
    await this.save();
  }

  async setSoftphoneLayout(layout: unknown): Promise<void> {
    const parsed = SoftphoneLayoutSchema.safeParse(layout);
    if (!parsed.success)
      throw new CtiSetupError(`not a softphone layout: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    this.state = { ...this.state, softphoneLayout: parsed.data };
    await this.save();
  }

  private async save(): Promise<void> {
    if (!this.file) return;
    await mkdir(dirname(this.file), { recursive: true });
    await writeAtomically(this.file, JSON.stringify(this.state, null, 2));
  }
}

/** A new org's setup: the package's Call Center and the default Softphone Layout. */
export function seededCtiSetup(callCenter: () => XmlSection[]): () => CtiSetupState {
  return () => ({ callCenter: callCenter(), softphoneLayout: defaultSoftphoneLayout() });
}
