// An officer typing in an admin form makes no request for a while, yet is not idle: while they
// type, the page asks the server whether they are still signed in (at most every 5 minutes),
// which keeps their session (base/accounts/sessions.py). If it has ended all the same (the page
// was left alone too long), the page says so and holds the form: they sign in again in another
// tab, and the page takes the new CSRF token that signing in gave, so what they typed is saved,
// not lost to the sign-in page.
(function () {
  "use strict";
  const script = document.currentScript;
  const form = document.querySelector("#content-main form[method='post']");
  if (!script || !form) {
    return;
  }
  const url = script.dataset.url;
  const EVERY = 5 * 60 * 1000;
  let asked = Date.now();
  let signedIn = true;

  // The question asked and not yet answered, if any: a Save made meanwhile waits for its answer.
  let pending = null;

  function ask() {
    asked = Date.now();
    const answered = fetch(url, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then((response) => response.json())
      .then((answer) => {
        signedIn = answer.signed_in;
        if (signedIn) {
          for (const input of document.querySelectorAll("input[name='csrfmiddlewaretoken']")) {
            input.value = answer.csrf_token;
          }
        }
        show(!signedIn);
        return signedIn;
      })
      .catch(() => true); // the server did not answer: let the form go as it would have
    pending = answered;
    answered.finally(() => {
      if (pending === answered) {
        pending = null;
      }
    });
    return answered;
  }

  // The warning, made the first time it is needed, so the page is as Django drew it until then.
  let warning = null;
  function show(shown) {
    if (shown && warning === null) {
      warning = document.createElement("p");
      warning.className = "errornote";
      warning.setAttribute("role", "alert");
      warning.append(script.dataset.ended + " ");
      const link = document.createElement("a");
      link.href = script.dataset.loginUrl;
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = script.dataset.signIn;
      warning.append(link);
      form.prepend(warning);
    }
    if (warning !== null) {
      // The admin's stylesheet shows every .errornote: hidden through the style.
      warning.style.display = shown ? "" : "none";
    }
  }

  form.addEventListener("input", () => {
    if (Date.now() - asked >= EVERY) {
      ask();
    }
  });
  form.addEventListener("submit", (event) => {
    if (pending === null && signedIn && Date.now() - asked < EVERY) {
      return;
    }
    // Asked while typing and not yet answered: wait for that answer. Ended when last asked, or
    // not asked for a while: ask (signed in meanwhile in another tab?). Then post, or hold.
    event.preventDefault();
    const submitter = event.submitter;
    (pending || ask()).then((again) => {
      if (again) {
        form.requestSubmit(submitter);
      } else {
        warning.scrollIntoView();
      }
    });
  });
})();
