"use strict";
// nested_admin numbers the rows of a sortable inline 0, 1, 2... each time they are dragged,
// added or removed (its updatePositions()); the record numbers from 1. After each change, the
// rows it numbered, chosen by its own rule (a value in a field that is not excluded), are
// numbered again from 1. A new blank row then shows the number the server gives it, so it is
// left out unless filled in.
(function ($) {
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
        }
      });
  }

  $(document).on("djnesting:mutate", function (event, $inline) {
    $($inline).each(function () {
      renumber(this);
    });
  });
})(django.jQuery);
