import 'reflect-metadata';
import { createLogger, runService, startNestService } from '@puente/server-kit';
import { AppModule } from './app/app.module';
import { loadDialerEmulatorConfig } from './app/dialer-emulator.config';
import { DialerEngine } from './app/engine/dialer-engine';
import { HttpIvr, RepositoryIvr } from './app/engine/ivr';
import { openStore } from './app/store/open-store';

runService('dialer-emulator', async () => {
  const config = loadDialerEmulatorConfig();
  const logger = createLogger('dialer-emulator', config.LOG_LEVEL, config.LOG_FORMAT);
  const opened = await openStore({
    kind: config.DIALER_STORE,
    dataDir: config.PUENTE_DATA_DIR,
    port: config.CONTACT_DB_PORT,
    host: config.DIALER_EMULATOR_HOST,
    contacts: config.DIALER_DEMO_CONTACTS,
    seed: config.DIALER_SEED,
  });
  const publicUrl = `http://${config.DIALER_EMULATOR_HOST}:${config.DIALER_EMULATOR_PORT}`;
  const engine = await DialerEngine.create({
    store: opened.store,
    seed: config.DIALER_SEED,
    publicUrl,
    rates: {
      answerProbability: config.DIALER_ANSWER_PROBABILITY,
      talkSecondsMean: config.DIALER_TALK_SECONDS,
      inboundPerHour: config.DIALER_INBOUND_PER_HOUR,
    },
    ivr:
      config.DIALER_IVR === 'http'
        ? new HttpIvr(config.DIALER_IVR_URL, config.DIALER_IVR_KEY_ID, config.DIALER_IVR_SECRET)
        : new RepositoryIvr(opened.store),
    onError: (error, context) => logger.warn({ context, err: error }, `dialer: ${context} failed`),
  });
  engine.startRealtime(config.DIALER_SPEED);
  const runtime = {
    storage: opened.storage,
    contactDbUrl: opened.contactDbUrl,
    speed: config.DIALER_SPEED,
    close: () => opened.close(),
  };
  await startNestService({
    service: 'dialer-emulator',
    module: AppModule.forEngine(engine, runtime),
    logger,
    host: config.DIALER_EMULATOR_HOST,
    port: config.DIALER_EMULATOR_PORT,
    portVariable: 'DIALER_EMULATOR_PORT',
    corsOrigins: ['*'],
  });
  if (opened.contactDbUrl) logger.info({ url: opened.contactDbUrl }, 'contact-center database served');
});
