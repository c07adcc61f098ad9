import { runInNewContext } from 'node:vm';
import { openCtiScript } from './opencti-script';

type Listener = (event: { origin: string; data: unknown }) => void;

/** Runs the console's opencti_min.js in a bare window with the iframe URL given. */
function load(search: string) {
  const posted: { message: Record<string, unknown>; origin: string }[] = [];
  const listeners: Listener[] = [];
  const window: Record<string, unknown> = {
    location: { search },
    parent: {
      postMessage: (message: Record<string, unknown>, origin: string) => posted.push({ message, origin }),
    },
    addEventListener: (_type: string, listener: Listener) => listeners.push(listener),
  };
  window['window'] = window;
  runInNewContext(openCtiScript('62.0'), { window, URLSearchParams });
  const api = (window['sforce'] as { opencti: Record<string, (args: unknown) => void> }).opencti;
  const deliver = (origin: string, data: unknown) => listeners.forEach((l) => l({ origin, data }));
  return { api, posted, deliver };
}

describe("the console's opencti_min.js (Lightning frame protocol)", () => {
  const search = '?sfdcIframeOrigin=http://127.0.0.1:7002&mode=Lightning';

  it('refuses to start without sfdcIframeOrigin and mode, as the real library does', () => {
    expect(() => load('?mode=Lightning')).toThrow(/Failed to initialize Open CTI/);
    expect(() => load('?sfdcIframeOrigin=http://127.0.0.1:7002')).toThrow(/Failed to initialize Open CTI/);
  });

  it('posts each call to the parent with an increasing callId and runs its callback once', () => {
    const { api, posted, deliver } = load(search);
    const callback = jest.fn();
    api['screenPop']({ type: 'sobject', params: { recordId: '003000000000001AAA' }, callback });
    api['enableClickToDial']({ callback: jest.fn() });
    expect(posted.map((p) => p.message['callId'])).toEqual([1, 2]);
    expect(posted[0]).toEqual({
      origin: 'http://127.0.0.1:7002',
      message: {
        methodName: 'screenPop',
        callId: 1,
        apiVersion: '62.0',
        apiType: 'opencti',
        isCallbackRegistered: true,
        isListenerRegistered: false,
        args: { type: 'sobject', params: { recordId: '003000000000001AAA' } },
      },
    });
    const reply = {
      apiType: 'opencti',
      apiVersion: '62.0',
      methodName: 'screenPop',
      callId: 1,
      response: { success: true, returnValue: null, errors: null },
    };
    deliver('http://evil.example.com', reply);
    expect(callback).not.toHaveBeenCalled();
    deliver('http://127.0.0.1:7002', { ...reply, apiVersion: '61.0' });
    expect(callback).not.toHaveBeenCalled();
    deliver('http://127.0.0.1:7002', reply);
    deliver('http://127.0.0.1:7002', reply);
    expect(callback).toHaveBeenCalledTimes(1);
    expect(callback).toHaveBeenCalledWith({ success: true, returnValue: null, errors: null });
  });

  it('runs click-to-dial listeners on every push and rejects empty arguments', () => {
    const { api, deliver } = load(search);
    const listener = jest.fn();
    api['onClickToDial']({ listener });
    const push = {
      apiType: 'opencti',
      apiVersion: '62.0',
      methodName: 'onClickToDial',
      isListener: true,
      payload: { number: '123' },
    };
    deliver('http://127.0.0.1:7002', push);
    deliver('http://127.0.0.1:7002', push);
    expect(listener).toHaveBeenCalledTimes(2);
    expect(() => api['refreshView']({})).toThrow(/non-empty object/);
  });
});
