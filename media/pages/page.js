// The script of every KallyAI page. It renders nothing itself (the extension sends escaped HTML);
// it only turns clicks on [data-action] buttons and submitted [data-action] forms into messages for
// the extension, which validates each one before it runs anything. It also remembers which page
// this is (for a window reload) and reports Content-Security-Policy violations.
(function () {
  const vscode = acquireVsCodeApi();
  const state = document.body.dataset.state;
  if (state) vscode.setState(JSON.parse(state));

  const busy = (on) => {
    document.body.classList.toggle('busy', on);
    for (const b of document.querySelectorAll('button[data-action]')) b.disabled = on;
  };

  document.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button[data-action]') : null;
    if (!button || button.closest('form')) return;
    event.preventDefault();
    busy(true);
    vscode.postMessage({ type: 'action', action: button.dataset.action, ...(button.dataset.arg ? { arg: button.dataset.arg } : {}) });
  });

  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.action) return;
    event.preventDefault();
    const field = form.querySelector('textarea, input[type="text"]');
    const text = field ? field.value.trim() : '';
    if (!text) return;
    busy(true);
    vscode.postMessage({ type: 'action', action: form.dataset.action, text });
  });

  // Enter sends, Shift+Enter makes a new line.
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    if (event.key === 'Enter' && !event.shiftKey && target instanceof HTMLTextAreaElement && target.form) {
      event.preventDefault();
      target.form.requestSubmit();
    }
  });

  document.addEventListener('securitypolicyviolation', (event) => {
    vscode.postMessage({ type: 'cspViolation', directive: String(event.violatedDirective).slice(0, 200), blocked: String(event.blockedURI || '').slice(0, 500) });
  });

  window.addEventListener('message', (event) => {
    if (event.data && event.data.type === 'busy') busy(Boolean(event.data.on));
  });

  vscode.postMessage({ type: 'ready' });
})();
