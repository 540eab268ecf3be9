"use strict";
// Prediction points in the presenter: before a beat that reveals an answer, the presenter asks the
// question (in the caption band's style) and waits; → Space PageDown Enter or a click plays the reveal.
// P turns the pauses off and on. It holds a beat through the presenter's one hook
// (window.lecture.beforeBeat, see lecture.js): the presenter's own → or a click is the reveal.
(() => {
  const blob = document.getElementById("predictions");
  const dialog = document.getElementById("presenter");
  if (!blob || !dialog) return;
  const data = JSON.parse(blob.textContent);
  const stage = dialog.querySelector(".stage");
  const caption = dialog.querySelector(".caption");
  let on = data.on, waiting = null;  // waiting: the reveal to play

  const box = document.createElement("div");
  box.className = "predict";
  box.hidden = true;
  box.setAttribute("role", "dialog");
  box.setAttribute("aria-live", "assertive");
  const card = document.createElement("div");
  card.className = "predict-card";
  box.append(card);
  stage.append(box);
  const status = document.createElement("p");
  status.className = "predict-status";
  status.setAttribute("aria-live", "polite");
  dialog.append(status);

  function line(cls, text) {
    const p = document.createElement("p");
    p.className = cls;
    p.textContent = text;
    return p;
  }

  function show(point) {
    const parts = [line("predict-ask", data.ui.ask), line("predict-question", point.question)];
    if (point.choices) {
      const list = document.createElement("ol");
      list.className = "predict-choices";
      point.choices.forEach((c) => { const li = document.createElement("li"); li.textContent = c; list.append(li); });
      parts.push(list);
    } else {
      parts.push(line("predict-number", data.ui.number));
    }
    parts.push(line("predict-hint", data.ui.hint));
    card.replaceChildren(...parts);
    // the caption band's box and type size, grown upwards as far as the question needs
    const band = caption.style;
    Object.assign(card.style, {left: band.left, width: band.width, fontSize: band.fontSize,
      bottom: `${stage.clientHeight - parseFloat(band.top || "0") - parseFloat(band.height || "0")}px`});
    box.hidden = false;
    dialog.classList.add("predicting");
  }

  function hide() {
    box.hidden = true;
    dialog.classList.remove("predicting");
  }

  function reveal() {
    const done = waiting;
    waiting = null;
    hide();
    if (done) done();
  }

  // beat k is on the stage, paused on its first frame: ask its question, if it has one
  function hold(k, {proceed}) {
    reveal();
    const point = data.points[String(k)];
    if (!on || !point) return undefined;
    dialog.dataset.predicting = String(k);
    show(point);
    return new Promise((done) => { waiting = done; proceed.then(reveal); });
  }

  function say(text) {
    status.textContent = text;
    clearTimeout(say.timer);
    say.timer = setTimeout(() => { status.textContent = ""; }, 2500);  // a notice, not a result
  }

  // on the window, in the capture phase: before the presenter's own handler (the document's),
  // wherever focus is
  window.addEventListener("keydown", (e) => {
    if (!dialog.open || e.altKey || e.ctrlKey || e.metaKey || (e.key !== "p" && e.key !== "P")) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    on = !on;
    dialog.dataset.predict = on ? "on" : "off";
    say(on ? data.ui.on : data.ui.off);
    if (!on) reveal();
  }, true);
  box.addEventListener("click", (e) => { e.stopPropagation(); reveal(); });
  dialog.addEventListener("close", reveal);
  dialog.dataset.predict = on ? "on" : "off";
  const lecture = window.lecture = window.lecture || {};
  (lecture.beforeBeat = lecture.beforeBeat || []).push(hold);
})();
