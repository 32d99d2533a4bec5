"use strict";
// The meeting workspace (templates/admin/meetings/workspace/): add a row, open a saved row for
// editing, remove a new row, tick what goes with a deleted row, drag rows into order. Each
// section (.ws-group) holds its rows (.ws-row) and says which <template> its new rows copy.
(function () {
  const PLACEHOLDER = "__prefix__";

  function management(group, name) {
    return group.querySelector(`:scope > input[name="${group.dataset.prefix}-${name}"]`);
  }

  function rowsOf(group) {
    return Array.from(group.querySelectorAll(":scope > .ws-rows > .ws-row:not([hidden])"));
  }

  function orderInput(row) {
    return row.querySelector(":scope > .ws-head .vOrderField");
  }

  // Every attribute naming the template's prefix names the new row's instead; the rows nested
  // in a new agenda item ("agenda_items-empty-interventions") become that item's.
  function renamed(node, from, to) {
    const emptyPrefix = from.replace(new RegExp("-" + PLACEHOLDER + "$"), "-empty-");
    node.querySelectorAll("*").forEach(function (element) {
      Array.from(element.attributes).forEach(function (attribute) {
        let value = attribute.value.split(from).join(to);
        value = value.split(emptyPrefix).join(to + "-");
        if (value !== attribute.value) {
          element.setAttribute(attribute.name, value);
        }
      });
    });
    return node;
  }

  function added(element) {
    // Django's autocomplete.js starts the select2 boxes of what this event names.
    element.dispatchEvent(new CustomEvent("formset:added", { bubbles: true }));
  }

  function addRow(group) {
    const template = document.querySelector(
      `template[data-template-for="${group.dataset.template}"]`
    );
    const total = management(group, "TOTAL_FORMS");
    if (!template || !total) {
      return;
    }
    const index = Number(total.value);
    const prefix = `${group.dataset.prefix}-${index}`;
    const content = renamed(
      template.content.cloneNode(true),
      template.dataset.templatePrefix,
      prefix
    );
    const row = content.querySelector(".ws-row");
    const order = row && orderInput(row);
    if (order && group.dataset.nextNumber) {
      // The number the server gives this row (meetings/admin/ordering.py): left as it is, the row
      // is not taken for one the officer changed.
      const initial = Number(management(group, "INITIAL_FORMS").value);
      order.value = order.defaultValue = Number(group.dataset.nextNumber) + index - initial;
    }
    group.querySelector(":scope > .ws-rows").appendChild(content);
    total.value = index + 1;
    added(row);
    const first = row.querySelector(".ws-fields input:not([type=hidden]), .ws-fields textarea, .ws-fields select");
    if (first) {
      first.focus();
    }
  }

  // The row's fields, asked of the server (meetings/admin/workspace_rows.py) under the row's prefix,
  // put in place of its line's marker: from then on the row is posted as an open one.
  function openRow(row, button) {
    const marker = row.querySelector(`:scope > input[name="${row.id}-COMPACT"]`);
    const pk = row.querySelector(`:scope > input[name="${row.id}-id"]`);
    const section = row.closest("[data-row-url]");
    if (!marker || !pk || !section) {
      return;
    }
    const query = new URLSearchParams({ prefix: row.id, id: pk.value });
    button.disabled = true;
    fetch(`${section.dataset.rowUrl}?${query}`, {
      credentials: "same-origin",
      headers: { Accept: "text/html" },
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.text();
      })
      .then(function (html) {
        const fields = document.createElement("div");
        fields.className = "ws-fields";
        const page = new DOMParser().parseFromString(html, "text/html");
        fields.replaceChildren(...Array.from(page.body.childNodes));
        marker.replaceWith(fields);
        button.remove();
        row.classList.add("ws-open");
        added(fields);
        const first = fields.querySelector("input:not([type=hidden]), textarea, select");
        if (first) {
          first.focus();
        }
      })
      .catch(function () {
        button.disabled = false;
        button.classList.add("ws-failed");
      });
  }

  function removeRow(row) {
    const box = row.querySelector(`input[name="${row.id}-DELETE"]`);
    if (box) {
      box.checked = true;
    }
    row.hidden = true;
  }

  // A saved row ticked for deletion ticks what is nested in it: they go with it.
  function deleteTicked(box) {
    const row = box.closest(".ws-row");
    row.classList.toggle("ws-deleted", box.checked);
    row.querySelectorAll(":scope > .ws-group .ws-row").forEach(function (child) {
      const childBox = child.querySelector(`input[name="${child.id}-DELETE"]`);
      if (childBox && childBox.type === "checkbox") {
        childBox.checked = box.checked;
        child.classList.toggle("ws-deleted", box.checked);
      }
    });
  }

  document.addEventListener("click", function (event) {
    const add = event.target.closest(".ws-add");
    if (add) {
      addRow(add.closest(".ws-group"));
      return;
    }
    const edit = event.target.closest(".ws-edit");
    if (edit) {
      openRow(edit.closest(".ws-row"), edit);
      return;
    }
    const remove = event.target.closest(".ws-remove");
    if (remove) {
      removeRow(remove.closest(".ws-row"));
    }
  });

  document.addEventListener("change", function (event) {
    const target = event.target;
    if (target.matches(".ws-delete input[type=checkbox]")) {
      deleteTicked(target);
    }
    const row = target.closest(".ws-row");
    if (row && !target.matches(".vOrderField")) {
      row.dataset.touched = "true";
    }
  });

  // Dragging a row by its handle puts it among its own section's rows; the rows are then
  // numbered 1, 2, 3... in their new order (a new row left untouched keeps its number, and is
  // not saved).
  let dragged = null;

  document.addEventListener("mousedown", function (event) {
    const handle = event.target.closest(".ws-handle");
    if (handle) {
      handle.closest(".ws-row").draggable = true;
    }
  });

  document.addEventListener("dragstart", function (event) {
    const row = event.target.closest && event.target.closest(".ws-row[draggable=true]");
    if (!row) {
      return;
    }
    dragged = row;
    row.classList.add("ws-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", row.id);
  });

  document.addEventListener("dragover", function (event) {
    if (!dragged) {
      return;
    }
    const over = event.target.closest && event.target.closest(".ws-row");
    if (!over || over === dragged || over.parentNode !== dragged.parentNode) {
      return;
    }
    event.preventDefault();
    const box = over.getBoundingClientRect();
    const after = event.clientY > box.top + box.height / 2;
    over.parentNode.insertBefore(dragged, after ? over.nextSibling : over);
  });

  document.addEventListener("dragend", function () {
    if (!dragged) {
      return;
    }
    dragged.classList.remove("ws-dragging");
    dragged.draggable = false;
    renumber(dragged.closest(".ws-group"));
    dragged = null;
  });

  function renumber(group) {
    const initial = Number(management(group, "INITIAL_FORMS").value);
    let number = 1;
    rowsOf(group).forEach(function (row) {
      const order = orderInput(row);
      const index = Number(row.id.split("-").pop());
      if (!order || (index >= initial && !row.dataset.touched)) {
        return;
      }
      order.value = number;
      number += 1;
    });
  }
})();
