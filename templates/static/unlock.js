/* Cairn: opening an encrypted journal, in this browser only (see generator/crypt/).

   Each page of an encrypted site is a shell: an unlock form and the page, sealed with
   AES-256-GCM and bound to the name of its file (associated data), so a page moved to
   another address does not open there. The passphrase and the journal's salt give the
   key (PBKDF2-HMAC-SHA256, then HKDF-SHA256), through WebCrypto, as a CryptoKey that
   cannot be exported; it is kept in IndexedDB (never the passphrase, never raw bytes),
   so the next page opens by itself. Lock, in any tab, locks every tab of the journal
   (BroadcastChannel, and a storage event where that is missing); the journal locks
   itself after the shell's data-cairn-lock-after minutes without use; Escape twice
   locks and leaves a blank page. Photos and the search index are sealed scripts,
   `cairnSealed("name", "base64")`, loaded with <script src> (which works from file://
   too) and decrypted here. Nothing is sent. */
(function () {
  "use strict";

  const root = document.documentElement;
  const saltText = root.getAttribute("data-cairn-salt");
  if (!saltText) return;
  const iterations = Number(root.getAttribute("data-cairn-iterations"));
  const byteValues = (name) => new Uint8Array((root.getAttribute(name) || "").split(" ").filter(Boolean).map(Number));
  const keyCheck = byteValues("data-cairn-check");
  const lockAfter = Math.max(0, Number(root.getAttribute("data-cairn-lock-after")) || 0) * 60000; // ms; 0: never
  const JOURNAL = "cairn:" + saltText; // one journal (one salt) among the sites of this origin
  const LOCKED = JOURNAL + ":locked"; // localStorage: when it was last locked (ms), no secret
  const USED = JOURNAL + ":used"; // localStorage: when it was last used (ms), no secret
  const PAGE_KEY_INFO = "cairn aes-256-gcm";
  const SEALED_NAME = /(?:^|\/)([0-9]{24})\.js(?:[?#].*)?$/;
  const QUICK_PRESSES = 1000; // Escape twice within this many ms hides the journal
  const subtle = window.crypto && window.crypto.subtle;
  const encoder = new TextEncoder();

  class NotOpened extends Error {}

  // Until we know whether a key is kept, show nothing, so neither form nor page flashes.
  if (subtle) root.hidden = true;

  // --- storage that may be refused (private windows, file:// in some browsers) ------

  function readNumber(name) {
    try { return Number(localStorage.getItem(name)) || 0; } catch (error) { return 0; }
  }
  function writeNumber(name, value) {
    try { localStorage.setItem(name, String(value)); } catch (error) { /* this tab only */ }
  }

  // The key: { key: CryptoKey (not extractable), opened: ms, used: ms, lockAfter: ms } in IndexedDB.
  function database() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open("cairn", 1);
      request.onupgradeneeded = () => request.result.createObjectStore("keys");
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error("the key store is busy"));
    });
  }
  async function keyStore(mode, act) {
    const db = await database();
    try {
      return await new Promise((resolve, reject) => {
        const transaction = db.transaction("keys", mode);
        const request = act(transaction.objectStore("keys"));
        transaction.oncomplete = () => resolve(request.result);
        transaction.onerror = () => reject(transaction.error);
        transaction.onabort = () => reject(transaction.error);
      });
    } finally {
      db.close();
    }
  }
  const readKept = () => keyStore("readonly", (store) => store.get(JOURNAL)).catch(() => undefined);
  const keep = (record) => keyStore("readwrite", (store) => store.put(record, JOURNAL)).catch(() => undefined);
  const forget = () => keyStore("readwrite", (store) => store.delete(JOURNAL)).catch(() => undefined);
  // Keys of other builds on this origin (an old salt, after --new-key) go once their own time is up.
  const sweep = () => keyStore("readwrite", (store) => {
    const request = store.openCursor();
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return;
      const { lockAfter: limit, used } = cursor.value || {};
      if (cursor.key !== JOURNAL && limit > 0 && Date.now() - (used || 0) >= limit) cursor.delete();
      cursor.continue();
    };
    return request;
  }).catch(() => undefined);

  const lastUse = (record) => Math.max(record.used || 0, readNumber(USED));
  const idle = (since) => lockAfter > 0 && Date.now() - since >= lockAfter;
  // A kept key counts if it was kept after the last Lock and the journal has been in use since.
  const usable = (record) => Boolean(record && record.key && record.opened > readNumber(LOCKED) && !idle(lastUse(record)));

  function fromBase64(text) {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  // --- locking, in every tab ---------------------------------------------------------

  let channel = null;
  try { channel = new BroadcastChannel(JOURNAL); } catch (error) { channel = null; }
  let openedAt = 0; // when this page was opened; 0 while it is locked
  let locking = false;

  // This tab: the page goes at once; the locked shell comes back once the key is gone.
  function lockHere() {
    if (!openedAt || locking) return;
    locking = true;
    document.body.replaceChildren();
    forget().then(() => location.reload());
  }

  // Every tab: the time of the Lock (other tabs hear it as a storage event, and a page
  // coming back from the browser's memory reads it), a message to the others, no key.
  function lockEverywhere() {
    writeNumber(LOCKED, Date.now());
    if (channel) channel.postMessage("lock");
    return forget();
  }

  if (channel) channel.onmessage = (event) => { if (event.data === "lock") lockHere(); };
  window.addEventListener("storage", (event) => { if (event.key === LOCKED && event.newValue) lockHere(); });

  // Escape twice: lock everywhere and leave a blank page in this tab.
  let lastEscape = -Infinity;
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const now = Date.now();
    if (now - lastEscape > QUICK_PRESSES) {
      lastEscape = now;
      return;
    }
    locking = true;
    document.body.replaceChildren();
    document.title = "";
    lockEverywhere().then(() => location.replace("about:blank"));
  }, true);

  // Without use for lockAfter, in any tab of the journal: lock everywhere.
  let lastMark = 0;
  function markUse() {
    const now = Date.now();
    if (now - lastMark < 1000) return;
    lastMark = now;
    writeNumber(USED, now);
  }
  function watchIdle() {
    if (!lockAfter) return;
    for (const type of ["pointerdown", "pointermove", "keydown", "wheel", "scroll", "touchstart"]) {
      window.addEventListener(type, markUse, { capture: true, passive: true });
    }
    let timer = 0;
    const check = () => {
      clearTimeout(timer);
      if (!openedAt || locking) return;
      const left = lockAfter - (Date.now() - Math.max(lastMark, readNumber(USED)));
      if (left <= 0) lockEverywhere().then(lockHere);
      else timer = setTimeout(check, Math.min(left + 20, 60000));
    };
    document.addEventListener("visibilitychange", () => { if (!document.hidden) check(); });
    timer = setTimeout(check, lockAfter);
  }

  // Back and Forward may bring an opened page from memory: after a Lock, it must not show.
  window.addEventListener("pageshow", (event) => {
    if (!event.persisted || !openedAt || locking) return;
    if (readNumber(LOCKED) >= openedAt || idle(Math.max(lastMark, readNumber(USED)))) {
      lockHere();
      return;
    }
    readKept().then((record) => { if (!usable(record)) lockHere(); });
  });

  // --- keys and opening ------------------------------------------------------------

  async function deriveKey(passphrase) {
    const material = await subtle.importKey("raw", encoder.encode(passphrase.normalize("NFC")), "PBKDF2", false,
      ["deriveBits"]);
    const bits = await subtle.deriveBits(
      { name: "PBKDF2", hash: "SHA-256", salt: new Uint8Array(saltText.split(" ").map(Number)), iterations },
      material, 256);
    const siteKey = await subtle.importKey("raw", bits, "HKDF", false, ["deriveKey"]);
    // Not extractable: no script, this one included, can read the key's bytes back.
    return subtle.deriveKey(
      { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: encoder.encode(PAGE_KEY_INFO) },
      siteKey, { name: "AES-GCM", length: 256 }, false, ["decrypt"]);
  }

  // Sealed bytes found in the file `name` -> { type, body }: 12-byte nonce, ciphertext
  // bound to the name, then "type coding\n" + data.
  async function open(key, sealed, name) {
    let plain;
    try {
      plain = new Uint8Array(await subtle.decrypt(
        { name: "AES-GCM", iv: sealed.subarray(0, 12), additionalData: encoder.encode(name) }, key,
        sealed.subarray(12)));
    } catch (error) {
      throw new NotOpened(`${name} does not open with this key`);
    }
    const end = plain.indexOf(10);
    const [type, coding] = new TextDecoder().decode(plain.subarray(0, end)).split(" ");
    let body = plain.subarray(end + 1);
    if (coding === "deflate") {
      const stream = new Blob([body]).stream().pipeThrough(new DecompressionStream("deflate"));
      body = new Uint8Array(await new Response(stream).arrayBuffer());
    }
    return { type, body };
  }

  // Whether the key is the journal's: it opens the shell's key check (sealed for the name "").
  async function isJournalKey(key) {
    if (!keyCheck.length) return true;
    try {
      await subtle.decrypt({ name: "AES-GCM", iv: keyCheck.subarray(0, 12), additionalData: new Uint8Array(0) }, key,
        keyCheck.subarray(12));
      return true;
    } catch (error) {
      return false;
    }
  }

  // --- sealed scripts: photos, files, the search index ------------------------------

  const waiting = new Map();
  const opened = new Map();
  window.cairnSealed = function (name, text) {
    const resolve = waiting.get(name);
    if (resolve) {
      waiting.delete(name);
      resolve(text);
    }
  };

  function loadSealed(key, url) {
    const name = SEALED_NAME.exec(url)[1];
    if (!opened.has(name)) {
      opened.set(name, new Promise((resolve, reject) => {
        waiting.set(name, resolve);
        const script = document.createElement("script");
        script.src = url;
        script.onload = () => {
          script.remove();
          if (waiting.delete(name)) reject(new Error(`${url} is not a sealed file`));
        };
        script.onerror = () => {
          script.remove();
          waiting.delete(name);
          reject(new Error(`${url} did not load`));
        };
        document.head.append(script);
      }).then((text) => open(key, fromBase64(text), `${name}.js`)));
    }
    return opened.get(name);
  }

  async function blobUrl(key, url) {
    const { type, body } = await loadSealed(key, url);
    return URL.createObjectURL(new Blob([body], { type }));
  }

  const isSealed = (url) => Boolean(url) && SEALED_NAME.test(url) && !/^[a-z][a-z0-9+.-]*:/i.test(url);

  // Sealed image sources wait in data-cairn-* until the image is near the screen.
  const MEDIA_ATTRIBUTES = ["src", "srcset", "poster"];
  function holdMedia(doc) {
    const held = [];
    for (const element of doc.querySelectorAll("img, source, video, audio")) {
      let holding = false;
      for (const attribute of MEDIA_ATTRIBUTES) {
        const value = element.getAttribute(attribute);
        if (!value) continue;
        const urls = attribute === "srcset" ? value.split(",").map((c) => c.trim().split(/\s+/)[0]) : [value];
        if (urls.some(isSealed)) {
          element.setAttribute(`data-cairn-${attribute}`, value);
          element.removeAttribute(attribute);
          holding = true;
        }
      }
      if (holding) held.push(element);
    }
    return held;
  }

  async function showMedia(key, element) {
    for (const attribute of MEDIA_ATTRIBUTES) {
      const value = element.getAttribute(`data-cairn-${attribute}`);
      if (!value) continue;
      let opened;
      if (attribute === "srcset") {
        const candidates = await Promise.all(value.split(",").map(async (candidate) => {
          const [url, ...size] = candidate.trim().split(/\s+/);
          return [isSealed(url) ? await blobUrl(key, url) : url, ...size].join(" ");
        }));
        opened = candidates.join(", ");
      } else {
        opened = isSealed(value) ? await blobUrl(key, value) : value;
      }
      element.setAttribute(attribute, opened);
      element.removeAttribute(`data-cairn-${attribute}`);
    }
  }

  function watchMedia(key, elements) {
    // A <source> is never on screen itself: its <picture>, <video> or <audio> is.
    const groups = new Map();
    for (const element of elements) {
      const target = element.tagName === "SOURCE" && element.parentElement ? element.parentElement : element;
      if (!groups.has(target)) groups.set(target, []);
      groups.get(target).push(element);
    }
    const show = (target) => Promise.all(groups.get(target).map((element) => showMedia(key, element)))
      .catch((error) => console.error(`Cairn: ${error.message}`));
    if (!("IntersectionObserver" in window)) {
      groups.forEach((_, target) => show(target));
      return;
    }
    const observer = new IntersectionObserver((seen) => {
      for (const item of seen) {
        if (!item.isIntersecting) continue;
        observer.unobserve(item.target);
        show(item.target);
      }
    }, { rootMargin: "800px 0px" });
    groups.forEach((_, target) => observer.observe(target));
  }

  // Links to sealed files (a photo at full size, a PDF) open them decrypted.
  function openSealedLinks(key) {
    document.addEventListener("click", async (event) => {
      const link = event.target.closest && event.target.closest("a[href]");
      if (!link || !isSealed(link.getAttribute("href"))) return;
      event.preventDefault();
      try {
        location.assign(await blobUrl(key, link.getAttribute("href")));
      } catch (error) {
        console.error(`Cairn: ${error.message}`);
      }
    });
  }

  // Scripts of the page, in order: theme scripts run as themselves; a sealed data
  // script (`window.NAME = {JSON};`, such as the search index) defines its global.
  async function runScripts(key, scripts) {
    for (const { src, type } of scripts) {
      if (isSealed(src)) {
        const { body } = await loadSealed(key, src);
        const text = new TextDecoder().decode(body);
        const data = /^\s*window\.([A-Za-z_$][\w$]*)\s*=\s*([\s\S]*?);?\s*$/.exec(text);
        if (data) window[data[1]] = JSON.parse(data[2]);
        else console.error(`Cairn: ${src} is not a data script and cannot run sealed`);
        continue;
      }
      await new Promise((resolve) => {
        const script = document.createElement("script");
        if (type) script.type = type;
        script.src = src;
        script.onload = resolve;
        script.onerror = resolve;
        document.body.append(script);
      });
    }
  }

  // --- the page itself -------------------------------------------------------------

  function addLockButton() {
    let button = document.getElementById("cairn-lock");
    if (!button) {
      button = document.createElement("button");
      button.type = "button";
      button.id = "cairn-lock";
      button.className = "lock";
      button.textContent = "Lock";
      const list = document.querySelector("header nav ul");
      if (list) {
        const item = document.createElement("li");
        item.append(button);
        list.append(item);
      } else {
        document.body.prepend(button);
      }
    }
    button.hidden = false;
    button.addEventListener("click", () => {
      document.body.replaceChildren();
      lockEverywhere().then(lockHere);
    });
  }

  async function show(key, html, fromForm) {
    const doc = new DOMParser().parseFromString(html, "text/html");
    const scripts = [];
    for (const script of doc.querySelectorAll("script")) {
      if (script.getAttribute("src")) scripts.push({ src: script.getAttribute("src"), type: script.getAttribute("type") });
      script.remove();
    }
    const media = holdMedia(doc);
    const refresh = doc.querySelector('meta[http-equiv="refresh" i]');
    document.title = doc.title;
    root.lang = doc.documentElement.lang || root.lang;
    if (doc.documentElement.dir) root.dir = doc.documentElement.dir;
    const present = new Set([...document.querySelectorAll('link[rel~="stylesheet"]')].map((l) => l.href));
    for (const link of doc.querySelectorAll('link[rel~="stylesheet"]')) {
      if (!present.has(link.href)) document.head.append(document.adoptNode(link));
    }
    document.body.replaceWith(document.adoptNode(doc.body));
    addLockButton();
    openSealedLinks(key);
    root.hidden = false;
    watchMedia(key, media);
    const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) {
      target.scrollIntoView();
    } else if (fromForm) {
      const heading = document.querySelector("main h1") || document.querySelector("main");
      if (heading) {
        heading.setAttribute("tabindex", "-1");
        heading.focus();
      }
    }
    await runScripts(key, scripts);
    if (refresh) {
      const [, seconds, url] = /^\s*(\d+)\s*(?:[;,]\s*url\s*=\s*['"]?([^'"]*))?/i.exec(refresh.content) || [];
      if (seconds !== undefined) setTimeout(() => (url ? location.replace(url) : location.reload()), 1000 * seconds);
    }
  }

  // The name the page's file has in the sealed site, from its address: "<digits>.html"
  // (or "<digits>" where a host drops .html), "index.html" for a folder, and otherwise
  // 404.html, the page a host shows for an address it does not have.
  function pageName() {
    let last = location.pathname.split("/").pop() || "";
    try { last = decodeURIComponent(last); } catch (error) { /* as it is */ }
    const digits = /^([0-9]{24})(?:\.html?)?$/.exec(last);
    if (digits) return `${digits[1]}.html`;
    return /^(?:index(?:\.html?)?)?$/.test(last) ? "index.html" : "404.html";
  }

  async function openPage(key) {
    const payload = fromBase64(document.getElementById("cairn-sealed").textContent.trim());
    const name = pageName();
    let opened;
    try {
      opened = await open(key, payload, name);
    } catch (problem) {
      // A host shows its 404 page at any address it does not have: that one may open anywhere.
      if (!(problem instanceof NotOpened) || name === "404.html") throw problem;
      opened = await open(key, payload, "404.html");
    }
    return new TextDecoder().decode(opened.body);
  }

  // The key is right, but this file is not the one the journal wrote for this address.
  function cannotOpen() {
    const main = document.getElementById("main") || document.body;
    const heading = document.createElement("h1");
    heading.textContent = "This page could not be opened";
    const text = document.createElement("p");
    text.textContent = "The file at this address is not the one this journal wrote for it: it may have been " +
      "changed or swapped where the site is kept. Nothing of it is shown.";
    const home = document.createElement("a");
    home.href = "index.html";
    home.textContent = "The journal\u2019s first page";
    const way = document.createElement("p");
    way.append(home);
    main.replaceChildren(heading, text, way);
    document.title = "Page could not be opened";
    openedAt = lastMark = Date.now();
    addLockButton();
    root.hidden = false;
    heading.tabIndex = -1;
    heading.focus(); // where a screen reader goes on, as after an unlock
    watchIdle();
  }

  async function openWith(key, fromForm) {
    let html;
    try {
      html = await openPage(key);
    } catch (problem) {
      if (!(problem instanceof NotOpened)) throw problem;
      cannotOpen();
      return;
    }
    openedAt = lastMark = Date.now();
    await show(key, html, fromForm);
    watchIdle();
  }

  async function start() {
    const form = document.getElementById("cairn-unlock");
    const input = document.getElementById("cairn-passphrase");
    const error = document.getElementById("cairn-unlock-error");
    const status = document.getElementById("cairn-unlock-status");
    if (!form || !input) {
      root.hidden = false;
      return;
    }
    const button = form.querySelector("button");
    const say = (element, text) => { if (element) element.textContent = text; };

    if (!subtle) {
      root.hidden = false;
      say(error, "This browser can only open the journal over a secure connection: an https:// address, " +
        "http://localhost or 127.0.0.1, or the files themselves.");
      if (button) button.disabled = true;
      return;
    }

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      say(error, "");
      input.removeAttribute("aria-invalid");
      say(status, "Opening the journal\u2026");
      if (button) button.disabled = true;
      try {
        const key = await deriveKey(input.value);
        if (!(await isJournalKey(key))) throw new NotOpened("not the journal's key");
        const now = Math.max(Date.now(), readNumber(LOCKED) + 1);
        await keep({ key, opened: now, used: now, lockAfter });
        writeNumber(USED, now);
        input.value = "";
        await openWith(key, true);
      } catch (problem) {
        say(status, "");
        if (problem instanceof NotOpened) {
          say(error, "That passphrase does not open this journal. Check it (capital letters count) and try again.");
        } else {
          say(error, "The page could not be opened in this browser.");
          console.error(problem);
        }
        input.setAttribute("aria-invalid", "true");
        input.focus();
        input.select();
      } finally {
        if (button) button.disabled = false;
      }
    });

    // The form, once it is sure no key opens the page: autofocus did not reach it while hidden.
    const showForm = () => {
      root.hidden = false;
      if (!document.activeElement || document.activeElement === document.body) input.focus();
    };
    sweep();
    const record = await readKept();
    if (!usable(record)) {
      if (record) await forget();
      showForm();
      return;
    }
    if (!(await isJournalKey(record.key))) {
      await forget();
      say(error, "The journal's passphrase has changed since it was unlocked here. Type the new one.");
      showForm();
      return;
    }
    const now = Date.now();
    keep({ ...record, used: now, lockAfter });
    writeNumber(USED, now);
    await openWith(record.key, false);
  }

  function begin() {
    start().catch((problem) => {
      root.hidden = false;
      console.error(problem);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", begin);
  else begin();
})();
