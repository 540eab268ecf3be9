"use strict";
// The lecture page's own script: no framework, no network; it works from file://.
(() => {
  const deck = JSON.parse(document.getElementById("deck").textContent);
  const beats = deck.beats, ui = deck.ui;
  const fill = (text, n, total) => text.replace("{n}", n).replace("{total}", total);
  // Other scripts of the page (e.g. predict.js) hook in here; see `holdBefore` below.
  const lecture = window.lecture = window.lecture || {};
  lecture.beforeBeat = lecture.beforeBeat || [];

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

  // Overview captions sit in a band under the picture, never over it (the player's own captions
  // climb over the picture when its controls show). The player's CC menu still switches them.
  for (const band of document.querySelectorAll(".cue-band")) {
    const video = document.getElementById(band.dataset.video);
    const track = video.textTracks[0];
    if (!track) continue;
    let on = true;
    track.mode = "hidden";
    const draw = () => {
      band.textContent = on && track.activeCues ? [...track.activeCues].map((c) => c.text).join("\n") : "";
    };
    track.addEventListener("cuechange", draw);
    video.textTracks.addEventListener("change", () => {
      if (track.mode === "showing") { track.mode = "hidden"; on = true; } else if (track.mode === "disabled") on = false;
      draw();
    });
  }

  // -- presenter: the whole window, one beat at a time -------------------------------------------
  const dialog = document.getElementById("presenter");
  if (!dialog || !beats.length) return;
  const channelName = "lecture:" + location.pathname;
  if (/^#speaker/.test(location.hash)) { speakerView(); return; }
  const stage = dialog.querySelector(".stage");
  const players = [...dialog.querySelectorAll("video.beat")];
  const caption = dialog.querySelector(".caption");
  const progress = dialog.querySelector(".progress");
  const blackout = dialog.querySelector(".blackout");
  const endSlide = dialog.querySelector(".end");
  const soundButton = dialog.querySelector(".sound");
  const captionsButton = dialog.querySelector('[data-act="captions"]');
  let current = players[0], index = 0, ticket = 0, captionsOn = true, needsSound = false, resume = false;
  let release = null, started = 0, speaker = null;

  for (const v of players) {
    v.track = v.addTextTrack("captions", ui.language, ui.lang);
    v.track.mode = "hidden";  // cues drive our own large caption, not the browser's small one
    v.shownCues = [];
    v.track.addEventListener("cuechange", () => { if (v === current) showCaption(); });
    v.addEventListener("ended", () => { if (v === current) showCaption(); });
    v.addEventListener("loadedmetadata", place);
  }

  function showCaption() {
    const box = document.createElement("div");  // one block: the caption band itself is a flex box
    let cues = captionsOn && current.track.activeCues ? [...current.track.activeCues] : [];
    const last = current.shownCues[current.shownCues.length - 1];
    // the beat's last words stay up until it ends, and on its paused last frame
    if (captionsOn && !cues.length && last && current.currentTime >= last.startTime) cues = [last];
    cues.forEach((cue) => cue.text.split("\n").forEach((line) => {
      if (box.childNodes.length) box.append(document.createElement("br"));
      const span = document.createElement("span");
      span.textContent = line;
      box.append(span);
    }));
    caption.replaceChildren(...(box.childNodes.length && index < beats.length ? [box] : []));
    tell();
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
    // Ready when a frame is there. A clip already loaded and seeking back to 0 (a preload, then
    // ← → at once) drops below that without another "loadeddata": its "seeked" or "canplay" says so.
    const events = ["loadeddata", "seeked", "canplay"];
    return new Promise((done) => {
      const ready = () => {
        if (v.readyState < 2) return;
        events.forEach((name) => v.removeEventListener(name, ready));
        done();
      };
      events.forEach((name) => v.addEventListener(name, ready));
      ready();
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

  // The hook for other scripts: each function in `window.lecture.beforeBeat` is called as
  // hook(k, {beat, stage, proceed}) once beat k is on the stage, paused on its first frame, before it
  // plays. If one returns a promise, the beat waits until it settles or the presenter moves on (→,
  // a click, or any other move); `proceed` is a promise that settles then too, for the hook to clear
  // what it drew on `stage`. Resolves true when the beat may play.
  function holdBefore(k, mine) {
    const gate = new Promise((done) => { release = done; });
    const waits = lecture.beforeBeat.map((hook) => hook(k, {beat: beats[k], stage, proceed: gate}))
      .filter((w) => w && typeof w.then === "function");
    if (!waits.length) { release = null; return Promise.resolve(true); }
    const done = () => { if (mine === ticket) release = null; return mine === ticket; };
    return Promise.race([Promise.all(waits), gate]).then(done, done);
  }

  function go(k) {
    if (release) { const r = release; release = null; r(); }  // a pending hold gives way
    index = Math.max(0, Math.min(beats.length, k));  // beats.length: the end slide
    const mine = ++ticket;
    remember();
    if (index === beats.length) { end(); return Promise.resolve(); }
    endSlide.hidden = true;
    const next = players.find((v) => v !== current);
    show();
    return load(next, index).then(() => {
      if (mine !== ticket) return false;  // a later key press won
      current.pause();
      current.classList.remove("on");
      next.classList.add("on");
      current = next;
      dialog.dataset.beat = String(index);
      place();
      showCaption();
      if (index + 1 < beats.length) load(players.find((v) => v !== current), index + 1);  // ready before asked
      return holdBefore(index, mine);
    }).then((ok) => {
      if (!ok) return;
      if (!blackout.hidden) resume = true;
      else play(current);
    });
  }

  // After the last beat: a quiet end slide, not the last beat's voice again.
  function end() {
    players.forEach((v) => v.pause());
    current.classList.remove("on");
    endSlide.hidden = false;
    dialog.dataset.beat = "end";
    progress.textContent = `${ui.end} · ${fill(ui.lesson_of, beats.length, beats.length)}`;
    caption.replaceChildren();
    tell();
  }

  function show() {
    const b = beats[index];
    const same = beats.filter((x) => x.scene === b.scene);
    progress.textContent = `${b.chapter_title} · ${b.title} · ${fill(ui.beat_of, same.indexOf(b) + 1, same.length)}`
      + ` · ${fill(ui.lesson_of, index + 1, beats.length)}`;
  }

  // The position in the address (#present/57): a reload or a shared link comes back to the beat.
  function remember() {
    history.replaceState(null, "", `#present/${index + 1}`);
  }

  function setCaptions(on) {
    captionsOn = on;
    players.forEach((v) => { v.track.mode = on ? "hidden" : "disabled"; });
    captionsButton.setAttribute("aria-pressed", String(on));
    showCaption();
  }

  // Black: nothing shows, toolbar and progress included, until B again.
  function setBlack(on) {
    blackout.hidden = !on;
    dialog.classList.toggle("black", on);
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

  // -- the speaker view's link: this window drives the beats, the speaker window follows and sends keys
  const channel = "BroadcastChannel" in window ? new BroadcastChannel(channelName) : null;
  function tell() {
    const state = {lecture: "state", index, started, cue: caption.innerText, black: !blackout.hidden};
    if (speaker && !speaker.closed) speaker.postMessage(state, "*");
    else if (channel) channel.postMessage(state);
  }
  function heard(data) {
    if (!data || typeof data !== "object") return;
    if (data.lecture === "hello") tell();
    if (data.lecture === "key" && typeof data.key === "string") {
      if (!dialog.open) present(index);
      press(data.key);
    }
  }
  window.addEventListener("message", (e) => {
    // a speaker window that greets this one is its speaker (also after this window was reloaded)
    if ((!speaker || speaker.closed) && e.data && ["hello", "key"].includes(e.data.lecture) && e.source) speaker = e.source;
    if (speaker && e.source === speaker) heard(e.data);
  });
  if (channel) channel.addEventListener("message", (e) => heard(e.data));
  function openSpeaker() {
    speaker = window.open(location.href.split("#")[0] + "#speaker", "lecture-speaker", "popup,width=1100,height=720");
  }

  const actions = {
    next: () => { if (release) { const r = release; release = null; r(); } else if (index < beats.length) go(index + 1); },
    prev: () => go(index - 1), replay: () => go(Math.min(index, beats.length - 1)),
    first: () => go(0), last: () => go(beats.length - 1),
    captions: () => setCaptions(!captionsOn), black: () => setBlack(blackout.hidden), fullscreen,
    speaker: openSpeaker, leave: () => { silence(); dialog.close(); },
  };
  dialog.querySelectorAll("[data-act]").forEach((b) => b.addEventListener("click", (e) => {
    actions[b.dataset.act]();
    if (e.detail > 0) stage.focus();  // a mouse click leaves no focus on the button: keys keep driving the deck
  }));
  soundButton.addEventListener("click", () => { startSound(); stage.focus(); });
  stage.addEventListener("click", () => { if (needsSound) startSound(); else actions.next(); });

  // One table (deck.keys, from the page's builder) says which key does what; the speaker view sends its keys here.
  function press(key) {
    const act = deck.keys[key.length === 1 ? key.toLowerCase() : key];
    if (!act) return false;
    if (act === "chapter") {
      const k = beats.findIndex((b) => b.chapter === Number(key));
      if (k >= 0) go(k);
    } else {
      actions[act]();
    }
    return true;
  }
  document.addEventListener("keydown", (e) => {
    if (!dialog.open || e.altKey || e.ctrlKey || e.metaKey) return;
    // A toolbar button reached with Tab keeps its own Space and Enter.
    if (e.target.closest && e.target.closest("button") && (e.key === " " || e.key === "Enter")
        && e.target.matches(":focus-visible")) return;
    if (needsSound && deck.keys[e.key.length === 1 ? e.key.toLowerCase() : e.key]) startSound();  // a key press is a user gesture too
    if (press(e.key)) e.preventDefault();
  }, true);

  // Leaving silences everything at once: "close" arrives a task after the dialog has shut (Escape's
  // "cancel" and our own leave come before), and a blackout left on must not resume a beat.
  function silence() {
    ticket++;
    if (release) { const r = release; release = null; r(); }
    resume = false;
    players.forEach((v) => v.pause());
  }
  dialog.addEventListener("cancel", silence);
  dialog.addEventListener("close", () => {
    silence();
    setBlack(false);
    history.replaceState(null, "", location.pathname + location.search);
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
  });
  function present(k) {
    if (!dialog.open) dialog.showModal();
    started = started || Date.now();
    setBlack(false);
    return go(k);
  }
  document.querySelectorAll("[data-present]").forEach((b) => b.addEventListener("click",
    () => present(Number(b.dataset.present))));
  // index.html#present opens straight into the presenter, #present/57 at the lesson's 57th beat
  const fromAddress = () => {
    const asked = /^#present(?:\/(\d+))?$/.exec(location.hash);
    if (asked) present(asked[1] ? Number(asked[1]) - 1 : 0);
  };
  window.addEventListener("hashchange", fromAddress);  // a link to #present/N within the page
  fromAddress();

  // -- the speaker view: index.html#speaker, opened by S in the audience window ----------------------
  function speakerView() {
    const view = document.getElementById("speaker");
    document.body.classList.add("speaking");
    view.hidden = false;
    document.title = `${ui.speaker} · ${document.title}`;
    const [position, elapsed, cue, said, picture, nextTitle, status] =
      [".position", ".elapsed", ".cue", ".said", ".next img", ".next-title", ".status"].map((q) => view.querySelector(q));
    const audience = window.opener;
    const link = "BroadcastChannel" in window ? new BroadcastChannel(channelName) : null;
    let state = null;
    const send = (msg) => {
      if (audience && !audience.closed) audience.postMessage(msg, "*");
      else if (link) link.postMessage(msg);
    };
    const clock = (ms) => { const s = Math.floor(ms / 1000); return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`; };
    const tick = () => {
      elapsed.textContent = state && state.started ? clock(Date.now() - state.started) : "0:00";
      status.textContent = audience && audience.closed ? ui.no_audience : "";
    };
    function render(s) {
      state = s;
      const b = beats[s.index], after = beats[s.index + 1];
      position.textContent = b ? `${b.chapter_title} · ${b.title} · ${fill(ui.lesson_of, s.index + 1, beats.length)}`
        : `${ui.end} · ${fill(ui.lesson_of, beats.length, beats.length)}`;
      cue.textContent = s.cue;
      said.textContent = b ? b.caption : "";
      picture.hidden = !after;
      if (after) {
        picture.src = after.poster;
        picture.alt = fill(ui.beat_picture, s.index + 2, beats.length).replace("{title}", after.title);
      }
      nextTitle.textContent = after ? `${after.title}: ${after.caption}` : ui.end;
      tick();
    }
    const heardHere = (data) => { if (data && data.lecture === "state" && Number.isInteger(data.index)) render(data); };
    window.addEventListener("message", (e) => { if (e.source === audience) heardHere(e.data); });
    if (link) link.addEventListener("message", (e) => heardHere(e.data));
    view.querySelectorAll("[data-act]").forEach((b) => b.addEventListener("click",
      () => send({lecture: "key", key: b.dataset.act === "next" ? "ArrowRight" : "ArrowLeft"})));
    document.addEventListener("keydown", (e) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const act = deck.keys[e.key.length === 1 ? e.key.toLowerCase() : e.key];
      if (!act || act === "speaker" || act === "fullscreen") return;  // these belong to this window
      if (e.target.closest && e.target.closest("button") && (e.key === " " || e.key === "Enter")) return;
      e.preventDefault();
      send({lecture: "key", key: e.key});
    });
    // the clock, and a greeting each second: the audience answers with where it is (also after a reload)
    setInterval(() => { send({lecture: "hello"}); tick(); }, 1000);
    send({lecture: "hello"});
    tick();
  }
})();
