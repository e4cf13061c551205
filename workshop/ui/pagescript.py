"""A small script in every page for what Python cannot reach in Streamlit's own markup.

Streamlit 1.67 has no translations of its own: its widgets add English instructions ("Press
Enter to submit form"), upload texts, placeholders and aria labels ("Help for …") that no
Python parameter changes, and it serves every page as ``<html lang="en">``.  This script, a
``st.components.v2`` component without isolation (so it runs in the main document):

* sets ``<html lang>`` to the reader's language (WCAG 3.1.1: a screen reader reads German with
  a German voice);
* in German pages swaps each of Streamlit's English texts (``common.chrome.*`` in the catalog,
  whose "en" is Streamlit's exact text) for its German one, in text nodes and in ``aria-label``,
  ``placeholder`` and ``title`` attributes, and keeps doing it with a ``MutationObserver`` as
  Streamlit draws; switching back to English restores what it swapped;
* decodes the character references that :func:`workshop.ui.runtime.plain` puts into widget
  labels, which Streamlit copies verbatim into aria labels ("Kund&#58;innen").

Only whole texts that equal one of Streamlit's are swapped, and no text inside Markdown,
``st.html``, charts or option lists, where the app's and the participants' own texts are.

It is registered once per process and mounted once per full run by :func:`mount` (fragment runs
do not repeat it); the observer is installed once per browser tab.
"""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING

import streamlit as st

from workshop.text.catalog import CATALOG

if TYPE_CHECKING:
    from streamlit.components.v2.types import ComponentRenderer
    from streamlit.delta_generator import DeltaGenerator

NAME = "fok_pagescript"
#: The element's key: its container is hidden by the script's CSS (it draws nothing).
KEY = "fok-pagescript"
_PREFIX = "common.chrome."

_JS = r"""
const RULES = __RULES__;
const ATTRS = ["aria-label", "placeholder", "title"];
// Where the app's own and the participants' texts are: their text is never swapped (only
// Streamlit's attributes there, such as a heading's "Link to heading").
const OWN_TEXT = "[data-testid=stMarkdownContainer],[data-testid=stHtml],[role=option]," +
  "[role=listbox],textarea,script,style,code,pre,[contenteditable]";
const UPLOAD_AREA = "[data-testid=stFileUploaderDropzone]";
const ENTITY = /&#(\d+);/g;

function compile(from, to) {
  return RULES.map((rule) => {
    const names = [];
    const source = rule[from].split(/\{(\w+)\}/).map((part, i) => {
      if (i % 2) { names.push(part); return "(.+)"; }
      return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }).join("");
    return [new RegExp("^" + source + "$"), rule[to], names];
  });
}

function install() {
  const toGerman = compile(0, 1), toEnglish = compile(1, 0);
  const swapped = new WeakSet();
  const state = { lang: "de" };

  function swap(text, rules) {
    for (const [pattern, target, names] of rules) {
      const found = pattern.exec(text);
      if (!found) continue;
      let result = target;
      names.forEach((name, i) => { result = result.replace("{" + name + "}", found[i + 1]); });
      return result;
    }
    return null;
  }

  function convert(value, node) {
    const rules = state.lang === "de" ? toGerman : swapped.has(node) ? toEnglish : null;
    const text = value.trim();
    if (!rules || !text) return null;
    let result = swap(text, rules);
    // A toolbar button names its element after a colon: "Fullscreen: <the chart's alt>".
    const colon = text.indexOf(": ");
    if (result === null && colon > 0) {
      const head = swap(text.slice(0, colon), rules);
      if (head !== null) result = head + text.slice(colon);
    }
    if (result === null) return null;
    swapped.add(node);
    return value.replace(text, result);
  }

  function fixAttributes(el) {
    for (const name of ATTRS) {
      const value = el.getAttribute(name);
      if (!value) continue;
      const decoded = value.replace(ENTITY, (_, code) => String.fromCodePoint(Number(code)));
      const result = convert(decoded, el) ?? decoded;
      if (result !== value) el.setAttribute(name, result);
    }
  }

  function fixText(node) {
    const parent = node.parentElement;
    if (!parent || parent.closest("svg")) return;
    // The upload area is all Streamlit's, though it draws its button's label as Markdown.
    if (parent.closest(OWN_TEXT) && !parent.closest(UPLOAD_AREA)) return;
    const result = convert(node.data, node);
    if (result !== null && result !== node.data) node.data = result;
  }

  function sweep(root) {
    if (root.nodeType === Node.TEXT_NODE) { fixText(root); return; }
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    // A chart's marks are many and the app's own: only the chart's root gets looked at.
    if (root.parentElement && root.parentElement.closest("svg")) return;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => n.parentElement && n.parentElement.nodeName.toLowerCase() === "svg" ?
        NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
    });
    for (let node = root; node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) fixText(node);
      else fixAttributes(node);
    }
  }

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "childList") record.addedNodes.forEach(sweep);
      else if (record.type === "characterData") fixText(record.target);
      else if (record.target.nodeType === Node.ELEMENT_NODE) fixAttributes(record.target);
    }
  });
  observer.observe(document.body, {
    subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ATTRS,
  });
  return {
    setLang(lang) {
      const changed = lang !== state.lang;
      state.lang = lang;
      document.documentElement.lang = lang;
      if (changed || !state.swept) { state.swept = true; sweep(document.body); }
    },
  };
}

export default function (component) {
  const lang = component.data && component.data.lang === "en" ? "en" : "de";
  window.__fokPageScript = window.__fokPageScript || install();
  window.__fokPageScript.setLang(lang);
}
"""

_CSS = f".st-key-{KEY} {{ display: none; }}"


def chrome_rules() -> list[tuple[str, str]]:
    """Streamlit's English texts and their German, from the catalog (``common.chrome.*``)."""
    return [(entry["en"], entry["de"]) for key, entry in CATALOG.items() if key.startswith(_PREFIX)]


@functools.cache
def _component() -> ComponentRenderer:
    """The component, registered once per process (registering again would warn)."""
    js = _JS.replace("__RULES__", json.dumps(chrome_rules(), ensure_ascii=False))
    return st.components.v2.component(NAME, js=_compact(js), css=_CSS, isolate_styles=False)


def _compact(js: str) -> str:
    """The script without indentation and comment lines: every full run sends it to the page."""
    lines = (line.strip() for line in js.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//"))


def mount(lang: str, slot: DeltaGenerator | None = None) -> None:
    """Run the script in this page with the reader's language `lang` ("de" or "en").

    `slot`: an ``st.empty()`` reserved early in the run, so the element keeps its place (and is
    not remounted) whatever the page draws before the language is known.
    """
    data = {"lang": "en" if lang == "en" else "de"}
    if slot is None:
        _component()(key=KEY, data=data)
        return
    with slot:
        _component()(key=KEY, data=data)
