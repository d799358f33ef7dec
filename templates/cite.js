{# Rendered once per build (a template, not a static file) so that its words are in the interface language
   without costing a byte on any clipping page. #}
/* Citation tools for a clipping page: a Copy button, and RIS and BibTeX downloads built in the browser from
   the page's own Highwire citation_* tags (the ones Zotero reads) and its canonical link, so no page carries the same record three
   times and no clipping needs extra files. Reading needs none of this: without script the citation stays
   on the page, selected whole by one click, and reference managers still read the tags. */
(function () {
  "use strict";
  var WORDS = {{ {"copy": _("Copy"), "copy_label": _("Copy citation"), "copied": _("Copied"),
                  "copy_failed": _("Select the citation and copy it"), "download": _("Download"),
                  "ris_label": _("Download RIS"), "bibtex_label": _("Download BibTeX")}|tojson }};
{% raw %}
  var box = document.querySelector(".cite");
  var citation = box && box.querySelector(".citation");
  if (!citation || !window.Blob || !window.URL) return;

  function meta(name) {
    var tag = document.querySelector('meta[name="citation_' + name + '"]');
    return tag ? tag.content : "";
  }
  var title = meta("title"), source = meta("journal_title"), date = meta("publication_date");
  var canonical = document.querySelector('link[rel="canonical"]');
  var address = canonical ? canonical.href : location.href.split("#")[0];
  var key = location.pathname.replace(/\/+$/, "").split("/").pop().replace(/\.html$/, "") || "clipping";
  var parts = date.split("/");
  var months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

  function ris() {
    var lines = [["TY", "NEWS"], ["TI", title]];
    if (source) lines.push(["T2", source]);
    if (date) lines.push(["PY", parts[0]], ["DA", date]);
    meta("keywords").split("; ").forEach(function (k) { if (k) lines.push(["KW", k]); });
    lines.push(["LA", meta("language")], ["UR", address], ["ER", ""]);
    return lines.map(function (l) { return l[0] + "  - " + l[1] + "\r\n"; }).join("");
  }

  function bib(value) {  // BibTeX's special characters escaped, so braces always balance
    return value.replace(/[\\{}%&#_$^~]/g, function (c) {
      return c === "\\" ? "\\textbackslash{}" : c === "^" || c === "~" ? "\\" + c + "{}" : "\\" + c;
    });
  }

  function bibtex() {
    var fields = [["title", bib(title)]];
    if (source) fields.push(["journal", bib(source)]);
    if (date) fields.push(["date", parts.join("-")], ["year", parts[0]]);
    fields.push(["language", bib(meta("language"))], ["url", address]);
    var body = fields.map(function (f) { return "  " + f[0] + " = {" + f[1] + "},\n"; }).join("");
    if (date) body += "  month = " + months[parseInt(parts[1], 10) - 1] + ",\n";
    return "@article{" + key + ",\n" + body + "}\n";
  }

  function save(text, type, name) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], {type: type + ";charset=utf-8"}));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  function button(label, name, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.setAttribute("aria-label", name);
    b.addEventListener("click", action);
    return b;
  }

  var status = document.createElement("span");
  status.setAttribute("role", "status");
  var tools = document.createElement("p");
  tools.className = "tools";
  if (navigator.clipboard) {
    tools.append(button(WORDS.copy, WORDS.copy_label, function () {
      navigator.clipboard.writeText(citation.textContent.trim()).then(
        function () { status.textContent = WORDS.copied; },
        function () { status.textContent = WORDS.copy_failed; });
    }));
  }
  var label = document.createElement("span");
  label.textContent = WORDS.download;
  tools.append(
    label,
    button("RIS", WORDS.ris_label, function () { save(ris(), "application/x-research-info-systems", key + ".ris"); }),
    button("BibTeX", WORDS.bibtex_label, function () { save(bibtex(), "application/x-bibtex", key + ".bib"); }),
    status);
  citation.after(tools);
})();
{% endraw %}
