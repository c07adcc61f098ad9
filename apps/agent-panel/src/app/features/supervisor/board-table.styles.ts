/** Fixed row height: what makes the window arithmetic exact (and rows never jump). */
export const ROW_HEIGHT = 32;

/**
 * The board's table: a grid per row whose columns follow the board's width
 * (container `board`, set by the board itself), so the softphone's 340 and
 * 620 px and a console tab's full page each get the columns they have room
 * for, and nothing overlaps or scrolls sideways.
 */
export const BOARD_TABLE_STYLES = `
    :host {
      display: flex;
      flex: 1 1 auto;
      min-height: 0;
    }
    .table {
      display: flex;
      flex-direction: column;
      flex: 1 1 auto;
      min-width: 0;
      min-height: 0;
    }
    /* Narrow (a 340 px utility panel): who, what state, since when. */
    .row {
      display: grid;
      grid-template-columns: minmax(0, 1fr) 7.25rem 3.25rem;
      align-items: center;
      height: ${ROW_HEIGHT}px;
      box-sizing: border-box;
      padding: 0 0.5rem;
      border-bottom: 1px solid var(--pu-border);
      font-size: 0.8125rem;
    }
    .c-campaign,
    .c-queue,
    .c-call,
    .c-monitor,
    .user {
      display: none !important;
    }
    /* The softphone's 620 px: and the call, and who monitors. */
    @container board (min-width: 480px) {
      .row {
        grid-template-columns: minmax(0, 1.3fr) 7.25rem 3.25rem minmax(0, 1.2fr) minmax(0, 0.8fr);
      }
      .c-call,
      .c-monitor {
        display: flex !important;
      }
    }
    /* A console tab: everything, with room. */
    @container board (min-width: 880px) {
      .row {
        grid-template-columns:
          minmax(0, 1.5fr) 8.5rem 4rem minmax(0, 1fr) minmax(0, 0.9fr)
          minmax(0, 1.5fr) minmax(0, 1fr);
        padding: 0 0.75rem;
        font-size: 0.875rem;
      }
      .c-campaign,
      .c-queue,
      .user {
        display: flex !important;
      }
    }
    .row[role='row']:not(.head) {
      cursor: pointer;
    }
    .row.alt {
      background: var(--pu-page);
    }
    .row:not(.head):hover {
      background: var(--pu-surface-muted);
    }
    .row[aria-selected='true'] {
      background: var(--pu-primary-surface);
      box-shadow: inset 3px 0 0 var(--pu-primary);
    }
    .row:focus-visible {
      outline: 2px solid var(--pu-focus);
      outline-offset: -2px;
    }
    .row.dialer {
      color: var(--pu-text-muted);
    }
    .head {
      height: 1.75rem;
      background: var(--pu-surface);
      border-bottom: 1px solid var(--pu-border-strong);
    }
    .cell {
      display: flex;
      align-items: center;
      gap: 0.3rem;
      min-width: 0;
      overflow: hidden;
      white-space: nowrap;
      text-overflow: ellipsis;
      padding-right: 0.5rem;
    }
    .name {
      min-width: 0;
      font-weight: 600;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .user {
      flex: none;
    }
    .badge {
      flex: none;
      padding: 0 0.3rem;
      font-size: 0.625rem;
      font-weight: 700;
      line-height: 1rem;
      border-radius: 3px;
      text-transform: uppercase;
      color: var(--pu-state-idle-fg);
      background: var(--pu-state-idle-bg);
    }
    .chip {
      max-width: 100%;
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      font-size: 0.6875rem;
      padding: 0.0625rem 0.45rem;
    }
    .chip::before {
      flex: none;
    }
    .tabular {
      font-variant-numeric: tabular-nums;
    }
    .party,
    .text {
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .muted {
      color: var(--pu-text-muted);
      font-size: 0.75rem;
    }
    .sort {
      display: flex;
      align-items: center;
      gap: 0.2rem;
      max-width: 100%;
      min-width: 0;
      padding: 0;
      font: inherit;
      font-size: 0.6875rem;
      font-weight: 700;
      color: var(--pu-text-muted);
      background: none;
      border: 0;
      cursor: pointer;
      text-transform: uppercase;
      letter-spacing: 0.02em;
    }
    .label {
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .arrow {
      flex: none;
      font-size: 0.5625rem;
    }
    .scroller {
      flex: 1 1 auto;
      min-height: 0;
      overflow-y: auto;
      contain: strict;
    }
    .spacer {
      position: relative;
    }
    .slice {
      will-change: transform;
    }
`;
