import type { SObjectRecord } from '../metadata/object';

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The identity service's answer (GET /id/{orgId}/{userId}), which jsforce's identity() reads. */
export function identityOf(
  user: SObjectRecord,
  orgId: string,
  baseUrl: string,
  version: string,
): Record<string, unknown> {
  const userId = user['Id'] as string;
  const data = `${baseUrl}/services/data/v${version}/`;
  return {
    id: `${baseUrl}/id/${orgId}/${userId}`,
    asserted_user: true,
    user_id: userId,
    organization_id: orgId,
    username: user['Username'],
    nick_name: str(user['CommunityNickname']) ?? str(user['Alias']),
    display_name: user['Name'],
    email: user['Email'],
    email_verified: true,
    first_name: str(user['FirstName']),
    last_name: user['LastName'],
    timezone: user['TimeZoneSidKey'],
    photos: { picture: `${baseUrl}/profilephoto/005/F`, thumbnail: `${baseUrl}/profilephoto/005/T` },
    addr_street: null,
    addr_city: null,
    addr_state: null,
    addr_country: null,
    addr_zip: null,
    mobile_phone: str(user['MobilePhone']),
    mobile_phone_verified: false,
    is_lightning_login_user: false,
    status: { created_date: null, body: null },
    urls: {
      enterprise: `${baseUrl}/services/Soap/c/${version}/${orgId}`,
      metadata: `${baseUrl}/services/Soap/m/${version}/${orgId}`,
      partner: `${baseUrl}/services/Soap/u/${version}/${orgId}`,
      rest: data,
      sobjects: `${data}sobjects/`,
      search: `${data}search/`,
      query: `${data}query/`,
      recent: `${data}recent/`,
      profile: `${baseUrl}/${userId}`,
      custom_domain: baseUrl,
    },
    active: user['IsActive'] === true,
    user_type: 'STANDARD',
    language: user['LanguageLocaleKey'],
    locale: user['LocaleSidKey'],
    utcOffset: 0,
    last_modified_date: user['LastModifiedDate'],
    is_app_installed: true,
  };
}

/** OpenID Connect userinfo (GET /services/oauth2/userinfo). */
export function userInfoOf(
  user: SObjectRecord,
  orgId: string,
  baseUrl: string,
  version: string,
): Record<string, unknown> {
  const identity = identityOf(user, orgId, baseUrl, version);
  return {
    sub: identity['id'],
    user_id: identity['user_id'],
    organization_id: orgId,
    preferred_username: user['Username'],
    nickname: identity['nick_name'],
    name: user['Name'],
    email: user['Email'],
    email_verified: true,
    given_name: str(user['FirstName']),
    family_name: user['LastName'],
    zoneinfo: user['TimeZoneSidKey'],
    photos: identity['photos'],
    profile: `${baseUrl}/${String(user['Id'])}`,
    picture: (identity['photos'] as { picture: string }).picture,
    address: {},
    urls: identity['urls'],
    active: identity['active'],
    user_type: 'STANDARD',
    language: user['LanguageLocaleKey'],
    locale: user['LocaleSidKey'],
    utcOffset: 0,
    updated_at: user['LastModifiedDate'],
    is_app_installed: true,
  };
}
