import { Body, Controller, Get, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CtiSetupError } from '../cti-setup/cti-setup';
import { SalesforceOrg } from '../org/salesforce-org';
import { CONSOLE_OBJECTS, type ConsoleObject, ConsoleData, ConsoleDataError } from './console-data';
import { consolePage } from './console-page';
import { CONSOLE_SCRIPT } from './console-script';
import type { ConsoleConfig } from './console.config';
import { openCtiScript } from './opencti-script';

export const CONSOLE_CONFIG = Symbol('CONSOLE_CONFIG');
/** The Open CTI version the panel asks for; any NN.0 is answered with the same library. */
const API_VERSION = /^\d{2}\.0$/;
const ID = /^[a-zA-Z0-9]{15,18}$/;

function objectOf(type: string): ConsoleObject | null {
  return (CONSOLE_OBJECTS as readonly string[]).includes(type) ? (type as ConsoleObject) : null;
}

/**
 * The local stand-in for Lightning (issue 7 §4): the console page, its
 * script, the Open CTI library at Salesforce's path, and the small JSON API
 * the page reads records through.
 */
@Controller()
export class ConsoleController {
  private readonly data: ConsoleData;

  constructor(
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
    // Call Center and Softphone Layout are Setup, not records: the REST API the page uses for records holds neither.
    @Inject(SalesforceOrg) private readonly org: SalesforceOrg,
  ) {
    this.data = new ConsoleData(config);
  }

  @Get('lightning/console')
  page(@Res() res: Response): void {
    res.type('html').setHeader('Cache-Control', 'no-store');
    res.send(
      consolePage({
        panelUrl: this.config.AGENT_PANEL_URL,
        gatewayUrl: this.config.GATEWAY_URL,
        apiVersion: '62.0',
        softphone: this.softphoneSize(),
      }),
    );
  }

  /** Read at each page load, as Lightning does: a Setup edit of the Call Center counts from the next one. */
  private softphoneSize(): { width: number; height: number } {
    const flat = this.org.ctiSetup.callCenterSettings();
    const px = (name: string, fallback: number, min: number, max: number) => {
      const value = Number(flat[`/reqGeneralInfo/${name}`]);
      return Number.isInteger(value) && value >= min && value <= max ? value : fallback;
    };
    // Salesforce's own bounds for these items (setSoftphonePanelWidth/Height take the same).
    return {
      width: px('reqSoftphoneWidth', 620, 200, 1920),
      height: px('reqSoftphoneHeight', 420, 240, 2560),
    };
  }

  @Get('lightning/console/console.js')
  script(@Res() res: Response): void {
    res.type('application/javascript').setHeader('Cache-Control', 'no-store');
    res.send(CONSOLE_SCRIPT);
  }

  @Get('support/api/:version/lightning/opencti_min.js')
  openCti(@Param('version') version: string, @Res() res: Response): void {
    if (!API_VERSION.test(version)) {
      res.status(404).type('text/plain').send('No such Open CTI version.');
      return;
    }
    res.type('application/javascript').setHeader('Cache-Control', 'no-store');
    // The panel lives on another origin and loads this with a <script> tag.
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.send(openCtiScript(version));
  }

  @Get('lightning/console/api/recent/:type')
  async recent(@Param('type') type: string, @Query('limit') limit: string | undefined, @Res() res: Response) {
    const object = objectOf(type);
    if (!object) return this.fail(res, new ConsoleDataError(404, `No such object: ${type}`));
    const max = Math.min(200, Math.max(1, Number(limit) || 8));
    await this.answer(res, async () => ({ items: await this.data.recent(object, max) }));
  }

  @Get('lightning/console/api/records/:type/:id')
  async record(@Param('type') type: string, @Param('id') id: string, @Res() res: Response) {
    const object = objectOf(type);
    if (!object || !ID.test(id)) return this.fail(res, new ConsoleDataError(404, 'No such record.'));
    await this.answer(res, async () => {
      const [record, tasks] = await Promise.all([this.data.record(object, id), this.data.tasks(id)]);
      return { record, tasks };
    });
  }

  @Post('lightning/console/api/records/:type')
  async create(@Param('type') type: string, @Body() body: unknown, @Res() res: Response) {
    // Tasks too: the console's saveLog creates them, as Lightning's does.
    const object = type === 'Task' ? 'Task' : objectOf(type);
    if (!object || !body || typeof body !== 'object')
      return this.fail(res, new ConsoleDataError(400, 'Bad record.'));
    await this.answer(res, async () => ({
      id: await this.data.create(object, body as Record<string, unknown>),
    }));
  }

  /** getCallCenterSettings' returnValue: the org's Call Center, flattened as Lightning does. */
  @Get('lightning/console/api/opencti/call-center-settings')
  callCenterSettings(@Res() res: Response): void {
    res.setHeader('Cache-Control', 'no-store').json(this.org.ctiSetup.callCenterSettings());
  }

  /** getSoftphoneLayout's returnValue: the layout assigned to the org's users. */
  @Get('lightning/console/api/opencti/softphone-layout')
  softphoneLayout(@Res() res: Response): void {
    res.setHeader('Cache-Control', 'no-store').json(this.org.ctiSetup.softphoneLayout);
  }

  /** The setup page's data: the Call Center's sections and items, and the Softphone Layout. */
  @Get('lightning/console/api/setup')
  setup(@Res() res: Response): void {
    const { callCenter, softphoneLayout } = this.org.ctiSetup;
    res.setHeader('Cache-Control', 'no-store').json({ callCenter, softphoneLayout });
  }

  /** Sets Call Center item values: {"/section/item": "value", …}. */
  @Put('lightning/console/api/setup/call-center')
  async setCallCenter(@Body() body: unknown, @Res() res: Response) {
    await this.edit(res, body, (b) => this.org.ctiSetup.setItems(b as Record<string, unknown>));
  }

  /** Replaces the Softphone Layout (Lightning's getSoftphoneLayout shape). */
  @Put('lightning/console/api/setup/softphone-layout')
  async setSoftphoneLayout(@Body() body: unknown, @Res() res: Response) {
    await this.edit(res, body, (b) => this.org.ctiSetup.setSoftphoneLayout(b));
  }

  @Get('lightning/console/api/search')
  async search(@Query('q') q: string | undefined, @Res() res: Response) {
    await this.answer(res, async () => ({ items: await this.data.search(String(q ?? '')) }));
  }

  private async edit(res: Response, body: unknown, work: (body: object) => Promise<void>): Promise<void> {
    if (!body || typeof body !== 'object' || Array.isArray(body))
      return this.fail(res, new ConsoleDataError(400, 'Send a JSON object.'));
    try {
      await work(body);
    } catch (error) {
      const status = error instanceof CtiSetupError ? 400 : 500;
      res.status(status).json({ message: (error as Error).message });
      return;
    }
    const { callCenter, softphoneLayout } = this.org.ctiSetup;
    res.status(200).json({ callCenter, softphoneLayout });
  }

  private async answer(res: Response, work: () => Promise<unknown>): Promise<void> {
    try {
      res.status(200).json(await work());
    } catch (error) {
      this.fail(res, error);
    }
  }

  private fail(res: Response, error: unknown): void {
    const status = error instanceof ConsoleDataError ? error.status : 502;
    res.status(status >= 400 ? status : 502).json({ message: (error as Error).message });
  }
}
