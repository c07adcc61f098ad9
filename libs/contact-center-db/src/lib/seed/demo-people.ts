/** A small seeded PRNG (mulberry32): the same seed gives the same demo data on every machine. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const digits = (random: Random, n: number) =>
  Array.from({ length: n }, () => Math.floor(random() * 10)).join('');

export type Country = 'AR' | 'ES' | 'US';

/**
 * A phone number as people really type them into a CRM: the same country in
 * several shapes (with and without prefix, spaces, dashes, parentheses, the
 * Argentine "15" mobile prefix), so the gateway's normalisation has work to do.
 */
export function demoPhone(random: Random, country: Country): string {
  if (country === 'AR') {
    const line = `${pick(random, ['4', '5', '6'])}${digits(random, 3)}`;
    const rest = digits(random, 4);
    switch (Math.floor(random() * 5)) {
      case 0:
        return `+54 9 11 ${line}-${rest}`;
      case 1:
        return `+54911${line}${rest}`;
      case 2:
        return `011 15-${line}-${rest}`;
      case 3:
        return `(011) ${line}-${rest}`;
      default:
        return `+54 11 ${line} ${rest}`;
    }
  }
  if (country === 'ES') {
    const mobile = random() < 0.7;
    const first = mobile ? pick(random, ['6', '7']) : '9';
    const n = `${first}${digits(random, 8)}`;
    switch (Math.floor(random() * 3)) {
      case 0:
        return `+34 ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`;
      case 1:
        return n;
      default:
        return `+34${n}`;
    }
  }
  // 555-01xx is reserved for fiction, so no real American gets a demo call.
  const area = pick(random, ['202', '212', '305', '415', '512', '617']);
  const line = `01${digits(random, 2)}`;
  switch (Math.floor(random() * 3)) {
    case 0:
      return `+1 (${area}) 555-${line}`;
    case 1:
      return `${area}-555-${line}`;
    default:
      return `+1${area}555${line}`;
  }
}

const FIRST_NAMES: Record<Country, readonly string[]> = {
  AR: [
    'Lucía',
    'Martín',
    'Sofía',
    'Mateo',
    'Valentina',
    'Santiago',
    'Camila',
    'Joaquín',
    'Florencia',
    'Tomás',
  ],
  ES: ['María', 'Javier', 'Carmen', 'Alejandro', 'Laura', 'Pablo', 'Elena', 'Daniel', 'Marta', 'Sergio'],
  US: ['Emily', 'James', 'Olivia', 'Michael', 'Ava', 'William', 'Sophia', 'Benjamin', 'Mia', 'Ethan'],
};
const LAST_NAMES: Record<Country, readonly string[]> = {
  AR: ['González', 'Rodríguez', 'Fernández', 'López', 'Martínez', 'Pérez', 'Gómez', 'Díaz', 'Romero', 'Sosa'],
  ES: [
    'García',
    'Sánchez',
    'Martín',
    'Ruiz',
    'Hernández',
    'Jiménez',
    'Moreno',
    'Álvarez',
    'Muñoz',
    'Navarro',
  ],
  US: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Taylor', 'Clark'],
};
const CITIES: Record<Country, readonly string[]> = {
  AR: ['CABA', 'La Plata', 'Quilmes', 'San Isidro', 'Morón', 'Lomas de Zamora'],
  ES: ['Madrid', 'Barcelona', 'Valencia', 'Sevilla', 'Zaragoza', 'Bilbao'],
  US: ['Miami', 'New York', 'Austin', 'Boston', 'San Francisco', 'Washington'],
};

export interface DemoPerson {
  country: Country;
  firstName: string;
  lastName: string;
  city: string;
  email: string;
  phone: string;
  phone2: string;
}

/** 60% Argentine, 25% Spanish, 15% US callers, like a Buenos Aires centre with a Madrid desk. */
export function demoPerson(random: Random, index: number): DemoPerson {
  const roll = random();
  const country: Country = roll < 0.6 ? 'AR' : roll < 0.85 ? 'ES' : 'US';
  const firstName = pick(random, FIRST_NAMES[country]);
  const lastName = pick(random, LAST_NAMES[country]);
  const ascii = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase();
  return {
    country,
    firstName,
    lastName,
    city: pick(random, CITIES[country]),
    email: `${ascii(firstName)}.${ascii(lastName)}${index}@example.com`,
    phone: demoPhone(random, country),
    phone2: random() < 0.3 ? demoPhone(random, country) : '',
  };
}
