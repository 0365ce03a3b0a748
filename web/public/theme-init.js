// Runs synchronously in <head> before the first paint, so the saved theme never flashes.
// Kept tiny and free of dependencies; the app (src/lib/theme.ts) uses the same key and values.
/* global window, document */
(function () {
  var pref = 'system';
  try {
    var saved = window.localStorage.getItem('waymark-theme');
    if (saved === 'light' || saved === 'dark' || saved === 'system') pref = saved;
  } catch {
    /* storage blocked: follow the system */
  }
  var dark =
    pref === 'dark' ||
    (pref === 'system' &&
      window.matchMedia &&
      window.matchMedia('(prefers-color-scheme: dark)').matches);
  var root = document.documentElement;
  root.setAttribute('data-theme', dark ? 'dark' : 'light');
  root.setAttribute('data-theme-pref', pref);
})();
