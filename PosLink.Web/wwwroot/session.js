// Tells the server that the person at this tab is active (a click, a key, a scroll), at most once a minute, so an
// open page in use stays signed in and an idle one is signed out after PosLink:Security:IdleMinutes. A Blazor
// page talks over its circuit, which the session's cookie never sees; this is the one request that says "still here".
(() => {
  const minute = 60_000;
  let last = 0;
  const report = () => {
    const now = Date.now();
    if (now - last < minute) {
      return;
    }
    last = now;
    fetch('/account/activity', { method: 'POST', credentials: 'same-origin', headers: { 'X-PosLink-Activity': '1' } }).catch(() => { });
  };
  for (const type of ['pointerdown', 'keydown', 'wheel', 'touchstart']) {
    document.addEventListener(type, report, { capture: true, passive: true });
  }
})();
