// The facilitator's console: drives the recorder and shows, without reloading, the timer, the
// input level and the transcription of the step. Text from the server is only ever set with
// textContent, never parsed as HTML.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("console-data").textContent);
  const text = data.text;
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const $ = (id) => document.getElementById(id);
  const drawn = {};  // what each list shows, to redraw it only when it changes
  let status = data.status;

  function clock(seconds) {
    const s = Math.max(0, Math.floor(seconds));
    return String(Math.floor(s / 60)).padStart(2, "0") + ":" + String(s % 60).padStart(2, "0");
  }

  function element(tag, className, content) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined && content !== null) node.textContent = content;
    return node;
  }

  function showError(message) {
    $("error").hidden = !message;
    $("error").textContent = message || "";
  }

  // A write as JSON: {ok, status, answer}, the answer holding the error to show when it was refused.
  async function send(url, body) {
    try {
      const response = await fetch(url, {
        method: "POST", body: JSON.stringify(body || {}),
        headers: {"X-CSRFToken": token, "Accept": "application/json", "Content-Type": "application/json"},
      });
      const answer = await response.json().catch(() => ({error: response.status + " " + response.statusText}));
      return {ok: response.ok, status: response.status, answer};
    } catch (error) {
      return {ok: false, status: 0, answer: {error: String(error)}};
    }
  }

  async function post(url, body) {
    const {ok, answer} = await send(url, body);
    showError(ok ? null : answer.error);
    if (!ok) return null;
    if (answer.step) render(answer);
    return answer;
  }

  function renderTimer(step) {
    const share = step.timebox ? step.elapsed / step.timebox : 0;
    $("elapsed").textContent = clock(step.elapsed);
    $("timebar").style.width = Math.min(100, share * 100) + "%";
    $("timer").classList.toggle("over", share > 1);
    $("left").textContent = share > 1 ? text.over + " " + clock(step.elapsed - step.timebox)
                                      : clock(step.timebox - step.elapsed) + " " + text.left;
  }

  function renderRecording(recording, consent) {
    const mine = recording && recording.state !== "busy" && recording.step === data.step;
    const elsewhere = recording && !mine;
    const state = mine ? recording.state : (elsewhere ? "busy" : "idle");
    const label = $("rec-state");
    label.className = "rec-state " + state;
    label.textContent = "";
    if (elsewhere && recording.state !== "busy") {
      label.append(text.elsewhere + " ");
      const link = element("a", null, data.steps[recording.step] || recording.step);
      link.href = data.console_url + "?step=" + encodeURIComponent(recording.step);
      label.append(link);
    } else {
      label.textContent = text[state] || state;
    }
    $("record").hidden = mine;
    $("record").disabled = Boolean(elsewhere) || !consent;
    $("record").title = consent ? "" : text.need_consent;
    $("pause").hidden = !mine || recording.state !== "recording";
    $("resume").hidden = !mine || recording.state !== "paused";
    $("stop").hidden = !mine;
    const level = mine && recording.state === "recording" ? (recording.level + 60) / 60 : 0;
    $("meter").hidden = !mine;
    $("level").style.width = Math.max(0, Math.min(1, level)) * 100 + "%";
    $("silent").hidden = !(mine && recording.silent);
    $("level").classList.toggle("silent", Boolean(mine && recording.silent));
    if (mine && recording.error) showError(recording.error);
    if (elsewhere && recording.state === "busy") showError(recording.error);
    $("consent-box").hidden = consent;
    $("consented").hidden = !consent;
  }

  function changed(name, value) {
    const json = JSON.stringify(value);
    if (drawn[name] === json) return false;
    drawn[name] = json;
    return true;
  }

  function renderTakes(takes) {
    const list = $("takes");
    const kept = new Set();
    for (const take of takes) {
      kept.add(String(take.id));
      let row = list.querySelector('[data-take="' + take.id + '"]');
      if (!row) {
        row = element("li", "take");
        row.dataset.take = take.id;
        row.append(element("span", "info"), element("span", "progress"), element("span", "take-error"));
        list.append(row);
      }
      const name = take.name ? " · " + take.name : "";
      row.querySelector(".info").textContent = text.take + " " + take.position + name + " · " + take.clock
        + (take.recovered ? " · " + text.recovered : "");
      const state = take.state === "failed" ? text.failed_take : (text[take.state] || take.state);
      const percent = take.state === "transcribing" ? " " + Math.round(take.progress * 100) + " %" : "";
      const progress = row.querySelector(".progress");
      progress.textContent = state + percent;
      progress.className = "progress " + take.state;
      row.querySelector(".take-error").textContent = take.error || "";
      if (take.audio && !row.querySelector("audio")) {
        const audio = element("audio");
        audio.controls = true;
        audio.preload = "none";
        audio.src = take.audio;
        row.append(audio);
      }
      if (take.delete && !row.querySelector("a.delete")) {
        const remove = element("a", "delete", text.delete);
        remove.href = take.delete;  // a page that names what goes, then asks
        row.append(remove);
      }
    }
    for (const row of [...list.children]) {
      if (!kept.has(row.dataset.take)) row.remove();
    }
  }

  function renderItems(items) {
    if (!changed("items", items)) return;
    const list = $("items");
    // A "why?" the facilitator opened stays open when the list is drawn again.
    const opened = new Set([...list.querySelectorAll("details.why[open]")].map((why) => why.closest("li").dataset.item));
    list.replaceChildren(...items.map((item) => {
      const row = element("li", "item " + item.kind);
      row.dataset.item = item.id;
      row.append(element("span", "kind", text[item.kind] || item.kind), element("span", "text", item.text));
      if (item.speaker) row.append(element("span", "tag by", item.speaker));
      if (item.disguised_suggestion) row.append(element("span", "tag warn", text.disguised));
      if (item.due) row.append(element("span", "tag due", text.due + " " + item.due + (item.due_text ? " · « " + item.due_text + " »" : "")));
      if (item.at) row.append(element("span", "when", item.at));
      if (item.why && item.source === "extracted") {
        const why = element("details", "why");
        why.append(element("summary", null, text.why), element("p", "why-text", item.why));
        why.open = opened.has(String(item.id));
        row.append(why);
      }
      return row;
    }));
    $("no-items").hidden = items.length > 0;
  }

  // A transcript line: its moment plays the take from there (player.js), each word from itself when
  // Whisper's word timings are known; a corrected line is marked, with what was heard. Who said it
  // starts each turn (the lines after, same speaker, show it faintly), and a click corrects it.
  function lineRow(line, previous) {
    const row = element("div", "line" + (line.heard_text !== null ? " corrected" : ""));
    row.dataset.line = line.id;
    if (line.audio_url) {
      const play = element("a", "play when", "▶ " + line.clock);
      play.href = line.audio_url + "#t=" + line.at.toFixed(2);
      play.dataset.start = line.at.toFixed(2);
      play.dataset.end = line.until.toFixed(2);
      play.title = text.listen;
      row.append(play);
    } else if (line.audio === "deleted") {
      const when = element("span", "when no-audio", line.clock + " · " + text.audio_deleted);
      when.title = text.audio_deleted_on.replace("%(date)s", line.audio_deleted_on);
      row.append(when);
    } else {
      row.append(element("span", "when", line.clock));
    }
    const same = previous && previous.speaker === line.speaker ? " same" : "";
    const who = "speaker" + same + (line.speaker_corrected ? " chosen" : "");
    row.append(line.editable ? button(who, line.speaker || text.nobody, text.who, () => chooseSpeaker(row, line))
                             : element("span", who, line.speaker || ""));
    const words = element("span", "line-text");
    if (line.words) {
      for (const [at, word] of line.words) {
        const span = element("span", "w", word);
        span.dataset.start = at.toFixed(2);
        words.append(span);
      }
    } else {
      words.textContent = line.text;
    }
    row.append(" ", words);
    if (line.heard_text !== null) {
      const tag = element("span", "tag corrected", text.corrected);
      tag.title = text.heard.replace("%(words)s", line.heard_text);
      row.append(" ", tag);
    }
    if (line.editable) {
      row.append(button("correct-line", "✎", text.correct, () => edit(row, line)));
      if (line.heard_text !== null) row.append(button("undo-line", "↺", text.undo, () => correct(line.url + "/undo", {})));
    }
    return row;
  }

  function button(className, label, title, onClick) {
    const node = element("button", className, label);
    node.type = "button";
    node.title = title;
    node.setAttribute("aria-label", title);
    node.addEventListener("click", onClick);
    return node;
  }

  // While a line is being corrected the transcript is not redrawn under the facilitator's fingers.
  let editing = null;

  function edit(row, line) {
    editing = line.id;
    const form = element("form", "correct-form");
    const field = element("input");
    field.name = "text";
    field.value = line.text;
    field.required = true;
    field.setAttribute("aria-label", text.said);
    const save = element("button", null, text.save);
    save.type = "submit";
    form.append(field, save, button("cancel", text.cancel, text.cancel, () => done()));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      correct(line.url, {text: field.value, was: line.text, page: "console"});
    });
    row.querySelector(".line-text").replaceWith(form);
    row.querySelectorAll(".correct-line, .undo-line").forEach((node) => node.remove());
    field.focus();
  }

  function chooseSpeaker(row, line) {
    editing = line.id;
    const choice = element("select", "speaker-choice");
    choice.setAttribute("aria-label", text.who);
    const people = status.speakers;
    const names = people.includes(line.speaker) || !line.speaker ? people : [line.speaker, ...people];
    choice.append(...names.map((name) => element("option", null, name)));
    choice.value = line.speaker || "";
    choice.addEventListener("change", () => correct(line.speaker_url, {speaker: choice.value}));
    choice.addEventListener("keydown", (event) => { if (event.key === "Escape") done(); });
    row.querySelector(".speaker").replaceWith(choice);
    choice.focus();
  }

  function transcriptError(message) {
    $("transcript-error").hidden = !message;
    $("transcript-error").textContent = message || "";
  }

  // A correction made, or refused because the line changed or went meanwhile: the transcript is
  // drawn again as it is. Refused for what was typed (empty, too long): the line stays open to fix it.
  async function correct(url, body) {
    const {ok, status, answer} = await send(url, {page: "console", ...body});
    transcriptError(ok ? null : answer.error);
    if (ok || status === 404 || status === 409) done();
    return ok ? answer : null;
  }

  function done() {
    editing = null;
    delete drawn.transcript;
    refresh();
  }

  function renderTranscript(lines) {
    if (editing !== null || !changed("transcript", lines)) return;
    const box = $("transcript");
    const following = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
    const top = box.scrollTop;
    box.replaceChildren(...lines.map((line, i) => lineRow(line, lines[i - 1])));
    box.scrollTop = following ? box.scrollHeight : top;
    box.hidden = lines.length === 0;
    $("no-transcript").hidden = lines.length > 0;
  }

  // Voices nobody enrolled (S1, S2... of a take), each to name after a member of the group.
  function renderUnknownVoices(unknown, members) {
    if (!changed("unknown", [unknown, members])) return;
    const box = $("unknown-voices");
    box.hidden = unknown.length === 0 || members.length === 0;
    box.querySelector("ul").replaceChildren(...unknown.map((voice) => {
      const row = element("li", "unknown-voice");
      const choice = element("select");
      choice.setAttribute("aria-label", text.name_voice);
      for (const member of members) {
        const option = element("option", null, member.name);
        option.value = member.id;
        choice.append(option);
      }
      const said = text.unknown_voice.replace("%(take)s", voice.take).replace("%(label)s", voice.label)
        .replace("%(lines)s", voice.lines);
      row.append(element("span", null, said), " ", choice, " ", button("name-voice", text.name_voice, text.name_voice,
        async () => {
          const {ok, answer} = await send(voice.url, {member: choice.value});
          $("voices-note").hidden = false;
          $("voices-note").textContent = ok ? answer.message : answer.error;
          done();
        }));
      return row;
    }));
  }

  function renderSteps(durations) {
    for (const row of document.querySelectorAll(".steps-strip li")) {
      const spent = durations[row.dataset.step];
      if (spent === undefined) continue;
      row.querySelector(".spent").textContent = clock(spent);
      row.classList.toggle("recorded", spent > 0);
    }
  }

  function render(next) {
    status = next;
    renderTimer(status.step);
    renderRecording(status.recording, status.consent);
    renderTakes(status.step.takes);
    renderItems(status.step.items);
    renderTranscript(status.step.transcript);
    renderUnknownVoices(status.unknown_voices, status.members);
    renderSteps(status.steps);
  }

  async function refresh() {
    try {
      const response = await fetch(data.status_url, {headers: {"Accept": "application/json"}});
      if (response.ok) render(await response.json());
    } catch (error) {
      // The server restarting: keep polling, the page catches up when it answers.
    }
  }

  async function poll() {
    await refresh();
    setTimeout(poll, 500);
  }

  const device = $("device");
  const remembered = localStorage.getItem("codev-device");
  if (remembered && [...device.options].some((option) => option.value === remembered)) device.value = remembered;
  device.addEventListener("change", () => localStorage.setItem("codev-device", device.value));

  $("record").addEventListener("click", () => {
    if (!status.consent) return showError(text.need_consent);
    post($("record").dataset.url, {device: device.value});
  });
  for (const id of ["pause", "resume", "stop"]) {
    $(id).addEventListener("click", () => post($(id).dataset.url));
  }
  $("consent").addEventListener("change", async (event) => {
    if (!event.target.checked) return;
    const answer = await post(event.target.dataset.url);
    if (answer) render({...status, consent: true});
    else event.target.checked = false;
  });

  const replace = document.querySelector("#replace form");
  replace.addEventListener("submit", async (event) => {
    event.preventDefault();
    const answer = await correct(replace.action, {old: replace.elements.old.value, new: replace.elements.new.value});
    $("replace-note").hidden = !answer;
    $("replace-note").textContent = answer ? answer.message : "";
  });

  render(status);
  setTimeout(poll, 500);
})();
