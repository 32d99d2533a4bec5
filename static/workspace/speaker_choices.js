"use strict";
// The speaker autocomplete of an intervention lists the people of the organisation chosen in
// the same row (with its parent and children) first: the organisation is sent along with the
// search, and the server orders by it (partners.admin.PersonAdmin.get_search_results).
(function ($) {
  let openedSpeaker = null;

  $(document).on("select2:opening", "select[data-field-name='speaker']", function () {
    openedSpeaker = this;
  });

  $.ajaxPrefilter(function (options) {
    if (!openedSpeaker || typeof options.data !== "string") {
      return;
    }
    if (!options.data.includes("field_name=speaker")) {
      return;
    }
    const organisationName = openedSpeaker.name.replace(/speaker$/, "organization");
    const organisation = openedSpeaker.form.elements.namedItem(organisationName);
    if (organisation && organisation.value) {
      options.data += "&organization=" + encodeURIComponent(organisation.value);
    }
  });
})(django.jQuery);
