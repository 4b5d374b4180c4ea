/* The quiz page keeps the student's work (templates/student/attempt.html):
   - saves the form as the attempt's draft shortly after each change (POST .../draft, with
     the form's CSRF token), and shows "Saved" / "Not saved" in a live region;
   - warns before leaving while a change is not saved;
   - counts the answered questions and lists links to the unanswered ones;
   - asks before submitting with unanswered questions (a <dialog> that links to them);
   - when the server refuses a save (the student was signed out on another device), says why
     below the save status, with a link to sign in again in a new tab, and keeps the form from
     being sent until a save succeeds again.
   Without JavaScript the page still works: the draft is filled in by the server, and the
   "Save draft" button posts the form to the draft route. */
(function () {
  "use strict";
  var form = document.getElementById("quiz-form");
  if (!form) { return; }
  var status = document.getElementById("draft-status");
  var count = document.getElementById("answered-count");
  var list = document.getElementById("unanswered");
  var dialog = document.getElementById("confirm-submit");
  var links = list ? Array.prototype.slice.call(list.querySelectorAll("a[data-field]")) : [];
  var DELAY = 800; // ms after the last change: typing a number sends one save, not one per key
  var timer = null, inFlight = false, again = false, submitting = false;
  // The status beside the count stays short ("Not saved"), as it must fit a phone's line; what
  // the server said about a refused save goes in its own box below it. While a refusal that a
  // submit would meet too stands (e.g. signed out on another device), sending the form would
  // lose the answers, so a submit first tries to save again.
  var refused = null;
  var problem = document.getElementById("draft-problem");
  // The form as the server last confirmed it (a save succeeded, or the page came with it).
  // Unsaved means the form differs from it now: blurring a field fires "change" without a
  // new answer, and that alone must not bring back the warning after "Saved".
  var savedState = null;
  var autosaveHint = form.querySelector("[data-autosave-hint]");
  if (autosaveHint) { autosaveHint.hidden = false; }  // only true where this script runs

  function formState() {
    return new URLSearchParams(new FormData(form)).toString();
  }

  function unsaved() { return formState() !== savedState; }

  function answeredFields() {
    var answered = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !/^q\d+$/.test(el.name)) { return; }
      if ((el.type === "radio" || el.type === "checkbox") ? el.checked : el.value.trim() !== "") {
        answered[el.name] = true;
      }
    });
    return answered;
  }

  function unansweredLinks() {
    var answered = answeredFields();
    return links.filter(function (link) { return !answered[link.dataset.field]; });
  }

  // The dialog's own links, named like the progress list's ("Frage 3"): choosing one closes
  // the dialog and moves to that question's first field, where the student goes on.
  function listInDialog(open) {
    var holder = document.getElementById("confirm-submit-links");
    if (!holder) { return; }
    holder.textContent = "";
    open.forEach(function (link, index) {
      var item = document.createElement("a");
      item.href = link.getAttribute("href");
      item.textContent = link.getAttribute("aria-label");
      item.addEventListener("click", function () {
        dialog.close("cancel");
        var question = document.querySelector(link.getAttribute("href"));
        var first = question && question.querySelector("input, textarea, select");
        if (first) { window.setTimeout(function () { first.focus(); }, 0); }
      });
      if (index > 0) { holder.appendChild(document.createTextNode(" · ")); }
      holder.appendChild(item);
    });
  }

  function updateProgress() {
    var answered = answeredFields(), done = 0;
    links.forEach(function (link) {
      var isAnswered = !!answered[link.dataset.field];
      link.hidden = isAnswered;
      if (isAnswered) { done += 1; }
    });
    if (count) {
      count.textContent = form.dataset.progress.replace("{answered}", done).replace("{total}", links.length);
    }
    if (list) { list.hidden = done === links.length; }
  }

  function show(text, failed) {
    if (!status) { return; }
    status.textContent = text;
    status.classList.toggle("not-saved", !!failed);
    if (failed && problem && !problem.hidden) {  // the reason stands just below, above the questions
      var why = document.createElement("a");
      why.href = "#draft-problem";
      why.textContent = form.dataset.why;
      status.append(" – ", why);
    }
  }

  // ``join``: where to sign in again (the server's join_url and its label), opened in a new tab
  // so that this page and its answers stay.
  function showProblem(text, holdsSubmit, join) {
    refused = holdsSubmit ? text : null;
    if (!problem) { return; }
    problem.textContent = text || "";
    problem.hidden = !text;
    if (text && join && join.url) {
      var link = document.createElement("a");
      link.href = join.url;
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = join.label;
      problem.append(" ", link);
    }
  }

  // Resolves once this save (and one queued behind it) has an answer.
  function save() {
    timer = null;
    if (inFlight) { again = true; return Promise.resolve(); }
    inFlight = true;
    var body = new FormData(form), sent = new URLSearchParams(body).toString();
    show(form.dataset.saving, false);
    return fetch(form.dataset.draftUrl, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      if (response.ok) {
        savedState = sent;
        showProblem(null, false);
        if (!unsaved()) { show(form.dataset.saved, false); }
        return;
      }
      // The server says why (e.g. signed out on another device), when it can.
      return response.json().then(function (data) {
        // 404: nobody (or somebody else) is signed in here, and a submit would be refused too.
        // A 409 (submitted meanwhile elsewhere) lets the submit through to the result page.
        showProblem(data.message || null, !!data.message && response.status === 404,
                    { url: data.join_url, label: data.join_label });
        show(form.dataset.notSaved, true);
      }, function () { show(form.dataset.notSaved, true); });
    }).catch(function () {
      show(form.dataset.notSaved, true);
    }).then(function () {
      inFlight = false;
      if (again) { again = false; return save(); }
    });
  }

  function changed() {
    updateProgress();
    if (timer) { clearTimeout(timer); timer = null; }
    if (!unsaved() && !inFlight) {  // nothing new since the last save (a blur, or a change undone)
      if (status && status.classList.contains("not-saved")) { show(form.dataset.saved, false); }
      return;
    }
    timer = setTimeout(save, DELAY);
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);

  window.addEventListener("beforeunload", function (event) {
    if (!submitting && unsaved()) {
      event.preventDefault();
      event.returnValue = "";  // older browsers need a value to show their warning
    }
  });

  form.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    if (refused !== null) {  // sent now, the answers would be lost: save first, then go on
      event.preventDefault();
      save().then(function () {
        if (refused === null) {
          if (submitter) { form.requestSubmit(submitter); } else { form.requestSubmit(); }
        } else if (problem) {
          problem.focus();
        }
      });
      return;
    }
    if (submitter && submitter.hasAttribute("data-save-draft")) { submitting = true; return; }
    var open = unansweredLinks(), missing = open.length;
    if (missing === 0 || form.dataset.confirmed === "yes") { submitting = true; return; }
    event.preventDefault();
    var text = missing === 1 ? form.dataset.confirmOne : form.dataset.confirmMany.replace("{count}", missing);
    if (dialog && typeof dialog.showModal === "function") {
      document.getElementById("confirm-submit-text").textContent = text;
      listInDialog(open);
      dialog.returnValue = "";
      dialog.showModal();
    } else if (window.confirm(text)) {
      form.dataset.confirmed = "yes";
      submitting = true;
      form.submit();
    }
  });

  if (dialog) {
    Array.prototype.forEach.call(dialog.querySelectorAll("button[data-close]"), function (button) {
      button.addEventListener("click", function () { dialog.close(button.dataset.close); });
    });
    dialog.addEventListener("close", function () {
      if (dialog.returnValue === "submit") {
        form.dataset.confirmed = "yes";
        submitting = true;
        form.submit();  // submit() fires no submit event: the answers go as they are
      }
    });
  }

  savedState = formState();  // the server filled in the saved draft
  updateProgress();
})();
