import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/** Stroke icons on a 24-unit grid, drawn for this panel. Decorative: the control carries the label. */
const PATHS = {
  phone:
    'M5 4h3.5l1.8 4.5-2.3 1.4a11 11 0 0 0 6.1 6.1l1.4-2.3L20 15.5V19a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2z',
  hangup: 'M3.2 14.6 2 12.2c5.5-4.3 14.5-4.3 20 0l-1.2 2.4-3.9-.9-.4-2.7a9 9 0 0 0-9 0l-.4 2.7z',
  hold: 'M9 5v14M15 5v14',
  mic: 'M12 3a3 3 0 0 1 3 3v5a3 3 0 0 1-6 0V6a3 3 0 0 1 3-3zM6 11a6 6 0 0 0 12 0M12 17v4',
  micOff:
    'M15 10V6a3 3 0 0 0-5.8-1M9 9v2a3 3 0 0 0 4.7 2.5M6 11a6 6 0 0 0 9.8 4.6M18 11a6 6 0 0 1-.4 2.2M12 17v4M4 4l16 16',
  play: 'M7 4.5v15l12-7.5z',
  transfer: 'M4 8h15l-4-4M20 16H5l4 4',
  conference:
    'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM2.5 20a6.5 6.5 0 0 1 13 0M16.5 11a3 3 0 1 0 0-6M18 14.5a5 5 0 0 1 3.5 5',
  coffee: 'M4 9h12v5a5 5 0 0 1-5 5H9a5 5 0 0 1-5-5zM16 10.5h1.5a2.5 2.5 0 0 1 0 5H16M8 3v3M12 3v3',
  campaign: 'M4 10v4h3l9 4.5V5.5L7 10zM19 9a4 4 0 0 1 0 6',
  info: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 11v6M12 7.5v.01',
  settings:
    'M4 6h9M17 6h3M4 12h3M11 12h9M4 18h11M19 18h1M15 8a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM9 14a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM17 20a2 2 0 1 0 0-4 2 2 0 0 0 0 4z',
  sync: 'M20 12a8 8 0 0 1-14 5.3M4 12a8 8 0 0 1 14-5.3M18 3v4h-4M6 21v-4h4',
  power: 'M12 3v8M6.3 6.3a8 8 0 1 0 11.4 0',
  keypad: 'M6 5v.01M12 5v.01M18 5v.01M6 10v.01M12 10v.01M18 10v.01M6 15v.01M12 15v.01M18 15v.01M12 20v.01',
  calendar: 'M5 5h14a1 1 0 0 1 1 1v13a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1zM4 10h16M8 3v4M16 3v4',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  close: 'M6 6l12 12M18 6 6 18',
  left: 'M15 6l-6 6 6 6',
  right: 'M9 6l6 6-6 6',
  backspace: 'M9 5h11v14H9l-6-7zM12 9.5l5 5M17 9.5l-5 5',
  inbound: 'M17 7 7 17M7 9v8h8',
  outbound: 'M7 17 17 7M9 7h8v8',
  alert: 'M12 3.5 21.5 20h-19zM12 10v4.5M12 17.5v.01',
  user: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0',
  queue: 'M4 6h16M4 12h16M4 18h10',
  hash: 'M5 9h14M5 15h14M10 4 8 20M16 4l-2 16',
  more: 'M5 12h.01M12 12h.01M19 12h.01',
  clock: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 7v5l3 2',
} as const;

export type IconName = keyof typeof PATHS;

@Component({
  selector: 'pu-icon',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<svg
    viewBox="0 0 24 24"
    [attr.width]="size()"
    [attr.height]="size()"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
    stroke-linejoin="round"
    aria-hidden="true"
    focusable="false"
  >
    <path [attr.d]="d()" />
  </svg>`,
  styles: `
    :host {
      display: inline-flex;
      flex: none;
    }
  `,
})
export class Icon {
  readonly name = input.required<IconName>();
  readonly size = input(18);
  protected readonly d = computed(() => PATHS[this.name()]);
}
