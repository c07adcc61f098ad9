import { detectCtiHost } from './cti-host';

const inFrame = (search: string, hostname = 'panel.example.com') => ({ search, hostname, framed: true });

describe('detectCtiHost', () => {
  it('loads opencti_min.js from a Salesforce origin given in the iframe URL', () => {
    const host = detectCtiHost(inFrame('?sfdcIframeOrigin=https://acme.lightning.force.com&mode=Lightning'));
    expect(host).toEqual({
      origin: 'https://acme.lightning.force.com',
      mode: 'Lightning',
      scriptUrl: 'https://acme.lightning.force.com/support/api/62.0/lightning/opencti_min.js',
    });
  });

  it('accepts the local console on loopback only when the panel is on loopback too', () => {
    const search = '?sfdcIframeOrigin=http://127.0.0.1:7002&mode=Lightning&gateway=http://127.0.0.1:3000';
    expect(detectCtiHost(inFrame(search, '127.0.0.1'))?.scriptUrl).toBe(
      'http://127.0.0.1:7002/support/api/62.0/lightning/opencti_min.js',
    );
    expect(detectCtiHost(inFrame(search, 'panel.example.com'))).toBeNull();
  });

  it('accepts origins listed in config.json', () => {
    const search = '?sfdcIframeOrigin=https://console.acme.test&mode=Lightning';
    expect(detectCtiHost(inFrame(search), ['https://console.acme.test'])?.origin).toBe(
      'https://console.acme.test',
    );
  });

  it('is standalone without a frame, without mode, or with an untrusted origin', () => {
    const search = '?sfdcIframeOrigin=https://acme.lightning.force.com&mode=Lightning';
    expect(detectCtiHost({ search, hostname: 'x', framed: false })).toBeNull();
    expect(detectCtiHost(inFrame('?sfdcIframeOrigin=https://acme.lightning.force.com'))).toBeNull();
    expect(detectCtiHost(inFrame('?sfdcIframeOrigin=https://evil.example.com&mode=Lightning'))).toBeNull();
    expect(detectCtiHost(inFrame('?sfdcIframeOrigin=http://acme.my.salesforce.com&mode=x'))).toBeNull();
    expect(detectCtiHost(inFrame(''))).toBeNull();
  });
});
