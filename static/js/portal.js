// Confirmation before destructive actions: forms marked data-confirm ask once before submitting.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
// HTMX sends the CSRF token from the cookie-less meta-free setup: read it from the form's hidden input.
document.addEventListener("htmx:configRequest", function (event) {
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (token) {
    event.detail.headers["X-CSRFToken"] = token.value;
  }
});
