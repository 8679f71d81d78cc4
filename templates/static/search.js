/* Cairn search. Runs in this browser on the index in search-index.js
   (window.CAIRN_SEARCH, written by generator/search.py); nothing is sent anywhere.

   Every word of the query must start a word somewhere in an entry (its title, tags,
   wins, feelings, gratitude, what helped, or text); "a phrase in quotes" must appear
   as written. Accents and case are ignored. Entries whose title or tags match come
   first, then those matching in their lists, then the rest; newest first within each. */
(function () {
  "use strict";

  const PAGE_SIZE = 50;
  const SNIPPET_BEFORE = 60;
  const SNIPPET_AFTER = 160;
  const LISTS = [["w", "Small win"], ["e", "Feeling"], ["f", "Grateful for"], ["c", "What helped"]];

  // Where the site's root is, from this script's own address (static/search.js), so
  // links work at any depth, from file://, and in an encrypted build.
  const script = document.currentScript;
  const root = new URL("..", script ? script.src : location.href);

  const MARKS = /[\u0300-\u036f]/g;
  function fold(text) {
    return text.normalize("NFD").replace(MARKS, "").toLowerCase()
      .replace(/[\u2018\u2019\u02bc]/g, "'").replace(/[\u201c\u201d]/g, "\"");
  }

  // The folded text, and for each folded character the index of its source character.
  function foldWithMap(text) {
    let folded = "";
    const map = [];
    for (let i = 0; i < text.length;) {
      const character = String.fromCodePoint(text.codePointAt(i));
      const piece = fold(character);
      for (let k = 0; k < piece.length; k++) map.push(i);
      folded += piece;
      i += character.length;
    }
    map.push(text.length);
    return { folded, map };
  }

  const WORD = /[\p{L}\p{N}]/u;
  function isWordCharacter(text, index) {
    if (index < 0 || index >= text.length) return false;
    const code = text.charCodeAt(index);
    if (code < 128) {
      return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
    }
    return WORD.test(text[index]);
  }

  // Where `term` starts a word in `text` (both folded), from `from`; -1 if nowhere.
  function findTerm(text, term, from) {
    let at = text.indexOf(term, from || 0);
    while (at >= 0) {
      if (!isWordCharacter(text, at - 1) || !isWordCharacter(term, 0)) return at;
      at = text.indexOf(term, at + 1);
    }
    return -1;
  }

  function parseQuery(query) {
    const terms = [];
    const pattern = /"([^"]*)"?|(\S+)/g;
    let match;
    const folded = fold(query);
    while ((match = pattern.exec(folded))) {
      const term = (match[1] !== undefined ? match[1] : match[2]).trim().replace(/\s+/g, " ");
      if (term && /[\p{L}\p{N}]/u.test(term) && !terms.includes(term)) terms.push(term);
    }
    return terms;
  }

  // --- the index, prepared once --------------------------------------------------

  const data = window.CAIRN_SEARCH;
  const tags = data ? data.tags : [];
  const tagBySlug = new Map(tags.map((tag, i) => [tag[1], i]));
  const entries = data ? data.entries.map((record, position) => {
    const lists = [];
    for (const [key] of LISTS) for (const item of record[key] || []) lists.push(item);
    return {
      record,
      position,
      year: record.d.slice(0, 4),
      title: fold(record.t),
      tags: fold((record.g || []).map((i) => tags[i][0]).join(" \u00b7 ")),
      lists: fold(lists.join(" \u00b7 ")),
      body: fold(record.b || ""),
    };
  }) : [];

  function find(query, filters) {
    const terms = parseQuery(query || "");
    const wanted = filters || {};
    const tag = wanted.tag ? tagBySlug.get(wanted.tag) : undefined;
    if (wanted.tag && tag === undefined) return { terms, results: [] };
    const mood = wanted.mood ? Number(wanted.mood) : null;
    if (!terms.length && tag === undefined && !wanted.year && mood === null) return { terms, results: [] };
    const results = [];
    for (const entry of entries) {
      const record = entry.record;
      if (tag !== undefined && !(record.g || []).includes(tag)) continue;
      if (wanted.year && entry.year !== String(wanted.year)) continue;
      if (mood !== null && record.m !== mood) continue;
      let rank = 0;
      let every = true;
      for (const term of terms) {
        if (findTerm(entry.title, term) >= 0 || findTerm(entry.tags, term) >= 0) rank = 2;
        else if (findTerm(entry.lists, term) >= 0) rank = Math.max(rank, 1);
        else if (findTerm(entry.body, term) < 0) { every = false; break; }
      }
      if (every) results.push({ entry, rank });
    }
    results.sort((a, b) => b.rank - a.rank || (a.entry.record.d < b.entry.record.d ? 1 : a.entry.record.d > b.entry.record.d ? -1 : 0) ||
      b.entry.position - a.entry.position);
    return { terms, results };
  }

  // --- drawing results -------------------------------------------------------------

  // `text` with every word-start occurrence of the terms wrapped in <mark>.
  function highlighted(text, terms) {
    const fragment = document.createDocumentFragment();
    const { folded, map } = foldWithMap(text);
    const spans = [];
    for (const term of terms) {
      for (let at = findTerm(folded, term); at >= 0; at = findTerm(folded, term, at + term.length)) {
        spans.push([map[at], map[at + term.length]]);
      }
    }
    spans.sort((a, b) => a[0] - b[0]);
    let done = 0;
    for (const [start, end] of spans) {
      if (end <= done) continue;
      const from = Math.max(start, done);
      if (from > done) fragment.append(text.slice(done, from));
      const mark = document.createElement("mark");
      mark.textContent = text.slice(from, end);
      fragment.append(mark);
      done = end;
    }
    fragment.append(text.slice(done));
    return fragment;
  }

  // A stretch of the body around its first match (or its opening, when none).
  function bodySnippet(entry, terms) {
    const text = entry.record.b || "";
    let first = -1;
    for (const term of terms) {
      const at = findTerm(entry.body, term);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    }
    if (first > 0 && entry.body.length !== text.length) {
      first = foldWithMap(text).map[first]; // folding changed lengths: find the source position
    }
    let start = Math.max(0, first - SNIPPET_BEFORE);
    let end = Math.min(text.length, Math.max(first, 0) + SNIPPET_AFTER);
    if (start > 0) start = text.indexOf(" ", start) + 1 || start;
    if (end < text.length) end = text.lastIndexOf(" ", end) > start ? text.lastIndexOf(" ", end) : end;
    return (start > 0 ? "\u2026" : "") + text.slice(start, end) + (end < text.length ? "\u2026" : "");
  }

  function snippet(entry, terms) {
    for (const [key, label] of LISTS) {
      for (const item of entry.record[key] || []) {
        const folded = fold(item);
        if (terms.some((term) => findTerm(folded, term) >= 0)) return [label, item];
      }
    }
    const text = bodySnippet(entry, terms);
    return text ? ["", text] : null;
  }

  function longDate(iso) {
    const [year, month, day] = iso.split("-").map(Number);
    const weekday = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7; // Monday first, as in the index
    return `${data.weekdays[weekday]} ${day} ${data.months[month - 1]} ${year}`;
  }

  function moodText(mood) {
    const scale = data.mood;
    const high = scale.low + scale.labels.length - 1;
    return `${mood} of ${high}: ${scale.labels[mood - scale.low]}`;
  }

  function linkPrefix() {
    const here = new URL(".", location.href).href;
    if (!here.startsWith(root.href)) return root.href;
    const depth = here.slice(root.href.length).split("/").filter(Boolean).length;
    return "../".repeat(depth);
  }

  function resultItem(result, terms, prefix) {
    const { entry } = result;
    const record = entry.record;
    const item = document.createElement("li");
    const link = document.createElement("a");
    // A folder address from file:// opens a file listing, not the page.
    link.href = prefix + record.u + (location.protocol === "file:" && record.u.endsWith("/") ? "index.html" : "");
    link.append(highlighted(record.t, terms));
    item.append(link);
    const date = longDate(record.d);
    if (date !== record.t) {
      const when = document.createElement("span");
      when.className = "when";
      when.textContent = date;
      item.append(" ", when);
    }
    if (typeof record.m === "number") {
      const mood = document.createElement("span");
      mood.className = `mood mood-${record.m - data.mood.low + 1}`;
      mood.textContent = moodText(record.m);
      item.append(" ", mood);
    }
    if (record.g && record.g.length) {
      const line = document.createElement("span");
      line.className = "count";
      line.append("Tags: ", highlighted(record.g.map((i) => tags[i][0]).join(", "), terms));
      item.append(" ", line);
    }
    const found = snippet(entry, terms);
    if (found) {
      const paragraph = document.createElement("p");
      paragraph.className = "snippet";
      if (found[0]) paragraph.append(`${found[0]}: `);
      paragraph.append(highlighted(found[1], terms));
      item.append(paragraph);
    }
    return item;
  }

  // --- the page --------------------------------------------------------------------

  function start() {
    const form = document.getElementById("search");
    const words = document.getElementById("search-words");
    const selects = { tag: "search-tag", year: "search-year", mood: "search-mood" };
    const status = document.getElementById("search-status");
    const list = document.getElementById("search-results");
    const more = document.getElementById("search-more");
    const note = document.getElementById("search-needs-script");
    if (!form || !words || !status || !list) return;
    if (note) note.hidden = true;
    if (!data) {
      status.textContent = "The search index did not load. Building the site again writes it.";
      return;
    }
    let shown = 0;
    let current = { terms: [], results: [] };
    const prefix = linkPrefix();

    function filters() {
      const chosen = {};
      for (const [name, id] of Object.entries(selects)) {
        const select = document.getElementById(id);
        if (select && select.value) chosen[name] = select.value;
      }
      return chosen;
    }

    function showMore() {
      const next = current.results.slice(shown, shown + PAGE_SIZE);
      const items = document.createDocumentFragment();
      for (const result of next) items.append(resultItem(result, current.terms, prefix));
      list.append(items);
      shown += next.length;
      if (more) {
        const left = current.results.length - shown;
        more.hidden = left <= 0;
        more.textContent = `Show ${Math.min(left, PAGE_SIZE)} more`;
      }
    }

    function describe(count, terms, chosen) {
      const parts = [];
      if (terms.length) parts.push(`for ${terms.map((t) => `\u201c${t}\u201d`).join(" and ")}`);
      if (chosen.tag) parts.push(`tagged ${tags[tagBySlug.get(chosen.tag)] ? tags[tagBySlug.get(chosen.tag)][0] : chosen.tag}`);
      if (chosen.year) parts.push(`from ${chosen.year}`);
      if (chosen.mood) parts.push(`with mood ${moodText(Number(chosen.mood))}`);
      const what = parts.join(", ");
      if (!count) return `No entries ${what}. Fewer words, or another tag, year or mood, may find some.`;
      return `${count} ${count === 1 ? "entry" : "entries"} ${what}.`;
    }

    function run() {
      const chosen = filters();
      current = find(words.value, chosen);
      list.replaceChildren();
      shown = 0;
      if (!current.terms.length && !Object.keys(chosen).length) {
        status.textContent = `Type a word to search ${entries.length} ${entries.length === 1 ? "entry" : "entries"}.`;
        if (more) more.hidden = true;
      } else {
        status.textContent = describe(current.results.length, current.terms, chosen);
        showMore();
      }
      remember(chosen);
    }

    function remember(chosen) {
      const params = new URLSearchParams();
      if (words.value.trim()) params.set("q", words.value.trim());
      for (const [name, value] of Object.entries(chosen)) params.set(name, value);
      const query = params.toString();
      try {
        history.replaceState(null, "", query ? `?${query}` : location.pathname);
      } catch (error) {
        // Some browsers refuse this for file:// pages; the search still works.
      }
    }

    const params = new URLSearchParams(location.search);
    // Words typed while the index was still on its way (a sealed one is opened first) stay.
    if (!words.value) words.value = params.get("q") || "";
    for (const [name, id] of Object.entries(selects)) {
      const select = document.getElementById(id);
      const value = params.get(name);
      if (select && value && [...select.options].some((o) => o.value === value)) select.value = value;
    }

    let timer = 0;
    words.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(run, 150);
    });
    for (const id of Object.values(selects)) {
      const select = document.getElementById(id);
      if (select) select.addEventListener("change", run);
    }
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      clearTimeout(timer);
      run();
    });
    if (more) more.addEventListener("click", () => {
      const first = shown;
      showMore();
      const link = list.children[first] && list.children[first].querySelector("a");
      if (link) link.focus();
    });
    run();
  }

  window.CairnSearch = { find: (query, filters) => find(query, filters).results.map((r) => r.entry.record) };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
