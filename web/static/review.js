// The client's review without page reloads. Every form works without this script; with it, a
// form marked data-fetch is sent with fetch and the review is redrawn from the page the server
// answers with (the page after the change, or the page with a message when it was refused).
(function () {
  "use strict";
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const lang = document.documentElement.lang;

  // Forms the client has typed in but not sent yet, by id, so that redrawing the page keeps them.
  const formKey = (form) => form.closest("[id]").id + " " + form.getAttribute("action");
  const dirty = new Map();

  document.addEventListener("input", (event) => {
    const form = event.target.form;
    if (form && form.hasAttribute("data-fetch")) {
      form.classList.add("dirty");
      dirty.set(formKey(form), form);
    }
  });

  window.addEventListener("beforeunload", (event) => {
    if (dirty.size) event.preventDefault();  // the browser asks whether to leave
  });

  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!form.hasAttribute("data-fetch")) return;
    const button = event.submitter;
    if (button && button.dataset.confirm && !window.confirm(button.dataset.confirm)) {
      event.preventDefault();
      return;
    }
    event.preventDefault();
    const body = new FormData(form, button);
    const url = (button && button.getAttribute("formaction")) || form.getAttribute("action");
    const review = document.getElementById("review");
    review.setAttribute("aria-busy", "true");
    form.querySelectorAll("button").forEach((b) => { b.disabled = true; });
    let response;
    try {
      response = await fetch(url, { method: "POST", body, headers: { "X-CSRFToken": token }, credentials: "same-origin" });
    } catch (error) {
      review.removeAttribute("aria-busy");
      form.querySelectorAll("button").forEach((b) => { b.disabled = false; });
      status("offline", true);
      return;
    }
    dirty.delete(formKey(form));
    redraw(await response.text(), response.ok, form);
  });

  // `sent` is the form just sent: when its change was refused, what it held is listed with the
  // message, as the server does when it could read it (not when the form was too large to read).
  function redraw(html, ok, sent) {
    const fresh = new DOMParser().parseFromString(html, "text/html").getElementById("review");
    const review = document.getElementById("review");
    if (!fresh) {  // not the review page (e.g. the CSRF error page): show it as it is
      document.open(); document.write(html); document.close();
      return;
    }
    const y = window.scrollY;
    // After a change that was saved, the rest of the page is as the client left it, so what
    // they typed elsewhere is put back; after a refused one, it is listed with the message.
    const pending = [...dirty.entries()];
    // What was open stays open, but for the form of a change made: it is done.
    const done = ok ? sent.closest("details") : null;
    const opened = [...review.querySelectorAll("details[open]")].filter((details) => details !== done).map(detailsKey);
    review.replaceWith(fresh);
    for (const details of fresh.querySelectorAll("details")) {
      if (opened.includes(detailsKey(details))) details.open = true;
    }
    dirty.clear();
    for (const [key, old] of pending) {
      const form = [...fresh.querySelectorAll("form[data-fetch]")].find((f) => formKey(f) === key);
      if (ok && form) {
        for (const field of old.querySelectorAll("input:not([type=hidden]), textarea, select")) {
          if (form.elements[field.name]) form.elements[field.name].value = field.value;
        }
        form.classList.add("dirty");
        const details = form.closest("details");
        if (details) details.open = true;
        dirty.set(key, form);
      } else if (!ok) {
        keepTyped(fresh, old);
      }
    }
    if (!ok) keepTyped(fresh, sent);
    window.scrollTo(0, y);
    const problem = fresh.querySelector(".notes-problem");
    if (problem) problem.scrollIntoView({ block: "center" });
    else status("saved");
  }

  // What the client opened (an item's transcript, a line's correction) is found again in the page redrawn.
  function detailsKey(details) {
    const line = details.closest(".line");
    return details.closest("[id]").id + " " + (line ? line.dataset.line + " " : "") + details.className;
  }

  function keepTyped(review, form) {
    const problem = review.querySelector(".notes-problem");
    if (!problem) return;
    const quoted = [...problem.querySelectorAll("blockquote.unsaved")].map((quote) => quote.textContent.trim());
    for (const field of form.querySelectorAll("textarea, input[name=text]")) {
      const typed = field.value.trim();
      if (!typed || quoted.includes(typed)) continue;
      const quote = document.createElement("blockquote");
      quote.className = "unsaved";
      quote.textContent = field.value;
      problem.appendChild(quote);
      quoted.push(typed);
      problem.querySelector(".unsaved-lead").hidden = false;
    }
  }

  // The words come translated from the page: data-saved and data-offline of the status note.
  function status(which, error) {
    const note = document.querySelector("#review .saved");
    if (!note) return;
    const time = new Date().toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit" });
    note.textContent = which === "saved" ? `${note.dataset.saved} ${time}` : note.dataset.offline;
    note.classList.toggle("error", !!error);
  }

  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-print]")) window.print();
  });
})();
