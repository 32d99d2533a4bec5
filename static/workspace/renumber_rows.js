"use strict";
// nested_admin numbers the rows of a sortable inline 0, 1, 2... each time they are dragged,
// added or removed (its updatePositions()); the record numbers from 1. After each change, the
// rows it numbered, chosen by its own rule (a value in a field that is not excluded), are
// numbered again from 1. A new blank row is left out unless filled in: it shows the number the
// server gives a new row at its place (the next number, plus one for each new row before it), so
// that, untouched, it is not taken for a row the officer meant to save.
//
// nested_admin also renumbers every inline when the form is sent. An inline whose rows the
// officer did not touch is sent with the numbers it was shown, so saving a page renumbers
// nothing behind the officer's back (base/admin_ordering.py does the same on the server).
(function ($) {
  const touched = new Set();
  let sending = false;

  document.addEventListener(
    "submit",
    function () {
      sending = true;
      // Only for nested_admin's handlers of this submit, which run before this timeout.
      setTimeout(function () {
        sending = false;
      }, 0);
    },
    true
  );

  function restore(group) {
    const data = $(group).data("inlineFormset");
    const field = data && data.nestedOptions && data.nestedOptions.sortableFieldName;
    if (!field) {
      return;
    }
    const own = new RegExp("^" + data.options.prefix.replace(/-/g, "\\-") + "-\\d+-" + field + "$");
    group.querySelectorAll("input.vOrderField").forEach(function (input) {
      if (own.test(input.name)) {
        input.value = input.defaultValue;
      }
    });
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
    ]);
    const ownForm = new RegExp("^" + prefix.replace(/-/g, "\\-") + "-(\\d+)$");
    const saved = Number($("#id_" + prefix + "-INITIAL_FORMS").val() || 0);
    let number = 1;
    $(group)
      .find(".djn-inline-form")
      .each(function () {
        const match = this.id.match(ownForm);
        if (!match) {
          return;
        }
        const rowPrefix = prefix + "-" + match[1] + "-";
        let order = null;
        let filled = false;
        $(this)
          .djangoFormField("*")
          .each(function () {
            const $input = $(this);
            if (!$input.is(":input[type!=radio][type!=checkbox],input:checked")) {
              return;
            }
            const name = $input.attr("name").substring(rowPrefix.length);
            if (name === field) {
              order = $input;
            }
            if ($input.val() && !excludes.includes(name)) {
              filled = true;
            }
          });
        if (order && filled) {
          order.val(number);
          number += 1;
        } else if (order && Number(match[1]) >= saved) {
          order.val(Number(order.prop("defaultValue")) + Number(match[1]) - saved);
        }
      });
  }

  $(document).on("djnesting:mutate", function (event, $inline) {
    $($inline).each(function () {
      if (!sending) {
        touched.add(this.id);
        renumber(this);
      } else if (touched.has(this.id)) {
        renumber(this);
      } else {
        restore(this);
      }
    });
  });
})(django.jQuery);
