/**
 * The console's workspace tabs, as a fragment of the console's script (it
 * shares that script's scope: `h`, `cti`, `invalid`, `view`). Lightning
 * answers Open CTI's screenPop of type URL by opening the URL in a console
 * tab while the utility bar's softphone stays where it is; so does this
 * console. The first tab is the console's own pages (records, search…);
 * each URL gets a tab of its own with the page in a frame, focused again
 * when the same URL is popped twice, and closable.
 */
export const CONSOLE_TABS_SCRIPT = `
var tabBar = document.getElementById('console-tabs');
var workspace = document.getElementById('workspace');
var mainTab = document.getElementById('console-tab-main');
cti.tabs = [];
var tabSeq = 0;
function selectTab(id) {
  mainTab.setAttribute('aria-selected', String(id === 'main'));
  view.hidden = id !== 'main';
  cti.tabs.forEach(function (t) {
    t.button.setAttribute('aria-selected', String(t.id === id));
    t.panel.hidden = t.id !== id;
  });
}
function tabLabel(url) {
  var name = url.searchParams.get('view');
  return (name ? name.charAt(0).toUpperCase() + name.slice(1) + ' · ' : '') + url.host;
}
function openUrlTab(raw) {
  var url;
  try { url = new URL(String(raw), location.href); } catch (e) { throw invalid('screenPop: url is not a URL'); }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('screenPop: url must be http or https');
  // One of the console's own pages: shown in place, as Lightning shows a record.
  if (url.origin === location.origin && url.pathname === location.pathname && url.hash) {
    location.hash = url.hash;
    return;
  }
  var existing = cti.tabs.filter(function (t) { return t.url === url.href; })[0];
  if (existing) { selectTab(existing.id); return; }
  var id = 'url-' + (++tabSeq);
  var tab = { id: id, url: url.href };
  tab.button = h('span', { 'class': 'tab', role: 'tab', id: 'tab-' + id, tabindex: '0', 'aria-selected': 'false',
    'aria-controls': 'panel-' + id, title: url.href, 'data-testid': 'console-tab',
    onclick: function () { selectTab(id); }, onkeydown: function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); selectTab(id); } } },
    h('span', { 'class': 'tab-label', text: tabLabel(url) }),
    h('button', { type: 'button', 'class': 'tab-close', 'aria-label': 'Close tab ' + tabLabel(url), 'data-testid': 'console-tab-close',
      onclick: function (e) { e.stopPropagation(); closeTab(id); } }, '\\u00D7'));
  tab.panel = h('section', { 'class': 'url-tab', role: 'tabpanel', id: 'panel-' + id, 'aria-labelledby': 'tab-' + id, hidden: '' },
    h('iframe', { src: url.href, title: tabLabel(url), 'data-testid': 'console-tab-frame' }));
  cti.tabs.push(tab);
  tabBar.appendChild(tab.button);
  workspace.appendChild(tab.panel);
  selectTab(id);
}
function closeTab(id) {
  var tab = cti.tabs.filter(function (t) { return t.id === id; })[0];
  if (!tab) return;
  cti.tabs = cti.tabs.filter(function (t) { return t !== tab; });
  tab.button.remove();
  tab.panel.remove();
  selectTab('main');
}
mainTab.addEventListener('click', function () { selectTab('main'); });
`;
