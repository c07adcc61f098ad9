/**
 * The console's own `opencti_min.js`. Salesforce's real script refuses any
 * origin outside force.com / salesforce.com, so the local console serves
 * this one at the same path. It keeps the real library's contract: the
 * iframe URL's `sfdcIframeOrigin` and `mode` are required; every method
 * takes exactly one non-empty object; each call is posted to the parent as
 * `{methodName, callId, apiVersion, apiType:'opencti', isCallbackRegistered,
 * isListenerRegistered, args}`; a reply is accepted only from that origin
 * with the same apiType and apiVersion, and its callback runs once;
 * listeners (onClickToDial, onNavigationChange) run on every push.
 */
export function openCtiScript(apiVersion: string): string {
  return `/* Puente local console: Open CTI ${apiVersion} (Lightning frame protocol) */
(function () {
  'use strict';
  var API_VERSION = ${JSON.stringify(apiVersion)};
  var params = new URLSearchParams(window.location.search);
  var origin = (params.get('sfdcIframeOrigin') || '').replace(/\\/+$/, '');
  var mode = params.get('mode') || '';
  if (!origin || !mode) {
    throw new Error('Failed to initialize Open CTI. Ensure that it is loaded from the right frame with sfdcIframeOrigin and mode.');
  }
  var nextCallId = 0;
  var callbacks = {};
  var listeners = {};
  var LISTENER_METHODS = { onClickToDial: true, onNavigationChange: true };
  var METHODS = [
    'screenPop', 'searchAndScreenPop', 'saveLog', 'refreshView', 'runApex', 'getCallCenterSettings',
    'getSoftphoneLayout', 'getAppViewInfo', 'onNavigationChange', 'enableClickToDial', 'disableClickToDial',
    'onClickToDial', 'notifyInitializationComplete', 'setSoftphonePanelVisibility', 'isSoftphonePanelVisible',
    'setSoftphonePanelHeight', 'setSoftphonePanelWidth', 'setSoftphonePanelLabel', 'setSoftphoneItemLabel',
    'setSoftphonePanelIcon', 'setSoftphoneItemIcon'
  ];

  function invoke(methodName, args) {
    if (!args || typeof args !== 'object' || Object.keys(args).length === 0) {
      throw new Error(methodName + ': pass exactly one non-empty object.');
    }
    var callId = ++nextCallId;
    var payload = {};
    for (var key in args) {
      if (key !== 'callback' && key !== 'listener') payload[key] = args[key];
    }
    var hasCallback = typeof args.callback === 'function';
    var hasListener = typeof args.listener === 'function';
    if (hasCallback) callbacks[methodName + '_' + callId] = args.callback;
    if (hasListener && LISTENER_METHODS[methodName]) {
      (listeners[methodName] = listeners[methodName] || []).push(args.listener);
    }
    window.parent.postMessage({
      methodName: methodName,
      callId: callId,
      apiVersion: API_VERSION,
      apiType: 'opencti',
      isCallbackRegistered: hasCallback,
      isListenerRegistered: hasListener,
      args: payload
    }, origin);
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (event.origin !== origin || !data || data.apiType !== 'opencti' || data.apiVersion !== API_VERSION) return;
    if (data.isListener) {
      (listeners[data.methodName] || []).forEach(function (listener) { listener(data.payload); });
      return;
    }
    var key = data.methodName + '_' + data.callId;
    var callback = callbacks[key];
    if (!callback) return;
    delete callbacks[key];
    callback(data.response);
  });

  var api = {
    SCREENPOP_TYPE: { URL: 'url', SOBJECT: 'sobject', OBJECTHOME: 'objecthome', LIST: 'list', SEARCH: 'search', NEW_RECORD_MODAL: 'newRecord', FLOW: 'flow' },
    CALL_TYPE: { INBOUND: 'inbound', OUTBOUND: 'outbound', INTERNAL: 'internal' }
  };
  METHODS.forEach(function (name) {
    api[name] = function (args) { invoke(name, args); };
  });
  window.sforce = window.sforce || {};
  window.sforce.opencti = api;
})();
`;
}
