import { All, Controller, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DataApi } from '../rest/data-api';
import { readBodyOf } from './body-reader';
import { headersOf, originOf, queryOf, sendRest } from './send';

/**
 * /services/data/vNN.N/…: one route that hands every call to the data API's
 * own URL table. Salesforce's URLs (a version segment, record ids and
 * external ids in the path, composite subrequests that re-enter the same
 * table) fit a plain table better than one Nest route per resource, and
 * composite requests need to dispatch in-process.
 */
@Controller('services/data')
export class DataApiController {
  constructor(private readonly api: DataApi) {}

  @All('*path')
  async handle(@Req() req: Request, @Res() res: Response): Promise<void> {
    const body = readBodyOf(req);
    const response = await this.api.handle({
      method: req.method,
      path: req.path.replace(/^\/services\/data\/?/, ''),
      query: queryOf(req),
      body: body.value,
      bodyError: body.error,
      headers: headersOf(req),
      origin: originOf(req),
    });
    sendRest(res, response);
  }
}
