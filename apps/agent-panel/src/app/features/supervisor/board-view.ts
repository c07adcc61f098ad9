/**
 * The full-page board (issue 16 §1): the same app, same origin, with
 * `?view=board`, opened by Salesforce in a console tab (Open CTI screenPop
 * of type URL) or by the browser in a new tab. The app has no router, and a
 * query parameter survives the console's iframe and a reload alike. The
 * gateway goes along, so the new tab talks to the gateway the softphone
 * does — and picks up the softphone's session over the tabs' channel, which
 * is bound to that gateway's origin.
 */
export const BOARD_VIEW_PARAM = 'view';
export const BOARD_VIEW_VALUE = 'board';

export function isBoardView(search: string): boolean {
  return new URLSearchParams(search).get(BOARD_VIEW_PARAM) === BOARD_VIEW_VALUE;
}

/** The full-page board's URL: this app's own address, without the Open CTI parameters of the softphone's frame. */
export function boardViewUrl(location: Pick<Location, 'origin' | 'pathname'>, gatewayUrl: string): string {
  const params = new URLSearchParams({ [BOARD_VIEW_PARAM]: BOARD_VIEW_VALUE, gateway: gatewayUrl });
  return `${location.origin}${location.pathname}?${params.toString()}`;
}
