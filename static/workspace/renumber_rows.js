"use strict";
// nested_admin numbers the rows of a sortable inline 0, 1, 2... each time they are dragged,
// added or removed; the record numbers from 1. After each change, number the rows it numbered
// (those with something filled in beyond the order field and the defaults) 1, 2, 3...
(function ($) {
  function ownInputs(form, rowPrefix) {
    return Array.from(form.querySelectorAll("input, select, textarea")).filter(function (input) {
      return input.name.startsWith(rowPrefix) && !input.name.slice(rowPrefix.length).includes("-");
    });
  }

  function hasValue(input) {
    if (input.type === "checkbox" || input.type === "radio") {
      return input.checked;
    }
    return Boolean(input.value);
  }

  function renumber(group) {
    const data = $(group).data("inlineFormset");
    const options = data && data.nestedOptions;
    if (!options || !options.sortableFieldName) {
      return;
    }
    const prefix = data.options.prefix;
    const field = options.sortableFieldName;
    const excludes = ((options.sortableOptions || {}).sortableExcludes || []).concat([
      options.formsetFkName,
      field,
    ]);
    const ownForm = new RegExp("^" + prefix.replace(/-/g, "\\-") + "-(\\d+)$");
    let number = 1;
    group.querySelectorAll(".djn-inline-form").forEach(function (form) {
      const match = form.id.match(ownForm);
      if (!match) {
        return;
      }
      const rowPrefix = prefix + "-" + match[1] + "-";
      const inputs = ownInputs(form, rowPrefix);
      const order = inputs.find((input) => input.name === rowPrefix + field);
      const deleted = inputs.find((input) => input.name === rowPrefix + "DELETE" && input.checked);
      const filled = inputs.some(function (input) {
        const name = input.name.slice(rowPrefix.length);
        return name !== "DELETE" && !excludes.includes(name) && hasValue(input);
      });
      if (order && filled && !deleted) {
        order.value = number;
        number += 1;
      }
    });
  }

  $(document).on("djnesting:mutate", function (event, $inline) {
    $($inline).each(function () {
      renumber(this);
    });
  });
})(django.jQuery);
