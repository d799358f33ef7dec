// Added to pages by `sitegen serve` only (never written to the output folder): reloads the page when the
// site has been rebuilt, and shows why when a rebuild failed or found problems in the content.
(() => {
  let built = null;
  let banner = null;

  function show(lines, failed) {
    if (banner) banner.remove();
    banner = null;
    if (!lines.length) return;
    banner = document.createElement("div");
    banner.setAttribute("role", "status");
    banner.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:40vh;overflow:auto;z-index:2147483647;" +
      "margin:0;padding:.75rem 1rem;font:14px/1.4 ui-monospace,monospace;white-space:pre-wrap;" +
      (failed ? "background:#7a1010;color:#fff;" : "background:#fff6d6;color:#222;border-top:2px solid #c9a200;");
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "Close";
    close.style.cssText = "float:right;margin-left:1rem";
    close.addEventListener("click", () => { banner.remove(); banner = null; });
    banner.append(close, lines.join("\n"));
    document.body.append(banner);
  }

  const events = new EventSource("/__sitegen__/events");
  events.onmessage = (message) => {
    const state = JSON.parse(message.data);
    if (built === null) built = state.build;
    if (state.build !== built) {
      location.reload();
      return;
    }
    if (state.error) {
      show(["sitegen: the last rebuild failed; this is the previous build.", state.error], true);
    } else if (state.problems.length) {
      const more = state.problem_count - state.problems.length;
      show([`sitegen: ${state.problem_count} problem(s) in the content:`, ...state.problems,
            ...(more > 0 ? [`... and ${more} more (see the terminal)`] : [])], false);
    } else {
      show([], false);
    }
  };
})();
