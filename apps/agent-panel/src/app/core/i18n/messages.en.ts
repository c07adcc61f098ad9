/** English UI text. Every key here must exist in every other language (checked by the compiler). */
export const en = {
  'app.name': 'Puente',
  'app.subtitle': 'Softphone',
  'language.label': 'Language',
  'language.en': 'English',
  'language.es': 'Español',
  'status.region': 'Connection status',
  'status.gateway.connecting': 'Connecting to the gateway…',
  'status.gateway.connected': 'Gateway connected',
  'status.gateway.disconnected': 'Gateway disconnected',
  'status.gateway.reconnecting': 'reconnecting, attempt {attempt}…',
  'status.upstream.dialer': 'dialer',
  'status.upstream.salesforce': 'Salesforce',
  'status.upstream.database': 'database',
  'status.upstream.up': '{name} up',
  'status.upstream.down': '{name} down',
  'status.upstream.unknown': '{name} checking…',
  'diagnostics.title': 'System status',
  'diagnostics.gateway': 'Gateway',
  'diagnostics.version': 'Version {version}',
  'diagnostics.up': 'Up',
  'diagnostics.down': 'Down',
  'diagnostics.unknown': 'Checking…',
  'diagnostics.latency': '{ms} ms',
  'diagnostics.noAnswer': 'no answer',
  'diagnostics.unreachable': 'The gateway cannot be reached. The panel keeps trying and recovers on its own.',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
