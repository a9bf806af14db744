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
// Rules of the award catalogue: each row shows only the parameter fields its kind uses (the map is the JSON in
// #rule-param-keys: kind -> field names); without a kind, none. Without JavaScript every field shows.
function showRuleParams(select) {
  var map = document.getElementById("rule-param-keys");
  var row = select.closest(".rule-row");
  if (!map || !row) {
    return;
  }
  var keys = JSON.parse(map.textContent)[select.value] || [];
  row.querySelectorAll("[data-rule-param]").forEach(function (box) {
    box.hidden = keys.indexOf(box.getAttribute("data-rule-param")) < 0;
  });
}
document.addEventListener("change", function (event) {
  if (event.target.matches("select[data-rule-kind]")) {
    showRuleParams(event.target);
  }
});
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-formset-add]")) {
    document.querySelectorAll("select[data-rule-kind]").forEach(showRuleParams);
  }
});
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("select[data-rule-kind]").forEach(showRuleParams);
});
