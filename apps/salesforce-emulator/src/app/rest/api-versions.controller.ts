import { Controller, Get } from '@nestjs/common';

export interface ApiVersion {
  label: string;
  url: string;
  version: string;
}

/** The versions this org serves; jsforce and real clients accept any vNN.N. */
export const API_VERSIONS: readonly ApiVersion[] = [
  { label: "Winter '25", url: '/services/data/v62.0', version: '62.0' },
  { label: "Spring '25", url: '/services/data/v63.0', version: '63.0' },
  { label: "Summer '25", url: '/services/data/v64.0', version: '64.0' },
];

/** GET /services/data: public on a real org too, so it doubles as a reachability check. */
@Controller('services/data')
export class ApiVersionsController {
  @Get()
  versions(): readonly ApiVersion[] {
    return API_VERSIONS;
  }
}
