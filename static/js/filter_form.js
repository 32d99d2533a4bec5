// After the browser's Back, a list's filter form must show the filters its results show. A page
// brought back from the back/forward cache keeps whatever the visitor chose and then left (or
// submitted, for the next page): set each field back to the value the server wrote in the page.
// (autocomplete="off" on the form keeps Chromium from filling the fields in again otherwise.)
window.addEventListener("pageshow", function (event) {
  if (!event.persisted) {
    return;
  }
  document.querySelectorAll("form.filters").forEach(function (form) {
    form.reset();
  });
});
