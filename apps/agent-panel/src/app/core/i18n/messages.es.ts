import type { Messages } from './messages.en';

/** Spanish UI text (the Neotel connector's own language). */
export const es: Messages = {
  'app.name': 'Puente',
  'app.subtitle': 'Softphone',
  'language.label': 'Idioma',
  'language.en': 'English',
  'language.es': 'Español',
  'status.region': 'Estado de la conexión',
  'status.gateway.connecting': 'Conectando con el gateway…',
  'status.gateway.connected': 'Gateway conectado',
  'status.gateway.disconnected': 'Gateway desconectado',
  'status.gateway.reconnecting': 'reconectando, intento {attempt}…',
  'status.upstream.dialer': 'discador',
  'status.upstream.salesforce': 'Salesforce',
  'status.upstream.database': 'base de datos',
  'status.upstream.up': '{name} activo',
  'status.upstream.down': '{name} caído',
  'status.upstream.unknown': '{name} verificando…',
  'diagnostics.title': 'Estado del sistema',
  'diagnostics.gateway': 'Gateway',
  'diagnostics.version': 'Versión {version}',
  'diagnostics.up': 'Activo',
  'diagnostics.down': 'Caído',
  'diagnostics.unknown': 'Verificando…',
  'diagnostics.latency': '{ms} ms',
  'diagnostics.noAnswer': 'sin respuesta',
  'diagnostics.unreachable':
    'No se puede contactar al gateway. El panel sigue intentando y se recupera solo.',
};
