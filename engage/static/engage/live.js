// Progressive enhancement for live session pages. A websocket tells the page when the session
// has changed (a "stamp"); the page then fetches itself and swaps in the fresh live region.
// Where websockets are blocked (some school networks) the page asks every 2 seconds instead,
// and while a dropped socket reconnects it asks too. Without this file the pages work with
// their refresh links and plain forms.
const region = document.querySelector("[data-live-poll]");

const POLL_EVERY = 2000;
const RECONNECT_FIRST = 1000;
const RECONNECT_MAX = 30000;
const GIVE_UP_AFTER = 3; // sockets that never opened: websockets are blocked, keep polling

async function freshRegion() {
  const address = document.body.dataset.pageUrl || window.location.pathname;
  const response = await fetch(address, { headers: { Accept: "text/html" } });
  if (response.status === 410) window.location.reload(); // the session has ended: say so
  if (!response.ok) return null;
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  return page.querySelector("[data-live-poll]");
}

function typing() {
  // Never replace a question someone is answering; the next change after they send it will.
  const active = document.activeElement;
  return active && region.contains(active) && /^(INPUT|TEXTAREA)$/.test(active.tagName)
    && active.value;
}

// A phone's stamp is "status:question:state". While the session runs and no question is open,
// every phone shows the same words, which its page holds: put them in rather than fetch the
// page, which a whole room would otherwise do at once at every change.
const waiting = document.querySelector("template[data-live-waiting]");

function showsWaiting(stamp) {
  const [status, , state] = stamp.split(":");
  return Boolean(waiting) && status === "open" && state !== "open";
}

let latest = null; // the newest stamp heard, applied once the person stops typing
let applying = false;

async function show(stamp) {
  latest = stamp;
  if (applying || stamp === region.dataset.liveStamp) return;
  if (typing()) {
    setTimeout(() => show(latest), POLL_EVERY);
    return;
  }
  if (showsWaiting(stamp)) {
    region.innerHTML = waiting.innerHTML;
    region.dataset.liveStamp = stamp;
    hideRefreshLinks();
    return;
  }
  applying = true;
  try {
    const fresh = await freshRegion();
    if (fresh) {
      region.innerHTML = fresh.innerHTML;
      region.dataset.liveStamp = fresh.dataset.liveStamp;
      hideRefreshLinks();
    }
  } finally {
    applying = false;
  }
  if (latest !== region.dataset.liveStamp && latest !== stamp) show(latest);
}

// Polling: the fallback, and the bridge while a socket reconnects.

let polling = false;
let pollDelay = POLL_EVERY;
let pollTimer = null;

async function check() {
  pollTimer = null;
  if (!polling) return;
  try {
    const state = await fetch(region.dataset.livePoll, { headers: { Accept: "application/json" } });
    if (!state.ok) throw new Error(String(state.status));
    const { stamp } = await state.json();
    await show(stamp);
    pollDelay = POLL_EVERY;
  } catch {
    pollDelay = Math.min(pollDelay * 2, RECONNECT_MAX); // back off while the network is away
  }
  if (polling) pollTimer = setTimeout(check, pollDelay + Math.random() * 500);
}

function startPolling() {
  if (polling) return;
  polling = true;
  pollTimer = setTimeout(check, pollDelay);
}

function stopPolling() {
  polling = false;
  clearTimeout(pollTimer);
  pollTimer = null;
}

// The socket: exponential backoff with full jitter, so a room of phones that lost the same
// wifi does not reconnect all at once.

let failedOpens = 0;
let reconnectDelay = RECONNECT_FIRST;

function socketUrl() {
  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${window.location.host}${region.dataset.liveSocket}`;
}

function connect() {
  let opened = false;
  let socket;
  try {
    socket = new WebSocket(socketUrl());
  } catch {
    startPolling();
    return;
  }
  socket.addEventListener("open", () => {
    opened = true;
    failedOpens = 0;
    reconnectDelay = RECONNECT_FIRST;
    stopPolling();
    region.dataset.liveVia = "socket";
  });
  socket.addEventListener("message", (event) => {
    let message;
    try {
      message = JSON.parse(event.data);
    } catch {
      return;
    }
    if (message.type === "state") show(message.stamp);
  });
  socket.addEventListener("close", (event) => {
    region.dataset.liveVia = "poll";
    startPolling();
    if (!opened) failedOpens += 1;
    // Refused (not this session's phone or officer) or blocked: polling carries on alone.
    if (event.code === 4403 || failedOpens >= GIVE_UP_AFTER) return;
    const wait = Math.random() * reconnectDelay;
    reconnectDelay = Math.min(reconnectDelay * 2, RECONNECT_MAX);
    setTimeout(connect, wait);
  });
}

function hideRefreshLinks() {
  region.querySelectorAll("[data-live-refresh]").forEach((link) => { link.hidden = true; });
}

if (region) {
  hideRefreshLinks();
  if ("WebSocket" in window && region.dataset.liveSocket) {
    connect();
  } else {
    startPolling();
  }
}
