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
    for (const b of document.querySelectorAll('button[data-action], form[data-action] button')) b.disabled = on;
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
  });

  // Enter sends, Shift+Enter makes a new line; in a form of several fields (an email body) Enter
  // makes a new line and Ctrl/Cmd+Enter sends.
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && target instanceof Element && target.closest('form[data-fields]')) {
      event.preventDefault();
      target.closest('form').requestSubmit();
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && target instanceof HTMLTextAreaElement && target.form && target.form.dataset.fields === undefined) {
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
