import { DEMO_IDS, hashPassword } from '@puente/contact-center-db';
import type { NeoBreakState, NeoCategory, NeoTransferNumber } from '@puente/neoapi';
import { Random } from '../sim/random';
import type { StoredCampaign, StoredContact, StoredQueue, StoredUser } from './dialer-store';

/** The demo blacklist, as @puente/contact-center-db seeds it (D4: the IVR refuses these; nobody dials them). */
export const DEMO_BLACKLIST: readonly string[] = [
  DEMO_IDS.blacklistedNumber,
  '+5491100000000',
  '+34600000000',
  '+12025550199',
  '+541140000000',
];

/** The password of every demo user (docs/dialer-emulator.md, GET /demo). */
export const DEMO_PASSWORD = 'puente';

let demoHash: Promise<string> | null = null;

/** scrypt is slow on purpose: one hash serves every demo user, made once per process. */
export function demoPasswordHash(): Promise<string> {
  demoHash ??= hashPassword(DEMO_PASSWORD);
  return demoHash;
}

export interface DemoData {
  users: StoredUser[];
  devices: string[];
  breakStates: NeoBreakState[];
  campaigns: StoredCampaign[];
  queues: StoredQueue[];
  transferNumbers: Map<string, NeoTransferNumber[]>;
  categories: Map<string, NeoCategory[]>;
  crmOfDatabase: Map<string, string>;
  contacts: StoredContact[];
}

const FIRST = ['Lucía', 'Martín', 'Sofía', 'Mateo', 'Valentina', 'Juan', 'Camila', 'Diego', 'Emma', 'Pablo'];
const LAST = [
  'García',
  'Fernández',
  'López',
  'Martínez',
  'Gómez',
  'Díaz',
  'Pérez',
  'Romero',
  'Smith',
  'Ruiz',
];

/**
 * The demo world of the in-memory store, shaped like @puente/contact-center-db's
 * seed: 3 campaigns (predictive, progressive, preview), 2 queues, agent01…agent20,
 * super01/super02, admin, devices 1001…1030, and `contactCount` contacts with
 * Argentine, Spanish and US numbers. Deterministic for a given seed.
 */
export function buildDemoData(contactCount = 3000, seed = 1, passwordHash = ''): DemoData {
  const hash = passwordHash;
  const users: StoredUser[] = [];
  const pad = (n: number) => String(n).padStart(2, '0');
  for (let i = 1; i <= 20; i++)
    users.push(user(String(i), `agent${pad(i)}`, `Agente ${pad(i)}`, ['agent'], String(1000 + i), hash));
  users.push(user('21', 'super01', 'Supervisora 01', ['supervisor', 'agent'], '1021', hash));
  users.push(user('22', 'super02', 'Supervisor 02', ['supervisor', 'agent'], '1022', hash));
  users.push(user('23', 'admin', 'Administración', ['admin', 'supervisor'], '1023', hash));
  const campaigns: StoredCampaign[] = [
    campaign('1', 'Ventas predictivo', 'predictive', '1', '1'),
    campaign('2', 'Cobranzas progresivo', 'progressive', '2', '2'),
    campaign('3', 'Encuestas preview', 'preview', '1', '3'),
  ];
  const queues: StoredQueue[] = [
    queue('1', 'Atención al cliente', 'ani'),
    {
      ...queue('2', 'Soporte técnico', 'input'),
      serviceLevelSeconds: 30,
      missedCallUserId: '22',
      ownerRouting: false,
      blacklistTreatment: 'announcement',
    },
  ];
  for (const u of users) {
    const n = Number(u.id);
    u.campaignIds = ['1', '2', '3'];
    u.queueIds = n <= 10 ? ['1', '2'] : n <= 20 ? ['1'] : ['1', '2'];
  }
  for (const c of campaigns) c.userIds = users.filter((u) => u.campaignIds.includes(c.id)).map((u) => u.id);
  for (const q of queues) q.userIds = users.filter((u) => u.queueIds.includes(q.id)).map((u) => u.id);
  const transfers: NeoTransferNumber[] = [
    { number: '+541143210000', label: 'Mesa de ayuda' },
    { number: '+541143210001', label: 'Legales' },
    { number: '+34911234567', label: 'Oficina Madrid' },
  ];
  const categories = (crm: string): NeoCategory[] => [
    cat(`${crm}01`, 'Venta', false, ['Contado', 'Cuotas']),
    cat(`${crm}02`, 'No interesado', false, ['Precio', 'Ya tiene servicio']),
    cat(`${crm}03`, 'Volver a llamar', true, ['Pidió llamado']),
    cat(`${crm}04`, 'Número equivocado', false, []),
  ];
  const random = new Random(seed).fork('contacts');
  const contacts: StoredContact[] = [];
  for (let i = 0; i < contactCount; i++) {
    const databaseId = String((i % 3) + 1);
    const id = String(100000 + i);
    const name = `${random.pick(FIRST)} ${random.pick(LAST)}`;
    contacts.push({
      id,
      databaseId,
      crmId: databaseId === '2' ? '2' : '1',
      key: `SF${String(i + 1).padStart(6, '0')}`,
      phone: demoPhone(random, i),
      phone2: '',
      fields: { Nombre: name, Email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com` },
    });
  }
  return {
    users,
    devices: Array.from({ length: 30 }, (_, i) => String(1001 + i)),
    breakStates: [
      brk('1', '1 - Descanso', true, false, 900),
      brk('2', '2 - Baño', true, false, 600),
      brk('3', '3 - Capacitación', true, true, 0),
      brk('4', '4 - Almuerzo', false, false, 3600),
      brk('5', '5 - Back office', false, true, 0),
    ],
    campaigns,
    queues,
    transferNumbers: new Map(campaigns.map((c) => [c.id, transfers])),
    categories: new Map([
      ['1', categories('1')],
      ['2', categories('2')],
      ['3', categories('3')],
    ]),
    crmOfDatabase: new Map([
      ['1', '1'],
      ['2', '2'],
      ['3', '1'],
      ['4', '3'],
    ]),
    contacts,
  };
}

function demoPhone(random: Random, i: number): string {
  const digits = (n: number) => Array.from({ length: n }, () => random.int(0, 9)).join('');
  if (i % 10 < 6) return `+54911${random.int(2, 9)}${digits(7)}`;
  if (i % 10 < 8) return `+346${digits(8)}`;
  return `+1${random.int(2, 9)}${digits(2)}${random.int(2, 9)}${digits(6)}`;
}

function user(
  id: string,
  login: string,
  displayName: string,
  roles: StoredUser['roles'],
  device: string,
  passwordHash: string,
): StoredUser {
  return {
    id,
    login,
    displayName,
    // The local Salesforce org's e-mails, so users map to Salesforce users (A5).
    email: demoEmail(login),
    passwordHash,
    roles,
    defaultDevice: device,
    active: true,
    campaignIds: [],
    queueIds: [],
  };
}

function campaign(
  id: string,
  name: string,
  dialerMode: StoredCampaign['dialerMode'],
  crmId: string,
  databaseId: string,
): StoredCampaign {
  return {
    id,
    name,
    dialerMode,
    crmId,
    databaseId,
    active: true,
    maxAbandonRate: 0.03,
    abandonSeconds: 2,
    maxAttempts: 3,
    retryMinutes: 60,
    previewSeconds: 30,
    maxDialRatio: 3,
    userIds: [],
  };
}

function queue(id: string, name: string, ivrData: StoredQueue['ivrData']): StoredQueue {
  return {
    id,
    name,
    crmId: '3',
    databaseId: '4',
    searchField: 'Clave_1',
    keyExpression: 'CLAVESF',
    serviceLevelSeconds: 20,
    ivrData,
    userIds: [],
    maxWaitSeconds: 300,
    missedCallUserId: '21',
    ownerRouting: true,
    ownerWaitSeconds: 15,
    blacklistTreatment: 'reject',
  };
}

function brk(id: string, name: string, system: boolean, productive: boolean, maxSeconds: number) {
  return { id, name, system, productive, maxSeconds };
}

function cat(id: string, name: string, schedules: boolean, subs: string[]): NeoCategory {
  return { id, name, schedules, subcategories: subs.map((s, i) => ({ id: `${id}${i + 1}`, name: s })) };
}

/** agent01 → agent1@puente.demo, super01 → supervisor1@puente.demo, as in the local Salesforce org. */
function demoEmail(login: string): string {
  const agent = /^agent0*(\d+)$/.exec(login);
  if (agent) return `agent${agent[1]}@puente.demo`;
  const supervisor = /^super0*(\d+)$/.exec(login);
  if (supervisor) return `supervisor${supervisor[1]}@puente.demo`;
  return `${login}@puente.demo`;
}
