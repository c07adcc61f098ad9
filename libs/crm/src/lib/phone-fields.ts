/**
 * The phone fields a caller is found by, per object: those PhoneIndex__c
 * indexes (salesforce/force-app/main/default/classes/PhoneIndexService.cls,
 * checked against it by the Salesforce emulator's tests) and those the SOSL
 * fallback reads back to apply the phone rule (issue 17 §3).
 */
export const PHONE_FIELDS = {
  Contact: ['Phone', 'MobilePhone', 'HomePhone', 'OtherPhone', 'Fax'],
  Account: ['Phone', 'Fax'],
  Lead: ['Phone', 'MobilePhone', 'Fax'],
} as const satisfies Readonly<Record<string, readonly string[]>>;

export type PhoneSearchObject = keyof typeof PHONE_FIELDS;
