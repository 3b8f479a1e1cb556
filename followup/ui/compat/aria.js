// followup.ui.compat.aria: Streamlit's own page made accessible in the user's language
// (see aria.py). The words of the language shown are put in place of the placeholder below.
(() => {
  const state = window.followupAria || (window.followupAria = {});
  state.words = __WORDS__;
  const NAMED = ["aria-label", "title", "placeholder", "data-title"];
  const TEXTS = ['[data-testid="stSkipToContent"]', '[data-testid="stFileUploaderDropzone"]',
                 '[data-testid="stTooltipContent"]', '[data-testid="stDateInputCalendar"]',
                 '[role="listbox"] [role="option"]'];

  const said = (value) => {
    const words = state.words;
    if (Object.prototype.hasOwnProperty.call(words.exact, value)) return words.exact[value];
    for (const [pattern, template] of words.patterns) {
      const found = value.match(new RegExp(pattern));
      // `{=1}`: what the pattern found is said in the page's language too when it is one of
      // the exact words (a month, a weekday in the date picker); `{1}` keeps it as found
      if (found) return template.replace(/\{(=?)(\d)\}/g, (_, say, i) => {
        const part = found[Number(i)] ?? "";
        return say && Object.prototype.hasOwnProperty.call(words.exact, part)
          ? words.exact[part] : part;
      });
    }
    return null;
  };

  // What Streamlit wrote is kept beside what we wrote instead, so a change of language
  // translates from Streamlit's English again, and a new English text is taken as new.
  // A widget's label is Markdown, and Streamlit names the widget by its source: the escapes
  // that keep workbook text from being read as Markdown (followup.i18n.plain) are read.
  const unescaped = (text) => text.replace(/\\([!-\/:-@[-`{-~])/g, "$1");

  const translated = (kept, key, value, markdown = false) => {
    const before = kept[key];
    const source = before && value === before.written ? before.source : value;
    let words = said(source.trim()) ?? source;
    if (markdown) words = unescaped(words);
    if (words === value) return null;
    kept[key] = { source, written: words };
    return words;
  };

  const rename = (el) => {
    const kept = el.followupAria || (el.followupAria = {});
    for (const attr of NAMED) {
      const value = el.getAttribute(attr);
      const words = value && translated(kept, attr, value, attr === "aria-label");
      if (words) el.setAttribute(attr, words);
    }
  };

  // Streamlit puts each section of the navigation in a div inside the list: the list is
  // made a plain container and each section a list named by its heading.
  const navigation = () => {
    for (const list of document.querySelectorAll('ul[data-testid="stSidebarNavItems"]')) {
      const sections = [...list.children].filter((child) => child.tagName === "DIV");
      if (!sections.length) continue;
      list.setAttribute("role", "none");
      sections.forEach((section, i) => {
        section.setAttribute("role", "list");
        const head = section.querySelector(':scope > [data-testid="stNavSectionHeader"]');
        if (head) {
          head.id = head.id || `nav-section-${i}`;
          section.setAttribute("aria-labelledby", head.id);
        }
      });
    }
  };

  // A chart is named by its sentence (drawn after it by followup.ui.a11y): its element is a
  // figure labelled by it, and the SVG's own text, which only repeats it, is hidden.
  const charts = () => {
    for (const sentence of document.querySelectorAll("p[data-chart][id]")) {
      const holder = document.querySelector(`.st-key-${CSS.escape(sentence.dataset.chart)}`);
      const chart = holder && holder.querySelector('[data-testid="stPlotlyChart"]');
      if (!chart) continue;
      chart.setAttribute("role", "figure");
      chart.setAttribute("aria-labelledby", sentence.id);
      sentence.setAttribute("aria-hidden", "true");
      for (const svg of chart.querySelectorAll("svg.main-svg")) {
        svg.setAttribute("aria-hidden", "true");
      }
    }
  };

  // The uploader's drop zone is named but said to be presentation (axe:
  // presentation-role-conflict): it is a group named by its label.
  const dropzones = () => {
    for (const zone of document.querySelectorAll(
      '[data-testid="stFileUploaderDropzone"][role="presentation"][aria-label]')) {
      zone.setAttribute("role", "group");
    }
  };

  const texts = () => {
    for (const box of document.querySelectorAll(TEXTS.join(","))) {
      const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const node = walker.currentNode;
        const kept = node.followupAria || (node.followupAria = {});
        const words = node.nodeValue.trim() && translated(kept, "text", node.nodeValue);
        if (words) node.nodeValue = words;
      }
    }
  };

  // The calendar's weekday initials are drawn in the browser's language (S M T W T F S in an
  // English browser): each is said as the initial of its column's weekday in the page's
  // language, that weekday read from the English name of a day in the column (a browser in
  // another language names its days in its own: its initials are left as they are).
  const WEEKDAY = /^(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday), /;
  const initials = () => {
    for (const grid of document.querySelectorAll('[data-testid="stDateInputCalendar"] table')) {
      grid.querySelectorAll("thead th").forEach((head, column) => {
        for (const row of grid.querySelectorAll("tbody tr")) {
          const day = row.children[column] && row.children[column].querySelector("[aria-label]");
          const kept = day && day.followupAria && day.followupAria["aria-label"];
          const found = (kept ? kept.source : day ? day.getAttribute("aria-label") : "")
            .match(WEEKDAY);
          if (!found) continue;
          const name = state.words.exact[found[1]] || found[1];
          const initial = name.charAt(0).toLocaleUpperCase();
          if (head.textContent !== initial) head.textContent = initial;
          break;
        }
      });
    }
  };

  state.apply = () => {
    state.queued = false;
    navigation();
    charts();
    dropzones();
    texts();
    for (const el of document.querySelectorAll(NAMED.map((a) => `[${a}]`).join(","))) {
      rename(el);
    }
    initials();
  };
  if (!state.observer) {
    state.observer = new MutationObserver(() => {
      if (!state.queued) {
        state.queued = true;
        requestAnimationFrame(() => state.apply());
      }
    });
    state.observer.observe(document.body, {
      subtree: true, childList: true, characterData: true, attributes: true,
      attributeFilter: NAMED,
    });
  }
  state.apply();
})();
