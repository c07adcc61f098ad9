const CODES = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, dim: 2, bold: 1 } as const;
export type Colour = keyof typeof CODES;

const enabled = process.stdout.isTTY && !process.env['NO_COLOR'];

export function paint(colour: Colour, text: string): string {
  return enabled ? `\u001b[${CODES[colour]}m${text}\u001b[0m` : text;
}

const SERVICE_COLOURS: Record<string, Colour> = {
  gateway: 'cyan',
  'dialer-emulator': 'magenta',
  'salesforce-emulator': 'blue',
};

export function colourFor(service: string): Colour {
  return SERVICE_COLOURS[service] ?? 'yellow';
}
