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
// Formsets: a button data-formset-add="<prefix>" appends a copy of <template id="<prefix>-empty-form"> to the
// element id="<prefix>-forms" and counts it in the management form.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-formset-add]");
  if (!button) {
    return;
  }
  var prefix = button.getAttribute("data-formset-add");
  var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
  var template = document.getElementById(prefix + "-empty-form");
  var index = parseInt(total.value, 10);
  document.getElementById(prefix + "-forms").insertAdjacentHTML(
    "beforeend", template.innerHTML.replace(/__prefix__/g, String(index))
  );
  total.value = index + 1;
});
