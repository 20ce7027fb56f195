// Progressive enhancement only: every page works without this file.
import { initAll } from "../build/govuk-frontend.min.js";

initAll();

// Quick exit: leave for a neutral site and replace this page in the history, so Back
// does not return here. Shift pressed three times in a row does the same.
function setUpQuickExit() {
  const button = document.querySelector("[data-app-exit-button]");
  if (!button) return;
  const leave = (event) => {
    if (event) event.preventDefault();
    document.body.style.visibility = "hidden";
    document.title = "Loading";
    window.location.replace(button.href);
  };
  button.addEventListener("click", leave);
  const tip = document.querySelector("[data-app-exit-tip]");
  if (tip) tip.hidden = false;
  let presses = 0;
  let timer = null;
  document.addEventListener("keyup", (event) => {
    if (event.key !== "Shift") {
      presses = 0;
      return;
    }
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(() => { presses = 0; }, 5000);
    if (presses >= 3) leave();
  });
}

// Read aloud with the browser's own speech: the question, its hint and its answers.
function setUpListen() {
  if (!("speechSynthesis" in window) || typeof SpeechSynthesisUtterance === "undefined") return;
  const lang = document.documentElement.lang || "en";
  document.querySelectorAll("[data-listen]").forEach((button) => {
    const question = document.getElementById(button.dataset.listen);
    if (!question) return;
    button.hidden = false;
    button.addEventListener("click", () => {
      const parts = [];
      question.querySelectorAll(".app-question__text, .govuk-hint:not(.govuk-character-count__message), .govuk-radios__label, .govuk-checkboxes__label")
        .forEach((node) => parts.push(node.textContent.trim()));
      window.speechSynthesis.cancel();
      const utterance = new SpeechSynthesisUtterance(parts.join(". "));
      utterance.lang = lang;
      utterance.rate = 0.9;
      window.speechSynthesis.speak(utterance);
    });
  });
}

// Survey pages: the next page comes back in the answer's own response, one round trip
// instead of two on a slow phone network. The history then gets that page's own address,
// so a refresh or Back loads the page afresh and never sends the answers again.
function setUpNextPageHere() {
  const pageUrl = document.body.dataset.pageUrl;
  if (pageUrl && window.location.pathname !== pageUrl) {
    window.history.replaceState(null, "", pageUrl);
  }
  // On submit rather than on load: live pages swap in fresh forms while they are open.
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!form.matches("form[data-next-here]") || form.elements.namedItem("next_here")) return;
    const field = document.createElement("input");
    field.type = "hidden";
    field.name = "next_here";
    field.value = "1";
    form.appendChild(field);
  });
}

setUpNextPageHere();
setUpQuickExit();
setUpListen();
