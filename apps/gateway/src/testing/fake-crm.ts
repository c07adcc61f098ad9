import { SALESFORCE_KEY_PREFIXES, salesforceIdSuffix } from '@puente/contracts';
import type { CrmMatch, CrmObjectType } from '@puente/crm';
import { digitsOnly, type PhoneMatchRule, toE164 } from '@puente/phone';
import {
  type Crm,
  type CrmRecord,
  CrmUnavailableError,
  type FieldsByObject,
  type FoundRecord,
} from '../app/crm/crm.port';

interface FakeRecord {
  objectType: CrmObjectType;
  id: string;
  fields: Record<string, unknown>;
}

/** An in-memory Salesforce behind the Crm port, for precise tests of the gateway's CRM logic. */
export class FakeCrm implements Crm {
  readonly records = new Map<string, FakeRecord>();
  readonly tasks: Record<string, unknown>[] = [];
  readonly users = new Map<string, string>();
  /** While set, every call fails as if Salesforce were unreachable. */
  down = false;
  calls = 0;
  private seq = 0;

  add(objectType: CrmObjectType, fields: Record<string, unknown>): string {
    const id15 = `${SALESFORCE_KEY_PREFIXES[objectType]}${String(++this.seq).padStart(12, '0')}`;
    const id = id15 + salesforceIdSuffix(id15);
    this.records.set(id, {
      objectType,
      id,
      fields: { Name: fields['Name'] ?? `${objectType} ${this.seq}`, ...fields },
    });
    return id;
  }

  async findByIds(ids: readonly string[], fields: FieldsByObject = {}): Promise<FoundRecord[]> {
    this.touch();
    return ids
      .map((id) => this.records.get(id))
      .filter((r): r is FakeRecord => !!r)
      .map((r) => found(r, fields));
  }

  async findByField(
    field: string,
    value: string,
    objects: readonly CrmObjectType[],
    fields: FieldsByObject = {},
  ): Promise<FoundRecord[]> {
    this.touch();
    return [...this.records.values()]
      .filter((r) => objects.includes(r.objectType) && String(r.fields[field] ?? '') === value)
      .map((r) => found(r, fields));
  }

  async findByPhone(e164: string, rule: PhoneMatchRule, fields: FieldsByObject = {}): Promise<FoundRecord[]> {
    this.touch();
    const wanted = digitsOnly(e164);
    return [...this.records.values()]
      .filter((r) =>
        ['Phone', 'MobilePhone'].some((f) => {
          const raw = r.fields[f];
          if (typeof raw !== 'string') return false;
          if (rule.mode === 'exact') return toE164(raw) === e164;
          const digits = digitsOnly(toE164(raw) ?? raw);
          return digits.slice(-rule.digits) === wanted.slice(-rule.digits);
        }),
      )
      .map((r) => found(r, fields));
  }

  async retrieve(
    objectType: CrmObjectType,
    id: string,
    fields: readonly string[],
  ): Promise<CrmRecord | null> {
    this.touch();
    const r = this.records.get(id);
    if (!r || r.objectType !== objectType) return null;
    return { ...toMatch(r), fields: Object.fromEntries(fields.map((f) => [f, r.fields[f] ?? null])) };
  }

  async retrieveAll(objectType: CrmObjectType, id: string): Promise<Record<string, unknown> | null> {
    this.touch();
    const r = this.records.get(id);
    return r && r.objectType === objectType ? { Id: r.id, ...r.fields } : null;
  }

  async update(_objectType: CrmObjectType, id: string, values: Record<string, unknown>): Promise<void> {
    this.touch();
    const r = this.records.get(id);
    if (!r) throw Object.assign(new Error('entity is deleted'), { errorCode: 'ENTITY_IS_DELETED' });
    Object.assign(r.fields, values);
  }

  async create(objectType: CrmObjectType, values: Record<string, unknown>): Promise<string> {
    this.touch();
    return this.add(objectType, { Name: values['LastName'] ?? values['Name'], ...values });
  }

  async upsertCallTask(task: Record<string, unknown>): Promise<string> {
    this.touch();
    const existing = this.tasks.find((t) => t['CallObject'] === task['CallObject']);
    if (existing) Object.assign(existing, task);
    else this.tasks.push({ ...task });
    return String(task['CallObject']);
  }

  async userIdByEmail(email: string): Promise<string | null> {
    this.touch();
    return this.users.get(email) ?? null;
  }

  async search(text: string): Promise<CrmMatch[]> {
    this.touch();
    return [...this.records.values()]
      .filter((r) => JSON.stringify(r.fields).toLowerCase().includes(text.toLowerCase()))
      .map(toMatch);
  }

  async ping(): Promise<void> {
    this.touch();
  }

  private touch(): void {
    this.calls += 1;
    if (this.down) throw new CrmUnavailableError('Salesforce cannot be reached (fake outage)');
  }
}

function toMatch(r: FakeRecord): CrmMatch {
  return { objectType: r.objectType, id: r.id, name: String(r.fields['Name'] ?? r.id) };
}

/** As the jsforce adapter answers: Id, Name and the fields asked for, when any were. */
function found(r: FakeRecord, fields: FieldsByObject): FoundRecord {
  const list = fields[r.objectType];
  if (!list || list.length === 0) return toMatch(r);
  const all: Record<string, unknown> = { Id: r.id, ...r.fields };
  return {
    ...toMatch(r),
    fields: Object.fromEntries(['Id', 'Name', ...list].map((f) => [f, all[f] ?? null])),
  };
}
