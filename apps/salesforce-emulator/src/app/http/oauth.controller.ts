import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { identityOf, userInfoOf } from '../auth/identity';
import { OAuthError } from '../auth/oauth-error';
import { SalesforceOrg } from '../org/salesforce-org';
import { API_VERSIONS } from '../rest/api-versions.controller';
import { readBodyOf } from './body-reader';
import { originOf, queryOf, sendJson } from './send';

const LATEST_VERSION = API_VERSIONS[API_VERSIONS.length - 1].version;

/** Form fields and query parameters together (Salesforce reads both), plus HTTP Basic client credentials. */
function paramsOf(req: Request): Record<string, string | undefined> {
  const body = readBodyOf(req).value;
  const params: Record<string, string | undefined> = { ...Object.fromEntries(queryOf(req)) };
  if (body && typeof body === 'object') for (const [k, v] of Object.entries(body)) params[k] = String(v);
  const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (basic) {
    const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
    params['client_id'] ??= decodeURIComponent(id ?? '');
    params['client_secret'] ??= decodeURIComponent(secret ?? '');
  }
  return params;
}

export function bearerOf(req: Request): string | undefined {
  return (
    /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ??
    queryOf(req).get('oauth_token') ??
    undefined
  );
}

/** /services/oauth2: token (all grants), revoke, userinfo. */
@Controller('services/oauth2')
export class OAuthController {
  constructor(private readonly org: SalesforceOrg) {}

  @Post('token')
  async token(@Req() req: Request, @Res() res: Response): Promise<void> {
    const answered = this.org.requests.tokenRequest();
    try {
      await this.org.faults.delay();
      sendJson(res, 200, this.org.oauth.token(paramsOf(req), this.org.baseUrl(originOf(req))));
      answered(false);
    } catch (error) {
      answered(true);
      if (!(error instanceof OAuthError)) throw error;
      sendJson(res, error.status, error.toJSON());
    }
  }

  @Post('revoke')
  revokePost(@Req() req: Request, @Res() res: Response): void {
    this.revoke(req, res);
  }

  @Get('revoke')
  revokeGet(@Req() req: Request, @Res() res: Response): void {
    this.revoke(req, res);
  }

  @Get('userinfo')
  userInfo(@Req() req: Request, @Res() res: Response): void {
    const token = bearerOf(req);
    const session = token ? this.org.oauth.session(token) : undefined;
    const user = session ? this.org.user(session.userId) : undefined;
    if (!user) {
      res.status(403).type('text/plain').send('Bad_OAuth_Token');
      return;
    }
    sendJson(res, 200, userInfoOf(user, this.org.orgId, this.org.baseUrl(originOf(req)), LATEST_VERSION));
  }

  private revoke(req: Request, res: Response): void {
    try {
      this.org.oauth.revoke(paramsOf(req)['token']);
      res.status(200).end();
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      sendJson(res, error.status, error.toJSON());
    }
  }
}

/** GET /id/{orgId}/{userId}: the identity URL every token response points at. */
@Controller('id')
export class IdentityController {
  constructor(private readonly org: SalesforceOrg) {}

  @Get(':orgId/:userId')
  identity(@Req() req: Request, @Res() res: Response): void {
    const token = bearerOf(req);
    const session = token ? this.org.oauth.session(token) : undefined;
    if (!session) {
      res.status(403).type('text/plain').send('Bad_OAuth_Token');
      return;
    }
    const user =
      req.params['orgId'] === this.org.orgId ? this.org.user(String(req.params['userId'])) : undefined;
    if (!user) {
      sendJson(res, 404, { error: 'NOT_FOUND', error_description: 'no such user in this org' });
      return;
    }
    sendJson(res, 200, identityOf(user, this.org.orgId, this.org.baseUrl(originOf(req)), LATEST_VERSION));
  }
}
