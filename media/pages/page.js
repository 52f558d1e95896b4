// The script of every KallyAI page. It renders nothing itself (the extension sends escaped HTML);
// it only turns clicks on [data-action] buttons and submitted [data-action] forms into messages for
// the extension, which validates each one before it runs anything. It also remembers which page
// this is (for a window reload), reports Content-Security-Policy violations, and swaps in the body
// of a new render without reloading the document (no blank, unstyled flash; the scroll stays),
// and then says in the page's polite live region what changed — only the sentences the page marks
// data-announce (a call's status, a step awaiting approval), never the whole page again.
(function () {
  const vscode = acquireVsCodeApi();
  const self = document.currentScript;
  const state = document.body.dataset.state;
  if (state) vscode.setState(JSON.parse(state));

  const busy = (on) => {
    document.body.classList.toggle('busy', on);
    for (const b of document.querySelectorAll('button[data-action], form[data-action] button')) b.disabled = on;
  };

  document.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button[data-action]') : null;
    if (!button || button.closest('form')) return;
    event.preventDefault();
    busy(true);
    vscode.postMessage({
      type: 'action',
      action: button.dataset.action,
      ...(button.dataset.arg ? { arg: button.dataset.arg } : {}),
    });
  });

  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.action) return;
    event.preventDefault();
    if (form.dataset.fields !== undefined) {
      // A form of several named fields (an email): every field is sent, empty ones too — the
      // extension checks them and says what is missing next to each.
      const fields = {};
      for (const el of form.querySelectorAll('input[name], textarea[name], select[name]')) {
        fields[el.name] = el.type === 'checkbox' ? (el.checked ? 'true' : 'false') : el.value;
      }
      busy(true);
      vscode.postMessage({ type: 'action', action: form.dataset.action, fields });
      return;
    }
    const field = form.querySelector('textarea, input[type="text"]');
    const text = field ? field.value.trim() : '';
    if (!text) return;
    busy(true);
    vscode.postMessage({ type: 'action', action: form.dataset.action, text });
    // Sent: the field is empty again (what was typed is kept across renders only until it is sent).
    field.value = '';
  });

  // Enter sends, Shift+Enter makes a new line; in a form of several fields (an email body) Enter
  // makes a new line and Ctrl/Cmd+Enter sends.
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    if (
      event.key === 'Enter' &&
      (event.ctrlKey || event.metaKey) &&
      target instanceof Element &&
      target.closest('form[data-fields]')
    ) {
      event.preventDefault();
      target.closest('form').requestSubmit();
      return;
    }
    if (
      event.key === 'Enter' &&
      !event.shiftKey &&
      target instanceof HTMLTextAreaElement &&
      target.form &&
      target.form.dataset.fields === undefined
    ) {
      event.preventDefault();
      target.form.requestSubmit();
    }
  });

  document.addEventListener('securitypolicyviolation', (event) => {
    vscode.postMessage({
      type: 'cspViolation',
      directive: String(event.violatedDirective).slice(0, 200),
      blocked: String(event.blockedURI || '').slice(0, 500),
    });
  });

  // The audio player: the extension fetches the audio and hands over its bytes; the page plays
  // them from a blob: address (no network, no token). Its own buttons act on the <audio> locally.
  // Its elements are looked up each time: a new render brings new ones, and the audio it already
  // has is given to them.
  const player = () => document.querySelector('audio[data-player]');
  let audioUrl;
  const say = (text) => {
    const status = document.querySelector('[data-player-status]');
    if (status) status.textContent = text;
  };
  const time = (s, round) => {
    if (!Number.isFinite(s)) return '–:––';
    const whole = round ? Math.round(s) : Math.floor(s);
    return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
  };
  const tick = () => {
    const audio = player();
    if (!audio) return;
    const clock = document.querySelector('[data-player-time]');
    const toggle = document.querySelector('[data-player-toggle]');
    if (clock) clock.textContent = `${time(audio.currentTime)} / ${time(audio.duration, true)}`;
    if (toggle) {
      const label = toggle.querySelector('.label');
      const icon = toggle.querySelector('.codicon');
      if (label) label.textContent = audio.paused ? toggle.dataset.playLabel : toggle.dataset.pauseLabel;
      if (icon) icon.className = `codicon codicon-${audio.paused ? 'play' : 'debug-pause'}`;
    }
  };
  const bound = new WeakSet();
  const bindPlayer = () => {
    const audio = player();
    if (!audio || bound.has(audio)) return;
    bound.add(audio);
    for (const name of ['timeupdate', 'play', 'pause', 'ended', 'loadedmetadata']) audio.addEventListener(name, tick);
    audio.addEventListener('error', () => say(audio.dataset.failedText || 'This audio cannot be played here.'));
    if (audioUrl) {
      audio.src = audioUrl;
      for (const b of document.querySelectorAll('[data-player-toggle], [data-player-skip], [data-player-rate]'))
        b.disabled = false;
    }
  };
  bindPlayer();
  document.addEventListener('click', (event) => {
    const audio = player();
    const el =
      event.target instanceof Element
        ? event.target.closest('[data-player-toggle], [data-player-skip], [data-player-rate]')
        : null;
    if (!audio || !el || !audio.src) return;
    event.preventDefault();
    if (el.hasAttribute('data-player-toggle')) {
      if (audio.paused) audio.play().catch(() => say(audio.dataset.pressPlayText || ''));
      else audio.pause();
    } else if (el.hasAttribute('data-player-skip')) {
      audio.currentTime = Math.max(0, Math.min(audio.duration || 0, audio.currentTime + Number(el.dataset.playerSkip)));
    } else {
      const rates = [1, 1.25, 1.5, 2];
      audio.playbackRate = rates[(rates.indexOf(audio.playbackRate) + 1) % rates.length];
      el.querySelector('.label').textContent = `${audio.playbackRate}×`;
    }
  });
  const playable = (data, mimeType) => {
    if (audioUrl) URL.revokeObjectURL(audioUrl);
    audioUrl = URL.createObjectURL(new Blob([data], { type: mimeType }));
    const audio = player();
    if (!audio) return;
    audio.src = audioUrl;
    for (const b of document.querySelectorAll('[data-player-toggle], [data-player-skip], [data-player-rate]'))
      b.disabled = false;
    say('');
    if (audio.dataset.autoplay === 'true') audio.play().catch(() => say(audio.dataset.pressPlayText || ''));
  };

  // A new render of the same page: the extension's body, escaped where it was made (the same HTML it
  // would have loaded as a new document), swapped in without reloading. DOMParser builds an inert
  // document from it — no script in it runs, nothing in it loads — and its nodes then join this
  // page, under this document's Content-Security-Policy like everything else; no HTML string is
  // ever written into the live page. What had the focus (a button, a field) gets it back, if the
  // page has the focus at all.
  // What the page says of its state (the text of its [data-announce] elements, in order).
  const announced = () =>
    [...document.querySelectorAll('[data-announce]')]
      .map((el) => el.textContent.replace(/\s+/g, ' ').trim())
      .filter(Boolean)
      .join('. ');
  const announce = (text) => {
    const region = document.querySelector('[data-live-region]');
    if (!region) return;
    // Emptied first: the same sentence said again (a status that changed back) is read again.
    region.textContent = '';
    window.requestAnimationFrame(() => (region.textContent = text.slice(0, 500)));
  };
  const swap = (title, body) => {
    const parsed = new DOMParser().parseFromString(`<!DOCTYPE html><html><body>${body}</body></html>`, 'text/html');
    for (const el of parsed.querySelectorAll('script, iframe, object, embed, base, meta, link')) el.remove();
    // Only when the page has the keyboard focus: a render swapped in while the person works
    // elsewhere (a quick pick, the palette) must not take the focus back to the page.
    const focused =
      document.hasFocus() && document.activeElement instanceof Element && document.activeElement !== document.body
        ? document.activeElement
        : undefined;
    const data = (focused && focused.dataset) || {};
    const key =
      focused &&
      (focused.id
        ? `#${CSS.escape(focused.id)}`
        : focused.getAttribute('name')
          ? `[name="${CSS.escape(focused.getAttribute('name'))}"]`
          : data.action
            ? `[data-action="${CSS.escape(data.action)}"]${data.arg ? `[data-arg="${CSS.escape(data.arg)}"]` : ''}`
            : undefined);
    // What the person has typed and not sent (a field whose value is not the one it was rendered
    // with) stays in the field of the same id or name: a render swapped in while they type (the
    // page follows the service) must not wipe their words.
    const typed = [...document.querySelectorAll('textarea, input:not([type]), input[type="text"], input[type="email"]')]
      .filter((el) => (el.id || el.name) && el.value !== el.defaultValue)
      .map((el) => ({ key: el.id ? `#${CSS.escape(el.id)}` : `[name="${CSS.escape(el.name)}"]`, value: el.value }));
    document.title = title;
    const before = announced();
    const main = document.getElementById('page');
    if (main) main.replaceChildren(...parsed.body.childNodes);
    else document.body.replaceChildren(...parsed.body.childNodes, self);
    for (const { key, value } of typed) {
      const el = document.querySelector(key);
      if (el instanceof HTMLTextAreaElement || el?.tagName === 'INPUT') el.value = value;
    }
    const after = announced();
    if (after && after !== before) announce(after);
    busy(document.body.classList.contains('busy'));
    bindPlayer();
    if (key) document.querySelector(key)?.focus({ preventScroll: true });
    // A player that arrived with this render and has no audio yet asks for it.
    if (player() && !audioUrl) vscode.postMessage({ type: 'ready' });
  };

  window.addEventListener('message', (event) => {
    if (!event.data) return;
    if (event.data.type === 'busy') busy(Boolean(event.data.on));
    else if (event.data.type === 'render' && typeof event.data.body === 'string')
      swap(String(event.data.title || document.title), event.data.body);
    else if (event.data.type === 'media' && event.data.data)
      playable(event.data.data, String(event.data.mimeType || 'audio/wav'));
    else if (event.data.type === 'mediaError') say(String(event.data.message || ''));
  });

  vscode.postMessage({ type: 'ready' });
})();
