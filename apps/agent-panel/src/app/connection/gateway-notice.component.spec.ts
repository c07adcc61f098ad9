import { TestBed } from '@angular/core/testing';
import { I18n } from '../core/i18n/i18n.service';
import { RUNTIME_CONFIG, type RuntimeConfig } from '../core/runtime-config';
import { GatewayNotice } from './gateway-notice.component';

describe('GatewayNotice', () => {
  function render(config: RuntimeConfig, locale: 'en' | 'es' = 'en') {
    TestBed.configureTestingModule({ providers: [{ provide: RUNTIME_CONFIG, useValue: config }] });
    TestBed.inject(I18n).use(locale);
    const fixture = TestBed.createComponent(GatewayNotice);
    fixture.detectChanges();
    const notice = () => {
      fixture.detectChanges();
      return (fixture.nativeElement as HTMLElement).querySelector('[data-testid="gateway-refused"]');
    };
    return { fixture, notice };
  }

  const refused: RuntimeConfig = {
    gatewayUrl: 'https://gw.acme.test',
    gatewayOrigins: ['https://gw.acme.test'],
    refusedGateway: 'http://attacker.test',
  };

  it('says which ?gateway= was ignored and which gateway is used, and can be dismissed', () => {
    const { notice } = render(refused);
    expect(notice()?.getAttribute('role')).toBe('alert');
    expect(notice()?.textContent).toContain(
      'This panel was opened with the gateway http://attacker.test, which is not on its list, so it uses https://gw.acme.test.',
    );
    (notice()?.querySelector('button') as HTMLButtonElement).click();
    expect(notice()).toBeNull();
  });

  it('says it in Spanish too', () => {
    const { notice } = render(refused, 'es');
    expect(notice()?.textContent).toContain('que no está en su lista; usa https://gw.acme.test');
  });

  it('shows nothing when nothing was refused', () => {
    const { notice } = render({
      gatewayUrl: 'https://gw.acme.test',
      gatewayOrigins: ['https://gw.acme.test'],
    });
    expect(notice()).toBeNull();
  });
});
