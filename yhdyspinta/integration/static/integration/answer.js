// Respondent form: move the focus to the error summary so that keyboard and screen-reader users land on it.
document.addEventListener("DOMContentLoaded", function () {
  var errors = document.getElementById("form-errors");
  if (errors) { errors.focus(); }
});
