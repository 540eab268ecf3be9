"use strict";
// The lecture page's own script: no framework, no network; it works from file://.
(() => {
  const deck = JSON.parse(document.getElementById("deck").textContent);
  const beats = deck.beats, ui = deck.ui;

  // -- overview: chapter and beat lists that play a stretch of a video ---------------------------
  for (const list of document.querySelectorAll("ol.segments")) {
    const video = document.getElementById(list.dataset.video);
    const buttons = [...list.querySelectorAll("button")];
    const stops = list.dataset.stop === "1";
    const frame = 1 / (Number(list.dataset.fps) || 30);
    let stopAt = null;
    // Pause on the beat's last frame: checked on every frame shown, not on timeupdate (~4 a second).
    const watch = (now, meta) => {
      if (stopAt === null) return;
      if (meta.mediaTime >= stopAt - 1.5 * frame) {
        video.pause();
        video.currentTime = stopAt - 0.5 * frame;
        stopAt = null;
        return;
      }
      video.requestVideoFrameCallback(watch);
    };
    buttons.forEach((b) => b.addEventListener("click", () => {
      video.currentTime = Number(b.dataset.start) + 0.001;
      stopAt = stops ? Number(b.dataset.end) : null;
      video.play().catch(() => {});
      if (stopAt !== null && video.requestVideoFrameCallback) video.requestVideoFrameCallback(watch);
      mark();
    }));
    const mark = () => {
      const t = video.currentTime;
      buttons.forEach((b) => b.setAttribute("aria-current",
        String(t >= Number(b.dataset.start) && t < Number(b.dataset.end))));
    };
    video.addEventListener("timeupdate", mark);
    video.addEventListener("seeked", mark);
    video.addEventListener("timeupdate", () => {  // where frame callbacks are missing
      if (stopAt !== null && !video.requestVideoFrameCallback && video.currentTime >= stopAt) {
        video.pause(); stopAt = null;
      }
    });
  }

  // -- presenter: the whole window, one beat at a time -------------------------------------------
  const dialog = document.getElementById("presenter");
  if (!dialog || !beats.length) return;
  const stage = dialog.querySelector(".stage");
  const players = [...dialog.querySelectorAll("video.beat")];
  const caption = dialog.querySelector(".caption");
  const progress = dialog.querySelector(".progress");
  const blackout = dialog.querySelector(".blackout");
  const soundButton = dialog.querySelector(".sound");
  const captionsButton = dialog.querySelector('[data-act="captions"]');
  let current = players[0], index = 0, ticket = 0, captionsOn = true, needsSound = false, resume = false;

  for (const v of players) {
    v.track = v.addTextTrack("captions", ui.language, ui.lang);
    v.track.mode = "hidden";  // cues drive our own large caption, not the browser's small one
    v.shownCues = [];
    v.track.addEventListener("cuechange", () => { if (v === current) showCaption(); });
    v.addEventListener("loadedmetadata", place);
  }

  function showCaption() {
    const box = document.createElement("div");  // one block: the caption band itself is a flex box
    const cues = captionsOn && current.track.activeCues ? [...current.track.activeCues] : [];
    cues.forEach((cue) => cue.text.split("\n").forEach((line) => {
      if (box.childNodes.length) box.append(document.createElement("br"));
      const span = document.createElement("span");
      span.textContent = line;
      box.append(span);
    }));
    caption.replaceChildren(...(box.childNodes.length ? [box] : []));
  }

  // The caption sits in the frame's own caption band (its bottom 15 %), wherever letterboxing puts the frame.
  function place() {
    const w = stage.clientWidth, h = stage.clientHeight;
    const ratio = current.videoWidth ? current.videoWidth / current.videoHeight : 16 / 9;
    const fw = Math.min(w, h * ratio), fh = fw / ratio;
    Object.assign(caption.style, {left: `${(w - fw) / 2}px`, width: `${fw}px`, top: `${(h - fh) / 2 + fh * 0.85}px`,
      height: `${fh * 0.15}px`, fontSize: `${Math.max(16, fh * 0.055)}px`});
  }
  window.addEventListener("resize", place);

  function load(v, k) {
    if (v.dataset.beat !== String(k)) {
      v.dataset.beat = String(k);
      v.src = beats[k].clip;
      v.shownCues.forEach((c) => v.track.removeCue(c));
      v.shownCues = beats[k].cues.map(([a, b, text]) => new VTTCue(a, b, text));
      v.shownCues.forEach((c) => v.track.addCue(c));
    } else if (v.currentTime) {
      v.currentTime = 0;
    }
    return new Promise((done) => {
      if (v.readyState >= 2) done();
      else v.addEventListener("loadeddata", done, {once: true});
    });
  }

  function play(v) {
    v.muted = needsSound;
    v.play().catch((e) => {
      if (e.name !== "NotAllowedError") return;
      // Autoplay with sound refused: play silently and offer the click that starts sound.
      needsSound = true;
      soundButton.hidden = false;
      v.muted = true;
      v.play().catch(() => {});
    });
  }

  function go(k) {
    index = Math.max(0, Math.min(beats.length - 1, k));
    const mine = ++ticket;
    const next = players.find((v) => v !== current);
    show();
    return load(next, index).then(() => {
      if (mine !== ticket) return;  // a later key press won
      current.pause();
      current.classList.remove("on");
      next.classList.add("on");
      current = next;
      dialog.dataset.beat = String(index);
      place();
      showCaption();
      if (!blackout.hidden) resume = true;
      else if (!(window.nnPredict && window.nnPredict.hold(index, () => play(current)))) play(current);  // predict.js
      if (index + 1 < beats.length) load(players.find((v) => v !== current), index + 1);  // ready before asked
    });
  }

  function show() {
    const b = beats[index];
    const same = beats.filter((x) => x.scene === b.scene);
    progress.textContent = `${b.chapter_title} · ${b.title} · ` +
      ui.beat_of.replace("{n}", same.indexOf(b) + 1).replace("{total}", same.length);
  }

  function setCaptions(on) {
    captionsOn = on;
    players.forEach((v) => { v.track.mode = on ? "hidden" : "disabled"; });
    captionsButton.setAttribute("aria-pressed", String(on));
    showCaption();
  }

  function setBlack(on) {
    blackout.hidden = !on;
    if (on) { resume = !current.paused && !current.ended; current.pause(); } else if (resume) { resume = false; play(current); }
  }

  function fullscreen() {
    if (document.fullscreenElement) document.exitFullscreen();
    else document.documentElement.requestFullscreen().catch(() => {});
  }

  function startSound() {
    needsSound = false;
    soundButton.hidden = true;
    players.forEach((v) => { v.muted = false; });
  }

  const actions = {
    next: () => go(index + 1), prev: () => go(index - 1), replay: () => go(index),
    captions: () => setCaptions(!captionsOn), black: () => setBlack(blackout.hidden), fullscreen,
    leave: () => dialog.close(),
  };
  dialog.querySelectorAll("[data-act]").forEach((b) => b.addEventListener("click", actions[b.dataset.act]));
  soundButton.addEventListener("click", startSound);
  stage.addEventListener("click", () => { if (needsSound) startSound(); else actions.next(); });

  const keys = {
    ArrowRight: actions.next, " ": actions.next, PageDown: actions.next, ArrowLeft: actions.prev,
    PageUp: actions.prev, Home: () => go(0), End: () => go(beats.length - 1), f: fullscreen,
    b: actions.black, c: actions.captions, r: actions.replay,
  };
  dialog.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    // A focused button takes its own Space and Enter.
    if (e.target.closest && e.target.closest("button") && (e.key === " " || e.key === "Enter")) return;
    const chapter = /^[1-9]$/.test(e.key) ? beats.findIndex((b) => b.chapter === Number(e.key)) : -1;
    const act = keys[e.key.length === 1 ? e.key.toLowerCase() : e.key] || (chapter >= 0 && (() => go(chapter)));
    if (!act) return;
    e.preventDefault();
    if (needsSound) startSound();  // a key press is a user gesture too
    act();
  });

  dialog.addEventListener("close", () => {
    ticket++;
    players.forEach((v) => v.pause());
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
  });
  const present = (k) => { dialog.showModal(); setBlack(false); go(k); };
  document.querySelectorAll("[data-present]").forEach((b) => b.addEventListener("click",
    () => present(Number(b.dataset.present))));
  if (location.hash === "#present") present(0);  // index.html#present opens straight into the presenter
})();
