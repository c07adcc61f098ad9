/** The org's users: the integration user, 20 agents and 2 supervisors, mapped to the dialer by e-mail (SPEC A5). */
export interface DemoUser {
  username: string;
  firstName: string;
  lastName: string;
  alias: string;
  title: string;
  extension: string | null;
  /** Username of the manager, for agents. */
  manager: string | null;
  /** The dialer's user name (agent01…agent20, super01/02), kept in FederationIdentifier. */
  dialerUser: string | null;
}

const AGENT_NAMES: readonly (readonly [string, string])[] = [
  ['Lucía', 'Fernández'],
  ['Martín', 'Gómez'],
  ['Valentina', 'Rossi'],
  ['Santiago', 'Díaz'],
  ['Camila', 'Herrera'],
  ['Mateo', 'Acosta'],
  ['Julieta', 'Benítez'],
  ['Tomás', 'Medina'],
  ['Florencia', 'Castro'],
  ['Nicolás', 'Romero'],
  ['Agustina', 'Sosa'],
  ['Facundo', 'Molina'],
  ['Micaela', 'Ortiz'],
  ['Lautaro', 'Silva'],
  ['Carolina', 'Núñez'],
  ['Gonzalo', 'Luna'],
  ['Paula', 'Cabrera'],
  ['Joaquín', 'Ríos'],
  ['Romina', 'Godoy'],
  ['Federico', 'Ferreyra'],
];

export const INTEGRATION_USERNAME = 'integration@puente.demo';

export function demoUsers(): DemoUser[] {
  const supervisors: DemoUser[] = [
    {
      username: 'supervisor1@puente.demo',
      firstName: 'Mariana',
      lastName: 'Quiroga',
      alias: 'superv1',
      title: 'Supervisora',
      extension: '1901',
      manager: null,
      dialerUser: 'super01',
    },
    {
      username: 'supervisor2@puente.demo',
      firstName: 'Ezequiel',
      lastName: 'Paz',
      alias: 'superv2',
      title: 'Supervisor',
      extension: '1902',
      manager: null,
      dialerUser: 'super02',
    },
  ];
  const agents = AGENT_NAMES.map(([firstName, lastName], i): DemoUser => ({
    username: `agent${i + 1}@puente.demo`,
    firstName,
    lastName,
    alias: `agent${i + 1}`,
    title: 'Agente',
    extension: String(1001 + i),
    manager: i < 10 ? 'supervisor1@puente.demo' : 'supervisor2@puente.demo',
    dialerUser: `agent${String(i + 1).padStart(2, '0')}`,
  }));
  const integration: DemoUser = {
    username: INTEGRATION_USERNAME,
    firstName: 'Integración',
    lastName: 'Puente',
    alias: 'integ',
    title: 'Integration User',
    extension: null,
    manager: null,
    dialerUser: null,
  };
  return [integration, ...supervisors, ...agents];
}
