// pods/log: the log store's selection rules, kube's container and instance choice, and
// the HTTP surface through the Hono app on the in-memory store.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiServer } from '../../../lib/apiserver/app.ts';
import { allowAuthenticated, createBearerAuthenticator } from '../../../lib/auth/authenticator.ts';
import { issueToken } from '../../../lib/auth/issue-token.ts';
import { adminUser, nodeUser } from '../../../lib/auth/tokens.ts';
import { systemClock } from '../../../lib/core/clock.ts';
import { randomIds } from '../../../lib/core/ids.ts';
import { ensureBootstrapNamespaces } from '../../../lib/registry/bootstrap.ts';
import { builtinRegistry } from '../../../lib/registry/builtin.ts';
import type { RegistryContext } from '../../../lib/registry/generic/context.ts';
import { chooseContainer, chooseInstance } from '../../../lib/registry/subresources/pod-logs.ts';
import { MemoryTokenStore } from '../../../lib/storage/dynamo-token-store.ts';
import { MemoryStore } from '../../../lib/storage/memory-store.ts';
import { limitBytes, MemoryPodLogStore, tailLines } from '../../../lib/storage/pod-log-store.ts';

describe('log selection', () => {
  it.each([
    ['a\nb\nc\n', 2, 'b\nc\n'],
    ['a\nb\nc', 2, 'b\nc'],
    ['a\nb\nc\n', 5, 'a\nb\nc\n'],
    ['a\nb\n', 0, ''],
    ['', 3, ''],
    ['only', 1, 'only'],
  ])('tail of %j, %d lines', (text, n, want) => expect(tailLines(text, n)).toBe(want));

  it('limits bytes without cutting a character', () => {
    expect(limitBytes('héllo', 2)).toBe('h');
    expect(limitBytes('héllo', 3)).toBe('hé');
    expect(limitBytes('abc', 10)).toBe('abc');
  });

  it('keeps chunks in order, per pod uid and instance, and ignores resends', async () => {
    const store = new MemoryPodLogStore();
    const ref = { namespace: 'ns', pod: 'p', uid: 'u1', container: 'c', instance: 0 };
    expect(await store.append(ref, 1, 'two\n')).toBe('created');
    expect(await store.append(ref, 0, 'one\n')).toBe('created');
    expect(await store.append(ref, 0, 'again\n')).toBe('duplicate');
    await store.append({ ...ref, instance: 1 }, 0, 'second run\n');
    await store.append({ ...ref, uid: 'u2' }, 0, 'other pod\n');
    expect(await store.read(ref)).toBe('one\ntwo\n');
    expect(await store.read(ref, { tailLines: 1 })).toBe('two\n');
    expect(await store.read({ ...ref, instance: 1 })).toBe('second run\n');
  });
});

describe('which container and run a log request means', () => {
  const pod = { metadata: { name: 'p' }, spec: { containers: [{ name: 'a' }, { name: 'b' }], initContainers: [{ name: 'i' }] } };
  it('needs a name when there is more than one container', () => {
    expect(chooseContainer({ metadata: { name: 'p' }, spec: { containers: [{ name: 'only' }] } }, undefined)).toBe('only');
    expect(() => chooseContainer(pod, undefined)).toThrow('a container name must be specified for pod p, choose one of: [a b] or one of the init containers: [i]');
    expect(() => chooseContainer(pod, 'z')).toThrow('container z is not valid for pod p');
    expect(chooseContainer(pod, 'i')).toBe('i');
  });

  it('reads the current run, or the one lastState describes', () => {
    const base = { name: 'a', image: '', imageID: '', ready: false };
    const last = { terminated: { exitCode: 1, containerID: 'x://1' } };
    expect(chooseInstance({ ...base, restartCount: 2, state: { running: {} }, lastState: last }, 'a', 'p', false)).toBe(2);
    expect(chooseInstance({ ...base, restartCount: 2, state: { running: {} }, lastState: last }, 'a', 'p', true)).toBe(1);
    expect(chooseInstance({ ...base, restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: last }, 'a', 'p', false)).toBe(2);
    expect(chooseInstance({ ...base, restartCount: 0, state: { terminated: { exitCode: 0, containerID: 'x://1' } } }, 'a', 'p', false)).toBe(0);
    expect(() => chooseInstance({ ...base, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }, 'a', 'p', false)).toThrow('container "a" in pod "p" is waiting to start: ContainerCreating');
    expect(() => chooseInstance({ ...base, restartCount: 0, state: { running: {} } }, 'a', 'p', true)).toThrow('previous terminated container "a" in pod "p" not found');
    expect(() => chooseInstance({ ...base, restartCount: 0, state: { terminated: { exitCode: 128, containerID: '' } } }, 'a', 'p', false)).toThrow('container "a" in pod "p" is terminated');
    expect(() => chooseInstance(undefined, 'a', 'p', false)).toThrow('is waiting to start - no logs yet');
  });
});

describe('pods/log over HTTP', () => {
  let app: ReturnType<typeof createApiServer>;
  let ctx: RegistryContext;
  const tokens = new MemoryTokenStore();
  const logs = new MemoryPodLogStore();
  let admin: string;
  let node: string;
  let otherNode: string;

  const call = async (method: string, path: string, token: string, body?: string) => {
    const type = path.includes('/log') ? 'text/plain' : 'application/json';
    const res = await app.request(`http://skiff.test${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type'), text, json: (() => { try { return JSON.parse(text); } catch { return undefined; } })() };
  };

  beforeAll(async () => {
    ctx = { store: new MemoryStore({ clock: systemClock, ids: randomIds }), registry: builtinRegistry(), clock: systemClock, ids: randomIds };
    await ensureBootstrapNamespaces(ctx);
    admin = await issueToken(tokens, adminUser(), new Date(), randomBytes);
    node = await issueToken(tokens, nodeUser('n1'), new Date(), randomBytes);
    otherNode = await issueToken(tokens, nodeUser('n2'), new Date(), randomBytes);
    app = createApiServer({ ctx, authenticator: createBearerAuthenticator(tokens), authorizer: allowAuthenticated, podLogs: logs });
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { nodeName: 'n1', containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'x' }] } };
    expect((await call('POST', '/api/v1/namespaces/default/pods', admin, JSON.stringify(pod))).status).toBe(201);
    const current = (await call('GET', '/api/v1/namespaces/default/pods/p', admin)).json;
    current.status = { ...current.status, containerStatuses: [
      { name: 'a', image: 'x', imageID: '', ready: true, restartCount: 0, state: { running: { startedAt: '2025-01-01T00:00:00Z' } } },
      { name: 'b', image: 'x', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } },
    ] };
    expect((await call('PUT', '/api/v1/namespaces/default/pods/p/status', admin, JSON.stringify(current))).status).toBe(200);
  });

  it('lets the pod\'s node append, and nobody else', async () => {
    const uid = (await call('GET', '/api/v1/namespaces/default/pods/p', admin)).json.metadata.uid;
    const path = `/api/v1/namespaces/default/pods/p/log?container=a&instance=0&podUID=${uid}`;
    expect((await call('POST', `${path}&seq=0`, node, 'line 1\nline 2\n')).status).toBe(201);
    expect((await call('POST', `${path}&seq=1`, node, 'line 3\n')).status).toBe(201);
    expect((await call('POST', `${path}&seq=1`, node, 'line 3\n')).status).toBe(200);
    const denied = await call('POST', `${path}&seq=2`, otherNode, 'nope\n');
    expect(denied.status).toBe(403);
    expect((await call('POST', `${path}&seq=2`, admin, 'nope\n')).status).toBe(403);
    expect((await call('POST', '/api/v1/namespaces/default/pods/p/log?container=a&instance=0&seq=9&podUID=other', node, 'x')).status).toBe(409);
    expect((await call('POST', '/api/v1/namespaces/default/pods/p/log?container=z&instance=0&seq=9', node, 'x')).status).toBe(400);
  });

  it('serves text/plain, with tailLines and limitBytes', async () => {
    const all = await call('GET', '/api/v1/namespaces/default/pods/p/log?container=a', admin);
    expect(all).toMatchObject({ status: 200, text: 'line 1\nline 2\nline 3\n' });
    expect(all.type).toMatch(/^text\/plain/);
    expect((await call('GET', '/api/v1/namespaces/default/pods/p/log?container=a&tailLines=2', admin)).text).toBe('line 2\nline 3\n');
    expect((await call('GET', '/api/v1/namespaces/default/pods/p/log?container=a&limitBytes=4', admin)).text).toBe('line');
  });

  it('answers kube\'s 400s', async () => {
    const noName = await call('GET', '/api/v1/namespaces/default/pods/p/log', admin);
    expect(noName.status).toBe(400);
    expect(noName.json).toMatchObject({ kind: 'Status', reason: 'BadRequest', message: 'a container name must be specified for pod p, choose one of: [a b]' });
    expect((await call('GET', '/api/v1/namespaces/default/pods/p/log?container=b', admin)).json.message).toBe('container "b" in pod "p" is waiting to start: ContainerCreating');
    expect((await call('GET', '/api/v1/namespaces/default/pods/p/log?container=a&follow=true', admin)).status).toBe(400);
    expect((await call('GET', '/api/v1/namespaces/default/pods/missing/log', admin)).json).toMatchObject({ code: 404, message: 'pods "missing" not found' });
  });

  it('is in discovery as kube lists it', async () => {
    const list = (await call('GET', '/api/v1', admin)).json;
    expect(list.resources.find((r: { name: string }) => r.name === 'pods/log')).toEqual({ name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] });
  });
});
