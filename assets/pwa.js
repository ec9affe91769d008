// Registers the service worker (sw.js, next to index.html) and, when a new version of the app has
// been installed beside the running one, shows « Nouvelle version disponible — Recharger ».
// Plain script, outside the Yew app: the notice is a fixed banner added to <body>.
// URLs are relative to the page, so the site works from any sub-path of its host.
(() => {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;

  const TEXT = {
    fr: { message: 'Nouvelle version de Parcours disponible.', button: 'Recharger' },
    en: { message: 'A new version of Parcours is available.', button: 'Reload' },
  };
  let controlled = Boolean(navigator.serviceWorker.controller);
  let reloading = false;

  // The first visit: the service worker takes control of the page (clients.claim), nothing to do.
  // Afterwards, a change of controller is a new version taking over (this page asked, or another
  // tab did): run it here too, so this page never mixes its code with the new simulation worker.
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (!controlled) {
      controlled = true;
      return;
    }
    if (reloading) return;
    reloading = true;
    window.location.reload();
  });

  function showNotice(waiting) {
    if (document.getElementById('pwa-update')) return;
    const box = document.createElement('div');
    box.id = 'pwa-update';
    box.className = 'pwa-update';
    box.setAttribute('role', 'status');
    const message = document.createElement('span');
    const button = document.createElement('button');
    button.type = 'button';
    button.id = 'pwa-update-reload';
    const translate = () => {
      const t = TEXT[document.documentElement.lang?.slice(0, 2)] ?? TEXT.fr;
      message.textContent = t.message;
      button.textContent = t.button;
    };
    translate();
    new MutationObserver(translate).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    button.addEventListener('click', () => {
      button.disabled = true;
      waiting.postMessage({ type: 'SKIP_WAITING' }); // then 'controllerchange' reloads
    });
    box.append(message, ' ', button);
    document.body.append(box);
  }

  function watch(registration) {
    if (registration.waiting && navigator.serviceWorker.controller) showNotice(registration.waiting);
    registration.addEventListener('updatefound', () => {
      const installing = registration.installing;
      installing?.addEventListener('statechange', () => {
        // Installed while an older version controls this page: the new one is waiting.
        if (installing.state === 'installed' && navigator.serviceWorker.controller) showNotice(installing);
      });
    });
    // A page left open (a workshop day): look again when the network comes back, and hourly.
    const check = () => registration.update().catch(() => {});
    window.addEventListener('online', check);
    setInterval(check, 60 * 60 * 1000);
  }

  // The first figures: a headline card shows the baseline's number (or, a view without cards,
  // an embedded chart say, half a minute has passed).
  function firstFigures() {
    const shown = () => /\d/.test(document.querySelector('.kpi-base')?.textContent ?? '');
    return new Promise((resolve) => {
      if (shown()) return resolve();
      const observer = new MutationObserver(() => shown() && done());
      const timer = setTimeout(() => done(), 30_000);
      function done() {
        observer.disconnect();
        clearTimeout(timer);
        resolve();
      }
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
  }

  // The rest of the catalogue for offline use (sw.js, 'PRECACHE_REST'): once the first figures
  // are shown and the page is idle, so that a first visit fetches what it shows first.
  async function precacheRest() {
    const ready = await navigator.serviceWorker.ready;
    await firstFigures();
    await new Promise((resolve) =>
      'requestIdleCallback' in window ? requestIdleCallback(resolve, { timeout: 5000 }) : setTimeout(resolve, 1000),
    );
    (ready.active ?? navigator.serviceWorker.controller)?.postMessage({ type: 'PRECACHE_REST' });
  }

  const register = () =>
    navigator.serviceWorker
      .register('./sw.js', { scope: './', updateViaCache: 'none' })
      .then((registration) => {
        watch(registration);
        precacheRest();
      })
      .catch((error) => console.info('Parcours: service worker not registered:', error));
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
})();
