/* Cairn: opening an encrypted journal, in this browser only (see generator/crypt.py).

   Each page of an encrypted site is a shell: an unlock form and the page, sealed with
   AES-256-GCM. The passphrase and the journal's salt give the key (PBKDF2-HMAC-SHA256,
   then HKDF-SHA256), through WebCrypto. The key, never the passphrase, is kept in
   sessionStorage, so the next page opens by itself; Lock forgets it. Photos and the
   search index are sealed scripts, `cairnSealed("name", "base64")`, loaded with
   <script src> (which works from file:// too) and decrypted here. Nothing is sent. */
(function () {
  "use strict";

  const root = document.documentElement;
  const saltText = root.getAttribute("data-cairn-salt");
  if (!saltText) return;
  const iterations = Number(root.getAttribute("data-cairn-iterations"));
  const STORED = "cairn-key:" + saltText;
  const PAGE_KEY_INFO = "cairn aes-256-gcm";
  const SEALED_NAME = /(?:^|\/)([0-9]{24})\.js(?:[?#].*)?$/;
  const subtle = window.crypto && window.crypto.subtle;
  const encoder = new TextEncoder();

  class WrongKey extends Error {}

  // --- storage that may be refused (private windows, file:// in some browsers) ------

  function stored() {
    try { return sessionStorage.getItem(STORED); } catch (error) { return null; }
  }
  function store(value) {
    try { sessionStorage.setItem(STORED, value); } catch (error) { /* unlock page by page */ }
  }
  function forget() {
    try { sessionStorage.removeItem(STORED); } catch (error) { /* nothing kept */ }
  }

  // A key is kept: show nothing until the page is open, so the form does not flash.
  if (stored() && subtle) root.hidden = true;

  function fromBase64(text) {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }
  function toBase64(buffer) {
    const bytes = new Uint8Array(buffer);
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(binary);
  }

  // --- keys and opening ------------------------------------------------------------

  async function deriveKey(passphrase) {
    const material = await subtle.importKey("raw", encoder.encode(passphrase.normalize("NFC")), "PBKDF2", false,
      ["deriveBits"]);
    const bits = await subtle.deriveBits(
      { name: "PBKDF2", hash: "SHA-256", salt: new Uint8Array(saltText.split(" ").map(Number)), iterations },
      material, 256);
    const siteKey = await subtle.importKey("raw", bits, "HKDF", false, ["deriveKey"]);
    return subtle.deriveKey(
      { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: encoder.encode(PAGE_KEY_INFO) },
      siteKey, { name: "AES-GCM", length: 256 }, true, ["decrypt"]);
  }

  function importKey(text) {
    return subtle.importKey("raw", fromBase64(text), "AES-GCM", true, ["decrypt"]);
  }

  // Sealed bytes -> { type, body }: 12-byte nonce, ciphertext, then "type coding\n" + data.
  async function open(key, sealed) {
    let plain;
    try {
      plain = new Uint8Array(await subtle.decrypt({ name: "AES-GCM", iv: sealed.subarray(0, 12) }, key,
        sealed.subarray(12)));
    } catch (error) {
      throw new WrongKey("this key does not open the journal");
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
      }).then((text) => open(key, fromBase64(text))));
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
      forget();
      document.body.replaceChildren();
      location.reload();
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

  async function openPage(key) {
    const payload = document.getElementById("cairn-sealed");
    const { body } = await open(key, fromBase64(payload.textContent.trim()));
    return new TextDecoder().decode(body);
  }

  function start() {
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
        const html = await openPage(key);
        store(toBase64(await subtle.exportKey("raw", key)));
        input.value = "";
        await show(key, html, true);
      } catch (problem) {
        say(status, "");
        if (problem instanceof WrongKey) {
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

    const kept = stored();
    if (!kept) {
      root.hidden = false;
      return;
    }
    importKey(kept)
      .then((key) => openPage(key).then((html) => show(key, html, false)))
      .catch((problem) => {
        forget();
        root.hidden = false;
        if (problem instanceof WrongKey) {
          say(error, "The journal's passphrase has changed since it was unlocked here. Type the new one.");
        } else {
          console.error(problem);
        }
      });
  }

  // Back and Forward may bring an opened page from memory: after Lock, it must not show.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted && !stored()) {
      document.body.replaceChildren();
      location.reload();
    }
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
