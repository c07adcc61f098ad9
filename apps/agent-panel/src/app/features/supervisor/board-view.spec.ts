import { boardViewUrl, isBoardView } from './board-view';

describe('the full-page board URL (issue 16 §1)', () => {
  it("is the panel's own address with view=board and the gateway in use, not the softphone's Open CTI parameters", () => {
    const url = new URL(
      boardViewUrl({ origin: 'https://panel.example', pathname: '/softphone/' }, 'https://gw.example:8443'),
    );
    expect(url.origin).toBe('https://panel.example');
    expect(url.pathname).toBe('/softphone/');
    expect(url.searchParams.get('view')).toBe('board');
    expect(url.searchParams.get('gateway')).toBe('https://gw.example:8443');
    expect(url.searchParams.has('sfdcIframeOrigin')).toBe(false);
    expect(url.searchParams.has('mode')).toBe(false);
  });

  it('is recognised from its query, and nothing else is', () => {
    expect(isBoardView('?view=board&gateway=x')).toBe(true);
    expect(isBoardView('?gateway=x&view=board')).toBe(true);
    expect(isBoardView('?view=softphone')).toBe(false);
    expect(isBoardView('?sfdcIframeOrigin=https%3A%2F%2Fx&mode=Lightning')).toBe(false);
    expect(isBoardView('')).toBe(false);
  });
});
