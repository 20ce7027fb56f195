// Progressive enhancement for live session pages: every 2 seconds ask whether anything has
// changed, and if so swap in the fresh page's live region. Without this file the pages work
// with their refresh links and plain forms.
const region = document.querySelector("[data-live-poll]");

async function freshRegion() {
  const response = await fetch(window.location.pathname, { headers: { Accept: "text/html" } });
  if (!response.ok) return null;
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  return page.querySelector("[data-live-poll]");
}

function typing() {
  // Never replace a question someone is answering; the next check after they send it will.
  const active = document.activeElement;
  return active && region.contains(active) && /^(INPUT|TEXTAREA)$/.test(active.tagName)
    && active.value;
}

let delay = 2000;

async function check() {
  try {
    const state = await fetch(region.dataset.livePoll, { headers: { Accept: "application/json" } });
    if (!state.ok) throw new Error(String(state.status));
    const { stamp } = await state.json();
    if (stamp !== region.dataset.liveStamp && !typing()) {
      const fresh = await freshRegion();
      if (fresh) {
        region.innerHTML = fresh.innerHTML;
        region.dataset.liveStamp = fresh.dataset.liveStamp;
      }
    }
    delay = 2000;
  } catch {
    delay = Math.min(delay * 2, 30000); // back off while the network is away
  }
  setTimeout(check, delay + Math.random() * 500);
}

if (region) {
  region.querySelectorAll("[data-live-refresh]").forEach((link) => { link.hidden = true; });
  setTimeout(check, delay);
}
