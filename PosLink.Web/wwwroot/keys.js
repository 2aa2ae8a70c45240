// The keyboard of a counter: "/" jumps to a page's search box (as on GitHub or Gmail), and Enter in a dialog presses
// its confirm button when that button is enabled (Esc closing a dialog is MudBlazor's own, set in MainLayout). Enter
// that ends an input method's composition (typing Chinese) only ends the composition.
(() => {
  const typing = el => el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
  document.addEventListener('keydown', e => {
    if (e.isComposing || e.keyCode === 229 || e.ctrlKey || e.metaKey || e.altKey) {
      return;
    }
    if (e.key === '/' && !typing(e.target)) {
      const search = document.querySelector('input[data-shortcut="search"]');
      if (search) {
        e.preventDefault();
        search.focus();
        search.select();
      }
      return;
    }
    if (e.key === 'Enter' && e.target instanceof Element && e.target.tagName !== 'TEXTAREA' && e.target.tagName !== 'BUTTON') {
      const dialog = e.target.closest('.mud-dialog');
      const confirm = dialog && dialog.querySelector('[data-confirm]');
      if (confirm && !confirm.disabled) {
        e.preventDefault();
        // The value typed last reaches the server before the click: both travel the same circuit, in order.
        confirm.click();
      }
    }
  }, { capture: true });
  // A print button (the handover report): plain markup, printed by the browser, no round trip to the server.
  document.addEventListener('click', e => {
    if (e.target instanceof Element && e.target.closest('[data-print]')) {
      window.print();
    }
  });
})();
