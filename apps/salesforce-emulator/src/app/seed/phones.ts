import type { Market } from './people';
import type { Random } from './random';

/**
 * Phone numbers as people really type them into a CRM: E.164, local forms
 * with trunk prefixes, spaces, dashes, dots, parentheses, and a few without
 * area code. Each function returns the same line in one of several formats.
 */

/** Argentina: landlines "4xxx xxxx" in area 11 (others 7 digits), mobiles with the 9 / 15 prefixes. */
function argentina(r: Random, area: string, mobile: boolean): string {
  const localLength = 10 - area.length;
  const subscriber = (mobile ? r.pick(['5', '6']) : '4') + r.digits(localLength - 1);
  const half = subscriber.length - 4;
  const a = subscriber.slice(0, half);
  const b = subscriber.slice(half);
  if (mobile) {
    return r.pick([
      `+54 9 ${area} ${a}-${b}`,
      `+549${area}${subscriber}`,
      `0${area} 15 ${a}-${b}`,
      `(0${area}) 15-${a}-${b}`,
      `15-${a}-${b}`,
      `54 9 ${area} ${a} ${b}`,
      `${area} ${a}-${b}`,
    ]);
  }
  return r.pick([
    `+54 ${area} ${a}-${b}`,
    `+54${area}${subscriber}`,
    `0${area} ${a}-${b}`,
    `(0${area}) ${a}-${b}`,
    `${area} ${a} ${b}`,
    `0054 ${area} ${a} ${b}`,
    `${a}-${b}`,
  ]);
}

/** Spain: nine digits, landlines 9x, mobiles 6xx. */
function spain(r: Random, area: string, mobile: boolean): string {
  const number = mobile ? `6${r.digits(8)}` : `${area}${r.digits(9 - area.length)}`;
  const [x, y, z] = [number.slice(0, 3), number.slice(3, 6), number.slice(6)];
  return r.pick([
    `+34 ${x} ${y} ${z}`,
    `+34${number}`,
    `${x} ${number.slice(3, 5)} ${number.slice(5, 7)} ${number.slice(7)}`,
    `0034 ${x} ${y} ${z}`,
    `${x}-${y}-${z}`,
    number,
  ]);
}

/** United States: the fictional 555-01xx range, in every common style. */
const US_MOBILE_AREAS = [
  '415',
  '628',
  '212',
  '646',
  '917',
  '512',
  '737',
  '305',
  '786',
  '312',
  '773',
  '617',
  '857',
  '206',
  '425',
  '213',
  '310',
  '404',
  '503',
  '702',
];

function unitedStates(r: Random, cityArea: string, mobile: boolean): string {
  const area = mobile ? r.pick(US_MOBILE_AREAS) : cityArea;
  const line = `01${r.digits(2)}`;
  return r.pick([
    `(${area}) 555-${line}`,
    `+1 ${area}-555-${line}`,
    `${area}.555.${line}`,
    `1-${area}-555-${line}`,
    `${area}555${line}`,
    `+1${area}555${line}`,
    `${area} 555 ${line}`,
  ]);
}

export function phoneNumber(r: Random, market: Market, area: string, mobile: boolean): string {
  switch (market) {
    case 'AR':
      return argentina(r, area, mobile);
    case 'ES':
      return spain(r, area, mobile);
    case 'US':
      return unitedStates(r, area, mobile);
  }
}
