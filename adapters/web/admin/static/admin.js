// Small helpers that only add to plain HTML forms: every page works without this script.
(function () {
  "use strict";
  // A form sent twice by an impatient double click would save two revisions.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset.sent === "1") { event.preventDefault(); return; }
    form.dataset.sent = "1";
    window.setTimeout(function () { form.dataset.sent = ""; }, 4000);
  });
  // After a failed save, move focus to the list of problems so screen readers read it first.
  var errors = document.getElementById("errors");
  if (errors) { errors.focus(); }
})();
