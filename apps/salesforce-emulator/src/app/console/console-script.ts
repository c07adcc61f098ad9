/**
 * The console's browser code, framework-free: hash routes for the home,
 * list, record, search and new-record pages; the utility bar's softphone;
 * and the host side of the Open CTI frame protocol for every method the
 * panel uses. Everything the page shows is built with DOM calls (never
 * innerHTML), so record values cannot inject markup.
 */
import { CONSOLE_TABS_SCRIPT } from './console-tabs';

export const CONSOLE_SCRIPT = `(function () {
'use strict';
var config = JSON.parse(document.getElementById('console-config').textContent);
var view = document.getElementById('view');
var frame = document.getElementById('softphone-frame');
var phone = document.getElementById('softphone');
var toggle = document.getElementById('utility-phone');
var status = document.getElementById('utility-status');
var itemLabel = document.getElementById('utility-label');
var itemIcon = document.getElementById('utility-icon');
/* The SLDS utility icons a softphone uses, drawn with a character each. */
var ITEM_ICONS = { call: '\u260E', end_call: '\u260E', phone_portrait: '\u260E', phone_landscape: '\u260E', pause: '\u23F8', record: '\u23FA', warning: '\u26A0' };
var panelOrigin = new URL(config.panelUrl).origin;
var cti = { clickToDial: false, initialized: false, visible: true, width: 360, height: 560, calls: [] };
var page = { url: location.href, recordId: null, recordName: null, objectType: null };
var navListeners = false;
window.puenteConsole = cti;

function h(tag, attrs) {
  var el = document.createElement(tag);
  for (var k in attrs || {}) {
    if (k === 'text') el.textContent = attrs[k];
    else if (k.indexOf('on') === 0) el.addEventListener(k.slice(2), attrs[k]);
    else if (attrs[k] !== null && attrs[k] !== undefined) el.setAttribute(k, attrs[k]);
  }
  for (var i = 2; i < arguments.length; i++) {
    var c = arguments[i];
    if (c === null || c === undefined) continue;
    el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return el;
}
function api(path, init) {
  return fetch('/lightning/console/api' + path, init).then(function (r) {
    return r.json().then(function (body) { if (!r.ok) throw new Error(body.message || ('HTTP ' + r.status)); return body; });
  });
}
function show(title, nodes) {
  view.replaceChildren.apply(view, nodes);
  document.title = title + ' | Puente console';
}
function failed(error) { show('Error', [h('p', { 'class': 'error', role: 'alert', text: 'Salesforce data is not available: ' + error.message })]); }
function isPhoneField(name) { return /(^|[a-z])(Phone|MobilePhone|HomePhone|OtherPhone|AssistantPhone)$/.test(name) && name !== 'PhoneIndex__c'; }
function recordLink(r) { return h('a', { href: '#/r/' + r.attributes.type + '/' + r.Id, text: r.Name || r.Id }); }
function phoneLink(number, record, type) {
  return h('a', { href: 'tel:' + number, 'class': 'phone', 'data-testid': 'click-to-dial', onclick: function (e) {
    e.preventDefault();
    if (!cti.clickToDial) { setStatus('Click-to-dial is off: log in to the phone first.'); return; }
    var payload = { number: number, recordId: record.Id, recordName: record.Name || '', objectType: type, params: '' };
    if (type === 'Contact') payload.contactId = record.Id;
    if (type === 'Account') payload.accountId = record.Id;
    setVisible(true);
    push('onClickToDial', payload);
    setStatus('Dialing ' + number + '…');
  } }, number);
}
function setStatus(text) { status.textContent = text; }
function navigated(info) {
  page = Object.assign({ url: location.href, recordId: null, recordName: null, objectType: null }, info);
  document.querySelectorAll('[data-nav]').forEach(function (a) {
    a.toggleAttribute('aria-current', a.getAttribute('data-nav') === (info.nav || 'home'));
    if (a.hasAttribute('aria-current')) a.setAttribute('aria-current', 'page');
  });
  if (navListeners) push('onNavigationChange', { url: page.url, recordId: page.recordId, recordName: page.recordName, objectType: page.objectType });
}

function home() {
  navigated({ nav: 'home' });
  var grid = h('div', { 'class': 'grid' });
  show('Home', [h('h1', { 'class': 'kicker', text: 'Recent records' }), grid]);
  ['Contact', 'Account', 'Lead', 'Opportunity'].forEach(function (type) {
    var card = h('section', { 'class': 'card' }, h('h2', { text: type + 's' }));
    grid.appendChild(card);
    api('/recent/' + type).then(function (body) { card.appendChild(table(body.items, type)); }, function (e) { card.appendChild(h('p', { 'class': 'error', text: e.message })); });
  });
}
function table(items, type) {
  if (!items.length) return h('p', { 'class': 'muted', text: 'No records.' });
  var body = h('tbody');
  items.forEach(function (r) {
    var t = r.attributes ? r.attributes.type : type;
    body.appendChild(h('tr', null, h('td', null, recordLink(r)), h('td', { 'class': 'muted', text: t }),
      h('td', null, r.Phone ? phoneLink(r.Phone, r, t) : (r.StageName || r.Company || ''))));
  });
  return h('table', null, h('thead', null, h('tr', null, h('th', { text: 'Name' }), h('th', { text: 'Type' }), h('th', { text: 'Phone' }))), body);
}
function list(type) {
  navigated({ nav: type });
  api('/recent/' + type + '?limit=50').then(function (body) {
    show(type + 's', [h('section', { 'class': 'card' }, h('h1', { text: type + 's' }), table(body.items, type))]);
  }, failed);
}
function record(type, id) {
  api('/records/' + type + '/' + id).then(function (body) {
    var r = body.record;
    var fields = h('dl', { 'class': 'fields' });
    Object.keys(r).filter(function (k) { return k !== 'attributes'; }).sort().forEach(function (k) {
      var v = r[k];
      var value = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
      fields.appendChild(h('div', { 'data-field': k }, h('dt', { text: k }), h('dd', null, isPhoneField(k) && value ? phoneLink(value, r, type) : value)));
    });
    var tasks = h('tbody');
    body.tasks.forEach(function (t) {
      tasks.appendChild(h('tr', { 'data-testid': 'task-row' }, h('td', { text: t.Subject || '' }), h('td', { text: t.CallDisposition || '' }),
        h('td', { text: t.CallType || '' }), h('td', { text: String(t.CallDurationInSeconds == null ? '' : t.CallDurationInSeconds) }), h('td', { text: t.Status || '' })));
    });
    var name = r.Name || [r.FirstName, r.LastName].filter(Boolean).join(' ') || id;
    show(name, [
      h('section', { 'class': 'card', 'data-testid': 'console-record', 'data-record-id': r.Id, 'data-object-type': type },
        h('div', { 'class': 'kicker', text: type }), h('h1', { 'data-testid': 'record-name', text: name })),
      h('section', { 'class': 'card' }, h('h2', { text: 'Details' }), fields),
      h('section', { 'class': 'card', 'data-testid': 'related-tasks' }, h('h2', { text: 'Activity history (' + body.tasks.length + ')' }),
        body.tasks.length ? h('table', null, h('thead', null, h('tr', null, h('th', { text: 'Subject' }), h('th', { text: 'Call result' }),
          h('th', { text: 'Call type' }), h('th', { text: 'Seconds' }), h('th', { text: 'Status' }))), tasks) : h('p', { 'class': 'muted', text: 'No activities yet.' }))
    ]);
    navigated({ nav: type, recordId: r.Id, recordName: name, objectType: type });
  }, failed);
}
function search(text) {
  document.getElementById('search-input').value = text;
  navigated({ nav: 'search' });
  api('/search?q=' + encodeURIComponent(text)).then(function (body) {
    show('Search', [h('section', { 'class': 'card', 'data-testid': 'console-search', 'data-search': text },
      h('h1', { text: 'Search results for "' + text + '"' }), h('p', { 'class': 'muted', text: body.items.length + ' results' }), table(body.items))]);
  }, failed);
}
var NEW_FIELDS = {
  Contact: ['FirstName', 'LastName', 'Phone', 'Email'], Account: ['Name', 'Phone'],
  Lead: ['FirstName', 'LastName', 'Company', 'Phone'], Opportunity: ['Name', 'StageName', 'CloseDate']
};
function newRecord(type, defaults) {
  navigated({ nav: type, objectType: type });
  var names = NEW_FIELDS[type].slice();
  Object.keys(defaults).forEach(function (k) { if (names.indexOf(k) < 0) names.push(k); });
  var form = h('form', { 'class': 'record card', 'data-testid': 'console-new-record', 'data-object-type': type }, h('h1', { text: 'New ' + type }));
  names.forEach(function (n) {
    form.appendChild(h('label', { 'for': 'new-' + n, text: n }));
    form.appendChild(h('input', { id: 'new-' + n, name: n, value: defaults[n] || '' }));
  });
  var error = h('p', { 'class': 'error', role: 'alert' });
  form.appendChild(error);
  form.appendChild(h('div', { 'class': 'modal-actions' }, h('button', { 'class': 'btn', type: 'submit', text: 'Save' }),
    h('button', { 'class': 'btn neutral', type: 'button', text: 'Cancel', onclick: function () { history.back(); } })));
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var fields = {};
    new FormData(form).forEach(function (v, k) { if (String(v).trim()) fields[k] = String(v).trim(); });
    api('/records/' + type, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(fields) })
      .then(function (body) { location.hash = '#/r/' + type + '/' + body.id; }, function (err) { error.textContent = err.message; });
  });
  show('New ' + type, [form]);
}
/* Setup: the Call Center and the Softphone Layout an administrator edits (issue 17 §2). */
var MATCHES = {
  NoMatch: [['', "Don't pop any screen"], ['PopToEntity:Contact', 'Pop to new Contact'], ['PopToEntity:Account', 'Pop to new Account'],
    ['PopToEntity:Lead', 'Pop to new Lead'], ['PopToEntity:Opportunity', 'Pop to new Opportunity']],
  SingleMatch: [['', "Don't pop any screen"], ['PopToEntity', 'Pop detail page']],
  MultipleMatches: [['', "Don't pop any screen"], ['PopToSearch', 'Pop to search page']]
};
var MATCH_LABELS = { NoMatch: 'No matching records', SingleMatch: 'Single-matching record', MultipleMatches: 'Multiple-matching records' };
function popValue(setting) { return !setting ? '' : setting.screenPopType + (setting.screenPopType === 'PopToEntity' && setting.screenPopData ? ':' + setting.screenPopData : ''); }
function setup() {
  navigated({ nav: 'setup' });
  api('/setup').then(function (body) {
    var note = h('p', { 'class': 'muted', role: 'status', 'data-testid': 'setup-status' });
    var cc = h('form', { 'class': 'record card', 'data-testid': 'setup-call-center' }, h('h2', { text: 'Call Center: ' + (body.callCenter[0] && (body.callCenter[0].items.filter(function (i) { return i.name === 'reqDisplayName'; })[0] || {}).value || '') }));
    body.callCenter.forEach(function (section) {
      var set = h('fieldset', null, h('legend', { text: section.label + ' (' + section.name + ')' }));
      section.items.forEach(function (item) {
        var id = 'cc-' + section.name + '-' + item.name;
        set.appendChild(h('label', { 'for': id, text: item.label + ' (' + item.name + ')' }));
        set.appendChild(h('input', { id: id, 'data-path': '/' + section.name + '/' + item.name, value: item.value }));
      });
      cc.appendChild(set);
    });
    cc.appendChild(h('div', { 'class': 'modal-actions' }, h('button', { 'class': 'btn', type: 'submit', 'data-testid': 'save-call-center', text: 'Save Call Center' })));
    cc.addEventListener('submit', function (e) {
      e.preventDefault();
      var values = {};
      cc.querySelectorAll('input[data-path]').forEach(function (input) { values[input.getAttribute('data-path')] = input.value; });
      put('/setup/call-center', values, note, 'Call Center saved. Softphones read it when the console loads.');
    });
    var layout = body.softphoneLayout;
    var sl = h('form', { 'class': 'record card', 'data-testid': 'setup-softphone-layout' }, h('h2', { text: 'Softphone Layout: screen pop settings' }));
    ['Inbound', 'Outbound', 'Internal'].forEach(function (type) {
      var set = h('fieldset', null, h('legend', { text: type + ' calls' }));
      Object.keys(MATCHES).forEach(function (match) {
        var id = 'sl-' + type + '-' + match;
        var select = h('select', { id: id, 'data-type': type, 'data-match': match });
        var current = popValue(layout[type].screenPopSettings[match]);
        MATCHES[match].forEach(function (o) { var opt = h('option', { value: o[0], text: o[1] }); if (o[0] === current) opt.selected = true; select.appendChild(opt); });
        set.appendChild(h('label', { 'for': id, text: MATCH_LABELS[match] }));
        set.appendChild(select);
      });
      sl.appendChild(set);
    });
    sl.appendChild(h('div', { 'class': 'modal-actions' }, h('button', { 'class': 'btn', type: 'submit', 'data-testid': 'save-softphone-layout', text: 'Save Softphone Layout' })));
    sl.addEventListener('submit', function (e) {
      e.preventDefault();
      var next = JSON.parse(JSON.stringify(layout));
      sl.querySelectorAll('select').forEach(function (select) {
        var pops = next[select.getAttribute('data-type')].screenPopSettings;
        var match = select.getAttribute('data-match');
        var parts = select.value.split(':');
        if (!select.value) delete pops[match];
        else pops[match] = parts[1] ? { screenPopType: parts[0], screenPopData: parts[1] } : { screenPopType: parts[0] };
      });
      put('/setup/softphone-layout', next, note, 'Softphone Layout saved. Softphones read it when the console loads.');
    });
    show('Setup', [h('section', { 'class': 'card' }, h('h1', { text: 'Setup: Call Center and Softphone Layout' }), note), cc, sl]);
  }, failed);
}
function put(path, body, note, done) {
  api(path, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
    .then(function () { note.className = 'muted'; note.textContent = done; }, function (err) { note.className = 'error'; note.textContent = err.message; });
}
function route() {
  selectTab('main');
  var hash = decodeURIComponent(location.hash.replace(/^#\\/?/, ''));
  var parts = hash.split('/');
  if (parts[0] === 'r' && parts[2]) return record(parts[1], parts[2]);
  if (parts[0] === 'list' && parts[1]) return list(parts[1]);
  if (parts[0] === 'search') return search(parts.slice(1).join('/'));
  if (parts[0] === 'setup') return setup();
  if (parts[0] === 'new' && parts[1]) return newRecord(parts[1], pendingDefaults.splice(0).reduce(function (a, b) { return Object.assign(a, b); }, {}));
  return home();
}
var pendingDefaults = [];

${CONSOLE_TABS_SCRIPT}
/* Open CTI, host side. */
function reply(data, success, value, errors) {
  frame.contentWindow.postMessage({ apiType: 'opencti', apiVersion: data.apiVersion, methodName: data.methodName, callId: data.callId,
    response: { success: success, returnValue: success ? value : null, errors: success ? null : errors } }, panelOrigin);
}
function push(methodName, payload) {
  frame.contentWindow.postMessage({ apiType: 'opencti', apiVersion: config.apiVersion, methodName: methodName, isListener: true, payload: payload }, panelOrigin);
}
function invalid(description) { return [{ code: 'INVALID_PARAM', description: description }]; }
function setVisible(visible) {
  cti.visible = visible;
  phone.hidden = !visible;
  toggle.setAttribute('aria-expanded', String(visible));
}
function size() { phone.style.width = cti.width + 'px'; phone.style.height = cti.height + 'px'; }
function go(hash) { if (location.hash === hash) route(); else location.hash = hash; }
var HANDLERS = {
  screenPop: function (a) {
    var p = a.params || {};
    if (a.type === 'sobject' && p.recordId) { return fetchType(p.recordId).then(function (t) { go('#/r/' + t + '/' + p.recordId); }); }
    if (a.type === 'search' && p.searchString && p.searchString.length >= 3) { go('#/search/' + encodeURIComponent(p.searchString)); return null; }
    if (a.type === 'newRecord' && NEW_FIELDS[p.entityName]) { pendingDefaults.push(p.defaultFieldValues || a.defaultFieldValues || {}); go('#/new/' + p.entityName + '/' + Date.now()); return null; }
    if (a.type === 'url' && p.url) { openUrlTab(p.url); return null; }
    if (a.type === 'objecthome' && NEW_FIELDS[p.scope]) { go('#/list/' + p.scope); return null; }
    throw invalid('screenPop: unsupported type or missing params');
  },
  // Read at each call, as Lightning does: an edit in Setup reaches a softphone when it asks again (at its start).
  getCallCenterSettings: function () { return api('/opencti/call-center-settings'); },
  getSoftphoneLayout: function () { return api('/opencti/softphone-layout'); },
  enableClickToDial: function () { cti.clickToDial = true; return null; },
  disableClickToDial: function () { cti.clickToDial = false; return null; },
  onClickToDial: function () { return null; },
  onNavigationChange: function () { navListeners = true; return null; },
  getAppViewInfo: function () { return { url: page.url, recordId: page.recordId, recordName: page.recordName, objectType: page.objectType }; },
  notifyInitializationComplete: function () { cti.initialized = true; setStatus('Softphone ready'); return null; },
  setSoftphonePanelVisibility: function (a) { setVisible(!!a.visible); return null; },
  isSoftphonePanelVisible: function () { return { visible: cti.visible }; },
  setSoftphonePanelWidth: function (a) {
    if (!(a.widthPX >= 200 && a.widthPX <= 1920)) throw invalid('widthPX must be 200-1920');
    cti.width = a.widthPX; size(); return null;
  },
  setSoftphonePanelHeight: function (a) {
    if (!(a.heightPX >= 240 && a.heightPX <= 2560)) throw invalid('heightPX must be 240-2560');
    cti.height = a.heightPX; size(); return null;
  },
  setSoftphonePanelLabel: function (a) {
    if (typeof a.label !== 'string' || !a.label) throw invalid('label must be a non-empty string');
    itemLabel.textContent = a.label; return null;
  },
  /* What the minimised softphone shows in the utility bar (issue 16 §2.8). */
  setSoftphoneItemLabel: function (a) {
    if (typeof a.label !== 'string' || !a.label) throw invalid('label must be a non-empty string');
    itemLabel.textContent = a.label.slice(0, 80); toggle.title = a.label; return null;
  },
  setSoftphoneItemIcon: function (a) {
    if (!Object.prototype.hasOwnProperty.call(ITEM_ICONS, a.key)) throw invalid('key must be an SLDS utility icon the console knows: ' + Object.keys(ITEM_ICONS).join(', '));
    itemIcon.setAttribute('data-icon', a.key); itemIcon.textContent = ITEM_ICONS[a.key]; return null;
  },
  refreshView: function () { route(); return null; },
  searchAndScreenPop: function (a) {
    return api('/search?q=' + encodeURIComponent(a.searchParams || '')).then(function (body) {
      var map = {};
      body.items.forEach(function (r) { map[r.Id] = { Id: r.Id, Name: r.Name, RecordType: r.attributes.type }; });
      if (!a.deferred) {
        if (body.items.length === 1) go('#/r/' + body.items[0].attributes.type + '/' + body.items[0].Id);
        else if (body.items.length > 1) go('#/search/' + encodeURIComponent(a.searchParams));
      }
      return map;
    });
  },
  saveLog: function (a) {
    var v = Object.assign({}, a.value || {});
    if (v.entityApiName !== 'Task') throw invalid('saveLog: the console creates Tasks only');
    delete v.entityApiName;
    return api('/records/Task', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(v) }).then(function (b) { return b.id; });
  }
};
function fetchType(id) {
  var prefix = { '003': 'Contact', '001': 'Account', '00Q': 'Lead', '006': 'Opportunity' }[id.slice(0, 3)];
  if (!prefix) throw invalid('screenPop: unknown record id prefix');
  return Promise.resolve(prefix);
}
window.addEventListener('message', function (event) {
  var data = event.data;
  if (event.source !== frame.contentWindow || event.origin !== panelOrigin || !data || data.apiType !== 'opencti') return;
  cti.calls.push({ methodName: data.methodName, args: data.args });
  var handler = HANDLERS[data.methodName];
  if (!handler) return reply(data, false, null, [{ code: 'GENERIC_ERROR', description: data.methodName + ' is not supported by the local console' }]);
  Promise.resolve().then(function () { return handler(data.args || {}); })
    .then(function (value) { reply(data, true, value === undefined ? null : value); },
      function (errors) { reply(data, false, null, Array.isArray(errors) ? errors : [{ code: 'GENERIC_ERROR', description: String(errors && errors.message || errors) }]); });
});

toggle.addEventListener('click', function () { setVisible(!cti.visible); });
document.getElementById('softphone-minimise').addEventListener('click', function () { setVisible(false); toggle.focus(); });
document.getElementById('search-form').addEventListener('submit', function (e) {
  e.preventDefault();
  var q = document.getElementById('search-input').value.trim();
  if (q) go('#/search/' + encodeURIComponent(q));
});
window.addEventListener('hashchange', route);
size();
// ?gateway= on the console's own URL points the panel at another gateway (a second stack, a test double).
var gateway = new URLSearchParams(location.search).get('gateway') || config.gatewayUrl;
frame.src = config.panelUrl.replace(/\\/+$/, '') + '/?sfdcIframeOrigin=' + encodeURIComponent(location.origin) +
  '&mode=Lightning&gateway=' + encodeURIComponent(gateway);
route();
})();
`;
