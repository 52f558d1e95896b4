/** The addresses KallyAI opens (src/platform/linkPolicy.ts) and the API addresses a token may go
 *  to (src/api/apiAddress.ts): web pages over https, http only on this computer, mail and phone
 *  links only where the person asked; every other scheme refused. Plain Node, no vscode. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { apiOrigin, checkApiAddress, isLoopbackHost } from '../../src/api/apiAddress';
import { checkLink, MAX_LINK_LENGTH } from '../../src/platform/linkPolicy';

describe('the link policy', () => {
  it('opens https addresses as they are (query and fragment kept)', () => {
    const url = 'https://storage.example.com/rec.wav?X-Signature=a%2Fb&redirect_uri=https%3A%2F%2Fx%3Fy%3D1#t=3';
    assert.deepEqual(checkLink(url), { ok: true, url });
  });

  it('opens plain http only on this computer (the local sandbox)', () => {
    for (const url of [
      'http://127.0.0.1:8790/sandbox/pages/pair',
      'http://localhost:3000/x',
      'http://[::1]:8790/',
      'http://127.4.5.6/',
    ]) {
      assert.equal(checkLink(url).ok, true, url);
    }
    for (const url of [
      'http://api.kallyai.com/v1',
      'http://192.168.1.10:8790/',
      'http://10.0.0.1/',
      'http://127.0.0.1.evil.com/',
      'http://localhost.evil.com/',
    ]) {
      assert.deepEqual(checkLink(url), { ok: false, reason: 'insecure' }, url);
    }
  });

  it('refuses every other scheme, naming it', () => {
    const cases: Array<[string, string]> = [
      ['file:///etc/passwd', 'file:'],
      ['vscode://vscode.git/clone?url=x', 'vscode:'],
      ['smb://host/share', 'smb:'],
      ['javascript:alert(1)', 'javascript:'],
      ['data:text/html,<b>x</b>', 'data:'],
      ['command:workbench.action.terminal.new', 'command:'],
      ['vscode-insiders://x', 'vscode-insiders:'],
      ['ftp://host/x', 'ftp:'],
      ['FILE:///C:/Windows/win.ini', 'file:'],
    ];
    for (const [url, scheme] of cases) assert.deepEqual(checkLink(url), { ok: false, reason: 'scheme', scheme }, url);
  });

  it('opens mailto: and tel: only where the person asked to write or call', () => {
    assert.deepEqual(checkLink('mailto:someone@example.com'), { ok: false, reason: 'scheme', scheme: 'mailto:' });
    assert.deepEqual(checkLink('tel:+12015550100'), { ok: false, reason: 'scheme', scheme: 'tel:' });
    assert.deepEqual(checkLink('mailto:someone@example.com', { contact: true }), {
      ok: true,
      url: 'mailto:someone@example.com',
    });
    assert.deepEqual(checkLink('tel:+12015550100', { contact: true }), { ok: true, url: 'tel:+12015550100' });
    assert.equal(checkLink('file:///x', { contact: true }).ok, false, 'asking to call opens no file');
  });

  it('refuses what is not an address: relative, empty, credentials, spaces and control characters, oversized', () => {
    const malformed = [
      '',
      '/v1/calls/c_1/recording',
      'not a url',
      'https://user:pass@example.com/',
      'https://user@example.com/',
      ' https://example.com/',
      'https://example.com/\n',
      'https://exa\tmple.com/',
      'https://example.com/\u0085x',
      'https://example.com/\u007f',
      `https://example.com/${'a'.repeat(MAX_LINK_LENGTH)}`,
    ];
    for (const url of malformed)
      assert.deepEqual(checkLink(url), { ok: false, reason: 'malformed' }, JSON.stringify(url.slice(0, 40)));
  });

  it('1 MB of hostile address is refused without being parsed', () => {
    assert.deepEqual(checkLink(`https://${'a.'.repeat(512 * 1024)}com/`), { ok: false, reason: 'malformed' });
    assert.deepEqual(checkLink(`${'x'.repeat(1 << 20)}:`), { ok: false, reason: 'malformed' });
  });
});

describe('API addresses', () => {
  it('loopback: localhost, 127.0.0.0/8 and ::1, as URL writes them', () => {
    for (const host of ['localhost', 'LOCALHOST', '127.0.0.1', '127.255.0.9', '[::1]'])
      assert.equal(isLoopbackHost(host), true, host);
    for (const host of ['127.0.0.1.nip.io', '128.0.0.1', '0.0.0.0', '[::2]', 'localhost.example', 'example.com', ''])
      assert.equal(isLoopbackHost(host), false, host);
    assert.equal(isLoopbackHost(new URL('http://127.1:80/').hostname), true, 'a short form normalised by URL');
  });

  it('https anywhere; http only on loopback; nothing else', () => {
    assert.deepEqual(checkApiAddress('https://api.kallyai.com'), {
      ok: true,
      origin: 'https://api.kallyai.com',
      url: 'https://api.kallyai.com',
    });
    assert.equal(apiOrigin('http://127.0.0.1:8790'), 'http://127.0.0.1:8790');
    assert.equal(apiOrigin('http://localhost:8790/'), 'http://localhost:8790');
    assert.deepEqual(checkApiAddress('http://api.kallyai.com'), { ok: false, reason: 'insecure' });
    assert.deepEqual(checkApiAddress('http://192.168.0.2:8790'), { ok: false, reason: 'insecure' });
    for (const bad of [
      'ftp://api.kallyai.com',
      'file:///tmp/api',
      'api.kallyai.com',
      '',
      'https://user:pw@api.kallyai.com',
    ]) {
      assert.deepEqual(checkApiAddress(bad), { ok: false, reason: 'invalid' }, bad);
    }
  });
});
